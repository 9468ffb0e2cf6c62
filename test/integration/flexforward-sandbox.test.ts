/**
 * The sandbox as a packer trains on it and tests trust it: the rate limit as
 * the server sees it, tracking that moves on a clock, the documented test
 * postal codes, the standalone CLI.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { FlexForwardClient, SlidingWindowLimiter } from '../../electron/core/api/flexforward';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { DEMO_TOKEN } from '../../electron/sandbox/server';
import { HOUR_MS } from '../../electron/sandbox/flexforward/tracking-sim';
import { sampleLabelRequest, startSandboxClient, type SandboxClient } from '../helpers/flexforward';

let t: SandboxClient | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

/** Most requests that arrived within any window of `windowMs` (sliding over every arrival). */
function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe('rate limit as the server sees it', () => {
  it('100 calls fired at once never put more than 10 in any one-second window', async () => {
    t = await startSandboxClient();
    const { label } = await t.client.createLabel(sampleLabelRequest(), 'rate');
    t.sandbox.clearRequests();
    // One limiter shared by two clients of the same account, as in the station.
    const limiter = new SlidingWindowLimiter();
    const make = () =>
      new FlexForwardClient({ baseUrl: () => t!.sandbox.url, token: () => DEMO_TOKEN, limiter, logger: silentLoggerFactory('t') });
    const [a, b] = [make(), make()];
    const calls = Array.from({ length: 100 }, (_, i) =>
      i % 2 === 0 ? a.getTracking(label.id, { priority: 'background' }) : b.getLabel(label.id, { priority: 'user' }),
    );
    const results = await Promise.all(calls);
    expect(results).toHaveLength(100);
    const arrivals = t.sandbox.requests().map((r) => r.at);
    expect(arrivals).toHaveLength(100);
    expect(maxInAnyWindow(arrivals, 1_000)).toBeLessThanOrEqual(10);
    // The check itself can fail: unthrottled arrivals would all fall in one window.
    expect(maxInAnyWindow([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1_000)).toBe(11);
  }, 30_000);
});

describe('tracking that moves', () => {
  async function journey(postalCode: string) {
    let now = Date.parse('2026-03-15T10:00:00Z');
    t = await startSandboxClient({ sandbox: { now: () => now, speed: 1 } });
    const { label } = await t.client.createLabel(sampleLabelRequest({ postalCode }), `journey-${postalCode}`);
    const at = async (hours: number) => {
      now = Date.parse('2026-03-15T10:00:00Z') + hours * HOUR_MS;
      return t!.client.getTracking(label.id);
    };
    return { label, at };
  }

  it('starts Pending with no checkpoints, then adds checkpoints newest first in UTC', async () => {
    const { at } = await journey('90001');
    expect((await at(1.99)).tag).toBe('Pending');
    const info = await at(2);
    expect(info.tag).toBe('InfoReceived');
    expect(info.checkpoints).toHaveLength(1);
    expect(info.checkpoints[0]!.checkpointTime).toBe('2026-03-15T12:00:00Z');
    expect(info.checkpoints[0]!.city).toBe('Hong Kong');
    const moving = await at(63);
    expect(moving.tag).toBe('InTransit');
    const times = moving.checkpoints.map((c) => Date.parse(c.checkpointTime));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(moving.checkpoints[0]!.message).toBe('Arrived at destination country');
    expect(moving.checkpoints[0]!.city).toBe('Los Angeles');
    expect(moving.checkpoints[0]!.subtag).toMatch(/^InTransit_\d{3}$/);
  });

  it.each([
    ['90001', 'Delivered'],
    ['90002', 'Exception'],
    ['90003', 'InTransit'],
    ['90004', 'Cancelled'],
  ] as const)('postal code %s ends %s, and stays there', async (postalCode, tag) => {
    const { at } = await journey(postalCode);
    expect((await at(24 * 30)).tag).toBe(tag);
    expect((await at(24 * 365)).tag).toBe(tag);
  });

  it('runs a day of shipping in four minutes at demo speed', async () => {
    let now = 0;
    t = await startSandboxClient({ sandbox: { now: () => now, speed: (24 * 60) / 4 } });
    const { label } = await t.client.createLabel(sampleLabelRequest(), 'demo-speed');
    now = 4 * 60_000; // 24 simulated hours
    const tracking = await t.client.getTracking(label.id);
    expect(tracking.checkpoints.map((c) => c.subtag)).toEqual(['InTransit_001', 'InTransit_002', 'InfoReceived_001']);
  });
});

describe('sandbox CLI', () => {
  it('prints its URL and a demo token that work', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/sandbox/cli.ts', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (/Token: \S+/.test(text)) resolve(text);
        });
        child.once('exit', (code) => reject(new Error(`sandbox CLI exited (${code}): ${text}`)));
      });
      const url = /listening on (http:\/\/\S+)/.exec(output)![1]!;
      const token = /Token: (\S+)/.exec(output)![1]!;
      const response = await fetch(`${url}/couriers`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ couriers: [{ code: 'yunexpress', name: 'YunExpress' }] });
      expect((await fetch(`${url}/couriers`)).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});

describe('sandbox wire format', () => {
  const post = (url: string, body: string, token = DEMO_TOKEN) =>
    fetch(`${url}/labels`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });

  it('answers validation errors in the documented shape, with bracketed array paths', async () => {
    t = await startSandboxClient();
    const bad = { ...sampleLabelRequest(), idempotencyKey: 'wire-1' };
    bad.shipment.parcels[0]!.weight = -1;
    const response = await post(t.sandbox.url, JSON.stringify(bad));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'Validation failed',
      details: [{ field: 'shipment.parcels[0].weight', message: 'The parcel weight must be greater than 0 kg.' }],
    });
    const noKey = await post(t.sandbox.url, JSON.stringify(sampleLabelRequest()));
    expect(((await noKey.json()) as { details: Array<{ field: string }> }).details.map((d) => d.field)).toEqual(['idempotencyKey']);
    const notJson = await post(t.sandbox.url, '{"courier":');
    expect(notJson.status).toBe(400);
    expect(t.sandbox.flexforward.labels()).toHaveLength(0);
  });

  it('answers 401 without a token, 405 for a wrong method, 404 for an unknown path, and logs each request', async () => {
    t = await startSandboxClient();
    expect((await fetch(`${t.sandbox.url}/labels`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await fetch(`${t.sandbox.url}/labels`, { headers: { authorization: `Bearer ${DEMO_TOKEN}` } })).status).toBe(405);
    expect((await fetch(`${t.sandbox.url}/v1/labels`, { headers: { authorization: `Bearer ${DEMO_TOKEN}` } })).status).toBe(404);
    expect(t.sandbox.requests().map((r) => [r.method, r.path, r.token, r.status])).toEqual([
      ['POST', '/labels', null, 401],
      ['GET', '/labels', DEMO_TOKEN, 405],
      ['GET', '/v1/labels', DEMO_TOKEN, 404],
    ]);
  });

  it('replays the stored body byte for byte with 200 for a used key', async () => {
    t = await startSandboxClient();
    const body = JSON.stringify({ ...sampleLabelRequest(), idempotencyKey: 'wire-replay' });
    const first = await post(t.sandbox.url, body);
    const second = await post(t.sandbox.url, body);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(await second.text()).toBe(await first.text());
  });
});

describe('order numbers in the sandbox', () => {
  it('resolves an order number within the caller’s account only: another account’s label with the same number is not a 403', async () => {
    t = await startSandboxClient();
    const mine = await t.client.createLabel(sampleLabelRequest({ orderNumber: 'SHARED-7' }), 'mine');
    const theirs = await t.clientFor('other-account-token').createLabel(sampleLabelRequest({ orderNumber: 'SHARED-7' }), 'theirs');
    // Theirs is newer; each account still gets its own.
    expect((await t.client.getLabel('SHARED-7')).id).toBe(mine.label.id);
    expect((await t.clientFor('other-account-token').getLabel('SHARED-7')).id).toBe(theirs.label.id);
    expect((await t.client.getTracking('SHARED-7')).id).toBe(mine.label.id);
    expect((await t.client.getLabels(['SHARED-7'])).documents.map((d) => d.id)).toEqual([mine.label.id]);
    // By label id, another account's label is still refused.
    await expect(t.client.getLabel(theirs.label.id)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('prefers the created label over a newer failed attempt with the same order number', async () => {
    t = await startSandboxClient();
    const created = await t.client.createLabel(sampleLabelRequest({ orderNumber: 'RETRY-9' }), 'ok');
    await t.client.createLabel(sampleLabelRequest({ orderNumber: 'RETRY-9', postalCode: '00000' }), 'rejected').catch(() => undefined);
    expect(t.sandbox.flexforward.labels().map((l) => l.response.status)).toEqual(['created', 'failed']);
    expect((await t.client.getLabel('RETRY-9')).id).toBe(created.label.id);
    expect((await t.client.getTracking('RETRY-9')).id).toBe(created.label.id);
  });
});
