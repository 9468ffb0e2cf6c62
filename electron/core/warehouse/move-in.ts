/**
 * Moving a station in (issue 15): its SQLite history copied into the
 * warehouse database, so the site sees, reprints and tracks what it made.
 *
 * 1. Its unfinished labels first (the workflow's own resume, as at a
 *    restart): a label being bought is finished or fails at Flex Forward;
 *    one whose document is in but was not printed is left for a reprint
 *    (print_failed, "reprint it", at any station). A label the API could not
 *    finish (submitting: bought or not, nobody knows yet; created: its
 *    document not fetched) stops the move before anything is copied: copied
 *    as it is, no station would own its resume. The report names each one and
 *    why; moving in again once the API is back finishes them.
 * 2. Then every table of the history, parents before children, in one
 *    warehouse transaction (a failure copies nothing; running again starts
 *    over safely). Rows are matched by their key, never by the SQLite row id:
 *    - absent from the warehouse: copied;
 *    - there with the same values: already there (a second run copies nothing);
 *    - there with other values: the warehouse's are kept (it is the newer:
 *      the site polled and printed since), counted as kept;
 *    - colliding with another row on a unique key (a box of the same name, an
 *      order of the same source and external id imported at another bench,
 *      a tracked shipment another bench tracks): not copied, reported as a
 *      conflict, and so are the rows that belong to it (its lines, its label).
 *    Ids the database generates (checkpoints, status history, print jobs) are
 *    not copied: the warehouse gives new ones, and those rows are matched by
 *    what they record (shipment, time, …) instead.
 * Label documents kept as files beside the SQLite file go into their rows.
 *
 * The SQLite file is left as it was: nothing is deleted, so nothing saved is
 * lost whatever happens next.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { MoveInReport } from '../../../shared/domain/move-in';
import { StationFailure } from '../../../shared/result';
import { UNFINISHED_LABEL_STATES, updateLabel } from '../db/queries/labels';
import { touchShipment } from '../db/queries/shipments';
import type { Schema } from '../db/schema';
import { dialectOf, inTransaction, type ReadableDb, type WritableDb } from '../db/types';
import { schemaVersion } from '../db/migrate';
import type { LabelWorkflow } from '../labels/workflow';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/log';

type TableName = keyof Schema & string;

interface ParentLink {
  column: string;
  table: TableName;
}

/** How one table is copied: its key (what identifies a row across databases), generated columns left out, its parents. */
export interface TableCopy {
  table: TableName;
  key: readonly string[];
  /** An identity column the warehouse fills (its SQLite value means nothing there). */
  generated?: string;
  parents?: readonly ParentLink[];
  /** Rows per statement (large rows: fewer). */
  batch?: number;
  /**
   * The key finds candidates only (it is not unique): a row is already there when a candidate has all its values,
   * else it is copied. For an append-only table, where two entries may share the key (the audit log).
   */
  wholeRow?: boolean;
}

const toShipment = (column = 'shipment_id'): ParentLink => ({ column, table: 'shipments' });

/** Parents before children. Every table of the schema is here or in NOT_COPIED (test/unit/move-in-plan.test.ts). */
export const COPY_PLAN: readonly TableCopy[] = [
  { table: 'shipments', key: ['id'] },
  { table: 'labels', key: ['shipment_id', 'attempt'], parents: [toShipment()] },
  { table: 'documents', key: ['shipment_id', 'attempt'], parents: [toShipment()], batch: 20 },
  { table: 'tracking', key: ['shipment_id'], parents: [toShipment()] },
  { table: 'checkpoints', key: ['shipment_id', 'checkpoint_at', 'tag', 'message'], generated: 'id', parents: [toShipment()] },
  { table: 'status_history', key: ['shipment_id', 'changed_at', 'to_tag'], generated: 'id', parents: [toShipment()] },
  {
    table: 'print_jobs',
    key: ['shipment_id', 'attempt', 'requested_at', 'reason', 'document'],
    generated: 'id',
    parents: [toShipment()],
  },
  { table: 'fa_details', key: ['shipment_id'], parents: [toShipment()] },
  { table: 'fa_events', key: ['shipment_id', 'event_id'], parents: [toShipment()] },
  { table: 'sku_catalogue', key: ['sku'] },
  { table: 'boxes', key: ['id'] },
  { table: 'ship_from_addresses', key: ['id'] },
  { table: 'order_csv_presets', key: ['name'] },
  { table: 'station_defaults', key: ['station'] },
  { table: 'orders', key: ['id'], parents: [toShipment()] },
  { table: 'order_lines', key: ['order_id', 'position'], parents: [{ column: 'order_id', table: 'orders' }] },
  { table: 'packers', key: ['id'] },
  { table: 'audit_log', key: ['at', 'station', 'action'], generated: 'id', wholeRow: true },
  { table: 'waves', key: ['id'] },
  {
    table: 'wave_items',
    key: ['wave_id', 'position'],
    parents: [{ column: 'wave_id', table: 'waves' }, { column: 'order_id', table: 'orders' }, toShipment()],
  },
];

/** Tables (and SQLite internals) not copied, and why. */
export const NOT_COPIED: Readonly<Record<string, string>> = {
  shipment_tag_counts: 'kept by the warehouse database itself as shipments arrive',
  site_stations: "the site's stations, each written by its own station in warehouse mode",
  api_slots: "the site limiter's requests of the last second",
};

/** SQLite tables that are the search index (FTS5 and its shadow tables): the warehouse has its own. */
const isSqliteInternal = (name: string): boolean => name.startsWith('sqlite_') || name.startsWith('shipments_search');

const DEFAULT_BATCH = 500;
/** Conflicts listed one by one in the report (the counts cover all of them). */
export const CONFLICTS_LISTED_MAX = 100;

type TableReport = MoveInReport['tables'][number];
type MoveInConflict = MoveInReport['conflicts'][number];
type UnfinishedLabel = MoveInReport['labels']['unfinished'][number];

export interface MoveInDeps {
  /** The station's SQLite history (opened with openShipmentDb: migrated to this app's schema). */
  source: { db: WritableDb; documentsDir: string | null };
  /** The warehouse database (openWarehouseDb: migrated). */
  target: { db: WritableDb };
  /** The label workflow over `source`, with the API (and the printer, in the app) to finish its labels. */
  workflow: Pick<LabelWorkflow, 'resumeAll'>;
  clock: Clock;
  logger: Logger;
}

/** Said on a label left unprinted by the move, shown on the shipment; any station reprints it. */
export const LEFT_FOR_REPRINT_MESSAGE =
  'Not printed: the station moved to the warehouse database before printing this label. Reprint it (at any station).';

export type { MoveInReport };

export async function moveStationIn(d: MoveInDeps): Promise<MoveInReport> {
  const start = d.clock.now();
  if (dialectOf(d.source.db) !== 'sqlite') throw new StationFailure('INVALID_ARGUMENT', 'The station to move in must be its SQLite file.');
  if (dialectOf(d.target.db) !== 'postgres')
    throw new StationFailure('INVALID_ARGUMENT', 'The warehouse database must be PostgreSQL (a postgresql:// URL).');
  const [from, to] = [await schemaVersion(d.source.db), await schemaVersion(d.target.db)];
  if (from !== to) {
    throw new StationFailure(
      'CONFLICT',
      `The station's file is at schema ${from} and the warehouse database at ${to}: open both with this version of the app first.`,
    );
  }

  const labels = await finishLabels(d);
  const report: MoveInReport = { moved: false, labels, tables: [], conflicts: [], unknownTables: [], durationMs: 0 };
  if (labels.unfinished.length > 0) {
    d.logger.warn('move-in stopped: labels still unfinished', { count: labels.unfinished.length });
    report.durationMs = d.clock.now() - start;
    return report;
  }
  report.unknownTables = await unknownTables(d.source.db);
  await inTransaction(d.target.db, async (tx) => {
    const refused = new Map<TableName, Set<string>>();
    for (const plan of COPY_PLAN) {
      report.tables.push(await copyTable(d.source, tx, plan, refused, report.conflicts));
    }
  });
  report.moved = true;
  report.durationMs = d.clock.now() - start;
  d.logger.info('station moved in', {
    copied: report.tables.reduce((n, t) => n + t.copied, 0),
    conflicts: report.tables.reduce((n, t) => n + t.conflicts, 0),
  });
  return report;
}

async function finishLabels(d: MoveInDeps): Promise<MoveInReport['labels']> {
  const before = await unfinishedCurrentLabels(d.source.db);
  if (before.length > 0) await d.workflow.resumeAll();
  let leftForReprint = 0;
  const unfinished: UnfinishedLabel[] = [];
  for (const row of await unfinishedCurrentLabels(d.source.db)) {
    if (row.state === 'document_ready') {
      const at = d.clock.now();
      await inTransaction(d.source.db, async (tx) => {
        await updateLabel(tx, row.shipmentId, row.attempt, {
          state: 'print_failed',
          errorCode: 'PRINTER',
          errorMessage: LEFT_FOR_REPRINT_MESSAGE,
          at,
        });
        await touchShipment(tx, { id: row.shipmentId, at });
      });
      leftForReprint += 1;
      continue;
    }
    unfinished.push({
      shipmentId: row.shipmentId,
      attempt: row.attempt,
      state: row.state,
      orderNumber: row.orderNumber,
      reason:
        row.errorMessage ??
        (row.state === 'submitting'
          ? 'Flex Forward has not answered whether this label was bought.'
          : 'The label was bought but its document has not been fetched.'),
    });
  }
  return { found: before.length, leftForReprint, unfinished };
}

/** Current attempts not at rest (a superseded attempt is history, copied as it is). */
async function unfinishedCurrentLabels(db: ReadableDb) {
  return db
    .selectFrom('labels as l')
    .innerJoin('shipments as s', (j) => j.onRef('s.id', '=', 'l.shipment_id').onRef('s.current_attempt', '=', 'l.attempt'))
    .select(['l.shipment_id as shipmentId', 'l.attempt', 'l.state', 'l.error_message as errorMessage', 's.order_number as orderNumber'])
    .where('l.state', 'in', UNFINISHED_LABEL_STATES)
    .orderBy('l.created_at')
    .execute();
}

async function unknownTables(db: ReadableDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(db);
  const known = new Set<string>([...COPY_PLAN.map((p) => p.table), ...Object.keys(NOT_COPIED)]);
  return rows.map((r) => r.name).filter((n) => !isSqliteInternal(n) && !known.has(n));
}

type Row = Record<string, unknown>;

/** Dynamic table names: the plan is typed against the schema, the rows are copied column by column as they are. */
const loose = (db: ReadableDb): Kysely<Record<string, Row>> => db as unknown as Kysely<Record<string, Row>>;

const keyText = (row: Row, key: readonly string[]): string => JSON.stringify(key.map((k) => normalise(row[k])));

function normalise(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (Buffer.isBuffer(v)) return `bytes:${v.toString('base64')}`;
  if (typeof v === 'bigint') return Number(v);
  return v;
}

function sameValues(a: Row, b: Row, columns: readonly string[]): boolean {
  return columns.every((c) => {
    const x = normalise(a[c]);
    const y = normalise(b[c]);
    return typeof x === 'number' || typeof y === 'number' ? Number(x) === Number(y) : x === y;
  });
}

async function copyTable(
  source: MoveInDeps['source'],
  tx: WritableDb,
  plan: TableCopy,
  refused: Map<TableName, Set<string>>,
  conflicts: MoveInConflict[],
): Promise<TableReport> {
  const report: TableReport = { table: plan.table, found: 0, copied: 0, alreadyThere: 0, keptWarehouse: 0, conflicts: 0 };
  const refusedHere = new Set<string>();
  refused.set(plan.table, refusedHere);
  const conflict = (row: Row, reason: string) => {
    report.conflicts += 1;
    refusedHere.add(keyText(row, plan.key));
    if (conflicts.length < CONFLICTS_LISTED_MAX) {
      conflicts.push({ table: plan.table, key: Object.fromEntries(plan.key.map((k) => [k, row[k] as string | number])), reason });
    }
  };
  const batch = plan.batch ?? DEFAULT_BATCH;
  let afterRowid = 0;
  for (;;) {
    const { rows: read } = await sql<Row & { __rowid: number }>`SELECT rowid AS __rowid, * FROM ${sql.table(plan.table)}
      WHERE rowid > ${afterRowid} ORDER BY rowid LIMIT ${batch}`.execute(source.db);
    if (read.length === 0) break;
    afterRowid = read.at(-1)!.__rowid;
    report.found += read.length;
    const rows: Row[] = [];
    for (const raw of read) {
      const { __rowid: _, ...row } = raw;
      if (plan.generated) delete row[plan.generated];
      const orphanOf = (plan.parents ?? []).find(
        (p) => row[p.column] != null && refused.get(p.table)?.has(keyText({ k: row[p.column] }, ['k'])),
      );
      if (orphanOf) {
        conflict(row, `belongs to a ${singular(orphanOf.table)} that was not copied (${String(row[orphanOf.column])})`);
        continue;
      }
      rows.push(plan.table === 'documents' ? inlineDocument(row, source.documentsDir) : row);
    }
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0]!);
    // What the warehouse already holds under these keys.
    const existing = new Map<string, Row[]>();
    const tuples = rows.map((r) => sql`(${sql.join(plan.key.map((k) => sql`${r[k]}`))})`);
    const { rows: there } = await sql<Row>`SELECT * FROM ${sql.table(plan.table)}
      WHERE (${sql.join(plan.key.map((k) => sql.ref(k)))}) IN (${sql.join(tuples)})`.execute(tx);
    for (const r of there) {
      const k = keyText(r, plan.key);
      existing.set(k, [...(existing.get(k) ?? []), r]);
    }
    const missing: Row[] = [];
    for (const row of rows) {
      const candidates = existing.get(keyText(row, plan.key)) ?? [];
      const same = candidates.findIndex((c) => sameValues(row, c, columns));
      if (same >= 0) {
        report.alreadyThere += 1;
        // Each warehouse row accounts for one row of the file (two equal entries in the file are two entries).
        if (plan.wholeRow) candidates.splice(same, 1);
      } else if (candidates.length > 0 && !plan.wholeRow) report.keptWarehouse += 1;
      else missing.push(row);
    }
    if (missing.length === 0) continue;
    // Any unique value taken by another row (not only the key) leaves the row out instead of failing the move.
    const inserted = await loose(tx)
      .insertInto(plan.table)
      .values(missing)
      .onConflict((oc) => oc.doNothing())
      .returning(plan.key.map((k) => sql.ref(k).as(k)))
      .execute();
    const landed = new Set(inserted.map((r) => keyText(r, plan.key)));
    report.copied += plan.wholeRow ? inserted.length : landed.size;
    for (const row of missing) {
      if (!landed.has(keyText(row, plan.key)))
        conflict(row, `another row in the warehouse database has one of its unique values (${describeUnique(plan.table)})`);
    }
  }
  return report;
}

/** A document kept as a file beside the SQLite file goes into its row: every station reads it from the warehouse. */
function inlineDocument(row: Row, documentsDir: string | null): Row {
  const fileName = row.file_name as string | null;
  if (fileName === null) return row;
  if (documentsDir === null)
    throw new StationFailure('NOT_FOUND', `The label document ${fileName} has no documents folder to be read from.`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(documentsDir, fileName));
  } catch (e) {
    throw new StationFailure(
      'NOT_FOUND',
      `The label document ${join(documentsDir, fileName)} could not be read (${(e as Error).message}): put the station's documents folder back beside its database and move in again.`,
    );
  }
  return { ...row, bytes, file_name: null };
}

const singular = (table: string): string => ({ shipments: 'shipment', orders: 'order', waves: 'wave' })[table] ?? table;

function describeUnique(table: string): string {
  switch (table) {
    case 'shipments':
      return 'the same provider shipment, tracked at another station';
    case 'orders':
      return 'the same order source and external id, imported at another station';
    case 'boxes':
      return 'a box of the same name or barcode';
    case 'wave_items':
      return 'the same order in the same wave';
    case 'labels':
      return 'the same idempotency key';
    default:
      return 'a unique value';
  }
}
