/**
 * Costs the desktop shell adds on hot paths: a log line through our
 * redaction and electron-log's file transport (vs electron-log writing the
 * same line unredacted), and settings start-up (read, migrate, validate every
 * field) and a saved change (atomic write) vs a bare readFile + JSON.parse /
 * writeFile of the same document.
 */
import nodeLog from 'electron-log/node';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MainLogger } from 'electron-log';
import { JsonFileSettingsBackend } from '../../electron/core/settings/file-store';
import { PersistentSettingsStore } from '../../electron/core/settings/persistent-store';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { setUpLogging } from '../../electron/main/logging';
import { median, timeRuns, withBaseline, type Bench, type BenchFigure } from './harness';

const LOG_LINES = 2_000;
const SETTINGS_RUNS = 200;
const TOKEN = 'ff_live_bench_token_0123456789';
const V1_DOCUMENT = { environment: 'production', customBaseUrl: null, stationName: 'Dock 4', language: 'en', autoPrint: true };

function fileLogger(dir: string, name: string): MainLogger {
  const log = (nodeLog as unknown as MainLogger).create({ logId: `bench-${name}` }) as MainLogger;
  log.transports.file.resolvePathFn = () => join(dir, `${name}.log`);
  log.transports.console.level = false;
  return log;
}

const bench: Bench = {
  title: 'Desktop shell: logging and settings',
  async run(): Promise<BenchFigure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'shell-bench-'));
    try {
      const context = { shipmentId: 'S-1', headers: { Authorization: `Bearer ${TOKEN}` }, url: 'https://api.flexforward.com/labels' };
      const ours = fileLogger(dir, 'ours');
      const logging = setUpLogging(ours, () => [TOKEN]);
      ours.transports.console.level = false;
      const redacted = logging.logger('labels');
      const raw = fileLogger(dir, 'raw');
      const perLine = async (write: () => void): Promise<number> =>
        (median(
          await timeRuns(5, () => {
            for (let i = 0; i < LOG_LINES; i += 1) write();
          }),
        ) *
          1000) /
        LOG_LINES;
      const rawUs = await perLine(() => raw.info('label created', context));
      const oursUs = await perLine(() => redacted.info('label created', context));
      if (readFileSync(join(dir, 'ours.log'), 'utf8').includes(TOKEN)) throw new Error('the bench log holds the token');

      const file = join(dir, 'settings.json');
      const bareRead = median(
        await timeRuns(SETTINGS_RUNS, () => {
          writeFileSync(file, JSON.stringify(V1_DOCUMENT));
          return JSON.parse(readFileSync(file, 'utf8')) as unknown;
        }),
      );
      const load = median(
        await timeRuns(SETTINGS_RUNS, () => {
          writeFileSync(file, JSON.stringify(V1_DOCUMENT));
          return new PersistentSettingsStore(new JsonFileSettingsBackend(file), silentLoggerFactory('bench'));
        }),
      );
      const store = new PersistentSettingsStore(new JsonFileSettingsBackend(file), silentLoggerFactory('bench'));
      let n = 0;
      const bareWrite = median(
        await timeRuns(SETTINGS_RUNS, () => writeFileSync(join(dir, 'bare.json'), JSON.stringify({ ...store.get(), n: (n += 1) }))),
      );
      const save = median(await timeRuns(SETTINGS_RUNS, () => store.update({ stationName: `Dock ${(n += 1)}` })));
      return [
        withBaseline('log line, redacted, to file (median)', oursUs, rawUs, 'µs', 'unredacted electron-log line; ≤ 3×'),
        withBaseline(
          'settings start-up: read v1, migrate, validate (median)',
          load,
          bareRead,
          'ms',
          'write+read+JSON.parse of the same file; ≤ 2×',
        ),
        withBaseline('settings change saved atomically (median)', save, bareWrite, 'ms', 'plain writeFile; ≤ 3×'),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
