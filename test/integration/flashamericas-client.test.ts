import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlashAmericasClient, type FlashAmericasClientOptions } from '../../electron/core/api/flashamericas/client';
import { FlashAmericasError } from '../../electron/core/api/flashamericas/errors';
import { TokenBucketLimiter } from '../../electron/core/api/flashamericas/limiter';
import { snapshotFromTracking } from '../../electron/core/api/flashamericas/mapping';
import { startFlashAmericasSandbox, type FlashAmericasSandbox } from '../../electron/sandbox/flashamericas/server';
import { ManualClock } from '../helpers/manual-clock';
import { recordingLogger } from '../helpers/logs';

const KEY = 'test_station_key_123';
let clock: ManualClock;
let sandbox: FlashAmericasSandbox;

beforeEach(async () => {
  clock = new ManualClock();
  sandbox = await startFlashAmericasSandbox({ now: () => clock.now(), autoCreate: false });
});
afterEach(async () => sandbox.close());

function client(over: Partial<FlashAmericasClientOptions> = {}) {
  const log = recordingLogger(() => [KEY]);
  const c = new FlashAmericasClient({
    hosts: () => ({ ship: sandbox.baseUrl, api: sandbox.baseUrl }),
    apiKey: () => KEY,
    clock,
    logger: log.factory('flashamericas'),
    limiter: new TokenBucketLimiter(clock, { requestsPerMinute: 90, burst: 10 }),
    random: () => 0,
    ...over,
  });
  return { c, records: log.records };
}

async function rejection(p: Promise<unknown>): Promise<FlashAmericasError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(FlashAmericasError);
  return e as FlashAmericasError;
}

describe('Flash Americas client against the sandbox', () => {
  it('tracks one shipment by tracking number and maps it into the station model', async () => {
    sandbox.state.addShipment('1234567890', [
      { status: 'LABEL_CREATED', at: clock.now() - 3_600_000 },
      { status: 'PICKED_UP', at: clock.now() - 1_800_000 },
      { status: 'OUT_FOR_DELIVERY', at: clock.now() },
    ]);
    const t = await client().c.trackShipment('1234567890', 'user');
    expect(t.trackingNumber).toBe('1234567890');
    expect(t.status).toBe('OUT_FOR_DELIVERY');
    const s = snapshotFromTracking(t);
    expect(s).toMatchObject({
      tag: 'InTransit',
      subtag: 'InTransit_FA_OUT_FOR_DELIVERY',
      carrier: 'FEDEX',
      destination: 'Houston, TX, US',
    });
    expect(s.checkpoints.map((c) => c.providerStatus)).toEqual(['OUT_FOR_DELIVERY', 'PICKED_UP', 'LABEL_CREATED']);
    expect(s.checkpoints[0]).toMatchObject({ latitude: 29.7604, longitude: -95.3698 });
    expect(sandbox.calls).toEqual(['POST /track/shipment']);
  });

  it('tracks many shipments in one call and by shipment id with its booking metadata', async () => {
    const a = sandbox.state.addShipment('AAA111');
    sandbox.state.addShipment('BBB222', [{ status: 'DELIVERED' }]);
    const { c } = client();
    const many = await c.trackShipments(['AAA111', 'BBB222', 'AAA111']);
    expect(many.map((t) => [t.trackingNumber, t.status])).toEqual([
      ['AAA111', 'LABEL_CREATED'],
      ['BBB222', 'DELIVERED'],
    ]);
    const byId = await c.trackByShipmentId(a.shipmentId);
    expect(byId).toMatchObject({ trackingNumber: 'AAA111', reference: a.reference, shipmentInfo: { currency: 'USD', totalCost: 12.45 } });
  });

  it('TRACKING_NOT_FOUND is a not_found error, asked once', async () => {
    const e = await rejection(client().c.trackShipment('NOPE0001'));
    expect(e.kind).toBe('not_found');
    expect(e.apiCode).toBe('TRACKING_NOT_FOUND');
    expect(e.toStationFailure().code).toBe('NOT_FOUND');
    expect(e.message).toContain('NOPE0001');
    expect(sandbox.calls).toHaveLength(1);
  });

  it('TRACKING_NOT_AVAILABLE carries the retryAfter hint and is not hammered', async () => {
    const auto = await startFlashAmericasSandbox({ now: () => clock.now() });
    try {
      const c = client({ hosts: () => ({ ship: auto.baseUrl, api: auto.baseUrl }) }).c;
      const e = await rejection(c.trackShipment('999123456'));
      expect(e.kind).toBe('not_available');
      expect(e.retryAfterMs).toBe(3_600_000);
      expect(auto.calls).toHaveLength(1);
    } finally {
      await auto.close();
    }
  });

  it('a wrong key is refused without retries, and no key makes no call at all', async () => {
    const wrong = await rejection(client({ apiKey: () => 'live_not_for_sandbox' }).c.trackShipment('X1'));
    expect(wrong.kind).toBe('unauthorized');
    expect(sandbox.calls).toHaveLength(1);
    const none = await rejection(client({ apiKey: () => null }).c.trackShipment('X1'));
    expect(none.kind).toBe('unauthorized');
    expect(sandbox.calls).toHaveLength(1);
  });

  it('reads the events feed page by page (limit 100) until hasNext is false, each event once, oldest first', async () => {
    const start = clock.now() - 10 * 3_600_000;
    for (let s = 0; s < 5; s++) {
      sandbox.state.addShipment(
        `FEED${s}`,
        Array.from({ length: 50 }, (_, i) => ({ status: 'IN_TRANSIT' as const, at: start + (s * 50 + i) * 1000 })),
      );
    }
    sandbox.state.addShipment('OTHER', [{ status: 'IN_TRANSIT', at: start }]);
    const res = await client().c.eventsSince({ trackingNumbers: ['FEED0', 'FEED1', 'FEED2', 'FEED3', 'FEED4'] });
    expect(res.complete).toBe(true);
    expect(res.pagesRead).toBe(3);
    expect(res.events).toHaveLength(250);
    expect(new Set(res.events.map((e) => e.eventId)).size).toBe(250);
    expect(res.events.every((e) => e.trackingNumber !== 'OTHER')).toBe(true);
    const times = res.events.map((e) => Date.parse(e.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(sandbox.calls).toEqual(['GET /tracking/events', 'GET /tracking/events', 'GET /tracking/events']);
  });

  it('asks the feed only for events after the cursor', async () => {
    const t0 = clock.now();
    const s = sandbox.state.addShipment('CUR1', [
      { status: 'PICKED_UP', at: t0 - 2000 },
      { status: 'IN_TRANSIT', at: t0 - 1000 },
      { status: 'DELIVERED', at: t0 },
    ]);
    const res = await client().c.eventsSince({ shipmentIds: [s.shipmentId], after: new Date(t0 - 1000).toISOString() });
    expect(res.events.map((e) => e.status)).toEqual(['DELIVERED']);
    expect(sandbox.calls).toEqual(['GET /tracking/events']);
  });

  it('clamps a page size above 100 and passes filters through', async () => {
    sandbox.state.addShipment('F1', [
      { status: 'PICKED_UP' },
      { status: 'EXCEPTION', exceptionCode: '004', exceptionReason: 'WEATHER_DELAY' },
    ]);
    const page = await client().c.listEvents({ trackingNumbers: ['F1'], status: 'EXCEPTION', limit: 500 });
    expect(page.pagination).toMatchObject({ page: 1, limit: 100, total: 1, hasNext: false });
    expect(page.events[0]).toMatchObject({ exceptionCode: '004', exceptionReason: 'WEATHER_DELAY', eventType: 'EXCEPTION' });
  });

  it('on 429 waits exactly the server retry-after, for every caller, then succeeds', async () => {
    sandbox.state.addShipment('RL1');
    sandbox.state.forceErrors(1, 429, 'RATE_LIMIT_EXCEEDED', 7);
    const { c, records } = client();
    const p = c.trackShipment('RL1');
    await clock.waitForTimer(7_000);
    expect(sandbox.calls).toHaveLength(1);
    clock.advance(6_999);
    await new Promise((r) => setTimeout(r, 50));
    expect(sandbox.calls).toHaveLength(1);
    clock.advance(1);
    const t = await p;
    expect(t.trackingNumber).toBe('RL1');
    expect(sandbox.calls).toHaveLength(2);
    expect(records.some((r) => r.message.includes('retrying') && r.context?.['kind'] === 'rate_limited')).toBe(true);
  });

  it('gives up after its retries on repeated 429 with a rate_limited error', async () => {
    sandbox.state.addShipment('RL2');
    sandbox.state.forceErrors(4, 429, 'RATE_LIMIT_ERROR', 2);
    const p = rejection(client().c.trackShipment('RL2'));
    for (let i = 0; i < 3; i++) {
      await clock.waitForTimer(2_000);
      clock.advance(2_000);
    }
    const e = await p;
    expect(e.kind).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(2_000);
    expect(sandbox.calls).toHaveLength(4);
  });

  it('retries a 503 with exponential backoff (500 ms, then 1 s) and succeeds', async () => {
    sandbox.state.addShipment('S5');
    sandbox.state.forceErrors(2, 503, 'SERVICE_UNAVAILABLE');
    const p = client().c.trackShipment('S5');
    await clock.waitForTimer(250);
    clock.advance(250);
    await clock.waitForTimer(500);
    clock.advance(500);
    await expect(p).resolves.toMatchObject({ trackingNumber: 'S5' });
    expect(sandbox.calls).toHaveLength(3);
  });

  it('times out a call that never answers', async () => {
    const { c } = client({
      maxRetries: 0,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    });
    const p = rejection(c.trackShipment('T1'));
    await clock.waitForTimer(15_000);
    clock.advance(15_000);
    expect((await p).kind).toBe('timeout');
  });

  it('an answer outside the documented shape is an upstream error, logged without the key', async () => {
    const { c, records } = client({
      maxRetries: 0,
      fetch: async () => new Response(JSON.stringify({ success: true, data: { trackingNumber: 42 } }), { status: 200 }),
    });
    expect((await rejection(c.trackShipment('U1'))).kind).toBe('upstream');
    expect(records.some((r) => r.level === 'error' && r.message.includes('validation'))).toBe(true);
    expect(JSON.stringify(records)).not.toContain(KEY);
  });

  it('sends the key only as a Bearer header and never logs it', async () => {
    const seen: string[] = [];
    const { c, records } = client({
      fetch: async (url, init) => {
        seen.push(new Headers(init?.headers).get('authorization') ?? '');
        return fetch(url, init);
      },
    });
    sandbox.state.forceErrors(1, 500, 'INTERNAL');
    sandbox.state.addShipment('K1');
    const p = c.trackShipment('K1');
    await clock.waitForTimer(250);
    clock.advance(250);
    await p;
    expect(seen).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
    expect(records.length).toBeGreaterThan(0);
    expect(JSON.stringify(records)).not.toContain(KEY);
  });
});
