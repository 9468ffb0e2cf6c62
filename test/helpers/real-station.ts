/**
 * A real station (core on its own SQLite file, demo mode with the embedded
 * sandbox) behind the renderer's StationApi, for screens whose behaviour is
 * the station's: what they send is validated, stored and read back as in the
 * app, without HTTP in between.
 */
import { CHANNELS, methodName, type StationApi } from '../../shared/contract';
import { invoke } from '../../electron/core/invoke';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { startTestStation, type TestStation } from './station';

export async function startRealStation(): Promise<{ api: StationApi; test: TestStation }> {
  const test = await startTestStation();
  const methods: Record<string, unknown> = {};
  for (const channel of CHANNELS)
    methods[methodName(channel)] = (args?: unknown) => invoke(test.station.handlers, channel, args, silentLoggerFactory('renderer-test'));
  methods.subscribe = () => () => {};
  return { api: methods as StationApi, test };
}
