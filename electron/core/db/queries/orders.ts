/**
 * Imported orders (migration 0050). The status an order shows is computed
 * here, from its row and its shipment's current label, so "labelled" and
 * "printed" can never disagree with the label itself:
 * cancelled-after-labelling > printed > labelled > closed > readiness.
 * A rejected label (failed, invalid) is no label: the order is back to its readiness.
 */
import { sql, type RawBuilder } from 'kysely';
import { ORDER_STATUSES, type OrderCounts, type OrderStatus, type Readiness } from '../../../../shared/domain/order-desk';
import type { LabelState } from '../../../../shared/domain/shipment';
import { likePattern } from './sku_catalogue';
import { withConnection, type ReadableDb, type WritableDb } from '../types';

/** Label states in which an order has its label (or one is being made): it must not get another. */
export const ORDER_LABEL_STATES = [
  'submitting',
  'created',
  'document_ready',
  'print_failed',
  'printed',
  'tracked',
] as const satisfies readonly LabelState[];
const PRINTED_STATES = ['printed', 'tracked'] as const satisfies readonly LabelState[];

export type ClosedReason = 'cancelled' | 'fulfilled' | 'restocked';

export interface OrderRow {
  id: string;
  source: string;
  externalId: string;
  orderNumber: string;
  recipientName: string;
  destination: string;
  lineCount: number;
  units: number;
  importedJson: string;
  editsJson: string | null;
  orderJson: string;
  conflictsJson: string | null;
  readiness: Readiness;
  closedReason: ClosedReason | null;
  cancelledAt: string | null;
  shipmentId: string | null;
  boxId: string | null;
  weightKg: number | null;
  sourceFile: string;
  importedAt: number;
  updatedAt: number;
  /** From the linked shipment. */
  labelState: LabelState | null;
  trackingNumber: string | null;
  status: OrderStatus;
}

const labelled = sql`o.shipment_id IS NOT NULL AND l.state IN (${sql.join(ORDER_LABEL_STATES)})`;
const STATUS = sql<OrderStatus>`CASE
  WHEN ${labelled} AND o.cancelled_at IS NOT NULL THEN 'cancelled-after-labelling'
  WHEN ${labelled} AND l.state IN (${sql.join(PRINTED_STATES)}) THEN 'printed'
  WHEN ${labelled} THEN 'labelled'
  WHEN o.closed_reason IS NOT NULL THEN 'closed'
  ELSE o.readiness END`;

const FROM = sql`FROM orders o
  LEFT JOIN shipments s ON s.id = o.shipment_id
  LEFT JOIN labels l ON l.shipment_id = s.id AND l.attempt = s.current_attempt`;

const ROW_COLUMNS = sql`o.id, o.source, o.external_id AS "externalId", o.order_number AS "orderNumber",
  o.recipient_name AS "recipientName", o.destination, o.line_count AS "lineCount", o.units,
  o.imported_json AS "importedJson", o.edits_json AS "editsJson", o.order_json AS "orderJson",
  o.conflicts_json AS "conflictsJson", o.readiness, o.closed_reason AS "closedReason", o.cancelled_at AS "cancelledAt",
  o.shipment_id AS "shipmentId", o.box_id AS "boxId", o.weight_kg AS "weightKg", o.source_file AS "sourceFile",
  o.imported_at AS "importedAt", o.updated_at AS "updatedAt", l.state AS "labelState",
  s.tracking_number AS "trackingNumber", ${STATUS} AS status`;

function toRow(r: OrderRow): OrderRow {
  return {
    ...r,
    lineCount: Number(r.lineCount),
    units: Number(r.units),
    weightKg: r.weightKg === null ? null : Number(r.weightKg),
    importedAt: Number(r.importedAt),
    updatedAt: Number(r.updatedAt),
  };
}

async function select(db: ReadableDb, where: RawBuilder<unknown>, tail: RawBuilder<unknown> = sql``): Promise<OrderRow[]> {
  const { rows } = await sql<OrderRow>`SELECT ${ROW_COLUMNS} ${FROM} WHERE ${where} ${tail}`.execute(db);
  return rows.map(toRow);
}

export async function getOrder(db: ReadableDb, id: string): Promise<OrderRow | undefined> {
  return (await select(db, sql`o.id = ${id}`))[0];
}

/** Stored orders among these keys of one source (an import looks its orders up a chunk at a time). */
export async function getOrdersByKeys(db: ReadableDb, source: string, externalIds: readonly string[]): Promise<OrderRow[]> {
  if (externalIds.length === 0) return [];
  return select(db, sql`o.source = ${source} AND o.external_id IN (${sql.join(externalIds)})`);
}

/** Orders whose number is exactly this (case-insensitive, as scans are), newest import first. */
export async function findOrdersByNumber(db: ReadableDb, orderNumber: string): Promise<OrderRow[]> {
  return select(db, sql`lower(o.order_number) = lower(${orderNumber})`, sql`ORDER BY o.imported_at DESC, o.id`);
}

/** The order a shipment was made for, if any. */
export async function findOrderByShipment(db: ReadableDb, shipmentId: string): Promise<OrderRow | undefined> {
  return (await select(db, sql`o.shipment_id = ${shipmentId}`))[0];
}

export interface OrderListQuery {
  status?: OrderStatus | undefined;
  search?: string | undefined;
  offset: number;
  limit: number;
}

function searchCondition(search: string): RawBuilder<unknown> {
  const pattern = likePattern(search);
  return sql`(lower(o.order_number) LIKE ${pattern} ESCAPE '\\' OR lower(o.recipient_name) LIKE ${pattern} ESCAPE '\\'
    OR EXISTS (SELECT 1 FROM order_lines ol WHERE ol.order_id = o.id AND lower(ol.sku) LIKE ${pattern} ESCAPE '\\'))`;
}

/** A page of orders, newest import first, with the total and the per-status counts (one connection: they agree). */
export async function listOrders(db: ReadableDb, q: OrderListQuery): Promise<{ items: OrderRow[]; total: number; counts: OrderCounts }> {
  const conditions: RawBuilder<unknown>[] = [];
  if (q.search) conditions.push(searchCondition(q.search));
  const searchWhere = conditions.length ? sql.join(conditions, sql` AND `) : sql`1 = 1`;
  const where = q.status ? sql`${searchWhere} AND ${STATUS} = ${q.status}` : searchWhere;
  return withConnection(db, async (c) => {
    const items = await select(c, where, sql`ORDER BY o.imported_at DESC, o.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`);
    const { rows } = await sql<{
      status: OrderStatus;
      n: number;
    }>`SELECT ${STATUS} AS status, COUNT(*) AS n ${FROM} WHERE ${searchWhere} GROUP BY 1`.execute(c);
    const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as OrderCounts;
    for (const r of rows) counts[r.status] = Number(r.n);
    const total = q.status ? counts[q.status] : Object.values(counts).reduce((a, b) => a + b, 0);
    return { items, total, counts };
  });
}

/** Orders that may still get a label (not labelled, not closed), a page at a time by id: their readiness follows the catalogue and set-up. */
export async function listOpenOrders(db: ReadableDb, afterId: string, limit: number): Promise<OrderRow[]> {
  return select(db, sql`o.id > ${afterId} AND o.closed_reason IS NULL AND NOT (${labelled})`, sql`ORDER BY o.id LIMIT ${limit}`);
}

export interface OrderWrite {
  orderNumber: string;
  recipientName: string;
  destination: string;
  lines: readonly { sku: string; name: string; quantity: number }[];
  importedJson: string;
  editsJson: string | null;
  orderJson: string;
  conflictsJson: string | null;
  readiness: Readiness;
  closedReason: ClosedReason | null;
  sourceFile: string;
  at: number;
}

function writeColumns(w: OrderWrite) {
  return {
    order_number: w.orderNumber,
    recipient_name: w.recipientName,
    destination: w.destination,
    line_count: w.lines.length,
    units: w.lines.reduce((n, l) => n + l.quantity, 0),
    imported_json: w.importedJson,
    edits_json: w.editsJson,
    order_json: w.orderJson,
    conflicts_json: w.conflictsJson,
    readiness: w.readiness,
    closed_reason: w.closedReason,
    source_file: w.sourceFile,
    updated_at: w.at,
  };
}

async function replaceLines(db: WritableDb, orderId: string, lines: OrderWrite['lines']): Promise<void> {
  await db.deleteFrom('order_lines').where('order_id', '=', orderId).execute();
  if (lines.length === 0) return;
  await db
    .insertInto('order_lines')
    .values(lines.map((l, position) => ({ order_id: orderId, position, sku: l.sku, name: l.name, quantity: l.quantity })))
    .execute();
}

export type NewOrder = OrderWrite & { id: string; source: string; externalId: string };

/** New orders, several rows per statement (an import stores thousands), with their lines. */
export async function insertOrders(db: WritableDb, orders: readonly NewOrder[]): Promise<void> {
  // 22 columns a row: 400 rows stay far below SQLite's 32,766 parameters a statement.
  for (let i = 0; i < orders.length; i += 400) {
    const chunk = orders.slice(i, i + 400);
    await db
      .insertInto('orders')
      .values(
        chunk.map((o) => ({
          id: o.id,
          source: o.source,
          external_id: o.externalId,
          ...writeColumns(o),
          cancelled_at: null,
          shipment_id: null,
          box_id: null,
          weight_kg: null,
          imported_at: o.at,
        })),
      )
      .execute();
  }
  const lines = orders.flatMap((o) =>
    o.lines.map((l, position) => ({ order_id: o.id, position, sku: l.sku, name: l.name, quantity: l.quantity })),
  );
  for (let i = 0; i < lines.length; i += 2_000)
    await db
      .insertInto('order_lines')
      .values(lines.slice(i, i + 2_000))
      .execute();
}

/** A new version of an order (from the file or the packer's edit). `importedAt` moves only when the file changed it. */
export async function updateOrder(db: WritableDb, id: string, o: OrderWrite & { fromFile: boolean }): Promise<void> {
  await db
    .updateTable('orders')
    .set({ ...writeColumns(o), ...(o.fromFile ? { imported_at: o.at } : {}) })
    .where('id', '=', id)
    .execute();
  await replaceLines(db, id, o.lines);
}

export async function setOrderReadiness(db: WritableDb, id: string, readiness: Readiness): Promise<void> {
  await db.updateTable('orders').set({ readiness }).where('id', '=', id).execute();
}

export async function setOrderClosed(db: WritableDb, id: string, reason: ClosedReason, at: number): Promise<void> {
  await db.updateTable('orders').set({ closed_reason: reason, updated_at: at }).where('id', '=', id).execute();
}

export async function setOrderCancelledAfterLabel(db: WritableDb, id: string, cancelledAt: string, at: number): Promise<void> {
  await db.updateTable('orders').set({ cancelled_at: cancelledAt, updated_at: at }).where('id', '=', id).execute();
}

export async function setOrderPackChoice(
  db: WritableDb,
  id: string,
  p: { boxId?: string | null; weightKg?: number | null; at: number },
): Promise<void> {
  await db
    .updateTable('orders')
    .set({
      ...(p.boxId !== undefined ? { box_id: p.boxId } : {}),
      ...(p.weightKg !== undefined ? { weight_kg: p.weightKg } : {}),
      updated_at: p.at,
    })
    .where('id', '=', id)
    .execute();
}

/** Links the order to the shipment its label was made on (in the transaction that saves the shipment). */
export async function linkOrderShipment(db: WritableDb, id: string, shipmentId: string, at: number): Promise<void> {
  await db.updateTable('orders').set({ shipment_id: shipmentId, updated_at: at }).where('id', '=', id).execute();
}

/** A box that is gone is no order's choice any more. */
export async function clearOrderBox(db: WritableDb, boxId: string): Promise<void> {
  await db.updateTable('orders').set({ box_id: null }).where('box_id', '=', boxId).execute();
}
