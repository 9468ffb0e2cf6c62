/**
 * Warehouse mode end to end: three station processes (the real station
 * composition, test/integration/warehouse/site-child.ts), one private
 * PostgreSQL, one sandbox with its request log, one private CUPS.
 *
 * - 500 labels made across the three (limiter raised for this part only:
 *   the rate is checked below at the real limit), each printed once;
 * - at the real limit, all 500 made due at once while the three also make
 *   labels: each due shipment is polled exactly once across the site, and
 *   no 1 s window at the sandbox holds more than 10 API requests;
 * - a polling station SIGKILLed mid-polls: the others poll what it held
 *   within 30 s;
 * - a station SIGKILLed mid-label: another station restarting leaves the
 *   label alone; its own restart finishes it, printed once;
 * - a label made at one station reprinted at another.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WarehouseDb } from '../../../electron/core/db/open';
import { openWarehouseDb } from '../../../electron/core/db/open-warehouse';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/server';
import { DOCUMENT_PATH_PREFIX } from '../../../electron/sandbox/flexforward/documents';
import { maxInAnyWindow } from '../../bench/harness';
import { CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../../helpers/cups';
import { testDialects } from '../../helpers/dialects';
import { sampleLabelInput } from '../../helpers/flexforward';
import { createTestDatabase, sharedServer, type TestDatabase } from '../../helpers/postgres';
import { needSystem } from '../../helpers/ci';
import { SITE_CHILD_SCRIPT, StationProcess } from './station-process';

const dialects = await testDialects();
const RUN = dialects.includes('postgres') && needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install);
const TOKEN = 'site-test-token';
const SHIPMENTS = 500;
const CREATE_CONCURRENCY = 6;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(RUN)('warehouse mode: three stations on one PostgreSQL', () => {
  let database: TestDatabase;
  let db: WarehouseDb;
  let sandbox: Sandbox;
  let cups: CupsInstance;
  let queue: RawQueue;
  let dir: string;
  const script = SITE_CHILD_SCRIPT;
  const stations: StationProcess[] = [];

  const start = async (n: number, apiLimits?: { maxPerWindow: number; windowMs: number }): Promise<StationProcess> => {
    const station = new StationProcess(script, {
      dataDir: join(dir, `station-${n}`),
      name: `Bench ${n}`,
      connection: database.connection,
      apiUrl: sandbox.url,
      token: TOKEN,
      cupsServer: cups.server,
      printer: 'Site_Zebra',
      ...(apiLimits ? { apiLimits } : {}),
    });
    stations[n] = station;
    await station.ready;
    return station;
  };

  const create = async (station: StationProcess, orders: string[]): Promise<string[]> => {
    const ids: string[] = [];
    const queueOf = [...orders];
    await Promise.all(
      Array.from({ length: CREATE_CONCURRENCY }, async () => {
        for (let order = queueOf.shift(); order !== undefined; order = queueOf.shift()) {
          const r = await station.call('labels:create', sampleLabelInput({ orderNumber: order }));
          if (!r.ok) throw new Error(`${order}: ${r.error.code} ${r.error.message}`);
          const value = r.value as { shipmentId: string; state: string };
          expect(value.state).toBe('printed');
          ids.push(value.shipmentId);
        }
      }),
    );
    return ids;
  };

  const apiRequests = (since: number) => sandbox.requests().filter((r) => r.at >= since && !r.path.startsWith(DOCUMENT_PATH_PREFIX));
  const trackingPolls = (since: number) => apiRequests(since).filter((r) => r.method === 'GET' && r.path.startsWith('/tracking/'));
  const remoteIds = async (ids?: readonly string[]) => {
    let q = db.db.selectFrom('shipments').select(['id', 'remote_id as remoteId']);
    if (ids) q = q.where('id', 'in', [...ids]);
    return new Map((await q.execute()).map((r) => [r.id, r.remoteId!]));
  };
  const makeDue = async (ids: readonly string[]) => {
    await db.db
      .updateTable('tracking')
      .set({ next_poll_at: Date.now() })
      .where('shipment_id', 'in', [...ids])
      .execute();
  };
  const waitPolledSince = async (ids: readonly string[], since: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = await db.db
        .selectFrom('tracking')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('shipment_id', 'in', [...ids])
        .where((eb) => eb.or([eb('last_polled_at', 'is', null), eb('last_polled_at', '<', since)]))
        .executeTakeFirstOrThrow();
      if (Number(left.n) === 0) return;
      if (Date.now() > deadline) throw new Error(`${left.n} shipments not polled within ${timeoutMs / 1000} s`);
      await pause(250);
    }
  };

  let made: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-site-'));
    database = await createTestDatabase(await sharedServer());
    db = await openWarehouseDb(database.connection);
    sandbox = await startSandbox({ tokens: [TOKEN] });
    cups = await startCups();
    queue = await cups.addRawQueue('Site_Zebra', { makeDefault: true });
  }, 120_000);
  afterAll(async () => {
    for (const s of stations) if (s && s.child.exitCode === null && s.child.signalCode === null) await s.kill();
    await db?.close();
    await database?.drop();
    await sandbox?.stop();
    await cups?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('makes 500 labels across three stations, each printed once', async () => {
    const raised = { maxPerWindow: 500, windowMs: 1_000 };
    const three = await Promise.all([1, 2, 3].map((n) => start(n, raised)));
    const orders = Array.from({ length: SHIPMENTS }, (_, i) => `SITE-${String(i).padStart(4, '0')}`);
    const results = await Promise.all(
      three.map((s, i) =>
        create(
          s,
          orders.filter((_, k) => k % 3 === i),
        ),
      ),
    );
    made = results.flat();
    expect(new Set(made).size).toBe(SHIPMENTS);
    expect(sandbox.flexforward.labels()).toHaveLength(SHIPMENTS);
    const jobs = await db.db.selectFrom('print_jobs').select(['shipment_id', 'reason', 'outcome']).execute();
    expect(jobs).toHaveLength(SHIPMENTS);
    expect(jobs.every((j) => j.reason === 'auto' && j.outcome === 'printed')).toBe(true);
    // Every station knows every station's shipments: one history.
    const seen = await stations[3]!.call('shipments:get', { id: made[0] });
    expect(seen).toMatchObject({ ok: true, value: { id: made[0] } });
    for (;;) {
      if (queue.listener.deliveries.length >= SHIPMENTS) break;
      await pause(200);
    }
    expect(queue.listener.deliveries).toHaveLength(SHIPMENTS);
    await Promise.all(three.map((s) => s.stop()));
  }, 600_000);

  it('at the real limit, polls each due shipment exactly once across the site, never more than 10 requests in a second', async () => {
    const three = await Promise.all([1, 2, 3].map((n) => start(n)));
    const since = Date.now();
    const t0 = performance.timeOrigin + performance.now();
    await makeDue(made);
    // The packers go on making labels meanwhile, at the same account's limit.
    const extra = await Promise.all(
      three.map((s, i) =>
        create(
          s,
          Array.from({ length: 10 }, (_, k) => `RATE-${i}-${k}`),
        ),
      ),
    );
    await waitPolledSince(made, since, 240_000);
    const polls = trackingPolls(t0);
    const byLabel = new Map<string, number>();
    for (const p of polls) byLabel.set(p.path, (byLabel.get(p.path) ?? 0) + 1);
    const remote = await remoteIds(made);
    for (const id of made) expect(byLabel.get(`/tracking/${remote.get(id)}`), id).toBe(1);
    expect(polls).toHaveLength(SHIPMENTS);
    expect(extra.flat()).toHaveLength(30);
    const worst = maxInAnyWindow(
      apiRequests(t0).map((r) => r.at),
      1_000,
    );
    console.log(`site: ${polls.length} polls and 30 labels at the real limit; busiest 1 s window ${worst} requests`);
    expect(worst).toBeLessThanOrEqual(10);
    // Every station took part (each one's heartbeat, every 5 s, adds the polls it made).
    await vi.waitFor(
      async () => {
        const rows = await db.db.selectFrom('site_stations').select(['name', 'polls']).execute();
        expect(rows).toHaveLength(3);
        expect(rows.every((r) => r.polls > 0)).toBe(true);
        expect(rows.reduce((n, r) => n + r.polls, 0)).toBeGreaterThanOrEqual(SHIPMENTS);
      },
      { timeout: 30_000, interval: 500 },
    );
  }, 600_000);

  it('a polling station SIGKILLed mid-polls: the others poll what it held within 30 s', async () => {
    const due = made.slice(0, 100);
    const t0 = performance.timeOrigin + performance.now();
    const since = Date.now();
    await makeDue(due);
    // Kill station 1 once polling is under way (it holds leases on due polls now).
    while (trackingPolls(t0).length < 15) await pause(20);
    const held = await db.db
      .selectFrom('tracking')
      .select('shipment_id')
      .where('shipment_id', 'in', due)
      .where('next_poll_at', '>', Date.now())
      .where('next_poll_at', '<', Date.now() + 60_000)
      .execute();
    await stations[1]!.kill();
    const killedAt = performance.timeOrigin + performance.now();
    await waitPolledSince(due, since, 120_000);
    const remote = await remoteIds(held.map((h) => h.shipment_id));
    const polls = trackingPolls(killedAt);
    for (const id of held.map((h) => h.shipment_id)) {
      const after = polls.find((p) => p.path === `/tracking/${remote.get(id)}`);
      if (!after) continue; // polled (and saved) by a live station before the kill
      expect(after.at - killedAt, id).toBeLessThanOrEqual(30_000);
    }
    // Each was polled once, except those station 1 had already asked when it died (asked again, saved once).
    const all = trackingPolls(t0);
    const allRemote = await remoteIds(due);
    const twice = due.filter((id) => all.filter((p) => p.path === `/tracking/${allRemote.get(id)}`).length > 1);
    expect(twice.length).toBeLessThanOrEqual(held.length);
    expect(held.length).toBeGreaterThan(0);
  }, 300_000);

  it('a station SIGKILLed mid-label: only it resumes the label, which prints once', async () => {
    const two = stations[2]!;
    // Every answer to this label's creation is lost: it stays unfinished at station 2, with its key.
    sandbox.faults.script(
      ...Array.from({ length: 5 }, () => ({ kind: 'error' as const, status: 500, when: 'after' as const, match: 'POST /labels' })),
    );
    const r = await two.call('labels:create', sampleLabelInput({ orderNumber: 'KILLED-1' }));
    if (!r.ok) throw new Error(r.error.message);
    const { shipmentId, state } = r.value as { shipmentId: string; state: string };
    expect(state).toBe('submitting');
    await two.kill();
    const printedBefore = queue.listener.deliveries.length;
    // Station 3 restarts: the label is station 2's, so it is left alone (no second label, no print).
    await stations[3]!.stop();
    const three = await start(3);
    await pause(3_000);
    const label = await db.db
      .selectFrom('labels')
      .select(['state', 'station_id'])
      .where('shipment_id', '=', shipmentId)
      .executeTakeFirstOrThrow();
    expect(label.state).toBe('submitting');
    expect(label.station_id).toBe(await two.ready);
    expect((await three.call('labels:retry', { shipmentId })).ok).toBe(false);
    // Station 2 comes back: it resumes its label with the same key (one label), which prints once.
    await start(2);
    for (;;) {
      const now = await db.db.selectFrom('labels').select('state').where('shipment_id', '=', shipmentId).executeTakeFirstOrThrow();
      if (now.state === 'printed') break;
      await pause(200);
    }
    expect(sandbox.flexforward.labels().filter((l) => JSON.stringify(l).includes('KILLED-1'))).toHaveLength(1);
    const jobs = await db.db.selectFrom('print_jobs').select(['reason', 'outcome']).where('shipment_id', '=', shipmentId).execute();
    expect(jobs).toEqual([{ reason: 'auto', outcome: 'printed' }]);
    await queue.listener.waitForDelivery(printedBefore);
    await pause(1_000);
    expect(queue.listener.deliveries.length).toBe(printedBefore + 1);
  }, 300_000);

  it('a label made at one station is reprinted at another', async () => {
    const madeAtOne = made[0]!; // made by station 1 (now dead), shown and reprinted at station 3
    const before = queue.listener.deliveries.length;
    const r = await stations[3]!.call('labels:reprint', { shipmentId: madeAtOne });
    expect(r).toMatchObject({ ok: true, value: { reason: 'reprint', outcome: 'printed' } });
    await queue.listener.waitForDelivery(before);
    const jobs = await db.db.selectFrom('print_jobs').select(['reason']).where('shipment_id', '=', madeAtOne).orderBy('id').execute();
    expect(jobs.map((j) => j.reason)).toEqual(['auto', 'reprint']);
  }, 120_000);
});
