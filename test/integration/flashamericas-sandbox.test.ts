/**
 * The Flash Americas side of the sandbox measured against its document
 * (/work/shared/reference/flashamericas-api.md): every tracking endpoint the
 * catalogue (§2) lists answers, in the §1.3 envelope, and the webhook
 * configuration (§6.2) refuses what the document does not allow.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlashAmericasSandbox, FA_DEMO_KEY, type FlashAmericasSandbox } from '../../electron/sandbox/flashamericas/server';

const HOUR = 3_600_000;
let now: number;
let sandbox: FlashAmericasSandbox;

beforeEach(async () => {
  now = Date.parse('2026-03-17T08:00:00Z');
  sandbox = await startFlashAmericasSandbox({ now: () => now, autoCreate: false });
});
afterEach(async () => sandbox.close());

interface Envelope {
  success: boolean;
  data: unknown;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  meta?: { requestId: string };
}

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: Envelope }> {
  const res = await fetch(`${sandbox.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${FA_DEMO_KEY}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Envelope };
}

function seed(): void {
  sandbox.state.addShipment('TRANSIT1', [
    { status: 'LABEL_CREATED', at: now - 5 * HOUR },
    { status: 'IN_TRANSIT', at: now - HOUR },
  ]);
  sandbox.state.addShipment('WAITING1', [{ status: 'LABEL_CREATED', at: now - 2 * HOUR }]);
  sandbox.state.addShipment('DONE1', [
    { status: 'PICKED_UP', at: now - 9 * HOUR },
    { status: 'DELIVERED', at: now - 2 * HOUR },
  ]);
}

describe('Flash Americas sandbox: the documented tracking endpoints', () => {
  it('GET /tracking lists the shipments in transit, in the tracking shape', async () => {
    seed();
    const { status, body } = await call('GET', '/tracking');
    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, error: null, meta: { requestId: expect.any(String) } });
    expect((body.data as Array<{ trackingNumber: string; status: string }>).map((s) => [s.trackingNumber, s.status])).toEqual([
      ['TRANSIT1', 'IN_TRANSIT'],
    ]);
  });

  it('GET /tracking/lookup/{loadId} answers the shipment with its details, 404 for an unknown load', async () => {
    seed();
    const loadId = sandbox.state.shipments().find((s) => s.trackingNumber === 'DONE1')!.loadId;
    const found = await call('GET', `/tracking/lookup/${loadId}`);
    expect(found.status).toBe(200);
    expect(found.body.data).toMatchObject({
      loadId,
      trackingNumber: 'DONE1',
      status: 'DELIVERED',
      reference: expect.any(String),
      shipmentInfo: { currency: 'USD', createdAt: expect.any(String) },
      events: [{ status: 'DELIVERED' }, { status: 'PICKED_UP' }],
    });
    const missing = await call('GET', '/tracking/lookup/LD00000000');
    expect([missing.status, missing.body.success, missing.body.error?.code]).toEqual([404, false, 'NOT_FOUND']);
  });

  it('POST /track/details answers a tracking number with its details, and the tracking errors as /track/shipment does', async () => {
    seed();
    const found = await call('POST', '/track/details', { trackingNumber: 'TRANSIT1' });
    expect(found.status).toBe(200);
    expect(found.body.data).toMatchObject({ trackingNumber: 'TRANSIT1', status: 'IN_TRANSIT', shipmentInfo: { currency: 'USD' } });
    const unknown = await call('POST', '/track/details', { trackingNumber: 'NOPE1' });
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'TRACKING_NOT_FOUND']);
    const empty = await call('POST', '/track/details', {});
    expect([empty.status, empty.body.error?.code, empty.body.error?.details]).toEqual([
      400,
      'VALIDATION_ERROR',
      { field: 'trackingNumber' },
    ]);
  });

  it('POST /track/update records a new status (and tells webhook subscribers), refusing a status the document does not list', async () => {
    seed();
    const updated = await call('POST', '/track/update', {
      trackingNumber: 'TRANSIT1',
      status: 'OUT_FOR_DELIVERY',
      description: 'On the truck',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ status: 'OUT_FOR_DELIVERY', statusDescription: 'On the truck' });
    expect((await call('POST', '/track/shipment', { trackingNumber: 'TRANSIT1' })).body.data).toMatchObject({ status: 'OUT_FOR_DELIVERY' });
    const bad = await call('POST', '/track/update', { trackingNumber: 'TRANSIT1', status: 'LOST_IN_SPACE' });
    expect([bad.status, bad.body.error?.code, bad.body.error?.details?.field]).toEqual([400, 'VALIDATION_ERROR', 'status']);
    const badTime = await call('POST', '/track/update', { trackingNumber: 'TRANSIT1', status: 'DELIVERED', timestamp: 'yesterday' });
    expect([badTime.status, badTime.body.error?.details?.field]).toEqual([400, 'timestamp']);
    const unknown = await call('POST', '/track/update', { trackingNumber: 'NOPE1', status: 'DELIVERED' });
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'TRACKING_NOT_FOUND']);
  });
});

describe('Flash Americas sandbox: webhook configuration (§6.2)', () => {
  const valid = { url: 'https://station.example/webhooks/flashamericas', events: ['shipment.delivered'], secret: 'whsec_12345678' };

  it('accepts the documented body', async () => {
    const r = await call('POST', '/tracking/webhook', valid);
    expect([r.status, r.body.data]).toEqual([201, { url: valid.url, events: ['shipment.delivered'] }]);
  });

  it('refuses a url that is not a URL, and event names the document does not list', async () => {
    const notUrl = await call('POST', '/tracking/webhook', { ...valid, url: 'not a url' });
    expect([notUrl.status, notUrl.body.error?.code, notUrl.body.error?.details?.field]).toEqual([400, 'VALIDATION_ERROR', 'url']);
    const ftp = await call('POST', '/tracking/webhook', { ...valid, url: 'ftp://station.example/hook' });
    expect(ftp.status).toBe(400);
    const unknownEvent = await call('POST', '/tracking/webhook', { ...valid, events: ['shipment.delivered', 'shipment.teleported'] });
    expect([unknownEvent.status, unknownEvent.body.error?.details?.unknown]).toEqual([400, ['shipment.teleported']]);
    const none = await call('POST', '/tracking/webhook', { ...valid, events: [] });
    expect(none.status).toBe(400);
    const noSecret = await call('POST', '/tracking/webhook', { url: valid.url, events: valid.events });
    expect([noSecret.status, noSecret.body.error?.details?.field]).toEqual([400, 'secret']);
  });
});
