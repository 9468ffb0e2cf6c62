import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, MAX_BODY_BYTES, type BrowserServer } from '../../electron/browser/server';
import { DEFAULT_PRINT_PROFILE } from '../../shared/domain/printing';
import { recordingLogger } from '../helpers/logs';
import { sampleLabelInput } from '../helpers/flexforward';
import { startTestStation, type TestStation } from '../helpers/station';

let ts: TestStation;
let server: BrowserServer;
let staticDir: string;
const logs = recordingLogger();

beforeAll(async () => {
  ts = await startTestStation();
  staticDir = mkdtempSync(join(tmpdir(), 'static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Shipping Station</title>');
  writeFileSync(join(staticDir, 'app.js'), 'console.log(1)');
  server = await startBrowserServer({ station: ts.station, staticDir, logger: logs.factory('browser') });
});

afterAll(async () => {
  await server.close();
  await ts.dispose();
  rmSync(staticDir, { recursive: true, force: true });
});

const call = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.origin}/api/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, ...headers },
    body: JSON.stringify(body),
  });

describe('browser mode: the contract over loopback HTTP', () => {
  it('listens on 127.0.0.1 only, with the token in the URL fragment', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a call with the token', async () => {
    const res = await call('app:status', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { shell: 'browser', demo: true, environment: 'sandbox' } });
  });

  it('refuses a call without the token, or with a wrong one, with 401', async () => {
    const none = await fetch(`${server.origin}/api/call/app:status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    const wrong = await call('app:status', {}, { authorization: `Bearer ${server.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    const events = await fetch(`${server.origin}/api/events`);
    expect(events.status).toBe(401);
  });

  it('validates arguments exactly as IPC does', async () => {
    const res = await call('shipments:list', { args: { limit: 'all' } });
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('refuses non-JSON, oversized bodies and foreign origins', async () => {
    const form = await fetch(`${server.origin}/api/call/app:status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    const big = await call('shipments:list', { args: {}, pad: 'x'.repeat(MAX_BODY_BYTES) });
    expect(big.status).toBe(413);
    const foreign = await call('app:status', {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
  });

  it('refuses a rebound host name (DNS rebinding)', async () => {
    const port = new URL(server.origin).port;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/call/app:status',
          method: 'POST',
          headers: { host: `evil.example:${port}`, authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('pushes station events over server-sent events', async () => {
    const abort = new AbortController();
    const res = await fetch(`${server.origin}/api/events`, { headers: { authorization: `Bearer ${server.token}` }, signal: abort.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read(); // ": connected"
    ts.station.events.emit('shipments:changed', { ids: ['abc'] });
    let text = '';
    while (!text.includes('\n\n')) text += (await reader.read()).value ?? '';
    expect(text).toContain('"type":"shipments:changed"');
    expect(text).toContain('"ids":["abc"]');
    abort.abort();
  });

  it('serves the renderer with a CSP, falls back to index.html, and never leaves its folder', async () => {
    const index = await fetch(`${server.origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await (await fetch(`${server.origin}/shipments/123`)).text()).toContain('Shipping Station');
    expect((await fetch(`${server.origin}/app.js`)).status).toBe(200);
    expect((await fetch(`${server.origin}/missing.js`)).status).toBe(404);
    const escape = await fetch(`${server.origin}/..%2f..%2f..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).not.toContain('root:');
    expect((await fetch(`${server.origin}/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('answers a malformed percent-encoding with 400 and logs no error', async () => {
    const errorsBefore = logs.records.filter((r) => r.level === 'error').length;
    for (const path of ['/api/call/app%3status', '/api/call/%E0%A4%A', '/assets/%zz.js', '/%']) {
      const res = await rawRequest(path, path.startsWith('/api/') ? { method: 'POST', body: '{}' } : { method: 'GET' });
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body).toMatch(/Malformed address/);
    }
    expect(logs.records.filter((r) => r.level === 'error').length).toBe(errorsBefore);
  });

  it('compares the Content-Type exactly: application/json (any case, UTF-8) only', async () => {
    const post = (type: string) =>
      fetch(`${server.origin}/api/call/app:status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': type },
        body: '{}',
      });
    for (const type of [
      'application/jsonp',
      'application/json-seq',
      'application/json5',
      'application/json; charset=latin1',
      'text/json',
    ]) {
      expect([type, (await post(type)).status]).toEqual([type, 415]);
    }
    for (const type of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"']) {
      expect([type, (await post(type)).status]).toEqual([type, 200]);
    }
  });

  it('refuses an unknown key at every nesting level, naming where it is', async () => {
    const { id: _id, ...draft } = DEFAULT_PRINT_PROFILE;
    const label = sampleLabelInput();
    const cases: Array<[string, unknown, string]> = [
      ['settings:setApiToken', { token: 'ff_token_12345678', scope: 'all' }, 'scope'],
      ['printers:testPrint', { profileId: 'default', copies: 3 }, 'copies'],
      ['printProfiles:delete', { profileId: 'default', force: true }, 'force'],
      ['printProfiles:save', { profile: draft, makeDefault: false, extra: 1 }, 'extra'],
      ['printProfiles:save', { profile: { ...draft, colour: 'red' } }, 'profile.colour'],
      ['printProfiles:save', { profile: { ...draft, media: { ...draft.media, bleedMm: 2 } } }, 'profile.media.bleedMm'],
      [
        'settings:update',
        {
          notifyTags: {
            Pending: false,
            InfoReceived: true,
            InTransit: true,
            Exception: true,
            Delivered: true,
            Cancelled: false,
            Unknown: false,
            Lost: true,
          },
        },
        'notifyTags.Lost',
      ],
      [
        'labels:create',
        {
          ...label,
          shipment: {
            ...label.shipment,
            parcels: [{ ...label.shipment.parcels[0]!, items: [{ ...label.shipment.parcels[0]!.items![0]!, hsCode: '9608' }] }],
          },
        },
        'shipment.parcels.0.items.0.hsCode',
      ],
      [
        'labels:create',
        { ...label, shipment: { ...label.shipment, shipTo: { ...label.shipment.shipTo, note: 'x' } } },
        'shipment.shipTo.note',
      ],
    ];
    for (const [channel, args, field] of cases) {
      const body = (await (await call(channel, { args })).json()) as {
        ok: boolean;
        error?: { code: string; fields?: Array<{ field: string }> };
      };
      expect([channel, body.ok, body.error?.code]).toEqual([channel, false, 'INVALID_ARGUMENT']);
      expect(body.error?.fields?.map((f) => f.field)).toContain(field);
    }
    // Nothing was done: no label, the token unchanged.
    expect(await (await call('shipments:counts', {})).json()).toMatchObject({ ok: true, value: { total: 0 } });
    expect(await (await call('settings:get', {})).json()).toMatchObject({ ok: true, value: { hasApiToken: false } });
  });
});

/** A request with the path sent byte for byte (fetch would not send a malformed one differently, but this says so). */
function rawRequest(path: string, options: { method: string; body?: string }): Promise<{ status: number; body: string }> {
  const port = new URL(server.origin).port;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method,
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
