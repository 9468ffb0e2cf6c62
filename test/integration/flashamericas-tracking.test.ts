import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlashAmericasClient } from '../../electron/core/api/flashamericas/client';
import { FaDetailsRecorder } from '../../electron/core/api/flashamericas/details-recorder';
import { TokenBucketLimiter } from '../../electron/core/api/flashamericas/limiter';
import { FlashAmericasTrackingSource } from '../../electron/core/api/flashamericas/tracking-source';
import { openShipmentDb, type ShipmentDb } from '../../electron/core/db/open';
import { getFaDetails, listFaEvents } from '../../electron/core/db/queries/fa_details';
import { getShipmentSummary, listShipments } from '../../electron/core/db/queries/shipments';
import { listCheckpoints } from '../../electron/core/db/queries/checkpoints';
import { getTracking } from '../../electron/core/db/queries/tracking';
import { NotificationRules, NOTIFY_COALESCE_WINDOW_MS, type TrackingNotification } from '../../electron/core/tracking/notifications';
import { TrackingPoller } from '../../electron/core/tracking/poller';
import { TrackingStore } from '../../electron/core/tracking/store';
import { TrackShipmentService } from '../../electron/core/tracking/track-shipment';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { startFlashAmericasSandbox, type FlashAmericasSandbox } from '../../electron/sandbox/flashamericas/server';
import { StationFailure } from '../../shared/result';
import type { ShipmentSummary } from '../../shared/domain/shipment';
import { ManualClock } from '../helpers/manual-clock';

const HOUR = 3_600_000;
let clock: ManualClock;
let sandbox: FlashAmericasSandbox;
let dir: string;
let store: ShipmentDb;
let service: TrackShipmentService;
let poller: TrackingPoller;
let notifications: TrackingNotification[];
let rules: NotificationRules;

beforeEach(async () => {
  clock = new ManualClock();
  dir = mkdtempSync(join(tmpdir(), 'station-fa-track-'));
  store = await openShipmentDb(dir);
  sandbox = await startFlashAmericasSandbox({ now: () => clock.now(), autoCreate: true });
  const client = new FlashAmericasClient({
    hosts: () => ({ ship: sandbox.baseUrl, api: sandbox.baseUrl }),
    apiKey: () => 'test_demo_station',
    clock,
    logger: silentLoggerFactory('fa'),
    limiter: new TokenBucketLimiter(clock, { requestsPerMinute: 90, burst: 10 }),
  });
  const details = new FaDetailsRecorder(store.db, clock);
  const sources = {
    flashamericas: new FlashAmericasTrackingSource({ client, logger: silentLoggerFactory('fa'), onSnapshot: (s) => details.record(s) }),
  };
  notifications = [];
  rules = new NotificationRules({ clock, notifiers: [(n) => notifications.push(n)] });
  service = new TrackShipmentService({
    db: store.db,
    sources,
    clock,
    logger: silentLoggerFactory('track'),
    random: () => 0,
    destinationOf: (_p, tn) => details.destinationOf(tn),
    onTracked: async (id, provider, tn) => {
      if (provider === 'flashamericas') await details.adopt(id, tn);
    },
  });
  poller = new TrackingPoller({
    store: new TrackingStore(store.db),
    sources,
    clock,
    logger: silentLoggerFactory('poller'),
    random: () => 0,
    onChange: (c) => rules.onChange(c),
  });
});

afterEach(async () => {
  await poller.stop();
  await sandbox.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Waits on real I/O (the sandbox over HTTP) for a condition, without moving the clock. */
/** Waits for what the station will do on its own; the deadline only catches "never" (a loaded machine is slow). */
async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !(await check())) await new Promise((r) => setTimeout(r, 5));
  expect(await check()).toBe(true);
}

describe('tracking a Flash Americas shipment through the station pipeline', () => {
  it('joins the list at its current tag, with its timeline and provider details, without a notification', async () => {
    sandbox.state.addShipment('FA100200', [
      { status: 'LABEL_CREATED', at: clock.now() - 5 * HOUR },
      { status: 'PICKED_UP', at: clock.now() - 4 * HOUR },
      { status: 'IN_TRANSIT', at: clock.now() - HOUR, facilityType: 'DELIVERY_FACILITY' },
    ]);
    const row = await service.track('flashamericas', 'FA100200');
    expect(row).toMatchObject({
      provider: 'flashamericas',
      trackingNumber: 'FA100200',
      tag: 'InTransit',
      subtagMessage: 'In transit',
      destination: 'Houston, TX, US',
      labelState: null,
    });
    expect((await listShipments(store.db, { sort: 'activity_desc', offset: 0, limit: 10 })).items.map((s) => s.id)).toEqual([row.id]);
    expect((await listCheckpoints(store.db, row.id)).map((c) => c.tag)).toEqual(['InTransit', 'InTransit', 'Pending']);
    expect(await getFaDetails(store.db, row.id)).toMatchObject({ carrier: 'FEDEX', service: 'FEDEX_GROUND' });
    expect((await listFaEvents(store.db, row.id))[0]).toMatchObject({
      providerStatus: 'IN_TRANSIT',
      facilityType: 'DELIVERY_FACILITY',
      eventType: 'TRANSIT',
    });
    // InTransit polls 30–60 min later (jitter 0 → 30 min).
    expect((await getTracking(store.db, row.id))!.nextPollAt).toBe(clock.now() + 30 * 60_000);
    clock.advance(NOTIFY_COALESCE_WINDOW_MS);
    expect(notifications).toEqual([]);
  });

  it('tracking the same number twice keeps one row', async () => {
    sandbox.state.addShipment('FA300400');
    const a = await service.track('flashamericas', 'FA300400');
    const b = await service.track('flashamericas', 'FA300400');
    expect(b.id).toBe(a.id);
    expect((await listShipments(store.db, { sort: 'activity_desc', offset: 0, limit: 10 })).total).toBe(1);
  });

  it('refuses an unknown number with NOT_FOUND and adds nothing', async () => {
    const e = await service.track('flashamericas', '000123456').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StationFailure);
    expect((e as StationFailure).code).toBe('NOT_FOUND');
    expect((e as StationFailure).message).toContain('000123456');
    expect((await listShipments(store.db, { sort: 'activity_desc', offset: 0, limit: 10 })).total).toBe(0);
  });

  it('a number not yet in the carrier system joins as Pending and is asked again later', async () => {
    const row = await service.track('flashamericas', '999000111');
    expect(row).toMatchObject({ tag: 'Pending', subtagMessage: 'Not yet in the carrier’s system' });
    expect((await getTracking(store.db, row.id))!.nextPollAt).toBe(clock.now() + 4 * HOUR);
  });

  it('a status change found by the poller raises the same notification a Flex Forward shipment would', async () => {
    sandbox.state.addShipment('FA500600', [{ status: 'OUT_FOR_DELIVERY', at: clock.now() - HOUR }]);
    const row = await service.track('flashamericas', 'FA500600');
    const due = (await getTracking(store.db, row.id))!.nextPollAt!;
    sandbox.state.addEvent('FA500600', { status: 'EXCEPTION', exceptionCode: '002', exceptionReason: 'INCORRECT_ADDRESS' });
    const callsBefore = sandbox.calls.length;
    await poller.start();
    await clock.tick(due - clock.now() - 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(sandbox.calls.length).toBe(callsBefore);
    await clock.tick(1);
    await until(async () => (await getShipmentSummary(store.db, row.id))!.tag === 'Exception');
    expect((await getShipmentSummary(store.db, row.id))!.subtagMessage).toBe(
      'The address is incomplete or incorrect (002 INCORRECT_ADDRESS)',
    );
    clock.advance(NOTIFY_COALESCE_WINDOW_MS);
    expect(notifications).toEqual([
      {
        title: 'Delivery problem',
        body: 'FA500600 has a delivery issue — check it (The address is incomplete or incorrect (002 INCORRECT_ADDRESS)).',
        facts: {
          kind: 'change',
          trackingNumber: 'FA500600',
          orderNumber: null,
          recipientName: null,
          detail: 'The address is incomplete or incorrect (002 INCORRECT_ADDRESS)',
        },
        shipmentId: row.id,
        tag: 'Exception',
      },
    ]);
  });

  it('shipments due together are asked in one batch call', async () => {
    for (const tn of ['FA700001', 'FA700002', 'FA700003'])
      sandbox.state.addShipment(tn, [{ status: 'IN_TRANSIT', at: clock.now() - HOUR }]);
    const rows: ShipmentSummary[] = [];
    for (const tn of ['FA700001', 'FA700002', 'FA700003']) rows.push(await service.track('flashamericas', tn));
    for (const tn of ['FA700001', 'FA700002', 'FA700003']) sandbox.state.addEvent(tn, { status: 'DELIVERED' });
    sandbox.calls.length = 0;
    await poller.start();
    await clock.tick(30 * 60_000);
    await until(async () => (await Promise.all(rows.map((r) => getShipmentSummary(store.db, r.id)))).every((r) => r!.tag === 'Delivered'));
    expect(sandbox.calls).toEqual(['POST /track/shipments']);
    expect(await getFaDetails(store.db, rows[0]!.id)).toMatchObject({ recipient: 'J. DOE' });
    clock.advance(NOTIFY_COALESCE_WINDOW_MS);
    expect(notifications).toEqual([
      {
        title: '3 shipments changed',
        body: '3 delivered',
        facts: { kind: 'digest', counts: { Delivered: 3 } },
        shipmentId: null,
        tag: 'Delivered',
      },
    ]);
  });
});
