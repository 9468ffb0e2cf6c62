/**
 * The station's engine at 100,000 shipments in the cache: cold open, the
 * list's page/filter/search queries and per-tag counts (p95), the poller's
 * achieved request rate against the 10/s ceiling with a backlog (real client,
 * real limiter, embedded sandbox over HTTP), its CPU per poll, and memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlexForwardClient, SlidingWindowLimiter, API_MAX_REQUESTS_PER_WINDOW } from '../../electron/core/api/flexforward';
import { openShipmentDb } from '../../electron/core/db/open';
import { countShipmentsByTag, insertShipment, listShipments, type ShipmentListQuery } from '../../electron/core/db/queries/shipments';
import { insertTracking } from '../../electron/core/db/queries/tracking';
import { inTransaction, type WritableDb } from '../../electron/core/db/types';
import { sql } from 'kysely';
import { FlexForwardTrackingSource } from '../../electron/core/tracking/flexforward-source';
import { TrackingPoller } from '../../electron/core/tracking/poller';
import type { TrackingSource } from '../../electron/core/tracking/ports';
import { TrackingStore } from '../../electron/core/tracking/store';
import { systemClock } from '../../electron/core/util/clock';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { startSandbox, DEMO_TOKEN } from '../../electron/sandbox/server';
import { SHIPMENT_SORTS } from '../../shared/domain/shipment';
import type { Tag } from '../../shared/domain/tags';
import { sampleLabelRequest } from '../helpers/flexforward';
import { limiterWindowRuns, maxInAnyWindow, quantile, timeRuns, type Bench, type BenchFigure } from './harness';

const SHIPMENTS = 100_000;
const HEADER_SORTS = SHIPMENT_SORTS.filter((sort) => !sort.startsWith('activity') && !sort.startsWith('created'));
const QUERY_SAMPLES = 200;
/** Real labels in the sandbox that the 100,000 cached shipments' polls are answered from. */
const SANDBOX_LABELS = 50;
const RATE_WARMUP_MS = 1_500;
const RATE_MEASURE_MS = 10_000;
const SURNAMES = ['Buyer', 'Seller', 'Tanaka', 'Chen', 'Garcia', 'Muller', 'Okafor', 'Silva', 'Kowalski', 'Nguyen'];
const FIRST = ['Pat', 'Sam', 'Yuki', 'Wei', 'Ana', 'Lena', 'Chidi', 'Joao', 'Ola', 'Minh'];
const TAG_MIX: readonly Tag[] = ['Delivered', 'Delivered', 'Delivered', 'InTransit', 'InTransit', 'InfoReceived', 'Pending', 'Exception', 'Cancelled', 'Unknown'];

async function seed(db: WritableDb, now: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    for (let i = 0; i < SHIPMENTS; i++) {
      const id = `shp-${String(i).padStart(6, '0')}`;
      const at = now - (SHIPMENTS - i) * 60_000;
      const tag = TAG_MIX[i % TAG_MIX.length]!;
      await insertShipment(tx, {
        id,
        provider: 'flexforward',
        remoteId: `label-${i}`,
        trackingNumber: `YT2603${String(i).padStart(10, '0')}`,
        orderNumber: `ORDER-${String(i).padStart(7, '0')}`,
        recipientName: `${FIRST[i % 10]} ${SURNAMES[Math.floor(i / 10) % 10]}`,
        destination: 'Los Angeles, US',
        currentAttempt: null,
        at,
      });
      await tx.updateTable('shipments').set({ tag }).where('id', '=', id).execute();
      // Everything not terminal is overdue: the poller starts with a backlog of ~60,000.
      if (tag !== 'Delivered' && tag !== 'Cancelled') await insertTracking(tx, { shipmentId: id, provider: 'flexforward', tag, at, nextPollAt: now - 1 });
    }
  });
}

const bench: Bench = {
  title: 'Shipment cache and tracking engine',
  async run(): Promise<BenchFigure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'station-bench-'));
    const figures: BenchFigure[] = [];
    try {
      const seeding = await openShipmentDb(dir);
      const seedStart = performance.now();
      await seed(seeding.db, Date.now());
      figures.push({ name: `seed ${SHIPMENTS} shipments (one transaction)`, value: performance.now() - seedStart, unit: 'ms' });
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(seeding.db);
      await seeding.close();

      const openStart = performance.now();
      const cache = await openShipmentDb(dir);
      const firstPage = await listShipments(cache.db, { sort: 'activity_desc', offset: 0, limit: 100 });
      figures.push({ name: 'cold open + first page', value: performance.now() - openStart, unit: 'ms', goal: 'fast start' });
      if (firstPage.total !== SHIPMENTS) throw new Error(`expected ${SHIPMENTS} shipments, found ${firstPage.total}`);

      let n = 0;
      const queries: Array<[string, () => ShipmentListQuery]> = [
        ['page (activity, random offset ≤ 10,000)', () => ({ sort: 'activity_desc', offset: (n++ * 7919) % 10_000, limit: 100 })],
        ['page filtered by tag (InTransit)', () => ({ sort: 'activity_desc', offset: (n++ * 101) % 2_000, limit: 100, tag: 'InTransit' })],
        ['search tracking number (8 digits)', () => ({ sort: 'activity_desc', offset: 0, limit: 100, search: String((n++ * 7919) % SHIPMENTS).padStart(10, '0').slice(2) })],
        ['search order number', () => ({ sort: 'activity_desc', offset: 0, limit: 100, search: `ORDER-${String((n++ * 7919) % SHIPMENTS).padStart(7, '0')}` })],
        ['search recipient name (~10,000 hits)', () => ({ sort: 'activity_desc', offset: 0, limit: 100, search: SURNAMES[n++ % 10]! })],
        ['search 2 characters (prefix fallback)', () => ({ sort: 'activity_desc', offset: 0, limit: 100, search: 'YT' })],
        // The column headers' sorts (tracking, order, recipient, destination, status; both ways), in turn.
        ['page sorted by a column header (offset ≤ 10,000)', () => ({ sort: HEADER_SORTS[n % HEADER_SORTS.length]!, offset: (n++ * 7919) % 10_000, limit: 100 })],
      ];
      for (const [name, make] of queries) {
        const samples = await timeRuns(QUERY_SAMPLES, () => listShipments(cache.db, make()));
        figures.push({ name: `${name} p95`, value: quantile(samples, 0.95), unit: 'ms', goal: 'p95 ≤ 10 ms' });
      }
      const counts = await timeRuns(QUERY_SAMPLES, () => countShipmentsByTag(cache.db));
      figures.push({ name: 'counts per tag p95', value: quantile(counts, 0.95), unit: 'ms', goal: 'p95 ≤ 10 ms' });

      // The poller against the real client and limiter, over HTTP.
      const sandbox = await startSandbox({ tokens: [DEMO_TOKEN] });
      try {
        const setup = new FlexForwardClient({
          baseUrl: () => sandbox.url,
          token: () => DEMO_TOKEN,
          limiter: new SlidingWindowLimiter({ maxPerWindow: Number.MAX_SAFE_INTEGER }),
          logger: silentLoggerFactory('bench'),
        });
        const realIds: string[] = [];
        for (let i = 0; i < SANDBOX_LABELS; i++) realIds.push((await setup.createLabel(sampleLabelRequest({ orderNumber: `B-${i}` }), `bench-${i}`)).label.id);
        const client = new FlexForwardClient({
          baseUrl: () => sandbox.url,
          token: () => DEMO_TOKEN,
          limiter: new SlidingWindowLimiter(),
          logger: silentLoggerFactory('bench'),
        });
        const inner = new FlexForwardTrackingSource(() => client);
        // Each cached shipment is answered from one of the sandbox's real labels.
        const source: TrackingSource = { getTracking: (remoteId, o) => inner.getTracking(realIds[Number(remoteId.slice(6)) % SANDBOX_LABELS]!, o) };
        sandbox.clearRequests();
        const poller = new TrackingPoller({
          store: new TrackingStore(cache.db),
          sources: { flexforward: source },
          clock: systemClock,
          logger: silentLoggerFactory('bench'),
        });
        const backlog = (await poller.status()).activeShipments;
        const cpuBefore = process.cpuUsage();
        const start = performance.now();
        await poller.start();
        await new Promise((r) => setTimeout(r, RATE_WARMUP_MS + RATE_MEASURE_MS));
        const cpu = process.cpuUsage(cpuBefore);
        await poller.stop();
        const elapsed = performance.now() - start;
        const polls = sandbox.requests().filter((r) => r.method === 'GET' && r.path.startsWith('/tracking/'));
        const t0 = polls[0]?.at ?? 0;
        const measured = polls.filter((r) => r.at - t0 >= RATE_WARMUP_MS && r.at - t0 < RATE_WARMUP_MS + RATE_MEASURE_MS);
        const rate = measured.length / (RATE_MEASURE_MS / 1000);
        const worst = maxInAnyWindow(polls.map((p) => p.at), 1_000);
        limiterWindowRuns.push({ bench: 'engine', run: 'poller backlog', worst });
        figures.push({ name: `poll backlog at start (${backlog} due)`, value: backlog, unit: 'shipments' });
        figures.push({
          name: 'poller achieved rate vs 10/s ceiling',
          value: (rate / API_MAX_REQUESTS_PER_WINDOW) * 100,
          unit: '%',
          goal: '≥ 95 %, never over',
        });
        figures.push({ name: 'most polls in any 1 s window', value: worst, unit: 'requests', goal: `≤ ${API_MAX_REQUESTS_PER_WINDOW}` });
        figures.push({
          name: 'CPU per poll (client + limiter + store)',
          value: (cpu.user + cpu.system) / 1000 / Math.max(1, polls.length),
          unit: 'ms',
        });
        figures.push({ name: 'poll wall time', value: elapsed, unit: 'ms' });
      } finally {
        await sandbox.stop();
      }
      const mem = process.memoryUsage();
      figures.push({ name: 'process RSS', value: mem.rss / 2 ** 20, unit: 'MiB' });
      figures.push({ name: 'JS heap used', value: mem.heapUsed / 2 ** 20, unit: 'MiB' });
      await cache.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

export default bench;
