import type { Provider, ShipmentStanding, ShipmentSummary } from '../../../../shared/domain/shipment';
import type { ParsedArgs } from '../../../../shared/contract';
import { TAGS, toTag, type Tag } from '../../../../shared/domain/tags';
import { sql, type RawBuilder } from 'kysely';
import { dialectOf, epochMs, withSnapshot, type ReadableDb, type WritableDb } from '../types';

export interface NewShipment {
  id: string;
  provider: Provider;
  remoteId: string | null;
  trackingNumber: string | null;
  orderNumber: string | null;
  recipientName: string | null;
  destination: string | null;
  currentAttempt: number | null;
  at: number;
  /** The station making it (warehouse mode: whose notifications it belongs to). */
  stationId?: string | null;
}

export async function insertShipment(db: WritableDb, s: NewShipment): Promise<void> {
  await db
    .insertInto('shipments')
    .values({
      id: s.id,
      provider: s.provider,
      remote_id: s.remoteId,
      tracking_number: s.trackingNumber,
      order_number: s.orderNumber,
      recipient_name: s.recipientName,
      destination: s.destination,
      tag: 'Pending',
      current_attempt: s.currentAttempt,
      created_at: s.at,
      activity_at: s.at,
      station_id: s.stationId ?? null,
    })
    .execute();
}

export interface ShipmentRow {
  id: string;
  provider: Provider;
  remoteId: string | null;
  trackingNumber: string | null;
  orderNumber: string | null;
  recipientName: string | null;
  destination: string | null;
  tag: Tag;
  currentAttempt: number | null;
  createdAt: number;
  activityAt: number;
}

export async function getShipment(db: ReadableDb, id: string): Promise<ShipmentRow | undefined> {
  const row = await db
    .selectFrom('shipments')
    .select([
      'id',
      'provider',
      'remote_id as remoteId',
      'tracking_number as trackingNumber',
      'order_number as orderNumber',
      'recipient_name as recipientName',
      'destination',
      'tag',
      'current_attempt as currentAttempt',
      'created_at as createdAt',
      'activity_at as activityAt',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, tag: toTag(row.tag) } : undefined;
}

/** The station's id of the shipment a provider knows as `remoteId`, if any. */
export async function findShipmentByRemote(db: ReadableDb, provider: Provider, remoteId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('shipments')
    .select('id')
    .where('provider', '=', provider)
    .where('remote_id', '=', remoteId)
    .executeTakeFirst();
  return row?.id;
}

/** The later of the stored activity time and `at` (portable: SQLite's two-argument MAX is GREATEST in PostgreSQL). */
const laterActivity = (at: number): RawBuilder<number> =>
  sql<number>`CASE WHEN activity_at > ${epochMs(at)} THEN activity_at ELSE ${epochMs(at)} END`;

/** What the label workflow learns from the API once the label exists. */
export async function setShipmentRemote(
  db: WritableDb,
  p: { id: string; remoteId: string | null; trackingNumber: string | null; currentAttempt: number; at: number },
): Promise<void> {
  await db
    .updateTable('shipments')
    .set({
      remote_id: p.remoteId,
      // A null tracking number keeps the one already known.
      ...(p.trackingNumber !== null ? { tracking_number: p.trackingNumber } : {}),
      current_attempt: p.currentAttempt,
      activity_at: laterActivity(p.at),
    })
    .where('id', '=', p.id)
    .execute();
}

/** A deliberate retry made a new label attempt current. */
export async function setShipmentAttempt(db: WritableDb, p: { id: string; attempt: number; at: number }): Promise<void> {
  await db
    .updateTable('shipments')
    .set({ current_attempt: p.attempt, activity_at: laterActivity(p.at) })
    .where('id', '=', p.id)
    .execute();
}

/** A refused label corrected by the packer: the list shows whom and what order it is made for now. */
export async function setShipmentParty(
  db: WritableDb,
  p: { id: string; orderNumber: string | null; recipientName: string; destination: string },
): Promise<void> {
  await db
    .updateTable('shipments')
    .set({ order_number: p.orderNumber, recipient_name: p.recipientName, destination: p.destination })
    .where('id', '=', p.id)
    .execute();
}

/** Keeps the list's copy of the tag and activity time in step with `tracking` (same transaction as the caller's). */
export async function setShipmentTag(
  db: WritableDb,
  p: { id: string; tag: Tag; trackingNumber: string | null; at: number },
): Promise<void> {
  await db
    .updateTable('shipments')
    .set({ tag: p.tag, ...(p.trackingNumber !== null ? { tracking_number: p.trackingNumber } : {}), activity_at: laterActivity(p.at) })
    .where('id', '=', p.id)
    .execute();
}

export async function touchShipment(db: WritableDb, p: { id: string; at: number }): Promise<void> {
  await db
    .updateTable('shipments')
    .set({ activity_at: laterActivity(p.at) })
    .where('id', '=', p.id)
    .execute();
}

export type ShipmentListQuery = ParsedArgs<'shipments:list'>;

interface SummaryRow {
  id: string;
  provider: Provider;
  labelState: ShipmentSummary['labelState'];
  standing: ShipmentStanding;
  trackingNumber: string | null;
  orderNumber: string | null;
  recipientName: string | null;
  destination: string | null;
  tag: string;
  subtagMessage: string | null;
  stale: number;
  createdAt: number;
  activityAt: number;
}

/*
 * The list's page, filter and search have one variant per dialect, chosen by
 * `dialectOf`, with the same meaning (test/integration/db/shipments-queries
 * checks both against one plain reference):
 * - search text of three characters or more: a case-insensitive substring of
 *   the tracking number, order number or recipient name;
 * - shorter text: a case-insensitive prefix of the tracking or order number;
 * - sorted by the chosen time, ties broken by id (bytewise), with the total.
 * SQLite's: an FTS5 trigram index, rowids, planner hints (INDEXED BY, CROSS
 * JOIN, `+s.rowid`) measured at 100,000 rows (test/bench/engine.bench.ts).
 * PostgreSQL's: pg_trgm GIN indexes under ILIKE, lower(…) text_pattern_ops
 * indexes under a left-anchored LIKE, one snapshot for the page and its
 * total. Both are written with Kysely's `sql` template (values bound as
 * parameters, aliases quoted).
 */

/**
 * The columns a text sort reads, as each dialect's sort index holds them (migration 0130): case-insensitive
 * by ASCII letters, bytewise otherwise, NULL first going up.
 */
const TEXT_SORTS = {
  tracking: 'tracking_number',
  order: 'order_number',
  recipient: 'recipient_name',
  destination: 'destination',
} as const;

function textOrder(dialect: 'sqlite' | 'postgres', column: string, dir: 'ASC' | 'DESC'): RawBuilder<unknown> {
  const direction = sql.raw(dir);
  if (dialect === 'sqlite') return sql`${sql.ref(`s.${column}`)} COLLATE NOCASE ${direction}, s.id ${direction}`;
  // The index's expression exactly, or PostgreSQL would sort instead of walking it.
  const nulls = sql.raw(dir === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST');
  return sql`(translate(${sql.ref(`s.${column}`)}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE "C") ${direction} ${nulls}, s.id ${direction}`;
}

function orderBy(dialect: 'sqlite' | 'postgres', sort: ShipmentListQuery['sort']): RawBuilder<unknown> {
  switch (sort) {
    case 'activity_desc':
      return sql`s.activity_at DESC, s.id DESC`;
    case 'activity_asc':
      return sql`s.activity_at ASC, s.id ASC`;
    case 'created_desc':
      return sql`s.created_at DESC, s.id DESC`;
    case 'status_asc':
    case 'status_desc': {
      const dir = sql.raw(sort === 'status_asc' ? 'ASC' : 'DESC');
      return dialect === 'sqlite'
        ? sql`s.tag ${dir}, s.activity_at ${dir}, s.id ${dir}`
        : sql`(s.tag COLLATE "C") ${dir}, s.activity_at ${dir}, s.id ${dir}`;
    }
    default: {
      const [column, dir] = sort.split('_') as [keyof typeof TEXT_SORTS, 'asc' | 'desc'];
      return textOrder(dialect, TEXT_SORTS[column], dir === 'asc' ? 'ASC' : 'DESC');
    }
  }
}

/** Trigram search needs three characters; shorter text is a prefix match on the tracking and order numbers. */
const TRIGRAM_MIN_CHARS = 3;
/**
 * Above this many matches, a page is found by walking the sort index and
 * keeping matching rows (it stops after one page); below it, by sorting the
 * matches (a handful of rows). Either way a page costs a few ms at 100,000.
 */
const SORT_MATCHES_MAX_ROWS = 2_000;

/** FTS5 query for a literal substring: the text as one quoted string, quotes doubled. */
function ftsLiteral(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

interface Prefix {
  lo: string;
  hi: string;
}
const trackingPrefix = (p: Prefix) => sql`s.tracking_number >= ${p.lo} COLLATE NOCASE AND s.tracking_number < ${p.hi} COLLATE NOCASE`;
const orderPrefix = (p: Prefix) => sql`s.order_number >= ${p.lo} COLLATE NOCASE AND s.order_number < ${p.hi} COLLATE NOCASE`;

const whereClause = (conditions: readonly RawBuilder<unknown>[]): RawBuilder<unknown> =>
  conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;

const SUMMARY_COLUMNS = sql`s.id, s.provider, l.state AS "labelState", s.standing, s.tracking_number AS "trackingNumber", s.order_number AS "orderNumber",
  s.recipient_name AS "recipientName", s.destination, s.tag, t.subtag_message AS "subtagMessage",
  CASE WHEN t.stopped_reason = 'stale' THEN 1 ELSE 0 END AS stale, s.created_at AS "createdAt", s.activity_at AS "activityAt"`;

/**
 * A tag chip shows active shipments only (one needing action or voided has its own chip); the standing chips
 * show theirs whatever their tag.
 */
function standingFilter(q: ShipmentListQuery): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (q.tag) where.push(sql`s.tag = ${q.tag}`, sql`s.standing = 'active'`);
  if (q.standing) where.push(sql`s.standing = ${q.standing}`);
  return where;
}

/** The total for the scroll bar (a search alone is counted from its hits, see listShipments). */
async function countMatches(db: ReadableDb, where: readonly RawBuilder<unknown>[], prefix: Prefix | null): Promise<number> {
  const count = async (from: RawBuilder<unknown>, conditions: readonly RawBuilder<unknown>[]): Promise<number> => {
    const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${from} ${whereClause(conditions)}`.execute(db);
    return rows[0]!.n;
  };
  if (prefix && where.length === 1) {
    // An OR of two ranges defeats both indexes; three index-only range counts do not.
    const byTracking = await count(sql`shipments s INDEXED BY shipments_tracking_number`, [trackingPrefix(prefix)]);
    const byOrder = await count(sql`shipments s INDEXED BY shipments_order_number`, [orderPrefix(prefix)]);
    // Rows matching both are found from the smaller range.
    const smaller =
      byOrder <= byTracking ? sql`shipments s INDEXED BY shipments_order_number` : sql`shipments s INDEXED BY shipments_tracking_number`;
    return byTracking + byOrder - (await count(smaller, [trackingPrefix(prefix), orderPrefix(prefix)]));
  }
  return count(sql`shipments s`, where);
}

/** One page of the shipments list: filtered by tag, searched, sorted, with the total for the scroll bar. */
export async function listShipments(
  db: ReadableDb,
  q: ShipmentListQuery,
): Promise<{ items: ShipmentSummary[]; total: number; offset: number; totalIsLowerBound?: boolean }> {
  // The total and the rows agree: one connection (SQLite) or one snapshot (PostgreSQL).
  return withSnapshot(db, (c) => (dialectOf(c) === 'sqlite' ? listShipmentsSqlite(c, q) : listShipmentsPostgres(c, q)));
}

/** A LIKE pattern's literal text: its wildcards and the escape character escaped (PostgreSQL's default escape is `\`). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * PostgreSQL at 1,000,000 shipments (test/bench/warehouse.bench.ts, p95 ≤ 20 ms):
 * - the total without a search is read from the per-tag counts (migration
 *   0040), in the page's snapshot: a COUNT(*) of a million rows is a
 *   quarter-second scan on every refresh;
 * - a search's total is counted up to SEARCH_TOTAL_MAX matches; beyond it the
 *   page says `totalIsLowerBound` (the list shows "1,000+", refine the search):
 *   counting 100,000 recipients called Chen costs more than the whole goal;
 * - the page's ids come from the sort index alone (an index-only scan that
 *   skips the offset), and only those 100 rows are joined to their label and
 *   tracking (a join before the offset ran once per skipped row);
 * - a trigram search is looked up in the index by its longest run of digits
 *   when it has one (identifiers share their letters and their zero padding:
 *   every order number has the trigrams of "ORDER-0", and walking those
 *   posting lists cost 30 ms to seconds), and the whole text is then checked
 *   on the few rows found.
 */
export const SEARCH_TOTAL_MAX = 1_000;
const DIGIT_RUN_MIN = 3;

/**
 * The part of a search the trigram index is asked for: its longest run of digits (3 or more) without its leading
 * zeros (zero-padded counters make "000" the commonest trigram of all), else all of it.
 */
export function trigramIndexKey(search: string): string {
  const runs = search.match(/[1-9]\d*/g) ?? [];
  const longest = runs.reduce((a, r) => (r.length > a.length ? r : a), '');
  return longest.length >= DIGIT_RUN_MIN ? longest : search;
}

async function listShipmentsPostgres(
  db: ReadableDb,
  q: ShipmentListQuery,
): Promise<{ items: ShipmentSummary[]; total: number; offset: number; totalIsLowerBound?: boolean }> {
  const where: RawBuilder<unknown>[] = [];
  where.push(...standingFilter(q));
  const search = q.search?.trim();
  if (search) {
    if ([...search].length >= TRIGRAM_MIN_CHARS) {
      const pattern = `%${likeLiteral(search)}%`;
      const key = trigramIndexKey(search);
      // One lowered text per shipment with its trigram index (0190); the pattern is lowered by the same lower().
      if (key === search) {
        where.push(sql`s.search_text LIKE lower(${pattern})`);
      } else {
        // The index is asked for the digits; `|| ''` keeps the whole text out of the index condition (checked on the rows found).
        const keyPattern = `%${likeLiteral(key)}%`;
        where.push(sql`(s.search_text LIKE lower(${keyPattern}) AND (s.search_text || '') LIKE lower(${pattern}))`);
      }
    } else {
      // A left-anchored LIKE on lower(…): a range on the text_pattern_ops indexes.
      const pattern = `${likeLiteral(search.toLowerCase())}%`;
      where.push(sql`(lower(s.tracking_number) LIKE ${pattern} OR lower(s.order_number) LIKE ${pattern})`);
    }
  }
  let total: number;
  let totalIsLowerBound = false;
  if (!search) {
    const counts = db.selectFrom('shipment_tag_counts').select(sql<number>`COALESCE(SUM(n), 0)`.as('n'));
    // Each shipment is counted once, under its list key (0140): its tag when active, else its standing.
    const key = q.tag && q.standing ? null : (q.tag ?? (q.standing ? `standing:${q.standing}` : undefined));
    const { n } = key === null ? { n: 0 } : await (key !== undefined ? counts.where('tag', '=', key) : counts).executeTakeFirstOrThrow();
    total = Number(n);
  } else {
    const { rows: counted } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM (SELECT 1 FROM shipments s ${whereClause(where)}
      LIMIT ${SEARCH_TOTAL_MAX + 1}) AS found`.execute(db);
    total = Number(counted[0]!.n);
    if (total > SEARCH_TOTAL_MAX) {
      total = SEARCH_TOTAL_MAX;
      totalIsLowerBound = true;
    }
  }
  const page = { total, offset: q.offset, ...(totalIsLowerBound ? { totalIsLowerBound } : {}) };
  if (total === 0 || q.offset >= total) return { items: [], ...page };
  const order = orderBy('postgres', q.sort);
  const { rows } = await sql<SummaryRow>`SELECT ${SUMMARY_COLUMNS}
     FROM (SELECT s.id FROM shipments s ${whereClause(where)} ORDER BY ${order} LIMIT ${Math.min(q.limit, total - q.offset)} OFFSET ${q.offset}) AS page
     JOIN shipments s ON s.id = page.id
     LEFT JOIN labels l ON l.shipment_id = s.id AND l.attempt = s.current_attempt
     LEFT JOIN tracking t ON t.shipment_id = s.id
     ORDER BY ${order}`.execute(db);
  return { items: rows.map(toSummary), ...page };
}

async function listShipmentsSqlite(
  db: ReadableDb,
  q: ShipmentListQuery,
): Promise<{ items: ShipmentSummary[]; total: number; offset: number }> {
  const where: RawBuilder<unknown>[] = [];
  where.push(...standingFilter(q));
  let prefix: Prefix | null = null;
  // A search is evaluated once (a full order number is a costly trigram query): the matching
  // row ids are read out and reused for both the total and the page.
  let hits: string | null = null;
  let hitCount = 0;
  const search = q.search?.trim();
  if (search) {
    if ([...search].length >= TRIGRAM_MIN_CHARS) {
      const { rows } = await sql<{
        rowid: number;
      }>`SELECT rowid FROM shipments_search WHERE shipments_search MATCH ${ftsLiteral(search)}`.execute(db);
      hitCount = rows.length;
      hits = JSON.stringify(rows.map((r) => r.rowid));
    } else {
      // A range on the NOCASE indexes (LIKE with an ESCAPE clause cannot use them).
      prefix = { lo: search, hi: `${search}\uffff` };
      where.push(sql`(${trackingPrefix(prefix)} OR ${orderPrefix(prefix)})`);
    }
  }
  const all = hits !== null ? [...where, sql`s.rowid IN (SELECT value FROM json_each(${hits}))`] : where;
  const total = hits !== null && where.length === 0 ? hitCount : await countMatches(db, all, prefix);
  if (total === 0 || q.offset >= total) return { items: [], total, offset: q.offset };

  // Many matches: `+s.rowid` keeps the planner on the sort index (it stops after one page).
  const walk = hits !== null && hitCount > SORT_MATCHES_MAX_ROWS;
  const pageWhere = walk ? [...where, sql`+s.rowid IN (SELECT value FROM json_each(${hits}))`] : all;
  const order = orderBy('sqlite', q.sort);
  // Deferred join: pick the page's rows from the index alone, then join details for those rows only
  // (CROSS JOIN keeps SQLite from turning it around into a walk over every shipment).
  const { rows } = await sql<SummaryRow>`SELECT ${SUMMARY_COLUMNS}
     FROM (SELECT s.rowid AS rid FROM shipments s ${whereClause(pageWhere)} ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}) AS page
     CROSS JOIN shipments s ON s.rowid = page.rid
     LEFT JOIN labels l ON l.shipment_id = s.id AND l.attempt = s.current_attempt
     LEFT JOIN tracking t ON t.shipment_id = s.id
     ORDER BY ${order}`.execute(db);
  return { items: rows.map(toSummary), total, offset: q.offset };
}

/** One row of the list, as `listShipments` would show it (a newly tracked shipment, a changed one). */
export async function getShipmentSummary(db: ReadableDb, id: string): Promise<ShipmentSummary | undefined> {
  const { rows } = await sql<SummaryRow>`SELECT ${SUMMARY_COLUMNS}
     FROM shipments s
     LEFT JOIN labels l ON l.shipment_id = s.id AND l.attempt = s.current_attempt
     LEFT JOIN tracking t ON t.shipment_id = s.id
     WHERE s.id = ${id}`.execute(db);
  return rows[0] ? toSummary(rows[0]) : undefined;
}

function toSummary(r: SummaryRow): ShipmentSummary {
  return {
    id: r.id,
    provider: r.provider,
    labelState: r.labelState,
    standing: r.standing,
    trackingNumber: r.trackingNumber,
    orderNumber: r.orderNumber,
    recipientName: r.recipientName,
    destination: r.destination,
    tag: toTag(r.tag),
    subtagMessage: r.subtagMessage,
    stale: Number(r.stale) === 1,
    createdAt: new Date(Number(r.createdAt)).toISOString(),
    activityAt: new Date(Number(r.activityAt)).toISOString(),
  };
}

/**
 * Shipments per tag, every tag present (zero when none), those needing action and those voided apart, and the
 * total of all but the voided (kept by triggers, migrations 0040, 0120 and 0140: an active shipment is counted under
 * its tag, the others under `standing:<standing>`).
 */
export async function countShipmentsByTag(
  db: ReadableDb,
): Promise<{ total: number; byTag: Record<Tag, number>; needsAction: number; voided: number }> {
  const rows = await db.selectFrom('shipment_tag_counts').select(['tag', 'n']).execute();
  const byTag = Object.fromEntries(TAGS.map((t) => [t, 0])) as Record<Tag, number>;
  let needsAction = 0;
  let voided = 0;
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    if (r.tag === 'standing:voided') {
      voided += n;
      continue;
    }
    total += n;
    if (r.tag === 'standing:needs_action') needsAction += n;
    else byTag[toTag(r.tag)] += n;
  }
  return { total, byTag, needsAction, voided };
}

export interface ShipmentVoid {
  voidedAt: number;
  reason: string;
  note: string | null;
  by: string;
}

/** The void recorded for a shipment, if its label was voided here. */
export async function getShipmentVoid(db: ReadableDb, id: string): Promise<ShipmentVoid | undefined> {
  const r = await db
    .selectFrom('shipments')
    .select(['voided_at as voidedAt', 'void_reason as reason', 'void_note as note', 'voided_by as by'])
    .where('id', '=', id)
    .where('voided_at', 'is not', null)
    .executeTakeFirst();
  return r ? { voidedAt: Number(r.voidedAt), reason: r.reason ?? 'other', note: r.note, by: r.by ?? '' } : undefined;
}

/** Marks a shipment's label void here (once: a second call changes nothing and answers false). */
export async function voidShipment(
  db: WritableDb,
  v: { id: string; at: number; reason: string; note: string | null; by: string },
): Promise<boolean> {
  const r = await db
    .updateTable('shipments')
    .set({
      standing: 'voided',
      voided_at: v.at,
      void_reason: v.reason,
      void_note: v.note,
      voided_by: v.by,
      activity_at: laterActivity(v.at),
    })
    .where('id', '=', v.id)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Label states at which a label exists at the courier (bought): `created` and every state after it. */
export const BOUGHT_LABEL_STATES = ['created', 'document_ready', 'printed', 'print_failed', 'tracked'] as const;

/**
 * The newest shipment made here for this order number (compared without case, as the list's search does) whose
 * label is bought (an attempt at `created` or later) or being bought (its current attempt `submitting`: the
 * answer may still come): the label a second one would duplicate. Served by `shipments_order_number` on both
 * dialects (NOCASE in SQLite, lower(…) in PostgreSQL).
 */
export async function findLabelForOrder(
  db: ReadableDb,
  orderNumber: string,
): Promise<{ shipmentId: string; orderNumber: string; trackingNumber: string | null } | undefined> {
  const match =
    dialectOf(db) === 'sqlite' ? sql`s.order_number = ${orderNumber} COLLATE NOCASE` : sql`lower(s.order_number) = lower(${orderNumber})`;
  const states = sql.join(BOUGHT_LABEL_STATES.map((state) => sql`${state}`));
  const { rows } = await sql<{ shipmentId: string; orderNumber: string; trackingNumber: string | null }>`SELECT s.id AS "shipmentId",
       s.order_number AS "orderNumber", s.tracking_number AS "trackingNumber"
     FROM shipments s
     WHERE ${match} AND s.provider = 'flexforward' AND s.standing <> 'voided'
       AND EXISTS (SELECT 1 FROM labels l WHERE l.shipment_id = s.id
         AND (l.state IN (${states}) OR (l.state = 'submitting' AND l.attempt = s.current_attempt)))
     ORDER BY s.created_at DESC, s.id DESC
     LIMIT 1`.execute(db);
  return rows[0];
}

/**
 * Makes a transaction the only one checking and saving a label for this order number until it ends, so two
 * stations' first labels for one order cannot both pass the duplicate check (each would read before the other
 * saved). PostgreSQL: a transaction-level advisory lock on the number without case (taken before the check, so
 * the check's snapshot sees what the previous holder committed). SQLite: nothing to do, as the station's one
 * writing connection runs its transactions one after another.
 */
export async function lockOrderNumber(tx: WritableDb, orderNumber: string): Promise<void> {
  if (dialectOf(tx) === 'sqlite') return;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${'station-order-number:'} || lower(${orderNumber}), 0))`.execute(tx);
}
