import type { StationApi, StationEvent } from '../../shared/contract';
import { ok } from '../../shared/result';
import type { AppStatus } from '../../shared/domain/app';

/**
 * A StationApi for component tests: every method answers from `overrides` or
 * a neutral default, and `push` delivers events as the main process would.
 */
export function fakeStation(overrides: Partial<StationApi> = {}, status: Partial<AppStatus> = {}) {
  const listeners = new Set<(e: StationEvent) => void>();
  const api: StationApi = {
    appStatus: async () =>
      ok({
        version: '1.0.0',
        shell: 'browser',
        environment: 'sandbox',
        demo: true,
        apiBaseUrl: 'http://127.0.0.1:1',
        platform: 'linux',
        ...status,
      }),
    settingsGet: async () =>
      ok({ environment: 'sandbox', customBaseUrl: null, hasApiToken: false, stationName: 'Bench 7', language: null, autoPrint: true }),
    shipmentsList: async (q) => ok({ items: [], total: 0, offset: q?.offset ?? 0 }),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    ...overrides,
  };
  return { api, push: (e: StationEvent) => listeners.forEach((l) => l(e)), listenerCount: () => listeners.size };
}
