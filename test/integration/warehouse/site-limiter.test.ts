/**
 * The site's limiter on a real PostgreSQL: three stations (three pools, three
 * limiters, as three station processes would have) share one account's
 * window; no 1 s window ever holds more than 10 request starts from all of
 * them together; a packer's request is served ahead of the site's background
 * backlog; a station's slots left in flight by a crash free themselves when
 * it starts again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { SiteLimiter } from '../../../electron/core/api/site-limiter';
import { claimApiSlot, releaseApiSlot, type SlotRules } from '../../../electron/core/db/queries/api_slots';
import { openWarehouseDb } from '../../../electron/core/db/open-warehouse';
import type { WarehouseDb } from '../../../electron/core/db/open';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import { maxInAnyWindow } from '../../bench/harness';
import { testDialects } from '../../helpers/dialects';
import { createTestDatabase, sharedServer, type TestDatabase } from '../../helpers/postgres';

const dialects = await testDialects();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!dialects.includes('postgres'))('site limiter (PostgreSQL)', () => {
  let database: TestDatabase;
  const stations: WarehouseDb[] = [];
  beforeAll(async () => {
    database = await createTestDatabase(await sharedServer());
    for (let i = 0; i < 3; i++) stations.push(await openWarehouseDb(database.connection));
  }, 60_000);
  afterAll(async () => {
    for (const s of stations) await s.close();
    await database?.drop();
  });

  const limiterFor = (i: number, account = 'acct-1') =>
    new SiteLimiter({ db: stations[i]!.db, account: () => account, stationId: `station-${i}`, logger: silentLoggerFactory('limiter') });

  it('three stations together never start more than 10 requests in any 1 s window', async () => {
    const limiters = [0, 1, 2].map((i) => limiterFor(i));
    const starts: number[] = [];
    const request = async (limiter: SiteLimiter, priority: 'user' | 'wave' | 'background', latencyMs: number) => {
      const release = await limiter.acquire(priority);
      starts.push(performance.now());
      await pause(latencyMs);
      release();
    };
    const work: Promise<void>[] = [];
    limiters.forEach((limiter, i) => {
      for (let n = 0; n < 14; n++) work.push(request(limiter, n % 3 === 0 ? 'user' : n % 3 === 1 ? 'wave' : 'background', 5 + i * 10));
    });
    await Promise.all(work);
    expect(starts).toHaveLength(42);
    expect(maxInAnyWindow(starts, 1_000)).toBeLessThanOrEqual(10);
    // 42 requests at 10 per window: at least four windows apart, the site did not just run them all at once.
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(3_000);
  }, 60_000);

  it('a per-minute style budget (Flash Americas) counts starts across stations: released at once, held a window', async () => {
    const limiters = [0, 1].map(
      (i) =>
        new SiteLimiter({
          db: stations[i]!.db,
          account: () => 'fa-acct',
          stationId: `station-${i}`,
          logger: silentLoggerFactory('limiter'),
          maxPerWindow: 5,
          windowMs: 1_500,
        }),
    );
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, async (_, n) => {
        const release = await limiters[n % 2]!.acquire('background');
        starts.push(performance.now());
        release();
      }),
    );
    expect(starts).toHaveLength(12);
    expect(maxInAnyWindow(starts, 1_500)).toBeLessThanOrEqual(5);
  }, 60_000);

  it('a packer’s request at one station goes ahead of the background backlog of all three', async () => {
    const limiters = [0, 1, 2].map((i) => limiterFor(i, 'acct-2'));
    const order: string[] = [];
    const work: Promise<void>[] = [];
    for (const [i, limiter] of limiters.entries()) {
      for (let n = 0; n < 12; n++) {
        work.push(
          limiter.acquire('background').then(async (release) => {
            order.push(`bg-${i}`);
            await pause(2);
            release();
          }),
        );
      }
    }
    // The backlog is under way (the first window is full) when the packer scans.
    while (order.length < 8) await pause(5);
    work.push(
      limiters[1]!.acquire('user').then((release) => {
        order.push('user');
        release();
      }),
    );
    await Promise.all(work);
    // Served within the next window at most, not after the 36 - 8 polls still queued.
    expect(order.indexOf('user')).toBeLessThan(20);
  }, 60_000);

  it('a station’s slots left in flight by a crash are finished when it starts again', async () => {
    const crashed = limiterFor(0, 'acct-3');
    for (let n = 0; n < 10; n++) await crashed.acquire('user'); // never released: the process died mid-request
    const held = await sql<{ id: number }>`SELECT id FROM api_slots WHERE account = 'acct-3' AND done_at IS NULL`.execute(stations[0]!.db);
    expect(held.rows).toHaveLength(10);
    const dead = held.rows.map((r) => r.id);
    // The same station (same id) starting again: its first request frees the dead run's slots (after one window).
    const restarted = limiterFor(2, 'acct-3');
    const again = new SiteLimiter({
      db: stations[2]!.db,
      account: () => 'acct-3',
      stationId: 'station-0',
      logger: silentLoggerFactory('limiter'),
    });
    const release = await again.acquire('user');
    release();
    const left = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM api_slots WHERE id IN (${sql.join(dead)}) AND done_at IS NULL`.execute(stations[0]!.db);
    expect(left.rows[0]!.n).toBe(0);
    // Another station is not blocked for good either.
    (await restarted.acquire('background'))();
  }, 60_000);

  it('a slot that frees soon is taken ahead, to start when it frees; one freeing later is waited for', async () => {
    const db = stations[0]!.db;
    const rules = (reserveAheadMs: number): SlotRules => ({
      account: 'acct-4',
      stationId: 'station-0',
      priority: 'background',
      cap: 3,
      reservedForUser: 1,
      holdMs: 1_000,
      staleInFlightMs: 60_000,
      userActiveMs: 10_000,
      reserveAheadMs,
    });
    const dbNow = async () =>
      (await sql<{ now: number }>`SELECT extract(epoch from clock_timestamp()) * 1000 AS now`.execute(db)).rows[0]!.now;
    for (let n = 0; n < 3; n++) {
      const slot = await claimApiSlot(db, rules(0));
      expect(slot).toMatchObject({ startInMs: 0 });
      await releaseApiSlot(db, slot.slotId!);
    }
    // The window is full; its first slot frees about 1 s from now.
    const refused = await claimApiSlot(db, rules(100));
    expect(refused.slotId).toBeNull();
    expect(refused.waitMs).toBeGreaterThan(700);
    expect(refused.waitMs).toBeLessThanOrEqual(1_000);
    // Allowed to look 2 s ahead: taken now, starting when the first frees, counted as held from now on.
    const before = await dbNow();
    const ahead = await claimApiSlot(db, rules(2_000));
    expect(ahead.slotId).not.toBeNull();
    expect(ahead.startInMs).toBeGreaterThan(800);
    const row = await sql<{
      started_at: number;
      done_at: number | null;
    }>`SELECT started_at, done_at FROM api_slots WHERE id = ${ahead.slotId}`.execute(db);
    expect(row.rows[0]!.started_at).toBeGreaterThan(before + 800);
    // The next one starts when the second frees, not at the same moment: never more than cap held at once.
    const next = await claimApiSlot(db, rules(2_000));
    const nextRow = await sql<{ started_at: number }>`SELECT started_at FROM api_slots WHERE id = ${next.slotId}`.execute(db);
    expect(nextRow.rows[0]!.started_at).toBeGreaterThan(row.rows[0]!.started_at);
    const third = await claimApiSlot(db, rules(2_000));
    expect(third.slotId).not.toBeNull();
    // A fourth would need a slot in flight to finish: no finish time yet, nothing to wait for but a release.
    expect(await claimApiSlot(db, rules(2_000))).toMatchObject({ slotId: null, waitMs: null });
  }, 60_000);
});
