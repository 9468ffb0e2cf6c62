import type { IpcMain } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, methodName, type StationApi } from '../../shared/contract';
import type { Handlers } from '../../electron/core/invoke';
import { isTrustedSender, registerHandlers } from '../../electron/main/ipc';
import { recordingLogger } from '../helpers/logs';
import { SAMPLE_SETTINGS_VIEW, stubHandlers } from '../helpers/handlers';

// The preload is loaded with `electron` mocked: we capture what it exposes.
const exposed: Record<string, unknown> = {};
const invokeCalls: Array<[string, unknown]> = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (channel: string, args: unknown) => {
      invokeCalls.push([channel, args]);
      return { ok: true, value: null };
    },
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}));

const handlers: Handlers = stubHandlers({
  'app:status': async () => ({
    version: '1',
    shell: 'electron',
    environment: 'sandbox',
    demo: true,
    apiBaseUrl: 'http://127.0.0.1:9',
    platform: 'linux',
  }),
  'settings:get': async () => ({ ...SAMPLE_SETTINGS_VIEW, stationName: 'B' }),
  'shipments:list': async (q) => ({ items: [], total: 0, offset: q.offset }),
});

type Listener = (event: never, args: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const registered = new Map<string, Listener>();
  const handle = (channel: string, listener: Listener): void => void registered.set(channel, listener);
  return { registered, handle: handle as unknown as Pick<IpcMain, 'handle'>['handle'] };
}

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as never;

describe('preload bridge', () => {
  beforeEach(() => {
    invokeCalls.length = 0;
  });

  it('exposes exactly one method per contract entry plus subscribe, and each calls its own channel', async () => {
    await import('../../electron/preload/index');
    const api = exposed.station as StationApi & Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...CHANNELS.map((c) => methodName(c)), 'subscribe'].sort());
    for (const channel of CHANNELS) await (api[methodName(channel)] as (a: unknown) => Promise<unknown>)({ probe: channel });
    expect(invokeCalls.map(([c]) => c)).toEqual([...CHANNELS]);
  });
});

describe('handle(): every IPC call checks its sender and its arguments', () => {
  it('registers every contract channel', () => {
    const ipc = fakeIpcMain();
    registerHandlers(ipc, handlers, ['app://station'], recordingLogger().factory('ipc'));
    expect([...ipc.registered.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('answers our own page', async () => {
    const ipc = fakeIpcMain();
    registerHandlers(ipc, handlers, ['app://station'], recordingLogger().factory('ipc'));
    const result = await ipc.registered.get('shipments:list')!(frame('app://station/index.html'), {});
    expect(result).toEqual({ ok: true, value: { items: [], total: 0, offset: 0 } });
  });

  it('refuses a foreign origin and an embedded frame, and logs the refusal', async () => {
    const ipc = fakeIpcMain();
    const { factory, records } = recordingLogger();
    registerHandlers(ipc, handlers, ['app://station'], factory('ipc'));
    const call = ipc.registered.get('settings:get')!;
    expect(await call(frame('https://evil.example/'), undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(frame('app://station/preview.html', { url: 'app://station/' }), undefined)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call({ senderFrame: null } as never, undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(records.filter((r) => r.level === 'warn')).toHaveLength(3);
  });

  it('refuses bad arguments through the same wrapper', async () => {
    const ipc = fakeIpcMain();
    registerHandlers(ipc, handlers, ['app://station'], recordingLogger().factory('ipc'));
    const result = await ipc.registered.get('shipments:list')!(frame('app://station/index.html'), { limit: -1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('trusts origins, not prefixes', () => {
    expect(isTrustedSender('app://station/index.html', ['app://station'])).toBe(true);
    expect(isTrustedSender('app://station.evil/index.html', ['app://station'])).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', ['app://station'])).toBe(false);
    expect(isTrustedSender('not a url', ['app://station'])).toBe(false);
    expect(isTrustedSender(undefined, ['app://station'])).toBe(false);
  });
});
