/**
 * Where the station sends its Flex Forward calls: the in-process sandbox in
 * demo mode, the configured environment with a token, and the switch between.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_BASE_URLS } from '../../electron/core/environment';
import { invoke } from '../../electron/core/invoke';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { startSandbox } from '../../electron/sandbox/server';
import { sampleLabelInput } from '../helpers/flexforward';
import { startTestStation, type TestStation } from '../helpers/station';

let t: TestStation | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

describe('station endpoint', () => {
  it('with a token and production settings, talks to production and runs no sandbox', async () => {
    t = await startTestStation({ token: 'live-token', settings: { environment: 'production' } });
    expect(t.station.endpoint()).toEqual({ environment: 'production', baseUrl: API_BASE_URLS.production });
    expect(t.station.sandbox()).toBeNull();
  });

  it('starts the sandbox when the token is removed, and points the client at it', async () => {
    t = await startTestStation({ token: 'live-token', settings: { environment: 'production' } });
    const statusChanges: string[] = [];
    t.station.events.subscribe((e) => statusChanges.push(e.type));
    const removed = await invoke(t.station.handlers, 'settings:setApiToken', { token: null }, silentLoggerFactory('t'));
    expect(removed.ok).toBe(true);
    await vi.waitFor(() => expect(t!.station.sandbox()).not.toBeNull());
    const sandbox = t.station.sandbox()!;
    expect(t.station.endpoint()).toEqual({ environment: 'sandbox', baseUrl: sandbox.url });
    const couriers = await invoke(t.station.handlers, 'catalog:couriers', undefined, silentLoggerFactory('t'));
    expect(couriers).toEqual({ ok: true, value: [{ code: 'yunexpress', name: 'YunExpress' }] });
    // The demo token went to the sandbox; the stored live token never did.
    expect(sandbox.requests().map((r) => r.token)).toEqual(['sandbox-demo-token']);
    await vi.waitFor(() => expect(statusChanges.filter((s) => s === 'app:statusChanged').length).toBeGreaterThanOrEqual(2));
  });

  it('carries an API refusal through the contract as a code and a message a packer can act on', async () => {
    const elsewhere = await startSandbox({ tokens: ['some-other-token'] });
    try {
      t = await startTestStation({ token: 'live-token', settings: { environment: 'custom', customBaseUrl: elsewhere.url } });
      const result = await invoke(t.station.handlers, 'catalog:products', {}, silentLoggerFactory('t'));
      expect(result).toEqual({
        ok: false,
        error: { code: 'UNAUTHORIZED', message: 'The Flex Forward API refused the API token. Check the token in Settings.' },
      });
      expect(elsewhere.requests().map((r) => [r.path, r.status])).toEqual([['/couriers', 401]]);
    } finally {
      await elsewhere.stop();
    }
  });

  it('fetches label documents from a local-network host only once an admin lists it in Settings', async () => {
    const elsewhere = await startSandbox({ tokens: ['live-token'] });
    try {
      t = await startTestStation({
        token: 'live-token',
        settings: { environment: 'custom', customBaseUrl: elsewhere.url, autoPrint: false },
      });
      const call = (channel: string, args?: unknown) => invoke(t!.station.handlers, channel, args, silentLoggerFactory('t'));
      const created = await call('labels:create', sampleLabelInput({ orderNumber: 'LAN-1' }));
      expect(created).toMatchObject({
        ok: true,
        value: { state: 'created', error: { code: 'DOCUMENT', message: expect.stringMatching(/local or private network.*Settings/) } },
      });
      expect(elsewhere.requests().filter((r) => r.router === 'documents')).toEqual([]);
      const id = created.ok ? (created.value as { shipmentId: string }).shipmentId : '';

      const host = new URL(elsewhere.url).host;
      // (Through the store: this test's custom address is plain-http loopback, which the Settings schema refuses.)
      t.store.update({ privateDocumentHosts: [host] });
      expect(await call('labels:retry', { shipmentId: id })).toMatchObject({ ok: true, value: { state: 'document_ready', error: null } });
      expect(elsewhere.requests().filter((r) => r.router === 'documents')).toHaveLength(1);
    } finally {
      await elsewhere.stop();
    }
  });

  it('keeps the document hosts an admin lists in Settings, and refuses an entry that is not a host name', async () => {
    t = await startTestStation();
    const call = (channel: string, args?: unknown) => invoke(t!.station.handlers, channel, args, silentLoggerFactory('t'));
    expect(await call('settings:update', { privateDocumentHosts: ['Labels.Warehouse.LAN:8080'] })).toMatchObject({
      ok: true,
      value: { privateDocumentHosts: ['labels.warehouse.lan:8080'] },
    });
    const r = await call('settings:update', { privateDocumentHosts: ['http://labels.lan/x'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ field: 'privateDocumentHosts.0' }] } });
    expect(t.store.get().privateDocumentHosts).toEqual(['labels.warehouse.lan:8080']);
  });
});
