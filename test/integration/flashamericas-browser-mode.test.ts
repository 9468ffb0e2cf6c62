/**
 * Issue 8's "done when", through browser mode's HTTP contract: a Flash
 * Americas shipment tracked by number shows in the list, and its status
 * change reaches the renderer as the same `tracking:notified` push a Flex
 * Forward shipment raises. Real station, real SQLite, real HTTP (browser
 * server and the embedded sandbox); only the clock is the test's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../electron/browser/server';
import type { Station } from '../../electron/core/station';
import { NOTIFY_COALESCE_WINDOW_MS } from '../../electron/core/tracking/notifications';
import { CHANGE_FEED_DELAY_MS } from '../../electron/core/shipments/change-feed';
import { silentLoggerFactory } from '../../electron/core/util/log';
import type { StationEvent } from '../../shared/contract';
import type { ShipmentPage, ShipmentSummary } from '../../shared/domain/shipment';
import type { ShipmentDetail } from '../../shared/domain/shipment-detail';
import type { Result } from '../../shared/result';
import { ManualClock } from '../helpers/manual-clock';
import { startTestStation, type TestStation } from '../helpers/station';

const HOUR_MS = 3_600_000;
let clock: ManualClock;
let station: Station;
let server: BrowserServer;
let ts: TestStation;
let staticDir: string;
const received: StationEvent[] = [];
let stopEvents: AbortController;

beforeAll(async () => {
  clock = new ManualClock(Date.now());
  ts = await startTestStation({ clock });
  station = ts.station;
  staticDir = mkdtempSync(join(tmpdir(), 'static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Shipping Station</title>');
  server = await startBrowserServer({ station, staticDir, logger: silentLoggerFactory('browser') });
  stopEvents = new AbortController();
  void readEvents(stopEvents.signal);
});

afterAll(async () => {
  stopEvents.abort();
  await server.close();
  await ts.dispose();
  rmSync(staticDir, { recursive: true, force: true });
});

async function readEvents(signal: AbortSignal): Promise<void> {
  const res = await fetch(`${server.origin}/api/events`, { headers: { authorization: `Bearer ${server.token}` }, signal });
  const reader = res.body!.getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += new TextDecoder().decode(value);
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) received.push(JSON.parse(data.slice('data: '.length)) as StationEvent);
      }
    }
  } catch {
    // aborted at the end of the file
  }
}

async function call<T>(channel: string, args?: unknown): Promise<Result<T>> {
  const res = await fetch(`${server.origin}/api/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ args }),
  });
  return (await res.json()) as Result<T>;
}

/** Waits for what the station will do on its own; the deadline only catches "never" (a loaded machine is slow). */
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  if (!(await check())) throw new Error('condition not met');
}

async function listed(): Promise<ShipmentSummary[]> {
  const r = await call<ShipmentPage>('shipments:list', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value.items;
}

describe('a Flash Americas shipment in browser mode', () => {
  let tracked: ShipmentSummary;

  it('is tracked by number (spaces from a scan removed) and shows in the list with its provider', async () => {
    station.flashAmericasSandbox.state.addShipment('FA2026000001', [
      { status: 'LABEL_CREATED', at: clock.now() - 3 * HOUR_MS },
      { status: 'PICKED_UP', at: clock.now() - 2 * HOUR_MS },
    ]);
    const r = await call<ShipmentSummary>('shipments:track', { provider: 'flashamericas', trackingNumber: 'FA2026 000001' });
    expect(r.ok).toBe(true);
    tracked = (r as { ok: true; value: ShipmentSummary }).value;
    expect(tracked).toMatchObject({
      provider: 'flashamericas',
      trackingNumber: 'FA2026000001',
      tag: 'InTransit',
      subtagMessage: 'Picked up by the carrier',
    });
    const items = await listed();
    expect(items.map((s) => [s.id, s.provider, s.tag])).toContainEqual([tracked.id, 'flashamericas', 'InTransit']);
    // Row changes reach the renderer batched on the station clock.
    clock.advance(CHANGE_FEED_DELAY_MS);
    await until(() => received.some((e) => e.type === 'shipments:changed' && (e.payload as { ids: string[] }).ids.includes(tracked.id)));
  });

  it('has its timeline in the shipment detail, newest first', async () => {
    const r = await call<ShipmentDetail>('shipments:get', { id: tracked.id });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.provider).toBe('flashamericas');
    expect(r.value.label).toBeNull();
    expect(r.value.checkpoints.map((c) => [c.tag, c.message])).toEqual([
      ['InTransit', 'Picked up at origin'],
      ['Pending', 'Shipping label created'],
    ]);
    expect(r.value.providerDetails).toMatchObject({ carrier: 'FEDEX', service: 'FEDEX_GROUND', deliveredAt: null });
    expect(r.value.providerDetails?.estimatedDelivery).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(r.value.providerDetails?.events.map((e) => [e.status, e.eventType, e.facilityType])).toEqual([
      ['PICKED_UP', 'PICKUP', 'PICKUP_LOCATION'],
      ['LABEL_CREATED', null, null],
    ]);
  });

  it('refuses a number Flash Americas does not know, saying what to check', async () => {
    const r = await call<ShipmentSummary>('shipments:track', { provider: 'flashamericas', trackingNumber: '000999888' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(!r.ok && r.error.message).toContain('Check the number and the provider');
  });

  it('refuses a malformed number before asking anyone', async () => {
    const r = await call<ShipmentSummary>('shipments:track', { provider: 'flashamericas', trackingNumber: 'FA#1' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('a delivery found by the next poll updates the list and raises the same notification push', async () => {
    station.flashAmericasSandbox.state.addEvent('FA2026000001', { status: 'DELIVERED', recipient: 'J. DOE' });
    // InTransit is polled within 30–60 min; an hour later the poll has happened.
    clock.advance(HOUR_MS);
    await until(async () => (await listed()).find((s) => s.id === tracked.id)?.tag === 'Delivered');
    expect((await listed()).find((s) => s.id === tracked.id)?.subtagMessage).toBe('Delivered (signed by J. DOE)');
    const detail = await call<ShipmentDetail>('shipments:get', { id: tracked.id });
    expect(detail.ok && detail.value.providerDetails).toMatchObject({
      recipient: 'J. DOE',
      proofOfDeliveryUrl: 'https://api.flashamericas.com/documents/signature_FA2026000001.png',
    });
    clock.advance(NOTIFY_COALESCE_WINDOW_MS);
    await until(() => received.some((e) => e.type === 'tracking:notified'));
    expect(received.filter((e) => e.type === 'tracking:notified').map((e) => e.payload)).toEqual([
      {
        title: 'Delivered',
        body: 'FA2026000001 was delivered.',
        facts: { kind: 'change', trackingNumber: 'FA2026000001', orderNumber: null, recipientName: null, detail: null },
        shipmentId: tracked.id,
        tag: 'Delivered',
      },
    ]);
  });
});
