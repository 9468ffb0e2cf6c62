/**
 * Warehouse mode (issue 15) on a private PostgreSQL (test/helpers/postgres.ts):
 * - the shipments list and its search at 1,000,000 shipments, p95 per query
 *   (first page and a later page for each sort order the list offers, a tag
 *   filter, each kind of search); goal p95 ≤ 20 ms. The rows are made by the
 *   server itself (INSERT … SELECT over generate_series, a few statements),
 *   the same shape as the SQLite engine bench's 100,000, then ANALYZEd as
 *   autovacuum would after a bulk load;
 * - label creation overhead against SQLite: the same label workflow (create,
 *   document, print to a printer that accepts at once) against the embedded
 *   sandbox over HTTP, on PostgreSQL and on a SQLite file, alternating; the
 *   figure is the ratio of the medians (what the shared database costs a
 *   packer per label).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { FlexForwardClient, SlidingWindowLimiter } from '../../electron/core/api/flexforward';
import { openShipmentDb, type StationDb } from '../../electron/core/db/open';
import { openWarehouseDb } from '../../electron/core/db/open-warehouse';
import { countShipmentsByTag, listShipments, type ShipmentListQuery } from '../../electron/core/db/queries/shipments';
import type { WritableDb } from '../../electron/core/db/types';
import { LabelWorkflow } from '../../electron/core/labels/workflow';
import { systemClock } from '../../electron/core/util/clock';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { DEMO_TOKEN, startSandbox } from '../../electron/sandbox/server';
import { SHIPMENT_SORTS } from '../../shared/domain/shipment';
import { sampleLabelRequest } from '../helpers/flexforward';
import { asSuperuser, createTestDatabase, startPostgresServer, type PostgresServer } from '../helpers/postgres';
import { median, quantile, timeRuns, withBaseline, type Bench, type BenchFigure } from './harness';

const SHIPMENTS = 1_000_000;
/** Rows made per INSERT … SELECT (a statement each, one transaction each). */
const FILL_CHUNK = 250_000;
const QUERY_SAMPLES = 200;
const LIST_GOAL = 'p95 ≤ 20 ms';
const LATER_PAGE_OFFSET_MAX = 10_000;
const LABELS_PER_DIALECT = 60;
const LABEL_WARMUP = 5;

/** The SQLite engine bench's names and tag mix, so the two lists can be compared. */
const SURNAMES = ['Buyer', 'Seller', 'Tanaka', 'Chen', 'Garcia', 'Muller', 'Okafor', 'Silva', 'Kowalski', 'Nguyen'];
const FIRST = ['Pat', 'Sam', 'Yuki', 'Wei', 'Ana', 'Lena', 'Chidi', 'Joao', 'Ola', 'Minh'];
const TAG_MIX = [
  'Delivered',
  'Delivered',
  'Delivered',
  'InTransit',
  'InTransit',
  'InfoReceived',
  'Pending',
  'Exception',
  'Cancelled',
  'Unknown',
];

/** The names the first three sorts were measured under (kept stable). */
const SORT_NAMES: Partial<Record<ShipmentListQuery['sort'], string>> = {
  activity_desc: 'newest activity first',
  activity_asc: 'oldest activity first',
  created_desc: 'newest created first',
};

const textArray = (values: readonly string[]) => sql`ARRAY[${sql.join(values.map((v) => sql.lit(v)))}]::text[]`;

/**
 * A server sized like a default installation (PostgreSQL's own default
 * shared_buffers; the test servers run on 16 MB) and a maintenance_work_mem
 * for building the indexes of 1,000,000 rows in memory.
 */
export const BENCH_SERVER_SETTINGS = ['shared_buffers = 128MB', 'maintenance_work_mem = 256MB'];

/**
 * 1,000,000 shipments (and a tracking row for each one not delivered or
 * cancelled), made by the server: shipment i has the engine bench's tracking
 * number, order number, recipient and tag for i, one minute apart.
 * As any bulk load: the shipments' indexes are dropped first and built again
 * afterwards from their own definitions (pg_get_indexdef: the schema ends
 * exactly as the migrations made it); one index build is far cheaper than a
 * million trigram-index inserts. The per-tag count trigger stays on.
 */
export async function fillShipments(db: WritableDb, now: number): Promise<void> {
  const { rows: indexes } = await sql<{ name: string; definition: string }>`SELECT i.indexrelid::regclass::text AS name,
      pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i WHERE i.indrelid = 'shipments'::regclass AND NOT i.indisprimary AND NOT i.indisunique`.execute(db);
  for (const i of indexes) await sql`DROP INDEX ${sql.id(i.name)}`.execute(db);
  for (let from = 0; from < SHIPMENTS; from += FILL_CHUNK) {
    const to = Math.min(SHIPMENTS, from + FILL_CHUNK) - 1;
    await sql`INSERT INTO shipments (id, provider, remote_id, tracking_number, order_number, recipient_name, destination, tag,
        current_attempt, created_at, activity_at)
      SELECT 'shp-' || lpad(i::text, 7, '0'), 'flexforward', 'label-' || i, 'YT2603' || lpad(i::text, 10, '0'),
        'ORDER-' || lpad(i::text, 7, '0'),
        (${textArray(FIRST)})[i % 10 + 1] || ' ' || (${textArray(SURNAMES)})[(i / 10) % 10 + 1],
        'Los Angeles, US', (${textArray(TAG_MIX)})[i % 10 + 1], NULL,
        ${now}::bigint - (${SHIPMENTS}::bigint - i) * 60000, ${now}::bigint - (${SHIPMENTS}::bigint - i) * 60000
      FROM generate_series(${from}::int, ${to}::int) AS i`.execute(db);
  }
  for (const i of indexes) await sql.raw(i.definition).execute(db);
  await sql`INSERT INTO tracking (shipment_id, provider, tag, last_news_at, next_poll_at)
    SELECT id, 'flexforward', tag, activity_at, ${now}::bigint + 3600000 FROM shipments WHERE tag NOT IN ('Delivered', 'Cancelled')`.execute(
    db,
  );
  await sql`VACUUM ANALYZE`.execute(db);
}

/** The label workflow as the station runs it, against the sandbox, printing to a printer that accepts at once. */
function workflowOn(station: StationDb, sandboxUrl: string): LabelWorkflow {
  const api = new FlexForwardClient({
    baseUrl: () => sandboxUrl,
    token: () => DEMO_TOKEN,
    limiter: new SlidingWindowLimiter({ maxPerWindow: Number.MAX_SAFE_INTEGER }),
    logger: silentLoggerFactory('bench'),
    // The sandbox plays the courier's document host on loopback, which only a listed host may be.
    documentHosts: () => ({ privateHosts: [new URL(sandboxUrl).host] }),
  });
  return new LabelWorkflow({
    db: station.db,
    documentsDir: station.documentsDir,
    api,
    printer: { print: async () => ({ ok: true, printer: 'bench' }) },
    clock: systemClock,
    logger: silentLoggerFactory('bench'),
    autoPrint: () => true,
  });
}

export async function listFigures(station: StationDb, figures: BenchFigure[]): Promise<void> {
  let n = 0;
  const later = () => LATER_PAGE_OFFSET_MAX / 2 + ((n++ * 7919) % (LATER_PAGE_OFFSET_MAX / 2));
  const queries: Array<[string, () => ShipmentListQuery]> = [];
  // Every sort the list offers, its first page and a later one (the first three keep their names from before).
  for (const sort of SHIPMENT_SORTS) {
    const said = SORT_NAMES[sort] ?? `sorted by ${sort.replace('_', ' ')}`;
    queries.push([`first page, ${said}`, () => ({ sort, offset: 0, limit: 100 })]);
    queries.push([`later page (offset 5,000–10,000), ${said}`, () => ({ sort, offset: later(), limit: 100 })]);
  }
  queries.push(
    ['page filtered by tag (InTransit)', () => ({ sort: 'activity_desc', offset: (n++ * 101) % 2_000, limit: 100, tag: 'InTransit' })],
    [
      'search tracking number (8 digits)',
      () => ({
        sort: 'activity_desc',
        offset: 0,
        limit: 100,
        search: String((n++ * 7919) % SHIPMENTS)
          .padStart(10, '0')
          .slice(2),
      }),
    ],
    [
      'search order number',
      () => ({ sort: 'activity_desc', offset: 0, limit: 100, search: `ORDER-${String((n++ * 7919) % SHIPMENTS).padStart(7, '0')}` }),
    ],
    ['search recipient name (~100,000 hits)', () => ({ sort: 'activity_desc', offset: 0, limit: 100, search: SURNAMES[n++ % 10]! })],
    ['search 2 characters (prefix fallback)', () => ({ sort: 'activity_desc', offset: 0, limit: 100, search: 'YT' })],
  );
  for (const [name, make] of queries) {
    const samples = await timeRuns(QUERY_SAMPLES, () => listShipments(station.db, make()));
    figures.push({ name: `PostgreSQL 1M: ${name} p95`, value: quantile(samples, 0.95), unit: 'ms', goal: LIST_GOAL });
  }
  const counts = await timeRuns(QUERY_SAMPLES, () => countShipmentsByTag(station.db));
  figures.push({ name: 'PostgreSQL 1M: counts per tag p95', value: quantile(counts, 0.95), unit: 'ms', goal: LIST_GOAL });
}

async function labelFigures(warehouse: StationDb, sqliteDir: string, figures: BenchFigure[]): Promise<void> {
  const sandbox = await startSandbox({ tokens: [DEMO_TOKEN] });
  const cache = await openShipmentDb(sqliteDir);
  try {
    const flows = { postgres: workflowOn(warehouse, sandbox.url), sqlite: workflowOn(cache, sandbox.url) };
    const times: Record<keyof typeof flows, number[]> = { postgres: [], sqlite: [] };
    let order = 0;
    const one = async (dialect: keyof typeof flows): Promise<number> => {
      const start = performance.now();
      const r = await flows[dialect].create(sampleLabelRequest({ orderNumber: `WB-${dialect}-${order++}` }));
      if (r.state !== 'printed') throw new Error(`bench label ended ${r.state}: ${r.error?.message ?? ''}`);
      return performance.now() - start;
    };
    for (let i = 0; i < LABEL_WARMUP; i++) for (const d of ['postgres', 'sqlite'] as const) await one(d);
    // Alternating, so a slow moment of the machine falls on both.
    for (let i = 0; i < LABELS_PER_DIALECT; i++) for (const d of ['postgres', 'sqlite'] as const) times[d].push(await one(d));
    figures.push(
      withBaseline(
        'label created, fetched and printed: PostgreSQL (1M shipments) vs SQLite, median',
        median(times.postgres),
        median(times.sqlite),
        'ms',
        'close to 1× (the API call dominates)',
      ),
    );
    figures.push({ name: 'label on PostgreSQL p95', value: quantile(times.postgres, 0.95), unit: 'ms' });
    figures.push({ name: 'label on SQLite p95', value: quantile(times.sqlite, 0.95), unit: 'ms' });
  } finally {
    await cache.close();
    await sandbox.stop();
  }
}

const bench: Bench = {
  title: 'Warehouse database (PostgreSQL)',
  async run(): Promise<BenchFigure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'station-bench-pg-'));
    // As root the server runs as the postgres user, who must reach its folder inside this one.
    chmodSync(dir, 0o755);
    const figures: BenchFigure[] = [];
    let server: PostgresServer | null = null;
    try {
      server = await startPostgresServer(join(dir, 'pg'), { settings: BENCH_SERVER_SETTINGS });
      const database = await createTestDatabase(server);
      const warehouse = await openWarehouseDb(database.connection);
      try {
        const fillStart = performance.now();
        await fillShipments(warehouse.db, Date.now());
        figures.push({
          name: `fill ${SHIPMENTS.toLocaleString('en')} shipments (server-side INSERT … SELECT, ANALYZE)`,
          value: (performance.now() - fillStart) / 1000,
          unit: 's',
        });
        const { rows } = await sql<{ bytes: number }>`SELECT pg_database_size(current_database()) AS bytes`.execute(warehouse.db);
        figures.push({ name: 'PostgreSQL 1M: database size', value: rows[0]!.bytes / 2 ** 20, unit: 'MiB' });
        await listFigures(warehouse, figures);
        await labelFigures(warehouse, join(dir, 'sqlite'), figures);
      } finally {
        await warehouse.close();
        await asSuperuser(server, (c) => c.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`));
      }
    } finally {
      server?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

export default bench;
