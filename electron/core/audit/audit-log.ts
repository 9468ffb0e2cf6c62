/**
 * The audit recorder (issue 13). Every part that does something a warehouse
 * wants to answer for later (the label workflow, the order book, settings, the
 * packers desk, a void) is given this object in its constructor and calls
 * `record`, inside its own transaction where it has one, so the entry and the
 * change it describes are written together or not at all.
 *
 * The time, the station's name and the packer on duty are filled in here, at
 * the moment of recording, so no caller can forget them.
 */
import type { AuditAction, AuditEntry, AuditPage, ReprintReason } from '../../../shared/domain/audit';
import type { Language } from '../../../shared/domain/settings';
import { translate } from '../../../shared/i18n';
import { StationFailure } from '../../../shared/result';
import { toCsv } from '../documents/csv';
import { defaultTimeZone, isoWithOffset } from '../documents/format';
import { insertAuditRows, listAuditRows, type AuditRow, type NewAuditRow } from '../db/queries/audit_log';
import { findOrderByShipment, getOrder } from '../db/queries/orders';
import type { WritableDb } from '../db/types';
import type { Clock } from '../util/clock';

/** What a caller says; the recorder adds when, where and who. */
export interface AuditEvent {
  action: AuditAction;
  orderId?: string | null;
  orderNumber?: string | null;
  shipmentId?: string | null;
  trackingNumber?: string | null;
  reason?: ReprintReason | string | null;
  detail?: string | null;
}

/** The one method the other parts need (constructor-injected; tests pass a recording fake or the real log). */
export interface AuditRecorder {
  /** Writes one entry; pass the transaction the change is written in, if there is one. */
  record(event: AuditEvent, tx?: WritableDb): Promise<void>;
  /** Several entries in one go (an import's orders). */
  recordMany(events: readonly AuditEvent[], tx?: WritableDb): Promise<void>;
}

export interface AuditLogDeps {
  db: WritableDb;
  clock: Clock;
  /** The station's name now (Settings). */
  station: () => string;
  /** The packer on duty now, or null (kept in memory by the packers desk: no read inside a caller's transaction). */
  packer: () => { id: string; name: string } | null;
}

/** The most rows one CSV export holds; a longer range is refused with what to do. */
export const MAX_EXPORT_ROWS = 200_000;

export class AuditLog implements AuditRecorder {
  readonly #d: AuditLogDeps;

  constructor(deps: AuditLogDeps) {
    this.#d = deps;
  }

  async record(event: AuditEvent, tx?: WritableDb): Promise<void> {
    await this.recordMany([event], tx);
  }

  async recordMany(events: readonly AuditEvent[], tx?: WritableDb): Promise<void> {
    if (events.length === 0) return;
    const at = this.#d.clock.now();
    const station = this.#d.station();
    const packer = this.#d.packer();
    const rows: NewAuditRow[] = events.map((e) => ({
      at,
      station,
      packerId: packer?.id ?? null,
      packerName: packer?.name ?? null,
      action: e.action,
      orderId: e.orderId ?? null,
      orderNumber: e.orderNumber ?? null,
      shipmentId: e.shipmentId ?? null,
      trackingNumber: e.trackingNumber ?? null,
      reason: e.reason ?? null,
      detail: e.detail ?? null,
    }));
    await insertAuditRows(tx ?? this.#d.db, rows);
  }

  /**
   * Newest first. An order's entries include its shipment's (the label, prints, void), and a shipment's
   * include its order's (import, cancellation), so either screen tells the whole story.
   */
  async list(q: {
    orderId?: string | undefined;
    shipmentId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    action?: AuditAction | undefined;
    beforeId?: number | undefined;
    limit: number;
  }): Promise<AuditPage> {
    const orderIds: string[] = [];
    const shipmentIds: string[] = [];
    if (q.orderId) {
      const order = await getOrder(this.#d.db, q.orderId);
      if (!order) throw new StationFailure('NOT_FOUND', 'This order is not in the station. Import its file first.');
      orderIds.push(order.id);
      if (order.shipmentId) shipmentIds.push(order.shipmentId);
    }
    if (q.shipmentId) {
      shipmentIds.push(q.shipmentId);
      const order = await findOrderByShipment(this.#d.db, q.shipmentId);
      if (order) orderIds.push(order.id);
    }
    const rows = await listAuditRows(this.#d.db, {
      orderIds,
      shipmentIds,
      ...(q.from ? { from: Date.parse(q.from) } : {}),
      ...(q.to ? { to: Date.parse(q.to) } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.beforeId ? { beforeId: q.beforeId } : {}),
      limit: q.limit + 1,
      order: 'newest',
    });
    return { entries: rows.slice(0, q.limit).map(toEntry), more: rows.length > q.limit };
  }

  /** Every entry of [from, to), oldest first, as CSV (times with the station's UTC offset). */
  async exportCsv(
    range: { from: string; to: string },
    language: Language,
    timeZone = defaultTimeZone(),
  ): Promise<{ csv: string; entries: number }> {
    const rows = await listAuditRows(this.#d.db, {
      from: Date.parse(range.from),
      to: Date.parse(range.to),
      limit: MAX_EXPORT_ROWS + 1,
      order: 'oldest',
    });
    if (rows.length > MAX_EXPORT_ROWS) {
      throw new StationFailure(
        'INVALID_ARGUMENT',
        `This range holds more than ${MAX_EXPORT_ROWS.toLocaleString('en')} audit entries. Export a shorter range (a week, a day) at a time.`,
        [{ field: 'to', message: 'Choose a shorter range.' }],
      );
    }
    const t = (key: string) => translate(language, `audit.csv.${key}`);
    const header = [
      t('time'),
      t('station'),
      t('packer'),
      t('action'),
      t('order'),
      t('tracking'),
      t('reason'),
      t('detail'),
      t('shipmentId'),
      t('orderId'),
    ];
    const body = rows.map((r) => [
      isoWithOffset(new Date(r.at), timeZone),
      r.station,
      r.packerName,
      r.action,
      r.orderNumber,
      r.trackingNumber,
      r.reason,
      r.detail,
      r.shipmentId,
      r.orderId,
    ]);
    return { csv: toCsv(header, body), entries: rows.length };
  }
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: Number(r.id),
    at: new Date(Number(r.at)).toISOString(),
    station: r.station,
    packer: r.packerName,
    action: r.action,
    orderId: r.orderId,
    orderNumber: r.orderNumber,
    shipmentId: r.shipmentId,
    trackingNumber: r.trackingNumber,
    reason: r.reason,
    detail: r.detail,
  };
}
