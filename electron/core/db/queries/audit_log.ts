/**
 * The audit log's queries: insert and read, nothing else. There is no update
 * or delete here on purpose (and the database refuses both, migration 0110).
 */
import type { AuditAction } from '../../../../shared/domain/audit';
import type { ReadableDb, WritableDb } from '../types';

export interface AuditRow {
  id: number;
  at: number;
  station: string;
  packerId: string | null;
  packerName: string | null;
  action: AuditAction;
  orderId: string | null;
  orderNumber: string | null;
  shipmentId: string | null;
  trackingNumber: string | null;
  reason: string | null;
  detail: string | null;
}

export type NewAuditRow = Omit<AuditRow, 'id'>;

/** Rows per INSERT: well under SQLite's 32,766 bound parameters (11 a row). */
const INSERT_CHUNK = 500;

const COLUMNS = [
  'id',
  'at',
  'station',
  'packer_id as packerId',
  'packer_name as packerName',
  'action',
  'order_id as orderId',
  'order_number as orderNumber',
  'shipment_id as shipmentId',
  'tracking_number as trackingNumber',
  'reason',
  'detail',
] as const;

export async function insertAuditRows(db: WritableDb, rows: readonly NewAuditRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto('audit_log')
      .values(
        rows.slice(i, i + INSERT_CHUNK).map((r) => ({
          at: r.at,
          station: r.station,
          packer_id: r.packerId,
          packer_name: r.packerName,
          action: r.action,
          order_id: r.orderId,
          order_number: r.orderNumber,
          shipment_id: r.shipmentId,
          tracking_number: r.trackingNumber,
          reason: r.reason,
          detail: r.detail,
        })),
      )
      .execute();
  }
}

export interface AuditFilter {
  /** Entries about any of these orders or shipments (OR). */
  orderIds?: readonly string[];
  shipmentIds?: readonly string[];
  from?: number;
  to?: number;
  action?: AuditAction;
  beforeId?: number;
  limit: number;
  /** Newest first (the screens) or oldest first (the export). */
  order: 'newest' | 'oldest';
}

export async function listAuditRows(db: ReadableDb, f: AuditFilter): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').select(COLUMNS);
  const orderIds = f.orderIds ?? [];
  const shipmentIds = f.shipmentIds ?? [];
  if (orderIds.length > 0 || shipmentIds.length > 0) {
    q = q.where((eb) =>
      eb.or([
        ...(orderIds.length > 0 ? [eb('order_id', 'in', [...orderIds])] : []),
        ...(shipmentIds.length > 0 ? [eb('shipment_id', 'in', [...shipmentIds])] : []),
      ]),
    );
  }
  if (f.from !== undefined) q = q.where('at', '>=', f.from);
  if (f.to !== undefined) q = q.where('at', '<', f.to);
  if (f.action !== undefined) q = q.where('action', '=', f.action);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  const rows = await (f.order === 'newest' ? q.orderBy('id', 'desc') : q.orderBy('id', 'asc')).limit(f.limit).execute();
  return rows as AuditRow[];
}
