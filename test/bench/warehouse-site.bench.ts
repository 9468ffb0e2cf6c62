/**
 * Warehouse mode (issue 15): the site's poll rate. Three station processes
 * (the real station composition, test/integration/warehouse/site-child.ts)
 * on one private PostgreSQL and one sandbox, at the real limiter (one window
 * of 10 requests per second for the account, across the site). N shipments
 * fall due at the same moment; nobody packs, so background polls may use the
 * whole window. Once at each stated sandbox latency (0 and 100 ms added to
 * every answer, said in the figure names).
 *
 * The ceiling is the limiter's rule: a request holds its slot from before it
 * is sent until 1 s after it finished, so 10 slots give at most 10 / (1 + L)
 * requests a second at L seconds of latency, and a poll is one request.
 * The rate is measured at the sandbox, after the first window's burst: the
 * polls that needed a freed slot (N − 10) over the time from the first poll
 * to the last, which a perfect limiter makes exactly the ceiling. Goal:
 * ≥ 0.95 of it, and never more than 10 requests in any 1 s window at the
 * sandbox. Each shipment must be polled exactly once across the site.
 *
 * Set-up, not measured: the shipments' labels are made at the sandbox
 * directly over HTTP and their rows written to the warehouse database (a
 * shipment and its tracking row, due an hour from now), so the stations
 * start idle; then all are made due a little later than the stations' look
 * for work (SITE_MAX_SLEEP_MS), so each station's timer is armed for that
 * moment, as for polls that fall due on their schedule.
 *
 * Without PostgreSQL (Debian's `postgresql` package) the bench skips with a
 * loud note; in CI it fails.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAX_REQUESTS_PER_WINDOW, API_RATE_WINDOW_MS } from '../../electron/core/api/rate-limiter';
import type { WarehouseDb } from '../../electron/core/db/open';
import { openWarehouseDb } from '../../electron/core/db/open-warehouse';
import { insertShipment } from '../../electron/core/db/queries/shipments';
import { insertTracking } from '../../electron/core/db/queries/tracking';
import { inTransaction } from '../../electron/core/db/types';
import { SITE_MAX_SLEEP_MS } from '../../electron/core/tracking/poller';
import { startSandbox, type Sandbox } from '../../electron/sandbox/server';
import { DOCUMENT_PATH_PREFIX } from '../../electron/sandbox/flexforward/documents';
import { IN_CI, missingSystemMessage } from '../helpers/ci';
import { sampleLabelRequest } from '../helpers/flexforward';
import { createTestDatabase, findPostgresBin, POSTGRES_INSTALL_HINT, startPostgresServer, type PostgresServer } from '../helpers/postgres';
import { SITE_CHILD_SCRIPT, StationProcess } from '../integration/warehouse/station-process';
import { limiterWindowRuns, maxInAnyWindow, quantile, withBaseline, type Bench, type BenchFigure } from './harness';
import { BENCH_SERVER_SETTINGS } from './warehouse.bench';

/** WAREHOUSE_SITE_BENCH_SHIPMENTS / WAREHOUSE_SITE_BENCH_LATENCIES (comma-separated ms) narrow a run while tuning. */
const SHIPMENTS = Number(process.env.WAREHOUSE_SITE_BENCH_SHIPMENTS ?? 500);
const LATENCIES_MS = (process.env.WAREHOUSE_SITE_BENCH_LATENCIES ?? '0,100').split(',').map(Number);
const STATIONS = 3;
const GOAL_RATIO = 0.95;
const TOKEN = 'site-bench-token';
/** Labels made at the sandbox at once during set-up. */
const SEED_CONCURRENCY = 16;
/** Due this long after the update: every station has looked for work (≤ SITE_MAX_SLEEP_MS) and armed its timer for it. */
const DUE_LEAD_MS = SITE_MAX_SLEEP_MS + 2_000;
/** After the last shipment was polled, a poll asked twice (a lease run out) would show within this. */
const SETTLE_MS = 3_000;
const PROGRESS_MS = 250;
/** A run that takes longer than this is stuck, not slow (the ceiling makes 500 polls ~50–55 s). */
const RUN_TIMEOUT_MS = 10 * 60_000;
const HOUR_MS = 3_600_000;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a second the site's limiter allows at `latencyMs` of added latency (one request per poll). */
export function sitePollCeiling(latencyMs: number): number {
  return API_MAX_REQUESTS_PER_WINDOW / ((API_RATE_WINDOW_MS + latencyMs) / API_RATE_WINDOW_MS);
}

/** N shipments with a label at the sandbox each, their rows in the warehouse, not due for an hour. */
async function seedShipments(db: WarehouseDb, sandbox: Sandbox, prefix: string): Promise<string[]> {
  const orders = Array.from({ length: SHIPMENTS }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);
  const remoteIds: string[] = [];
  const queue = [...orders];
  await Promise.all(
    Array.from({ length: SEED_CONCURRENCY }, async () => {
      for (let order = queue.shift(); order !== undefined; order = queue.shift()) {
        const response = await fetch(`${sandbox.url}/labels`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ...sampleLabelRequest({ orderNumber: order }), idempotencyKey: `seed-${order}` }),
        });
        const body = (await response.json()) as { id?: string; status?: string };
        if (!response.ok || body.status !== 'created' || !body.id) throw new Error(`seeding ${order}: ${response.status} ${JSON.stringify(body)}`);
        remoteIds.push(body.id);
      }
    }),
  );
  const now = Date.now();
  await inTransaction(db.db, async (tx) => {
    for (const [i, remoteId] of remoteIds.entries()) {
      const id = `${prefix}-shp-${i}`;
      await insertShipment(tx, {
        id,
        provider: 'flexforward',
        remoteId,
        trackingNumber: null,
        orderNumber: null,
        recipientName: null,
        destination: null,
        currentAttempt: null,
        at: now,
      });
      await insertTracking(tx, { shipmentId: id, provider: 'flexforward', tag: 'InfoReceived', at: now, nextPollAt: now + HOUR_MS });
    }
  });
  return remoteIds;
}

interface SlotTimes {
  startedAt: number;
  doneAt: number | null;
}

/** The site limiter's slots (api_slots, database clock) seen so far: rows are deleted ~10 s after use, so read often. */
async function collectSlots(db: WarehouseDb, into: Map<number, SlotTimes>): Promise<void> {
  const rows = await db.db.selectFrom('api_slots').select(['id', 'started_at', 'done_at']).execute();
  for (const r of rows) into.set(Number(r.id), { startedAt: Number(r.started_at), doneAt: r.done_at === null ? null : Number(r.done_at) });
}

/**
 * Where the slot time goes, on the database's clock: with the window full,
 * the k-th slot can start when the (k − 10)-th frees (its finish + the
 * window); \`claimLag\` is how much later it did start (timers, the claim's
 * round trips, contention). \`beyondLatency\` is how long a slot stayed in
 * flight beyond the sandbox's added latency (sending, the answer, the
 * release's round trip). Cycle per slot = window + latency + both.
 */
function slotOverheads(slots: SlotTimes[], latencyMs: number): { claimLag: number[]; beyondLatency: number[] } {
  const done = slots.filter((s): s is { startedAt: number; doneAt: number } => s.doneAt !== null);
  const starts = done.map((s) => s.startedAt).sort((a, b) => a - b);
  const frees = done.map((s) => s.doneAt + API_RATE_WINDOW_MS).sort((a, b) => a - b);
  const claimLag: number[] = [];
  for (let k = API_MAX_REQUESTS_PER_WINDOW; k < starts.length; k++) claimLag.push(starts[k]! - frees[k - API_MAX_REQUESTS_PER_WINDOW]!);
  return { claimLag, beyondLatency: done.map((s) => s.doneAt - s.startedAt - latencyMs) };
}

async function oneRun(server: PostgresServer, sandbox: Sandbox, dir: string, latencyMs: number): Promise<BenchFigure[]> {
  const database = await createTestDatabase(server);
  const db = await openWarehouseDb(database.connection);
  const stations: StationProcess[] = [];
  try {
    const remoteIds = await seedShipments(db, sandbox, `SB${latencyMs}`);
    for (let n = 1; n <= STATIONS; n++) {
      stations.push(
        new StationProcess(SITE_CHILD_SCRIPT, {
          dataDir: join(dir, `L${latencyMs}-station-${n}`),
          name: `Bench ${n}`,
          connection: database.connection,
          apiUrl: sandbox.url,
          token: TOKEN,
        }),
      );
    }
    await Promise.all(stations.map((s) => s.ready));
    sandbox.faults.set({ latencyMs });
    sandbox.clearRequests();

    const dueAt = Date.now() + DUE_LEAD_MS;
    // The sandbox stamps arrivals on the performance clock (performance.timeOrigin + now()); the due time on its scale.
    const dueAtArrivalClock = dueAt + (performance.timeOrigin + performance.now() - Date.now());
    await db.db.updateTable('tracking').set({ next_poll_at: dueAt }).execute();
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    const slots = new Map<number, SlotTimes>();
    for (;;) {
      await collectSlots(db, slots);
      const left = await db.db
        .selectFrom('tracking')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => eb.or([eb('last_polled_at', 'is', null), eb('last_polled_at', '<', dueAt)]))
        .executeTakeFirstOrThrow();
      if (Number(left.n) === 0) break;
      if (Date.now() > deadline) throw new Error(`${left.n} of ${SHIPMENTS} shipments not polled within ${RUN_TIMEOUT_MS / 60_000} min`);
      await pause(PROGRESS_MS);
    }
    await pause(SETTLE_MS);
    await collectSlots(db, slots);
    const { claimLag, beyondLatency } = slotOverheads([...slots.values()], latencyMs);
    if (process.env.WAREHOUSE_SITE_BENCH_DEBUG) {
      const q = (xs: number[]) => [0.1, 0.5, 0.9, 0.95, 0.99, 1].map((p) => quantile(xs, p).toFixed(1)).join(' ');
      console.log(`claim lag q10..max: ${q(claimLag)} mean ${mean(claimLag).toFixed(1)}`);
      console.log(`beyond latency q10..max: ${q(beyondLatency)} mean ${mean(beyondLatency).toFixed(1)}`);
    }

    const api = sandbox.requests().filter((r) => r.router === 'flexforward' && !r.path.startsWith(DOCUMENT_PATH_PREFIX));
    const polls = api.filter((r) => r.method === 'GET' && r.path.startsWith('/tracking/')).sort((a, b) => a.at - b.at);
    const perShipment = new Map(remoteIds.map((id) => [`/tracking/${id}`, 0]));
    for (const p of polls) if (perShipment.has(p.path)) perShipment.set(p.path, perShipment.get(p.path)! + 1);
    const once = [...perShipment.values()].filter((n) => n === 1).length;
    const duplicates = [...perShipment.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const worst = maxInAnyWindow(
      api.map((r) => r.at),
      API_RATE_WINDOW_MS,
    );
    limiterWindowRuns.push({ bench: 'warehouse site', run: `${SHIPMENTS} polls at +${latencyMs} ms`, worst });

    const first = polls[0]!.at;
    const last = polls.at(-1)!.at;
    const rate = (polls.length - API_MAX_REQUESTS_PER_WINDOW) / ((last - first) / 1_000);
    const firstAfterDue = first - dueAtArrivalClock;
    const at = `${STATIONS} stations, ${SHIPMENTS} due at once, sandbox +${latencyMs} ms`;
    return [
      withBaseline(
        `${at}: site poll rate`,
        rate,
        sitePollCeiling(latencyMs),
        'polls/s',
        `≥ ${GOAL_RATIO} of the ceiling 10/(1+L) (polls after the first window's burst, first to last poll)`,
      ),
      { name: `${at}: most API requests in any 1 s window`, value: worst, unit: 'req', goal: '≤ 10' },
      { name: `${at}: shipments polled exactly once`, value: once, unit: 'shipments', goal: `= ${SHIPMENTS}` },
      { name: `${at}: polls asked twice or more (duplicates)`, value: duplicates, unit: 'polls', goal: '0' },
      { name: `${at}: first poll after falling due`, value: firstAfterDue, unit: 'ms' },
      { name: `${at}: slot taken after one freed, mean`, value: mean(claimLag), unit: 'ms', goal: 'close to 0' },
      { name: `${at}: slot held in flight beyond the latency, mean`, value: mean(beyondLatency), unit: 'ms', goal: 'close to 0' },
    ];
  } finally {
    await Promise.all(stations.map((s) => s.stop()));
    await db.close();
    await database.drop();
  }
}

const bench: Bench = {
  title: 'Warehouse site (3 stations, PostgreSQL)',
  async run(): Promise<BenchFigure[]> {
    if (!findPostgresBin()) {
      const message = missingSystemMessage('PostgreSQL', POSTGRES_INSTALL_HINT);
      if (IN_CI) throw new Error(`${message} (CI=true: the warehouse site bench must run)`);
      console.warn(`\n!!! SKIPPING the warehouse site bench: ${message}\n`);
      return [];
    }
    const dir = mkdtempSync(join(tmpdir(), 'station-bench-site-'));
    // As root the server runs as the postgres user, who must reach its folder inside this one.
    chmodSync(dir, 0o755);
    let server: PostgresServer | null = null;
    const sandbox = await startSandbox({ tokens: [TOKEN] });
    try {
      server = await startPostgresServer(join(dir, 'pg'), { settings: BENCH_SERVER_SETTINGS });
      const figures: BenchFigure[] = [];
      for (const latency of LATENCIES_MS) figures.push(...(await oneRun(server, sandbox, dir, latency)));
      return figures;
    } finally {
      await sandbox.stop();
      server?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
