import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../../electron/core/api/rate-limiter';
import { getTracking } from '../../../electron/core/db/queries/tracking';
import { listCheckpoints } from '../../../electron/core/db/queries/checkpoints';
import { listStatusHistory } from '../../../electron/core/db/queries/status_history';
import { listShipments } from '../../../electron/core/db/queries/shipments';
import { BREAKER_COOLDOWN_MS, BREAKER_FAILURE_THRESHOLD } from '../../../electron/core/tracking/breaker';
import { TrackingPoller, START_SPREAD_SPACING_MS } from '../../../electron/core/tracking/poller';
import type { Priority, TagChange, TrackingSnapshot, TrackingSource } from '../../../electron/core/tracking/ports';
import { POLL_FLOOR_MS, POLL_RANGES, STALE_AFTER_MS } from '../../../electron/core/tracking/schedule';
import { TrackingStore } from '../../../electron/core/tracking/store';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import type { Tag } from '../../../shared/domain/tags';
import type { TrackingStatus } from '../../../shared/domain/shipment-detail';
import { ManualClock } from '../../helpers/manual-clock';
import { testDialects } from '../../helpers/dialects';
import { apiError, checkpoint, seedShipment, snapshot, tempDb, type TempDb } from './seed';

const MIN = 60_000;
const HOUR = 60 * MIN;

interface Call {
  remoteId: string;
  priority: Priority;
  at: number;
}

/** A tracking source answering from a script, recording every call with its time. */
class ScriptedSource implements TrackingSource {
  calls: Call[] = [];
  answer: (remoteId: string) => TrackingSnapshot | Error = () => snapshot('InTransit');
  readonly #clock: ManualClock;
  constructor(clock: ManualClock) {
    this.#clock = clock;
  }
  async getTracking(remoteId: string, options: { priority: Priority }): Promise<TrackingSnapshot> {
    this.calls.push({ remoteId, priority: options.priority, at: this.#clock.now() });
    const a = this.answer(remoteId);
    if (a instanceof Error) throw a;
    return a;
  }
}

describe.each(await testDialects())('poller (%s)', (dialect) => {
  let t: TempDb;
  let clock: ManualClock;
  let source: ScriptedSource;
  let changes: TagChange[];
  let statuses: TrackingStatus[];
  let poller: TrackingPoller;
  let random: number;

  function makePoller(src: TrackingSource = source): TrackingPoller {
    return new TrackingPoller({
      store: new TrackingStore(t.db),
      sources: { flexforward: src },
      clock,
      logger: silentLoggerFactory('tracking'),
      random: () => random,
      onChange: (c) => changes.push(c),
      onStatusChanged: (s) => statuses.push(s),
    });
  }

  beforeEach(async () => {
    t = await tempDb(dialect);
    clock = new ManualClock();
    clock.settle = () => t.settle();
    source = new ScriptedSource(clock);
    changes = [];
    statuses = [];
    random = 0;
    poller = makePoller();
  });
  afterEach(async () => {
    await poller.stop();
    await t.dispose();
  });

  describe('schedule edges', () => {
    it('polls exactly when due: nothing at 14:59.999, one call at 15:00.000', async () => {
      const now = clock.now();
      await seedShipment(t.db, { id: 'a', at: now, nextPollAt: now + 15 * MIN });
      await poller.start();
      await clock.tick(15 * MIN - 1);
      expect(source.calls).toHaveLength(0);
      await clock.tick(1);
      expect(source.calls).toEqual([{ remoteId: 'label-a', priority: 'background', at: now + 15 * MIN }]);
    });

    it.each<[Tag, number, number]>([
      ['Pending', 0, 4 * HOUR],
      ['Pending', 0.5, 5 * HOUR],
      ['InfoReceived', 1, 6 * HOUR],
      ['InTransit', 0, 30 * MIN],
      ['InTransit', 1, 60 * MIN],
      ['Exception', 0, 15 * MIN],
      ['Exception', 0.5, 22.5 * MIN],
      ['Unknown', 0, 1 * HOUR],
      ['Unknown', 1, 2 * HOUR],
    ])('after a %s answer with jitter %s the next poll is %s ms later', async (tag, r, delay) => {
      random = r;
      const now = clock.now();
      await seedShipment(t.db, { id: 'a', at: now, nextPollAt: now });
      source.answer = () => snapshot(tag);
      await poller.start();
      await clock.tick(0);
      expect((await getTracking(t.db, 'a'))!.nextPollAt).toBe(now + delay);
      await clock.tick(delay - 1);
      expect(source.calls).toHaveLength(1);
      await clock.tick(1);
      expect(source.calls).toHaveLength(2);
    });

    it('never schedules under the 15-minute floor', () => {
      for (const range of Object.values(POLL_RANGES)) if (range) expect(range.minMs).toBeGreaterThanOrEqual(POLL_FLOOR_MS);
    });

    it.each<Tag>(['Delivered', 'Cancelled'])('stops at %s and never polls again', async (tag) => {
      const now = clock.now();
      await seedShipment(t.db, { id: 'a', at: now, nextPollAt: now });
      source.answer = () => snapshot(tag);
      await poller.start();
      await clock.tick(7 * 24 * HOUR);
      expect(source.calls).toHaveLength(1);
      const row = (await getTracking(t.db, 'a'))!;
      expect(row).toMatchObject({ tag, nextPollAt: null, stoppedReason: 'terminal' });
    });

    it('stops a shipment with no news for 30 days and marks it stale in the list', async () => {
      const start = clock.now();
      await seedShipment(t.db, { id: 'a', tag: 'InTransit', at: start, nextPollAt: start + STALE_AFTER_MS - 10 * MIN });
      source.answer = () => snapshot('InTransit');
      // The first poll is news (tracking number learnt); after that, nothing new for 30 days.
      await clock.tick(0);
      await poller.start();
      await clock.tick(STALE_AFTER_MS - 10 * MIN);
      expect((await getTracking(t.db, 'a'))!.stoppedReason).toBeNull();
      random = 1;
      await clock.tick(STALE_AFTER_MS + HOUR);
      const row = (await getTracking(t.db, 'a'))!;
      expect(row.stoppedReason).toBe('stale');
      expect(row.nextPollAt).toBeNull();
      const callsWhenStale = source.calls.length;
      await clock.tick(24 * HOUR);
      expect(source.calls).toHaveLength(callsWhenStale);
      expect((await listShipments(t.db, { sort: 'activity_desc', offset: 0, limit: 10 })).items[0]!.stale).toBe(true);
    });
  });

  describe('tag changes', () => {
    it('writes history and raises one event per change, not per checkpoint; checkpoints are deduplicated', async () => {
      const now = clock.now();
      await seedShipment(t.db, { id: 'a', at: now, nextPollAt: now, orderNumber: 'N-1' });
      const c1 = checkpoint(now - 2 * HOUR, 'InfoReceived', 'Shipment information received');
      const c2 = checkpoint(now - HOUR, 'InTransit', 'Departed from sorting center');
      const c3 = checkpoint(now + 20 * MIN, 'InTransit', 'Arrived at destination country');
      source.answer = () => snapshot('InTransit', [c2, c1]);
      await poller.start();
      await clock.tick(0);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ shipmentId: 'a', from: 'Pending', to: 'InTransit', orderNumber: 'N-1' });

      source.answer = () => snapshot('InTransit', [c3, c2, c1]);
      await clock.tick(HOUR);
      expect(changes).toHaveLength(1);
      expect((await listCheckpoints(t.db, 'a')).map((c) => c.message)).toEqual([
        'Arrived at destination country',
        'Departed from sorting center',
        'Shipment information received',
      ]);

      source.answer = () => snapshot('Delivered', [checkpoint(now + 2 * HOUR, 'Delivered', 'Delivered'), c3, c2, c1]);
      await clock.tick(2 * HOUR);
      expect(changes.map((c) => c.to)).toEqual(['InTransit', 'Delivered']);
      expect((await listStatusHistory(t.db, 'a')).map((h) => [h.fromTag, h.toTag])).toEqual([
        ['Pending', 'InTransit'],
        ['InTransit', 'Delivered'],
      ]);
      expect((await listShipments(t.db, { sort: 'activity_desc', offset: 0, limit: 10, tag: 'Delivered' })).items.map((s) => s.id)).toEqual(
        ['a'],
      );
    });
  });

  describe('failures', () => {
    it('backs off per shipment: 15, 30, 60 min after repeated failures, then back to normal', async () => {
      const now = clock.now();
      await seedShipment(t.db, { id: 'a', at: now, nextPollAt: now });
      source.answer = () => apiError('Flex Forward sent an answer the station cannot read', { retryable: false, kind: 'malformed' });
      await poller.start();
      await clock.tick(0);
      expect(await getTracking(t.db, 'a')).toMatchObject({ failureCount: 1, nextPollAt: now + 15 * MIN });
      await clock.tick(15 * MIN);
      expect(await getTracking(t.db, 'a')).toMatchObject({ failureCount: 2, nextPollAt: now + 45 * MIN });
      await clock.tick(30 * MIN - 1);
      expect(source.calls).toHaveLength(2);
      await clock.tick(1);
      expect(await getTracking(t.db, 'a')).toMatchObject({ failureCount: 3, nextPollAt: now + 105 * MIN });
      source.answer = () => snapshot('InTransit');
      await clock.tick(60 * MIN);
      expect(await getTracking(t.db, 'a')).toMatchObject({ failureCount: 0, lastError: null, tag: 'InTransit' });
    });

    it('stops polling a label the API keeps saying is not found', async () => {
      const now = clock.now();
      await seedShipment(t.db, { id: 'a', at: now, nextPollAt: now });
      source.answer = () => apiError('Label not found', { retryable: false, kind: 'not_found' });
      await poller.start();
      await clock.tick(24 * HOUR);
      expect(source.calls).toHaveLength(3);
      expect(await getTracking(t.db, 'a')).toMatchObject({ stoppedReason: 'not_found', nextPollAt: null });
    });

    it('opens the breaker after repeated 5xx, holds every poll back, probes after the cool-down and resumes by itself', async () => {
      const now = clock.now();
      for (let i = 0; i < 12; i++) await seedShipment(t.db, { id: `s${String(i).padStart(2, '0')}`, at: now, nextPollAt: now + i * 1000 });
      let down = true;
      source.answer = () =>
        down ? apiError('Flex Forward had a problem (HTTP 502)', { retryable: true, kind: 'upstream' }) : snapshot('InTransit');
      await poller.start();
      await clock.tick(11_000);
      expect(source.calls).toHaveLength(BREAKER_FAILURE_THRESHOLD);
      expect(await poller.status()).toMatchObject({ state: 'backing_off', apiHealth: 'down' });
      expect(statuses.at(-1)).toMatchObject({ apiHealth: 'down' });
      // The shipment that tripped it carries no penalty beyond waiting for the breaker.
      expect((await getTracking(t.db, 's04'))!.failureCount).toBe(0);

      const openedAt = now + 4_000;
      await clock.tickTo(openedAt + BREAKER_COOLDOWN_MS - 1);
      expect(source.calls).toHaveLength(BREAKER_FAILURE_THRESHOLD);
      await clock.tick(1);
      expect(source.calls).toHaveLength(BREAKER_FAILURE_THRESHOLD + 1); // one probe only
      // Probe failed: re-opened with a doubled cool-down.
      await clock.tick(2 * BREAKER_COOLDOWN_MS - 1);
      expect(source.calls).toHaveLength(BREAKER_FAILURE_THRESHOLD + 1);
      down = false;
      await clock.tick(1);
      await clock.tick(0);
      expect((await poller.status()).apiHealth).toBe('ok');
      expect(statuses.at(-1)).toMatchObject({ apiHealth: 'ok', state: 'running' });
      // Everything held back goes out at once (the limiter paces it); the four that failed before
      // the breaker knew the API was down wait out their own 15-minute backoff.
      const recovered = new Set(source.calls.slice(BREAKER_FAILURE_THRESHOLD + 1).map((c) => c.remoteId));
      expect([...recovered].sort()).toEqual(['s04', 's05', 's06', 's07', 's08', 's09', 's10', 's11'].map((id) => `label-${id}`));
      await clock.tickTo(now + 3000 + 15 * MIN);
      expect(new Set(source.calls.slice(BREAKER_FAILURE_THRESHOLD + 1).map((c) => c.remoteId)).size).toBe(12);
    });

    it('treats a refused token as the API being unusable: the breaker holds polling until a probe gets through', async () => {
      const now = clock.now();
      for (let i = 0; i < 8; i++) await seedShipment(t.db, { id: `s${i}`, at: now, nextPollAt: now + i * 1000 });
      source.answer = () => apiError('The Flex Forward API refused the API token.', { retryable: false, kind: 'unauthorized' });
      await poller.start();
      await clock.tick(7_000);
      expect(source.calls).toHaveLength(BREAKER_FAILURE_THRESHOLD);
      expect((await poller.status()).apiHealth).toBe('down');
      // The token was fixed: the probe succeeds and the held polls go out.
      source.answer = () => snapshot('InTransit');
      await clock.tick(BREAKER_COOLDOWN_MS);
      await clock.tick(0);
      expect((await poller.status()).apiHealth).toBe('ok');
      for (const id of ['s4', 's5', 's6', 's7']) expect((await getTracking(t.db, id))!.tag).toBe('InTransit');
    });
  });

  describe('shared limiter', () => {
    it('a packer refresh goes ahead of a background backlog, and no second ever holds more than 10 calls', async () => {
      const now = clock.now();
      for (let i = 0; i < 60; i++) await seedShipment(t.db, { id: `s${String(i).padStart(2, '0')}`, at: now, nextPollAt: now });
      await seedShipment(t.db, { id: 'mine', at: now, nextPollAt: now + 6 * HOUR });
      const limiter = new SlidingWindowLimiter({ maxPerWindow: 10, windowMs: 1000, timers: clock });
      const limited: TrackingSource = {
        getTracking: (id, o) => limiter.schedule(() => source.getTracking(id, o), o.priority),
      };
      await poller.stop();
      poller = makePoller(limited);
      await poller.start();
      await clock.tick(1500);
      const refresh = poller.refresh('mine', false);
      await clock.tick(1000);
      await refresh;
      const mine = source.calls.find((c) => c.remoteId === 'label-mine')!;
      expect(mine.priority).toBe('user');
      // Background calls were still queued behind it: the refresh was served at the next free slot.
      expect(mine.at).toBe(now + 2000);
      expect(
        source.calls.slice(source.calls.indexOf(mine) + 1).filter((c) => c.priority === 'background' && c.at === mine.at),
      ).toHaveLength(9);
      await clock.tick(10_000);
      expect(source.calls).toHaveLength(61);
      for (const c of source.calls) {
        expect(source.calls.filter((o) => o.at >= c.at && o.at < c.at + 1000).length).toBeLessThanOrEqual(10);
      }
    });
  });

  describe('control', () => {
    it('spreads overdue polls after a restart instead of firing them at once', async () => {
      const now = clock.now();
      for (let i = 0; i < 100; i++)
        await seedShipment(t.db, { id: `s${String(i).padStart(3, '0')}`, at: now - 2 * HOUR, nextPollAt: now - HOUR + i });
      await poller.start();
      await clock.tick(0);
      expect(source.calls).toHaveLength(1);
      await clock.tick(1000 - 1);
      expect(source.calls).toHaveLength(1000 / START_SPREAD_SPACING_MS);
      // In the order they fell due.
      expect(source.calls.map((c) => c.remoteId).slice(0, 3)).toEqual(['label-s000', 'label-s001', 'label-s002']);
    });

    it('pause holds every poll; resume catches up', async () => {
      const now = clock.now();
      await seedShipment(t.db, { id: 'a', at: now, nextPollAt: now + MIN });
      await poller.start();
      expect((await poller.pause()).state).toBe('paused');
      await clock.tick(HOUR);
      expect(source.calls).toHaveLength(0);
      expect((await poller.resume()).state).toBe('running');
      await clock.tick(0);
      expect(source.calls).toHaveLength(1);
    });

    it('refresh respects the 15-minute floor unless forced', async () => {
      const now = clock.now();
      await seedShipment(t.db, { id: 'a', at: now, nextPollAt: now });
      await poller.start();
      await clock.tick(0);
      expect(source.calls).toHaveLength(1);
      await clock.tick(POLL_FLOOR_MS - 1);
      const early = await poller.refresh('a', false);
      expect(early.polled).toBe(false);
      expect(early.message).toMatch(/15 minutes/);
      expect(source.calls).toHaveLength(1);
      expect((await poller.refresh('a', true)).polled).toBe(true);
      expect(source.calls.at(-1)).toMatchObject({ priority: 'user' });
      await clock.tick(POLL_FLOOR_MS);
      expect((await poller.refresh('a', false)).polled).toBe(true);
      expect(source.calls).toHaveLength(3);
    });

    it('refresh of a shipment without tracking is NOT_FOUND', async () => {
      await expect(poller.refresh('nope', true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
