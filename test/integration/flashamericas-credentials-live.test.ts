/**
 * Flash Americas credentials saved from Settings take effect in a running
 * station, without a restart: the webhook receiver checks signatures with
 * the secret saved a moment ago, and the client sends the key saved a moment
 * ago (real HTTP both ways).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlashAmericasParts } from '../../electron/core/api/flashamericas/station-parts';
import { FA_SIGNATURE_HEADER, signWebhookBody } from '../../electron/core/api/flashamericas/webhook-signature';
import { openShipmentDb } from '../../electron/core/db/open';
import { invoke } from '../../electron/core/invoke';
import { MemorySettingsStore } from '../../electron/core/settings/types';
import type { Station } from '../../electron/core/station';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { ManualClock } from '../helpers/manual-clock';
import { startTestStation, type TestStation } from '../helpers/station';

const SECRET = 'whsec_saved_from_settings_1';

let ts: TestStation;
let station: Station;
let store: MemorySettingsStore;

beforeAll(async () => {
  store = new MemorySettingsStore();
  ts = await startTestStation({ store, clock: new ManualClock(Date.now()), flashAmericasWebhook: { port: 0, host: '127.0.0.1' } });
  station = ts.station;
});

afterAll(async () => {
  await ts.dispose();
});

async function deliver(signWith: string | null): Promise<string> {
  const body = JSON.stringify({ not: 'a Flash Americas event' });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signWith) headers[FA_SIGNATURE_HEADER] = signWebhookBody(signWith, body);
  const res = await fetch(station.flashAmericasWebhookUrl()!, { method: 'POST', headers, body });
  return ((await res.json()) as { status: string }).status;
}

describe('Flash Americas credentials saved from Settings', () => {
  it('the running webhook receiver uses the secret from the moment it is saved, and refuses again once removed', async () => {
    expect(await deliver(SECRET)).toBe('not_configured');
    const saved = await invoke(
      station.handlers,
      'settings:setFlashAmericasCredentials',
      { webhookSecret: SECRET },
      silentLoggerFactory('ipc'),
    );
    expect(saved).toMatchObject({ ok: true, value: { hasFlashAmericasWebhookSecret: true } });
    // Past the signature check (the body itself is no event), and another secret is refused.
    expect(await deliver(SECRET)).toBe('malformed');
    expect(await deliver('whsec_someone_else_99')).toBe('bad_signature');
    await invoke(station.handlers, 'settings:setFlashAmericasCredentials', { webhookSecret: null }, silentLoggerFactory('ipc'));
    expect(await deliver(SECRET)).toBe('not_configured');
  });
});

describe('the Flash Americas client as the station builds it', () => {
  let server: Server;
  const seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, data: [], meta: {} }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the key saved a moment ago, with no rebuild', async () => {
    const keys = new MemorySettingsStore();
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const clientDir = mkdtempSync(join(tmpdir(), 'station-fa-client-'));
    const shipmentDb = await openShipmentDb(clientDir);
    try {
      const parts = createFlashAmericasParts({
        db: shipmentDb.db,
        clock: new ManualClock(Date.now()),
        logger: silentLoggerFactory,
        demo: () => false,
        sandboxUrl: () => null,
        apiKey: () => keys.getFlashAmericasKey(),
        hosts: () => ({ ship: base, api: base }),
      });
      await expect(parts.client.trackShipments(['FA1'])).rejects.toThrow(/enter it in Settings/);
      keys.setFlashAmericasCredentials({ apiKey: 'live_first_key_1' });
      expect(await parts.client.trackShipments(['FA1'])).toEqual([]);
      keys.setFlashAmericasCredentials({ apiKey: 'live_second_key_2' });
      expect(await parts.client.trackShipments(['FA1'])).toEqual([]);
      expect(seen.map((h) => h.authorization)).toEqual(['Bearer live_first_key_1', 'Bearer live_second_key_2']);
    } finally {
      await shipmentDb.close();
      rmSync(clientDir, { recursive: true, force: true });
    }
  });
});
