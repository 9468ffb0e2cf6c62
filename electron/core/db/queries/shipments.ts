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

/** Trigram search needs three characters; shorter text falls back to a prefix match on the indexed columns. */
const TRIGRAM_MIN_CHARS = 3;

/** FTS5 query for a literal substring: the text as one quoted string, quotes doubled. */
function ftsLiteral(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function likePrefix(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
}

/** One page of the shipments list: filtered by tag, searched, sorted, with the total for the scroll bar. */
export function listShipments(db: ReadableDb, q: ShipmentListQuery): { items: ShipmentSummary[]; total: number; offset: number } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: q.limit, offset: q.offset };
  if (q.tag) {
    where.push('s.tag = @tag');
    params.tag = q.tag;
  }
  const search = q.search?.trim();
  if (search) {
    if ([...search].length >= TRIGRAM_MIN_CHARS) {
      where.push('s.rowid IN (SELECT rowid FROM shipments_search WHERE shipments_search MATCH @match)');
      params.match = ftsLiteral(search);
    } else {
      where.push(`(s.tracking_number LIKE @prefix ESCAPE '\\' OR s.order_number LIKE @prefix ESCAPE '\\' OR s.recipient_name LIKE @prefix ESCAPE '\\')`);
      params.prefix = likePrefix(search);
    }
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = prepared<object, SummaryRow>(
    db,
    `SELECT s.id, s.provider, l.state AS labelState, s.tracking_number AS trackingNumber, s.order_number AS orderNumber,
       s.recipient_name AS recipientName, s.destination, s.tag, t.subtag_message AS subtagMessage,
       (t.stopped_reason IS 'stale') AS stale, s.created_at AS createdAt, s.activity_at AS activityAt
     FROM shipments s
     LEFT JOIN labels l ON l.shipment_id = s.id AND l.attempt = s.current_attempt
     LEFT JOIN tracking t ON t.shipment_id = s.id
     ${whereSql}
     ORDER BY ${ORDER_BY[q.sort]}
     LIMIT @limit OFFSET @offset`,
  ).all(params);
  const countParams = { ...params };
  delete countParams.limit;
  delete countParams.offset;
  const total = prepared<object, { n: number }>(db, `SELECT COUNT(*) AS n FROM shipments s ${whereSql}`).get(countParams)!.n;
  return { items: rows.map(toSummary), total, offset: q.offset };
}

/** One row of the list, as `listShipments` would show it (a newly tracked shipment, a changed one). */
export function getShipmentSummary(db: ReadableDb, id: string): ShipmentSummary | undefined {
  const row = prepared<{ id: string }, SummaryRow>(
    db,
    `SELECT s.id, s.provider, l.state AS labelState, s.tracking_number AS trackingNumber, s.order_number AS orderNumber,
       s.recipient_name AS recipientName, s.destination, s.tag, t.subtag_message AS subtagMessage,
       (t.stopped_reason IS 'stale') AS stale, s.created_at AS createdAt, s.activity_at AS activityAt
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

/** Shipments per tag, every tag present (zero when none), plus the total. */
export function countShipmentsByTag(db: ReadableDb): { total: number; byTag: Record<Tag, number> } {
  const rows = prepared<void, { tag: string; n: number }>(db, `SELECT tag, COUNT(*) AS n FROM shipments GROUP BY tag`).all();
  const byTag = Object.fromEntries(TAGS.map((t) => [t, 0])) as Record<Tag, number>;
  let total = 0;
  for (const r of rows) {
    byTag[toTag(r.tag)] += r.n;
    total += r.n;
  }
  return { total, byTag };
}
