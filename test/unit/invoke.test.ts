import { describe, expect, it } from 'vitest';
import { invoke, type Handlers } from '../../electron/core/invoke';
import { StationFailure } from '../../shared/result';
import { recordingLogger } from '../helpers/logs';
import { SAMPLE_SETTINGS_VIEW, stubHandlers } from '../helpers/handlers';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return stubHandlers({
    'app:status': async () => ({
      version: '1.0.0',
      shell: 'browser',
      environment: 'sandbox',
      demo: true,
      apiBaseUrl: 'http://127.0.0.1:1',
      platform: 'linux',
    }),
    'settings:get': async () => ({ ...SAMPLE_SETTINGS_VIEW }),
    'shipments:list': async (q) => ({ items: [], total: 0, offset: q.offset }),
    ...overrides,
  });
}

describe('invoke: the one entry point for every contract call', () => {
  it('answers a valid call with ok and the value, defaults filled in', async () => {
    const { factory } = recordingLogger();
    const seen: unknown[] = [];
    const h = handlers({
      'shipments:list': async (q) => {
        seen.push(q);
        return { items: [], total: 0, offset: q.offset };
      },
    });
    const result = await invoke(h, 'shipments:list', { search: ' ABC ' }, factory('t'));
    expect(result).toEqual({ ok: true, value: { items: [], total: 0, offset: 0 } });
    expect(seen).toEqual([{ search: 'ABC', sort: 'activity_desc', offset: 0, limit: 100 }]);
  });

  it('refuses an unknown channel without calling anything', async () => {
    const result = await invoke(handlers(), 'labels:deleteEverything', {}, recordingLogger().factory('t'));
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('refuses malformed arguments, naming the field', async () => {
    let called = false;
    const h = handlers({
      'shipments:list': async () => {
        called = true;
        return { items: [], total: 0, offset: 0 };
      },
    });
    const result = await invoke(h, 'shipments:list', { limit: 10_000, extra: 1 }, recordingLogger().factory('t'));
    expect(called).toBe(false);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_ARGUMENT');
    expect(result.error.fields?.map((f) => f.field)).toContain('limit');
    expect(result.error.message).toMatch(/limit/);
  });

  it('passes a StationFailure through as its code and message', async () => {
    const h = handlers({
      'shipments:list': async () => {
        throw new StationFailure('NOT_FOUND', 'No such shipment: 42');
      },
    });
    expect(await invoke(h, 'shipments:list', {}, recordingLogger().factory('t'))).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such shipment: 42' },
    });
  });

  it('turns a crash into INTERNAL, logs it with context, and leaks no detail to the caller', async () => {
    const { factory, records } = recordingLogger();
    const h = handlers({
      'app:status': async () => {
        throw new Error('db path /secret/place is locked');
      },
    });
    const result = await invoke(h, 'app:status', undefined, factory('t'));
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('/secret/place');
    expect(records.some((r) => r.level === 'error' && JSON.stringify(r.context).includes('app:status'))).toBe(true);
  });

  it('refuses to return a value outside the contract', async () => {
    const h = handlers({ 'app:status': async () => ({ version: 1 }) as never });
    expect(await invoke(h, 'app:status', undefined, recordingLogger().factory('t'))).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});
