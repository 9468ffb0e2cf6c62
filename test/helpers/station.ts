import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStation, type Station, type StationOptions } from '../../electron/core/station';
import { MemorySettingsStore, type StationSettings } from '../../electron/core/settings/types';
import { systemClock } from '../../electron/core/util/clock';
import { silentLoggerFactory, type LoggerFactory } from '../../electron/core/util/log';

export interface TestStation {
  station: Station;
  dataDir: string;
  store: MemorySettingsStore;
  dispose(): Promise<void>;
}

/** A station on a fresh data folder, demo mode unless a token is given. */
export async function startTestStation(
  options: { token?: string; settings?: Partial<StationSettings>; logger?: LoggerFactory; printing?: StationOptions['printing'] } = {},
): Promise<TestStation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-test-'));
  const store = new MemorySettingsStore(options.settings ?? {}, options.token ?? null);
  const station = await createStation({
    shell: 'browser',
    version: '0.0.0-test',
    platform: process.platform,
    dataDir,
    settings: store,
    secrets: store,
    logger: options.logger ?? silentLoggerFactory,
    clock: systemClock,
    ...(options.printing ? { printing: options.printing } : {}),
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
