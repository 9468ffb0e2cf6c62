import { describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/contract';
import { EventBus } from '../../electron/core/events';
import { appHandlers, type DesktopPort } from '../../electron/core/handlers/app';
import { settingsHandlers } from '../../electron/core/handlers/settings';
import { invoke, type Handlers } from '../../electron/core/invoke';
import { MemorySettingsStore } from '../../electron/core/settings/types';
import { stubHandlers } from '../helpers/handlers';
import { recordingLogger } from '../helpers/logs';

const TOKEN = 'ff_test_QwErTy123456';

function setUp(options: { desktop?: DesktopPort | null; token?: string | null } = {}) {
  const store = new MemorySettingsStore({}, options.token ?? null);
  const events = new EventBus();
  const seen: StationEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const logs = recordingLogger(() => [store.getApiToken() ?? '']);
  const handlers: Handlers = stubHandlers({
    ...settingsHandlers({ settings: store, secrets: store, events, log: logs.factory('settings') }),
    ...appHandlers({
      version: '1.2.3',
      shell: options.desktop ? 'electron' : 'browser',
      platform: 'linux',
      dataDir: '/var/lib/station',
      settings: store,
      secrets: store,
      endpoint: () => ({ environment: 'sandbox', baseUrl: 'http://127.0.0.1:1' }),
      desktop: options.desktop ?? null,
      now: () => new Date('2026-05-01T08:00:00Z'),
    }),
  });
  const call = (channel: Parameters<typeof invoke>[1], args?: unknown) => invoke(handlers, channel, args, logs.factory('ipc'));
  return { store, seen, call, logs };
}

describe('settings:update', () => {
  it('saves a valid partial change, returns the view and tells listeners which fields changed', async () => {
    const { call, seen, store } = setUp();
    const result = await call('settings:update', { stationName: '  Dock 3 ', closeToTray: false });
    expect(result).toMatchObject({ ok: true, value: { stationName: 'Dock 3', closeToTray: false, hasApiToken: false } });
    expect(store.get().stationName).toBe('Dock 3');
    expect(seen).toEqual([{ type: 'settings:changed', payload: { fields: ['stationName', 'closeToTray'] } }]);
  });

  it('emits app:statusChanged when the environment changes, and nothing when nothing changed', async () => {
    const { call, seen } = setUp();
    await call('settings:update', { stationName: 'Packing bench' });
    expect(seen).toEqual([]);
    await call('settings:update', { environment: 'production' });
    expect(seen.map((e) => e.type)).toEqual(['settings:changed', 'app:statusChanged']);
  });

  it('refuses bad values with a message per field, and keeps what was saved', async () => {
    const { call, store } = setUp();
    const result = await call('settings:update', { stationName: '', updateUrl: 'http://updates.example.com', language: 'fr' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_ARGUMENT');
    expect(result.error.fields?.map((f) => f.field).sort()).toEqual(['language', 'stationName', 'updateUrl']);
    expect(result.error.fields?.find((f) => f.field === 'updateUrl')?.message).toMatch(/https/);
    expect(store.get().stationName).toBe('Packing bench');
  });

  it('refuses fields that are not settings, and print profiles (they have their own entries)', async () => {
    const { call } = setUp();
    expect(await call('settings:update', { apiToken: TOKEN })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await call('settings:update', { printProfiles: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('checks combinations: a custom environment needs its address, auto-update needs a feed', async () => {
    const { call, store } = setUp();
    expect(await call('settings:update', { environment: 'custom' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', fields: [{ field: 'customBaseUrl' }] },
    });
    expect(await call('settings:update', { autoUpdate: true })).toMatchObject({ ok: false, error: { fields: [{ field: 'updateUrl' }] } });
    expect(store.get().environment).toBe('sandbox');
    expect(await call('settings:update', { environment: 'custom', customBaseUrl: 'https://api.example-partner.com' })).toMatchObject({
      ok: true,
    });
  });
});

describe('settings:setApiToken', () => {
  it('stores the token but never returns or logs it', async () => {
    const { call, store, logs, seen } = setUp();
    const result = await call('settings:setApiToken', { token: ` ${TOKEN} ` });
    expect(result).toMatchObject({ ok: true, value: { hasApiToken: true } });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(store.getApiToken()).toBe(TOKEN);
    expect(JSON.stringify(logs.records)).not.toContain(TOKEN);
    expect(seen.map((e) => e.type)).toEqual(['app:statusChanged']);
    expect(await call('settings:setApiToken', { token: null })).toMatchObject({
      ok: true,
      value: { hasApiToken: false, tokenProtection: 'none' },
    });
  });

  it('refuses something that is not a token, saying what to paste', async () => {
    const { call, store } = setUp();
    const result = await call('settings:setApiToken', { token: 'Bearer abc def' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(JSON.stringify(result)).toMatch(/Paste only the token/);
    expect(store.getApiToken()).toBeNull();
  });
});

describe('settings:setFlashAmericasCredentials', () => {
  const FA_KEY = 'live_fa_Handler_5tG8';

  it('stores the key write-only: the view says it is set, nothing returns or logs it, null removes it', async () => {
    const { call, store, logs } = setUp();
    const result = await call('settings:setFlashAmericasCredentials', { apiKey: ` ${FA_KEY} ` });
    expect(result).toMatchObject({ ok: true, value: { hasFlashAmericasKey: true, hasFlashAmericasWebhookSecret: false } });
    expect(store.getFlashAmericasKey()).toBe(FA_KEY);
    expect(JSON.stringify(result)).not.toContain(FA_KEY);
    expect(JSON.stringify(logs.records)).not.toContain(FA_KEY);
    expect(logs.records.some((r) => r.message === 'Flash Americas credentials changed')).toBe(true);
    expect(await call('settings:setFlashAmericasCredentials', { apiKey: null })).toMatchObject({
      ok: true,
      value: { hasFlashAmericasKey: false },
    });
  });

  it('refuses a value that is not a credential, or a call with neither, and keeps what was saved', async () => {
    const { call, store } = setUp();
    await call('settings:setFlashAmericasCredentials', { apiKey: FA_KEY });
    const spaced = await call('settings:setFlashAmericasCredentials', { apiKey: 'live key with spaces' });
    expect(spaced).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(JSON.stringify(spaced)).toMatch(/Paste only the value itself/);
    expect(await call('settings:setFlashAmericasCredentials', {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(store.getFlashAmericasKey()).toBe(FA_KEY);
  });
});

describe('logs folder and diagnostics', () => {
  const desktop = (copied: string[]): DesktopPort => ({
    logsFolder: () => '/home/packer/.config/Shipping Station/logs',
    openFolder: async () => true,
    copyText: (t) => copied.push(t),
    runtime: () => ({ electron: '45.4.1' }),
  });

  it('opens the logs folder in the desktop app; browser mode explains where its log is', async () => {
    expect(await setUp({ desktop: desktop([]) }).call('app:openLogsFolder')).toEqual({
      ok: true,
      value: { path: '/home/packer/.config/Shipping Station/logs', opened: true },
    });
    expect(await setUp().call('app:openLogsFolder')).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/terminal/) },
    });
  });

  it('copies diagnostics that describe the station without the token', async () => {
    const copied: string[] = [];
    const { call } = setUp({ desktop: desktop(copied), token: TOKEN });
    const result = await call('app:copyDiagnostics');
    expect(result).toMatchObject({ ok: true, value: { copied: true } });
    expect(copied).toHaveLength(1);
    const text = copied[0]!;
    expect(text).toContain('Version: 1.2.3 (electron, linux)');
    expect(text).toContain('Runtime electron: 45.4.1');
    expect(text).toMatch(/API token: set, /);
    expect(text).toContain('Logs folder: /home/packer/.config/Shipping Station/logs');
    expect(text).not.toContain(TOKEN);
  });

  it('returns the text in browser mode for the page to copy', async () => {
    const result = await setUp().call('app:copyDiagnostics');
    expect(result).toMatchObject({ ok: true, value: { copied: false, text: expect.stringContaining('terminal output (browser mode)') } });
  });
});
