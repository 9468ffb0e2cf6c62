import type { Provider, ShipmentSummary } from '../../../../shared/domain/shipment';
import type { ParsedArgs } from '../../../../shared/contract';
import { TAGS, toTag, type Tag } from '../../../../shared/domain/tags';
import { prepared, type ReadableDb, type WritableDb } from '../types';

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
}

export function insertShipment(db: WritableDb, s: NewShipment): void {
  prepared<object>(
    db,
    `INSERT INTO shipments (id, provider, remote_id, tracking_number, order_number, recipient_name, destination, tag, current_attempt, created_at, activity_at)
     VALUES (@id, @provider, @remoteId, @trackingNumber, @orderNumber, @recipientName, @destination, 'Pending', @currentAttempt, @at, @at)`,
  ).run(s);
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

const ROW_COLUMNS = `s.id, s.provider, s.remote_id AS remoteId, s.tracking_number AS trackingNumber, s.order_number AS orderNumber,
  s.recipient_name AS recipientName, s.destination, s.tag, s.current_attempt AS currentAttempt,
  s.created_at AS createdAt, s.activity_at AS activityAt`;

export function getShipment(db: ReadableDb, id: string): ShipmentRow | undefined {
  const row = prepared<{ id: string }, ShipmentRow>(db, `SELECT ${ROW_COLUMNS} FROM shipments s WHERE s.id = @id`).get({ id });
  return row ? { ...row, tag: toTag(row.tag) } : undefined;
}

/** What the label workflow learns from the API once the label exists. */
export function setShipmentRemote(
  db: WritableDb,
  p: { id: string; remoteId: string | null; trackingNumber: string | null; currentAttempt: number; at: number },
): void {
  prepared<object>(
    db,
    `UPDATE shipments SET remote_id = @remoteId, tracking_number = COALESCE(@trackingNumber, tracking_number),
       current_attempt = @currentAttempt, activity_at = MAX(activity_at, @at) WHERE id = @id`,
  ).run(p);
}

/** A deliberate retry made a new label attempt current. */
export function setShipmentAttempt(db: WritableDb, p: { id: string; attempt: number; at: number }): void {
  prepared<object>(db, `UPDATE shipments SET current_attempt = @attempt, activity_at = MAX(activity_at, @at) WHERE id = @id`).run(p);
}

/** Keeps the list's copy of the tag and activity time in step with `tracking` (same transaction as the caller's). */
export function setShipmentTag(db: WritableDb, p: { id: string; tag: Tag; trackingNumber: string | null; at: number }): void {
  prepared<object>(
    db,
    `UPDATE shipments SET tag = @tag, tracking_number = COALESCE(@trackingNumber, tracking_number),
       activity_at = MAX(activity_at, @at) WHERE id = @id`,
  ).run(p);
}

export function touchShipment(db: WritableDb, p: { id: string; at: number }): void {
  prepared<object>(db, `UPDATE shipments SET activity_at = MAX(activity_at, @at) WHERE id = @id`).run(p);
}

export type ShipmentListQuery = ParsedArgs<'shipments:list'>;

interface SummaryRow {
  id: string;
  provider: Provider;
  labelState: ShipmentSummary['labelState'];
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

const ORDER_BY: Record<ShipmentListQuery['sort'], string> = {
  activity_desc: 's.activity_at DESC, s.id DESC',
  activity_asc: 's.activity_at ASC, s.id ASC',
  created_desc: 's.created_at DESC, s.id DESC',
};

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

const TRACKING_PREFIX = 's.tracking_number >= @lo COLLATE NOCASE AND s.tracking_number < @hi COLLATE NOCASE';
const ORDER_PREFIX = 's.order_number >= @lo COLLATE NOCASE AND s.order_number < @hi COLLATE NOCASE';

interface Filter {
  /** A short search: a prefix of the tracking or order number. */
  prefix?: boolean;
  /** Conditions on `s`; `rowidTerm` is the one naming s.rowid, so it can be kept off the rowid lookup. */
  where: string[];
  rowidTerm: string | null;
  params: Record<string, unknown>;
}

function buildFilter(q: ShipmentListQuery): Filter {
  const f: Filter = { where: [], rowidTerm: null, params: {} };
  if (q.tag) {
    f.where.push('s.tag = @tag');
    f.params.tag = q.tag;
  }
  const search = q.search?.trim();
  if (search) {
    if ([...search].length >= TRIGRAM_MIN_CHARS) {
      f.rowidTerm = 's.rowid IN (SELECT rowid FROM shipments_search WHERE shipments_search MATCH @match)';
      f.params.match = ftsLiteral(search);
    } else {
      // A range on the NOCASE indexes (LIKE with an ESCAPE clause cannot use them).
      f.where.push(`(${TRACKING_PREFIX} OR ${ORDER_PREFIX})`);
      f.prefix = true;
      f.params.lo = search;
      f.params.hi = `${search}\uffff`;
    }
  }
  return f;
}

const SUMMARY_COLUMNS = `s.id, s.provider, l.state AS labelState, s.tracking_number AS trackingNumber, s.order_number AS orderNumber,
  s.recipient_name AS recipientName, s.destination, s.tag, t.subtag_message AS subtagMessage,
  (t.stopped_reason IS 'stale') AS stale, s.created_at AS createdAt, s.activity_at AS activityAt`;

/** The total for the scroll bar (a search alone is counted from its hits, see listShipments). */
function countMatches(db: ReadableDb, f: Filter, whereSql: string): number {
  if (f.prefix && f.where.length === 1) {
    // An OR of two ranges defeats both indexes; three index-only range counts do not.
    const count = (index: string, where: string) =>
      prepared<object, { n: number }>(db, `SELECT COUNT(*) AS n FROM shipments s INDEXED BY ${index} WHERE ${where}`).get(f.params)!.n;
    const byTracking = count('shipments_tracking_number', TRACKING_PREFIX);
    const byOrder = count('shipments_order_number', ORDER_PREFIX);
    // Rows matching both are found from the smaller range.
    const smaller = byOrder <= byTracking ? 'shipments_order_number' : 'shipments_tracking_number';
    return byTracking + byOrder - count(smaller, `${TRACKING_PREFIX} AND ${ORDER_PREFIX}`);
  }
  return prepared<object, { n: number }>(db, `SELECT COUNT(*) AS n FROM shipments s ${whereSql}`).get(f.params)!.n;
}

/** One page of the shipments list: filtered by tag, searched, sorted, with the total for the scroll bar. */
export function listShipments(db: ReadableDb, q: ShipmentListQuery): { items: ShipmentSummary[]; total: number; offset: number } {
  const f = buildFilter(q);
  // A search is evaluated once (a full order number is a costly trigram query): the matching
  // row ids are read out and reused for both the total and the page.
  let hits: number[] | null = null;
  if (f.rowidTerm !== null) {
    hits = prepared<object, { rowid: number }>(db, `SELECT rowid FROM shipments_search WHERE shipments_search MATCH @match`)
      .all({ match: f.params.match })
      .map((r) => r.rowid);
    f.rowidTerm = 's.rowid IN (SELECT value FROM json_each(@hits))';
    f.params = { ...f.params, hits: JSON.stringify(hits) };
    delete f.params.match;
  }
  const all = f.rowidTerm ? [...f.where, f.rowidTerm] : f.where;
  const whereSql = all.length ? `WHERE ${all.join(' AND ')}` : '';
  const total = hits !== null && f.where.length === 0 ? hits.length : countMatches(db, f, whereSql);
  if (total === 0 || q.offset >= total) return { items: [], total, offset: q.offset };

  // Many matches: `+s.rowid` keeps the planner on the sort index (it stops after one page).
  const walk = hits !== null && hits.length > SORT_MATCHES_MAX_ROWS;
  const pageWhere = walk ? [...f.where, f.rowidTerm!.replace('s.rowid IN', '+s.rowid IN')] : all;
  const pageWhereSql = pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : '';
  // Deferred join: pick the page's rows from the index alone, then join details for those rows only
  // (CROSS JOIN keeps SQLite from turning it around into a walk over every shipment).
  const rows = prepared<object, SummaryRow>(
    db,
    `SELECT ${SUMMARY_COLUMNS}
     FROM (SELECT s.rowid AS rid FROM shipments s ${pageWhereSql} ORDER BY ${ORDER_BY[q.sort]} LIMIT @limit OFFSET @offset) AS page
     CROSS JOIN shipments s ON s.rowid = page.rid
     LEFT JOIN labels l ON l.shipment_id = s.id AND l.attempt = s.current_attempt
     LEFT JOIN tracking t ON t.shipment_id = s.id
     ORDER BY ${ORDER_BY[q.sort]}`,
  ).all({ ...f.params, limit: q.limit, offset: q.offset });
  return { items: rows.map(toSummary), total, offset: q.offset };
}

/** One row of the list, as `listShipments` would show it (a newly tracked shipment, a changed one). */
export function getShipmentSummary(db: ReadableDb, id: string): ShipmentSummary | undefined {
  const row = prepared<{ id: string }, SummaryRow>(
    db,
    `SELECT ${SUMMARY_COLUMNS}
     FROM shipments s
     LEFT JOIN labels l ON l.shipment_id = s.id AND l.attempt = s.current_attempt
     LEFT JOIN tracking t ON t.shipment_id = s.id
     WHERE s.id = @id`,
  ).get({ id });
  return row ? toSummary(row) : undefined;
}

function toSummary(r: SummaryRow): ShipmentSummary {
  return {
    id: r.id,
    provider: r.provider,
    labelState: r.labelState,
    trackingNumber: r.trackingNumber,
    orderNumber: r.orderNumber,
    recipientName: r.recipientName,
    destination: r.destination,
    tag: toTag(r.tag),
    subtagMessage: r.subtagMessage,
    stale: r.stale === 1,
    createdAt: new Date(r.createdAt).toISOString(),
    activityAt: new Date(r.activityAt).toISOString(),
  };
}

/** Shipments per tag, every tag present (zero when none), plus the total (kept by triggers, migration 0040). */
export function countShipmentsByTag(db: ReadableDb): { total: number; byTag: Record<Tag, number> } {
  const rows = prepared<void, { tag: string; n: number }>(db, `SELECT tag, n FROM shipment_tag_counts`).all();
  const byTag = Object.fromEntries(TAGS.map((t) => [t, 0])) as Record<Tag, number>;
  let total = 0;
  for (const r of rows) {
    byTag[toTag(r.tag)] += r.n;
    total += r.n;
  }
  return { total, byTag };
}
