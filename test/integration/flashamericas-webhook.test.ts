import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlashAmericasClient } from '../../electron/core/api/flashamericas/client';
import { TokenBucketLimiter } from '../../electron/core/api/flashamericas/limiter';
import type { FaWebhookPayload } from '../../electron/core/api/flashamericas/schemas';
import {
  REPLAY_WINDOW_MS,
  startWebhookReceiver,
  WEBHOOK_HEADERS_TIMEOUT_MS,
  WEBHOOK_IDLE_TIMEOUT_MS,
  WEBHOOK_MAX_BODY_BYTES,
  WEBHOOK_REQUEST_TIMEOUT_MS,
  type WebhookOutcome,
  type WebhookReceiver,
} from '../../electron/core/api/flashamericas/webhook-receiver';
import { startFlashAmericasSandbox, type FlashAmericasSandbox } from '../../electron/sandbox/flashamericas/server';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { ManualClock } from '../helpers/manual-clock';

const SECRET = 'whsec_station_test_secret';
let clock: ManualClock;
let receiver: WebhookReceiver;
let received: FaWebhookPayload[];
let outcomes: WebhookOutcome[];
let failNext: boolean;

/** Signed independently of the code under test (node:crypto, §6.4's recipe). */
const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

function payload(over: Partial<FaWebhookPayload> = {}) {
  return {
    eventId: 'evt_550e8400-e29b-41d4-a716-446655440000',
    eventType: 'shipment.delivered',
    timestamp: new Date(clock.now() - 60_000).toISOString(),
    data: { shipmentId: '660e8400-e29b-41d4-a716-446655440001', trackingNumber: '1234567890', status: 'DELIVERED', recipient: 'J. DOE' },
    ...over,
  };
}

async function post(body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const res = await fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : text };
}

beforeEach(async () => {
  clock = new ManualClock();
  received = [];
  outcomes = [];
  failNext = false;
  receiver = await startWebhookReceiver({
    port: 0,
    host: '127.0.0.1',
    secret: () => SECRET,
    clock,
    logger: silentLoggerFactory('webhook'),
    onEvent: async (p) => {
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
      received.push(p);
    },
    onOutcome: (o) => outcomes.push(o),
  });
});
afterEach(async () => receiver.close());

describe('Flash Americas webhook receiver', () => {
  it('accepts a delivery whose sha256= HMAC of the raw body matches', async () => {
    const body = JSON.stringify(payload());
    const res = await post(body, { 'x-flash-americas-signature': sign(body) });
    expect(res.status).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]!.data).toMatchObject({ trackingNumber: '1234567890', status: 'DELIVERED', recipient: 'J. DOE' });
  });

  it('verifies the raw bytes, not a re-serialisation: whitespace changes are still valid when signed as sent', async () => {
    const body = JSON.stringify(payload(), null, 2);
    expect((await post(body, { 'x-flash-americas-signature': sign(body) })).status).toBe(200);
    // The same JSON re-serialised without the whitespace does not match the signature of what was sent.
    expect((await post(JSON.stringify(payload({ eventId: 'evt_other' })), { 'x-flash-americas-signature': sign(body) })).status).toBe(401);
  });

  it.each([
    ['missing', undefined],
    ['wrong secret', 'other'],
    ['not prefixed', 'raw'],
    ['truncated', 'short'],
  ])('refuses a %s signature with 401 and does not process it', async (_name, kind) => {
    const body = JSON.stringify(payload());
    const headers: Record<string, string> = {};
    if (kind === 'other') headers['x-flash-americas-signature'] = sign(body, 'not-the-secret');
    if (kind === 'raw') headers['x-flash-americas-signature'] = sign(body).slice('sha256='.length);
    if (kind === 'short') headers['x-flash-americas-signature'] = sign(body).slice(0, -2);
    const res = await post(body, headers);
    expect(res.status).toBe(401);
    expect(received).toHaveLength(0);
    expect(outcomes).toEqual(['bad_signature']);
  });

  it('trusts the header, not the signature field inside the body (gap 6)', async () => {
    const body = JSON.stringify({ ...payload(), signature: 'sha256=whatever' });
    expect((await post(body)).status).toBe(401);
    expect((await post(body, { 'x-flash-americas-signature': sign(body) })).status).toBe(200);
  });

  it('processes a replayed event id once', async () => {
    const body = JSON.stringify(payload());
    const headers = { 'x-flash-americas-signature': sign(body) };
    expect((await post(body, headers)).status).toBe(200);
    const again = await post(body, headers);
    // 200 so the sender stops retrying, but nothing reaches the pipeline twice.
    expect(again).toEqual({ status: 200, json: { status: 'duplicate' } });
    expect(received).toHaveLength(1);
  });

  it('does not process a stale event (older than the replay window) or one from the future', async () => {
    const stale = JSON.stringify(payload({ eventId: 'evt_old', timestamp: new Date(clock.now() - REPLAY_WINDOW_MS - 1).toISOString() }));
    expect((await post(stale, { 'x-flash-americas-signature': sign(stale) })).json).toEqual({ status: 'stale' });
    const future = JSON.stringify(payload({ eventId: 'evt_future', timestamp: new Date(clock.now() + 10 * 60_000).toISOString() }));
    expect((await post(future, { 'x-flash-americas-signature': sign(future) })).json).toEqual({ status: 'stale' });
    const edge = JSON.stringify(payload({ eventId: 'evt_edge', timestamp: new Date(clock.now() - REPLAY_WINDOW_MS).toISOString() }));
    expect((await post(edge, { 'x-flash-americas-signature': sign(edge) })).json).toEqual({ status: 'accepted' });
    expect(received.map((r) => r.eventId)).toEqual(['evt_edge']);
  });

  it('caps the body size with 413 before checking anything else', async () => {
    const big = JSON.stringify({ ...payload(), padding: 'x'.repeat(WEBHOOK_MAX_BODY_BYTES) });
    const res = await post(big, { 'x-flash-americas-signature': sign(big) });
    expect(res.status).toBe(413);
    expect(received).toHaveLength(0);
  });

  it('refuses a signed body that is not a tracking event with 400', async () => {
    const body = JSON.stringify({ hello: 'world' });
    expect((await post(body, { 'x-flash-americas-signature': sign(body) })).status).toBe(400);
  });

  it('answers 500 when the pipeline cannot store the event, and accepts the sender’s retry', async () => {
    failNext = true;
    const body = JSON.stringify(payload());
    const headers = { 'x-flash-americas-signature': sign(body) };
    expect((await post(body, headers)).status).toBe(500);
    expect((await post(body, headers)).status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('only accepts POST on its own path', async () => {
    expect((await fetch(receiver.url)).status).toBe(405);
    expect((await fetch(receiver.url.replace('/webhooks/flashamericas', '/other'), { method: 'POST' })).status).toBe(404);
  });
});

describe('webhook receiver connections', () => {
  /** A raw TCP client: writes what it is told and reports when the server closes it, and what it answered. */
  function rawClient(url: string) {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.on('error', () => undefined);
    const opened = performance.now();
    const closed = new Promise<{ afterMs: number; answer: string }>((resolve) =>
      socket.on('close', () => resolve({ afterMs: performance.now() - opened, answer })),
    );
    return { socket, closed, ready: new Promise<void>((r) => socket.once('connect', () => r())) };
  }

  it('a body that trickles in is cut off within about two seconds, not held for 25 s', async () => {
    const body = JSON.stringify(payload());
    const slow = rawClient(receiver.url);
    await slow.ready;
    slow.socket.write(
      `POST /webhooks/flashamericas HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    const trickle = setInterval(() => slow.socket.write(' '), 300);
    try {
      const { afterMs, answer } = await slow.closed;
      expect(afterMs).toBeLessThan(WEBHOOK_REQUEST_TIMEOUT_MS + 1_500);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(trickle);
    }
    expect(received).toEqual([]);
  });

  it('headers that never finish, and a connection that sends nothing, are closed too', async () => {
    const partial = rawClient(receiver.url);
    await partial.ready;
    partial.socket.write('POST /webhooks/flashamericas HTTP/1.1\r\nhost: x\r\n');
    const silent = rawClient(receiver.url);
    const [a, b] = await Promise.all([partial.closed, silent.closed]);
    expect(a.afterMs).toBeLessThan(WEBHOOK_HEADERS_TIMEOUT_MS + 1_500);
    expect(b.afterMs).toBeLessThan(WEBHOOK_IDLE_TIMEOUT_MS + 1_500);
  });

  it('caps open connections: one over the cap is closed at once, and a delivery goes through once they are gone', async () => {
    await receiver.close();
    receiver = await startWebhookReceiver({
      port: 0,
      host: '127.0.0.1',
      maxConnections: 2,
      secret: () => SECRET,
      clock,
      logger: silentLoggerFactory('webhook'),
      onEvent: async (p) => void received.push(p),
    });
    const holders = [rawClient(receiver.url), rawClient(receiver.url)];
    await Promise.all(holders.map((h) => h.ready));
    await new Promise((r) => setTimeout(r, 50));
    const extra = rawClient(receiver.url);
    const dropped = await extra.closed;
    expect(dropped.answer).toBe('');
    expect(dropped.afterMs).toBeLessThan(WEBHOOK_IDLE_TIMEOUT_MS);
    holders.forEach((h) => h.socket.destroy());
    await Promise.all(holders.map((h) => h.closed));
    const body = JSON.stringify(payload());
    expect((await post(body, { 'x-flash-americas-signature': sign(body) })).status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('listens on the address it is given', async () => {
    expect(new URL(receiver.url).hostname).toBe('127.0.0.1');
    await receiver.close();
    receiver = await startWebhookReceiver({
      port: 0,
      host: '::1',
      secret: () => SECRET,
      clock,
      logger: silentLoggerFactory('webhook'),
      onEvent: async () => undefined,
    });
    expect(new URL(receiver.url).hostname).toBe('[::1]');
    const body = JSON.stringify(payload());
    expect((await post(body, { 'x-flash-americas-signature': sign(body) })).status).toBe(200);
  });
});

describe('sandbox deliveries to the receiver', () => {
  let sandbox: FlashAmericasSandbox;
  beforeEach(async () => {
    sandbox = await startFlashAmericasSandbox({ now: () => clock.now(), autoCreate: false });
  });
  afterEach(async () => sandbox.close());

  it('a registered webhook gets signed deliveries for new scans, which the receiver accepts', async () => {
    const client = new FlashAmericasClient({
      hosts: () => ({ ship: sandbox.baseUrl, api: sandbox.baseUrl }),
      apiKey: () => 'test_demo_key',
      clock,
      logger: silentLoggerFactory('fa'),
      limiter: new TokenBucketLimiter(clock, { requestsPerMinute: 90, burst: 10 }),
    });
    await client.configureWebhook({
      url: receiver.url,
      events: ['shipment.out_for_delivery', 'shipment.delivered', 'shipment.exception'],
      secret: SECRET,
    });
    sandbox.state.addShipment('WH1');
    sandbox.state.addEvent('WH1', { status: 'IN_TRANSIT' }); // not subscribed
    sandbox.state.addEvent('WH1', { status: 'EXCEPTION', exceptionCode: '003', exceptionReason: 'BUSINESS_CLOSED' });
    sandbox.state.addEvent('WH1', { status: 'DELIVERED', recipient: 'A. SMITH' });
    await sandbox.settled();
    expect(received.map((r) => [r.eventType, r.data.status])).toEqual(
      expect.arrayContaining([
        ['shipment.exception', 'EXCEPTION'],
        ['shipment.delivered', 'DELIVERED'],
      ]),
    );
    expect(received).toHaveLength(2);
    expect(received.find((r) => r.data.status === 'EXCEPTION')!.data).toMatchObject({
      exceptionCode: '003',
      exceptionReason: 'BUSINESS_CLOSED',
    });
    expect(received.find((r) => r.data.status === 'DELIVERED')!.data.recipient).toBe('A. SMITH');
  });

  it('a delivery signed with another secret is refused by the receiver', async () => {
    const client = new FlashAmericasClient({
      hosts: () => ({ ship: sandbox.baseUrl, api: sandbox.baseUrl }),
      apiKey: () => 'test_demo_key',
      clock,
      logger: silentLoggerFactory('fa'),
      limiter: new TokenBucketLimiter(clock, { requestsPerMinute: 90, burst: 10 }),
    });
    await client.configureWebhook({ url: receiver.url, events: ['shipment.delivered'], secret: 'a-different-secret' });
    sandbox.state.addShipment('WH2');
    sandbox.state.addEvent('WH2', { status: 'DELIVERED' });
    await sandbox.settled();
    expect(received).toHaveLength(0);
    expect(outcomes).toContain('bad_signature');
  });
});
