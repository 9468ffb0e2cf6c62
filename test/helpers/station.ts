import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStation, type Station, type StationOptions } from '../../electron/core/station';
import { MemorySettingsStore, type StationSettings } from '../../electron/core/settings/types';
import { systemClock, type Clock } from '../../electron/core/util/clock';
import { silentLoggerFactory, type LoggerFactory } from '../../electron/core/util/log';

export interface TestStation {
  station: Station;
  dataDir: string;
  store: MemorySettingsStore;
  dispose(): Promise<void>;
}

export interface TestStationOptions {
  token?: string;
  settings?: Partial<StationSettings>;
  /** A store of the test's own (e.g. with Flash Americas secrets); `token` and `settings` are then ignored. */
  store?: MemorySettingsStore;
  logger?: LoggerFactory;
  clock?: Clock;
  printing?: StationOptions['printing'];
  flashAmericasWebhook?: StationOptions['flashAmericasWebhook'];
}

/** A station on a fresh data folder, demo mode unless a token is given. */
export async function startTestStation(options: TestStationOptions = {}): Promise<TestStation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-test-'));
  const store = options.store ?? new MemorySettingsStore(options.settings ?? {}, options.token ?? null);
  const station = await createStation({
    shell: 'browser',
    version: '0.0.0-test',
    platform: process.platform,
    dataDir,
    settings: store,
    secrets: store,
    logger: options.logger ?? silentLoggerFactory,
    clock: options.clock ?? systemClock,
    ...(options.printing ? { printing: options.printing } : {}),
    ...(options.flashAmericasWebhook ? { flashAmericasWebhook: options.flashAmericasWebhook } : {}),
  });
  return {
    station,
    dataDir,
    store,
    async dispose() {
      await station.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
