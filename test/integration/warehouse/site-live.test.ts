/**
 * Two real stations (createStation, warehouse mode) on one private PostgreSQL
 * and one sandbox, their clocks set 5 minutes ahead (A) and 5 minutes behind
 * (B) the real time:
 * - poll leases and due times follow the database's clock: B, 10 minutes
 *   behind A, polls what A made due (not starved), and with both polling at
 *   the real limit each due shipment is polled once (A does not take B's
 *   live leases for run out);
 * - changes made at one station reach the other's renderer events
 *   (LISTEN/NOTIFY), and after B's listening connection is cut, what A did
 *   meanwhile reaches B when it reconnects (catch-up by update time);
 * - a tag change polled at B is told at A, the station that made the
 *   shipment, and at B only with "all of the site's" notifications on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { StationEvent } from '../../../shared/contract';
import { invoke } from '../../../electron/core/invoke';
import type { WarehouseConnection } from '../../../electron/core/db/postgres';
import type { WarehouseDb } from '../../../electron/core/db/open';
import { openWarehouseDb } from '../../../electron/core/db/open-warehouse';
import { MemorySettingsStore, type StationSettings } from '../../../electron/core/settings/types';
import { createStation, type Station } from '../../../electron/core/station';
import { systemClock, type Clock } from '../../../electron/core/util/clock';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/server';
import { HOUR_MS } from '../../../electron/sandbox/flexforward/tracking-sim';
import { VOID_REASONS } from '../../../shared/domain/shipment';
import { NOTIFY_COALESCE_WINDOW_MS } from '../../../electron/core/tracking/notifications';
import { sampleLabelInput } from '../../helpers/flexforward';
import { fileArg, fixture } from '../../helpers/orders';
import { testDialects } from '../../helpers/dialects';
import { asSuperuser, createTestDatabase, sharedServer, type ServerInfo, type TestDatabase } from '../../helpers/postgres';

const dialects = await testDialects();
const TOKEN = 'site-live-token';
const SKEW_MS = 5 * 60_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = silentLoggerFactory('t');

/** The system clock moved by `skewMs`: a station whose clock is that far off. */
const skewed = (skewMs: number): Clock => ({ ...systemClock, now: () => Date.now() + skewMs });

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(100);
  }
}

interface Bench {
  station: Station;
  store: MemorySettingsStore;
  events: StationEvent[];
}

describe.skipIf(!dialects.includes('postgres'))('warehouse: site clock, live changes and notifications', () => {
  let server: ServerInfo;
  let database: TestDatabase;
  let db: WarehouseDb;
  let sandbox: Sandbox;
  /** The sandbox's tracking journeys run on this offset from real time (moved forward to make tags change). */
  let sandboxAhead = 0;
  const dirs: string[] = [];
  const benches: Bench[] = [];
  let a: Bench;
  let b: Bench;
  /** B logs in as a role of its own, so the test can keep its listener from reconnecting for a while. */
  const roleB = `station_b_${process.pid}`;
  const passwordB = `pw-${Math.random().toString(36).slice(2)}`;

  const start = async (name: string, skewMs: number, connection: WarehouseConnection, settings: Partial<StationSettings> = {}): Promise<Bench> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'station-site-live-'));
    dirs.push(dataDir);
    const store = new MemorySettingsStore(
      {
        environment: 'custom',
        customBaseUrl: sandbox.url,
        stationName: name,
        autoPrint: false,
        privateDocumentHosts: [new URL(sandbox.url).host],
        ...settings,
      },
      TOKEN,
    );
    const station = await createStation({
      shell: 'browser',
      version: '0.0.0-test',
      platform: process.platform,
      dataDir,
      settings: store,
      secrets: store,
      logger: silentLoggerFactory,
      clock: skewed(skewMs),
      warehouse: connection,
    });
    const bench: Bench = { station, store, events: [] };
    station.events.subscribe((e) => bench.events.push(e));
    benches.push(bench);
    return bench;
  };

  const create = async (bench: Bench, orderNumber: string, postalCode?: string): Promise<string> => {
    const r = await invoke(bench.station.handlers, 'labels:create', sampleLabelInput({ orderNumber, ...(postalCode ? { postalCode } : {}) }), log);
    if (!r.ok) throw new Error(`${orderNumber}: ${r.error.code} ${r.error.message}`);
    return (r.value as { shipmentId: string }).shipmentId;
  };

  /** Due now by the database's clock (no station's). */
  const makeDue = async (ids: readonly string[]) => {
    await db.db
      .updateTable('tracking')
      .set({ next_poll_at: sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint` })
      .where('shipment_id', 'in', [...ids])
      .execute();
  };
  const dbNow = async () => Number((await sql<{ now: number }>`SELECT (extract(epoch from clock_timestamp()) * 1000)::bigint AS now`.execute(db.db)).rows[0]!.now);
  const polledSince = async (ids: readonly string[], since: number) =>
    Number(
      (
        await db.db
          .selectFrom('tracking')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('shipment_id', 'in', [...ids])
          .where('last_polled_at', '>=', since)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const remoteIds = async (ids: readonly string[]) =>
    new Map((await db.db.selectFrom('shipments').select(['id', 'remote_id']).where('id', 'in', [...ids]).execute()).map((r) => [r.id, r.remote_id!]));
  const trackingGets = (remoteId: string, sinceWall: number) =>
    sandbox.requests().filter((r) => r.at >= sinceWall && r.method === 'GET' && r.path === `/tracking/${remoteId}`).length;

  beforeAll(async () => {
    server = await sharedServer();
    database = await createTestDatabase(server);
    await asSuperuser(server, (c) => c.query(`CREATE ROLE ${roleB} LOGIN PASSWORD '${passwordB}' IN ROLE station`));
    db = await openWarehouseDb(database.connection);
    sandbox = await startSandbox({ tokens: [TOKEN], speed: 1, now: () => Date.now() + sandboxAhead });
    a = await start('Bench A', +SKEW_MS, database.connection);
    b = await start('Bench B', -SKEW_MS, { ...database.connection, user: roleB, password: passwordB });
  }, 120_000);
  afterAll(async () => {
    for (const bench of benches) await bench.station.stop();
    await db?.close();
    await database?.drop();
    await asSuperuser(server, (c) => c.query(`DROP ROLE IF EXISTS ${roleB}`)).catch(() => undefined);
    await sandbox?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  it('polls on the database’s clock: the slow station is not starved, the fast one takes no live lease', async () => {
    expect(a.station.site()?.health.clockOffsetMs).toBeLessThan(-SKEW_MS + 30_000);
    expect(b.station.site()?.health.clockOffsetMs).toBeGreaterThan(SKEW_MS - 30_000);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await create(a, `SKEW-${i}`));
    const remote = await remoteIds(ids);

    // A (5 min ahead) made them; with A's polling paused, B (5 min behind) alone polls what is due by the database.
    expect(await invoke(a.station.handlers, 'tracking:pause', undefined, log)).toMatchObject({ ok: true });
    let since = await dbNow();
    let wall = performance.timeOrigin + performance.now();
    await makeDue(ids);
    await waitFor('B to poll what A made due', async () => (await polledSince(ids, since)) === ids.length, 90_000);
    expect(ids.map((id) => trackingGets(remote.get(id)!, wall))).toEqual(ids.map(() => 1));

    // Both polling at the real limit: each due shipment polled once across the two, whoever leased it.
    expect(await invoke(a.station.handlers, 'tracking:resume', undefined, log)).toMatchObject({ ok: true });
    since = await dbNow();
    wall = performance.timeOrigin + performance.now();
    await makeDue(ids);
    await waitFor('both to poll everything due', async () => (await polledSince(ids, since)) === ids.length, 90_000);
    // A lease taken for run out would show as a second poll a little later: give it the time of a lease.
    await pause(3_000);
    expect(ids.map((id) => trackingGets(remote.get(id)!, wall))).toEqual(ids.map(() => 1));
    // The tracking times are the database's: none lies minutes ahead of it.
    const latest = await db.db.selectFrom('tracking').select((eb) => eb.fn.max('last_polled_at').as('t')).executeTakeFirstOrThrow();
    expect(Number(latest.t)).toBeLessThan((await dbNow()) + 30_000);
  }, 240_000);
  const changedAt = (bench: Bench, from: number, id: string) =>
    bench.events.slice(from).some((e) => e.type === 'shipments:changed' && e.payload.ids.includes(id));
  const notifiedAt = (bench: Bench, from: number, id: string) =>
    bench.events.slice(from).some((e) => e.type === 'tracking:notified' && e.payload.shipmentId === id);
  const counts = async (bench: Bench) => {
    const r = await invoke(bench.station.handlers, 'shipments:counts', undefined, log);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as { total: number; voided?: number };
  };
  const su = (text: string, values: unknown[] = []) => asSuperuser(server, (c) => c.query(text, values));

  it('a label made or voided at one station refreshes the other’s list and counts within moments', async () => {
    const before = await counts(b);
    let from = b.events.length;
    const started = Date.now();
    const id = await create(a, 'LIVE-1');
    await waitFor('B to hear of the label made at A', () => changedAt(b, from, id), 30_000);
    console.log(`site-live: a label made at A reached B's events ${Date.now() - started} ms after it was asked for`);
    expect((await counts(b)).total).toBe(before.total + 1);

    from = b.events.length;
    const voided = await invoke(a.station.handlers, 'labels:void', { shipmentId: id, reason: VOID_REASONS[0] }, log);
    expect(voided).toMatchObject({ ok: true });
    await waitFor('B to hear of the void at A', () => changedAt(b, from, id), 30_000);
    expect((await counts(b)).voided).toBe((before.voided ?? 0) + 1);
  }, 120_000);

  it('orders imported at one station reach the other’s order list', async () => {
    const from = b.events.length;
    const imported = await invoke(a.station.handlers, 'orders:import', { file: fileArg('orders_export.csv', fixture('shopify-orders-export.csv')) }, log);
    expect(imported).toMatchObject({ ok: true });
    const ids = (await db.db.selectFrom('orders').select('id').execute()).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    await waitFor('B to hear of the imported orders', () =>
      ids.every((id) => b.events.slice(from).some((e) => e.type === 'orders:changed' && e.payload.ids.includes(id))),
    );
  }, 60_000);

  it('after its listening connection is cut, a station catches up with what changed meanwhile', async () => {
    // B made this one; its own poller rests, so A is the one that polls it while B is away.
    const mine = await create(b, 'LIVE-B-1');
    expect(await invoke(b.station.handlers, 'tracking:pause', undefined, log)).toMatchObject({ ok: true });
    const from = b.events.length;
    // Cut B's listening session and keep it from logging in again until the changes below are made.
    await su(`ALTER ROLE ${roleB} NOLOGIN`);
    const cut = await su(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1 AND application_name LIKE '% listening'`, [
      roleB,
    ]);
    expect(cut.rowCount).toBe(1);
    const made = await create(a, 'LIVE-AWAY');
    sandboxAhead = 3 * HOUR_MS; // the courier registered it: Pending → InfoReceived at the next poll
    const since = await dbNow();
    await makeDue([mine]);
    await waitFor('A to poll the shipment B made', async () => (await polledSince([mine], since)) === 1, 60_000);
    // The NOTIFYs went while B was not listening: nothing reached it.
    await pause(1_000);
    expect(changedAt(b, from, made)).toBe(false);
    expect(notifiedAt(b, from, mine)).toBe(false);

    await su(`ALTER ROLE ${roleB} LOGIN`);
    await waitFor('B to catch up with the label made at A', () => changedAt(b, from, made), 60_000);
    // The tag change of B's shipment, polled at A while B was away, is told at B (it made it), once.
    await waitFor('B to tell the tag change it missed', () => notifiedAt(b, from, mine), 60_000);
    await pause(NOTIFY_COALESCE_WINDOW_MS + 1_000);
    expect(b.events.slice(from).filter((e) => e.type === 'tracking:notified')).toHaveLength(1);
    expect(await invoke(b.station.handlers, 'tracking:resume', undefined, log)).toMatchObject({ ok: true });
  }, 180_000);

  it('a tag change polled at B is told at A, which made the shipment; at B only with all of the site’s', async () => {
    const id = await create(a, 'LIVE-NOTE');
    expect(await invoke(a.station.handlers, 'tracking:pause', undefined, log)).toMatchObject({ ok: true });
    let fromA = a.events.length;
    let fromB = b.events.length;
    sandboxAhead += 3 * HOUR_MS; // Pending → InfoReceived
    let since = await dbNow();
    await makeDue([id]);
    await waitFor('B to poll it', async () => (await polledSince([id], since)) === 1, 60_000);
    await waitFor('A to tell the change', () => notifiedAt(a, fromA, id), 60_000);
    // B polled it and would have told it within its coalescing window: it did not.
    await pause(NOTIFY_COALESCE_WINDOW_MS + 1_000);
    expect(notifiedAt(b, fromB, id)).toBe(false);

    // With "all of the site's" on, B tells the next change too.
    b.store.update({ notifySiteWide: true });
    fromA = a.events.length;
    fromB = b.events.length;
    sandboxAhead += 12 * HOUR_MS; // InfoReceived → InTransit
    since = await dbNow();
    await makeDue([id]);
    await waitFor('B to poll it again', async () => (await polledSince([id], since)) === 1, 60_000);
    await waitFor('A to tell the change', () => notifiedAt(a, fromA, id), 60_000);
    await waitFor('B to tell the change', () => notifiedAt(b, fromB, id), 60_000);
    b.store.update({ notifySiteWide: false });
    expect(await invoke(a.station.handlers, 'tracking:resume', undefined, log)).toMatchObject({ ok: true });
  }, 180_000);
});
