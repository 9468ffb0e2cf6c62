/**
 * The station's orders: an import read by the one pipeline
 * (import-orders.ts) is stored here, idempotently; the packer's edits, the
 * box and weight chosen at the bench, and the readiness every order shows
 * in the list. Nothing here calls the API.
 *
 * Import rules (issue 12):
 * - keyed by (source, external id); the same file twice changes nothing;
 * - a changed order with no label yet is updated, unless the packer edited
 *   the same field here: local edits win and the difference is a conflict;
 * - an order that has a label is never changed, and the report says so;
 * - cancelled in the shop after its label: flagged "cancelled after
 *   labelling — do not ship"; cancelled, fulfilled or restocked before any
 *   label: closed (it leaves the queue).
 */
import type { AuditEvent, AuditRecorder } from '../audit/audit-log';
import { randomUUID } from 'node:crypto';
import type {
  ImportOutcome,
  OrderConflict,
  OrderDetail,
  OrderStatus,
  OrderSummary,
  Readiness,
  StoredImport,
} from '../../../shared/domain/order-desk';
import { OrderConflictSchema, type OrderEdits } from '../../../shared/domain/order-desk';
import type { EditableOrderField } from '../../../shared/domain/order-desk';
import type { OrderCsvPreset } from '../../../shared/domain/order-csv-presets';
import type { ImportPolicy, OrderImportResult, SkippedOrder } from '../../../shared/domain/order-import';
import { orderAttention } from '../../../shared/domain/order-attention';
import { OrderSchema, orderKeyString, type Order } from '../../../shared/domain/orders';
import type { Language } from '../../../shared/domain/settings';
import { planShipment, type ShipPlanResult } from '../../../shared/domain/ship-plan';
import { translate } from '../../../shared/i18n';
import { StationFailure } from '../../../shared/result';
import {
  getOrder,
  getOrdersByKeys,
  insertOrders,
  listOpenOrders,
  listOrders,
  ORDER_LABEL_STATES,
  setOrderCancelledAfterLabel,
  setOrderClosed,
  setOrderPackChoice,
  setOrderReadiness,
  updateOrder,
  type NewOrder,
  type OrderListQuery,
  type OrderRow,
  type OrderWrite,
} from '../db/queries/orders';
import { inTransaction, type WritableDb } from '../db/types';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/log';
import { importOrders, previewOrders } from './import-orders';
import { applyEdits, canonical, editOrder, editsJson, parseEdits, reimport } from './order-edits';
import type { PackContext, PackSetup } from './pack-setup';
import type { ByteSource } from './text-input';

/** Orders stored per transaction: a 50,000-line file never holds the write lock for long (a label can be made meanwhile). */
export const IMPORT_CHUNK_ORDERS = 500;
/** Open orders re-checked per transaction after the catalogue or set-up changed. */
const RECHECK_PAGE = 500;

export interface OrderBookDeps {
  db: WritableDb;
  clock: Clock;
  logger: Logger;
  setup: PackSetup;
  language: () => Language;
  newId?: () => string;
  /** Orders were stored or changed (for the list to refresh). */
  onChanged?: (ids: string[]) => void;
  /** The audit log (issue 13): each order an import stored or changed, the file itself, and cancellations. */
  audit?: AuditRecorder;
}

/** What the ship plan is asked for, beyond the stored order: the bench's box and weight. */
export interface PlanOverrides {
  boxId?: string | undefined;
  weight?: { kg: number; from: 'scale' | 'manual' } | undefined;
}

const hasLabel = (row: Pick<OrderRow, 'shipmentId' | 'labelState'>): boolean =>
  row.shipmentId !== null && row.labelState !== null && (ORDER_LABEL_STATES as readonly string[]).includes(row.labelState);

export function readinessOf(plan: ShipPlanResult): Readiness {
  if (plan.request) return 'ready';
  return plan.missing.some((m) => m.fix === 'order' || m.fix === 'catalogue') ? 'needs-attention' : 'new';
}

function recipientName(order: Order): string {
  return `${order.shipTo.contact.firstName} ${order.shipTo.contact.lastName}`.trim() || order.shipTo.company.trim();
}

function destination(order: Order): string {
  return [order.shipTo.address.city.trim(), order.shipTo.address.countryCode.trim()].filter((p) => p !== '').join(', ');
}

export class OrderBook {
  readonly #d: OrderBookDeps & { newId: () => string };

  constructor(deps: OrderBookDeps) {
    this.#d = { newId: randomUUID, ...deps };
  }

  // -- Import ----------------------------------------------------------------

  async importFile(
    file: string,
    bytes: ByteSource,
    options: { preset?: OrderCsvPreset | undefined; policy?: ImportPolicy | undefined },
  ): Promise<ImportOutcome> {
    const context = await this.#d.setup.context();
    const result = await importOrders(file, bytes, {
      ...(options.preset ? { preset: options.preset } : {}),
      policy: options.policy ?? context.defaults.importPolicy,
      catalogueUnitWeightKg: (sku) => context.catalogue.get(sku)?.unitWeightKg ?? null,
      language: this.#d.language(),
    });
    const stored = await this.store(result, file);
    return { report: result.report, stored };
  }

  async preview(
    file: string,
    bytes: ByteSource,
    options: { preset?: OrderCsvPreset | undefined; policy?: ImportPolicy | undefined; limit: number },
  ): Promise<OrderImportResult> {
    const context = await this.#d.setup.context();
    return previewOrders(file, bytes, {
      ...(options.preset ? { preset: options.preset } : {}),
      ...(options.policy ? { policy: options.policy } : {}),
      limit: options.limit,
      catalogueUnitWeightKg: (sku) => context.catalogue.get(sku)?.unitWeightKg ?? null,
      language: this.#d.language(),
    });
  }

  /** Stores what an import read (nothing when the file was refused). */
  async store(result: OrderImportResult, file: string): Promise<StoredImport> {
    const stored: StoredImport = {
      created: 0,
      updated: 0,
      unchanged: 0,
      keptLabelled: [],
      conflicts: [],
      cancelledAfterLabelling: [],
      closed: [],
    };
    if (!result.report.accepted) return stored;
    const changedIds: string[] = [];
    const orders = result.orders.map((o) => o.order);
    for (let i = 0; i < orders.length; i += IMPORT_CHUNK_ORDERS) {
      const chunk = orders.slice(i, i + IMPORT_CHUNK_ORDERS);
      await inTransaction(this.#d.db, async (tx) => {
        const context = await this.#d.setup.context(tx);
        const existing = await this.#existing(tx, chunk);
        const newOrders: NewOrder[] = [];
        const audited: AuditEvent[] = [];
        for (const order of chunk) {
          const id = await this.#storeOne(tx, context, existing.get(orderKeyString(order)), order, file, stored, newOrders);
          if (id) {
            changedIds.push(id);
            audited.push({ action: 'import', orderId: id, orderNumber: order.orderNumber, detail: `from ${file}` });
          }
        }
        await insertOrders(tx, newOrders);
        await this.#d.audit?.recordMany(audited, tx);
      });
    }
    const closable = result.report.skipped.filter((s) => s.reason === 'cancelled' || s.reason === 'fulfilled' || s.reason === 'restocked');
    for (let i = 0; i < closable.length; i += IMPORT_CHUNK_ORDERS) {
      const chunk = closable.slice(i, i + IMPORT_CHUNK_ORDERS);
      await inTransaction(this.#d.db, async (tx) => {
        const existing = await this.#existing(
          tx,
          chunk.map((s) => s.key),
        );
        for (const skipped of chunk) {
          const row = existing.get(orderKeyString(skipped.key));
          if (row && (await this.#close(tx, row, skipped, stored))) changedIds.push(row.id);
        }
      });
    }
    await this.#d.audit?.record({
      action: 'import',
      reason: 'file',
      detail:
        `${file}: ${stored.created} new, ${stored.updated} updated, ${stored.unchanged} unchanged` +
        (stored.conflicts.length > 0 ? `, ${stored.conflicts.length} with the packer's edits kept` : '') +
        (stored.cancelledAfterLabelling.length > 0 ? `, ${stored.cancelledAfterLabelling.length} cancelled after labelling` : '') +
        (stored.closed.length > 0 ? `, ${stored.closed.length} closed` : ''),
    });
    this.#d.logger.info('orders stored', {
      file,
      created: stored.created,
      updated: stored.updated,
      unchanged: stored.unchanged,
      keptLabelled: stored.keptLabelled.length,
      conflicts: stored.conflicts.length,
    });
    if (changedIds.length > 0) this.#d.onChanged?.(changedIds);
    return stored;
  }

  async #existing(tx: WritableDb, keys: readonly { source: string; externalId: string }[]): Promise<Map<string, OrderRow>> {
    const bySource = new Map<string, string[]>();
    for (const k of keys) bySource.set(k.source, [...(bySource.get(k.source) ?? []), k.externalId]);
    const out = new Map<string, OrderRow>();
    for (const [source, ids] of bySource) for (const row of await getOrdersByKeys(tx, source, ids)) out.set(orderKeyString(row), row);
    return out;
  }

  /** Returns the order's id when it was written. */
  async #storeOne(
    tx: WritableDb,
    context: PackContext,
    row: OrderRow | undefined,
    order: Order,
    file: string,
    stored: StoredImport,
    newOrders: NewOrder[],
  ): Promise<string | null> {
    const at = this.#d.clock.now();
    const importedJson = canonical(order);
    if (!row) {
      const id = this.#d.newId();
      // Inserted with the rest of the chunk's new orders, several rows a statement.
      newOrders.push({
        id,
        source: order.source,
        externalId: order.externalId,
        ...this.#write(context, order, order, null, null, null, file, at),
      });
      stored.created += 1;
      return id;
    }
    const sameContent = row.importedJson === importedJson;
    if (hasLabel(row)) {
      if (sameContent) stored.unchanged += 1;
      else stored.keptLabelled.push({ orderId: row.id, orderNumber: row.orderNumber });
      return null;
    }
    if (sameContent && row.closedReason === null) {
      stored.unchanged += 1;
      return null;
    }
    const merged = reimport(order, parseEdits(row.editsJson));
    const when = new Date(at).toISOString();
    const fresh: OrderConflict[] = merged.conflicts.map((c) => ({ ...c, at: when, file }));
    const conflicts = [...parseConflicts(row.conflictsJson).filter((c) => !fresh.some((f) => f.field === c.field)), ...fresh];
    const effective = applyEdits(order, merged.edits);
    await updateOrder(tx, row.id, {
      ...this.#write(context, order, effective, editsJson(merged.edits), conflicts, row, file, at),
      fromFile: true,
    });
    stored.updated += 1;
    if (fresh.length > 0) stored.conflicts.push({ orderId: row.id, orderNumber: row.orderNumber, fields: fresh });
    return row.id;
  }

  async #close(tx: WritableDb, row: OrderRow, skipped: SkippedOrder, stored: StoredImport): Promise<boolean> {
    const at = this.#d.clock.now();
    if (hasLabel(row)) {
      // Shopify marks an order fulfilled once it ships: that is news only when it was cancelled.
      if (skipped.reason !== 'cancelled' || row.cancelledAt !== null) return false;
      await setOrderCancelledAfterLabel(tx, row.id, skipped.cancelledAt ?? new Date(at).toISOString(), at);
      stored.cancelledAfterLabelling.push({ orderId: row.id, orderNumber: row.orderNumber, trackingNumber: row.trackingNumber });
      await this.#d.audit?.record(
        {
          action: 'cancellation',
          orderId: row.id,
          orderNumber: row.orderNumber,
          shipmentId: row.shipmentId,
          trackingNumber: row.trackingNumber,
          reason: 'cancelled-after-label',
          detail: 'cancelled in the shop after its label was made: do not ship',
        },
        tx,
      );
      this.#d.logger.warn('order cancelled after its label was made: do not ship', { orderId: row.id });
      return true;
    }
    const reason = skipped.reason as 'cancelled' | 'fulfilled' | 'restocked';
    if (row.closedReason === reason) return false;
    await setOrderClosed(tx, row.id, reason, at);
    if (reason === 'cancelled')
      await this.#d.audit?.record(
        { action: 'cancellation', orderId: row.id, orderNumber: row.orderNumber, reason: 'cancelled', detail: 'cancelled in the shop before its label' },
        tx,
      );
    stored.closed.push({ orderId: row.id, orderNumber: row.orderNumber, reason });
    return true;
  }

  #write(
    context: PackContext,
    imported: Order,
    effective: Order,
    edits: string | null,
    conflicts: OrderConflict[] | null,
    row: Pick<OrderRow, 'boxId' | 'weightKg'> | null,
    file: string,
    at: number,
  ): OrderWrite {
    const plan = this.#plan(context, effective, row ?? { boxId: null, weightKg: null }, {});
    return {
      orderNumber: effective.orderNumber,
      recipientName: recipientName(effective),
      destination: destination(effective),
      lines: effective.lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity })),
      importedJson: canonical(imported),
      editsJson: edits,
      orderJson: JSON.stringify(effective),
      conflictsJson: conflicts && conflicts.length > 0 ? JSON.stringify(conflicts) : null,
      readiness: readinessOf(plan),
      closedReason: null,
      sourceFile: file,
      at,
    };
  }

  // -- The ship plan ---------------------------------------------------------

  #plan(context: PackContext, order: Order, row: Pick<OrderRow, 'boxId' | 'weightKg'>, overrides: PlanOverrides): ShipPlanResult {
    const scanned = overrides.boxId !== undefined ? (context.boxes.get(overrides.boxId) ?? null) : null;
    const chosen = row.boxId !== null ? (context.boxes.get(row.boxId) ?? null) : null;
    const fallback = context.defaults.boxId !== null ? (context.boxes.get(context.defaults.boxId) ?? null) : null;
    const box = scanned ?? chosen ?? fallback;
    const weight = overrides.weight ?? (row.weightKg !== null ? { kg: row.weightKg, from: 'manual' as const } : null);
    return planShipment({
      order,
      catalogue: (sku) => context.catalogue.get(sku),
      box,
      boxFrom: scanned ? 'scan' : chosen ? 'order' : box ? 'default' : null,
      weight,
      shipFrom: context.shipFrom,
      defaults: context.defaults,
      language: this.#d.language(),
    });
  }

  /** The label request for this order now (or what is missing), with the bench's box and weight. */
  async plan(row: OrderRow, overrides: PlanOverrides = {}, db: WritableDb = this.#d.db): Promise<ShipPlanResult> {
    if (overrides.boxId !== undefined) {
      const context = await this.#d.setup.context(db);
      if (!context.boxes.has(overrides.boxId))
        throw new StationFailure('NOT_FOUND', 'That box is not on the shelf. Scan or pick another.', [
          { field: 'boxId', message: 'Pick a box from the list.' },
        ]);
      return this.#plan(context, this.order(row), row, overrides);
    }
    return this.#plan(await this.#d.setup.context(db), this.order(row), row, overrides);
  }

  /** The label request (or what is missing) for each of these orders as stored, with one read of the set-up (a wave plans hundreds). */
  async plans(rows: readonly OrderRow[], db: WritableDb = this.#d.db): Promise<Map<string, ShipPlanResult>> {
    const context = await this.#d.setup.context(db);
    const out = new Map<string, ShipPlanResult>();
    for (const row of rows) out.set(row.id, this.#plan(context, this.order(row), row, {}));
    return out;
  }

  /** Re-checks every open order's readiness (after the catalogue, a box, an address or the defaults changed). */
  async recheck(): Promise<number> {
    let after = '';
    let changed = 0;
    const ids: string[] = [];
    for (;;) {
      const page = await inTransaction(this.#d.db, async (tx) => {
        const rows = await listOpenOrders(tx, after, RECHECK_PAGE);
        const context = await this.#d.setup.context(tx);
        for (const row of rows) {
          const readiness = readinessOf(this.#plan(context, this.order(row), row, {}));
          if (readiness !== row.readiness) {
            await setOrderReadiness(tx, row.id, readiness);
            ids.push(row.id);
            changed += 1;
          }
        }
        return rows;
      });
      if (page.length < RECHECK_PAGE) break;
      after = page.at(-1)!.id;
    }
    if (ids.length > 0) this.#d.onChanged?.(ids);
    return changed;
  }

  // -- Reading ---------------------------------------------------------------

  order(row: Pick<OrderRow, 'orderJson' | 'id'>): Order {
    const parsed = OrderSchema.safeParse(JSON.parse(row.orderJson));
    if (!parsed.success) {
      this.#d.logger.error('a stored order is not readable', { orderId: row.id });
      throw new StationFailure('CONFLICT', 'This order is stored in a form this version cannot read. Import its file again.');
    }
    return parsed.data;
  }

  summary(row: OrderRow): OrderSummary {
    return {
      id: row.id,
      source: row.source,
      externalId: row.externalId,
      orderNumber: row.orderNumber,
      status: row.status,
      recipientName: row.recipientName,
      destination: row.destination,
      lineCount: row.lineCount,
      units: row.units,
      shipmentId: hasLabel(row) ? row.shipmentId : null,
      trackingNumber: hasLabel(row) ? row.trackingNumber : null,
      hasEdits: row.editsJson !== null,
      hasConflicts: row.conflictsJson !== null,
      importedAt: new Date(row.importedAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
    };
  }

  async list(q: OrderListQuery): Promise<{ items: OrderSummary[]; total: number; offset: number; counts: Record<OrderStatus, number> }> {
    const page = await listOrders(this.#d.db, q);
    const items = page.items.map((r) => this.summary(r));
    // "Needs attention" names the fields in the list itself, so the office sees what to fix without opening each order.
    if (page.items.some((r) => r.status === 'needs-attention')) {
      const context = await this.#d.setup.context();
      page.items.forEach((r, i) => {
        if (r.status !== 'needs-attention') return;
        const plan = this.#plan(context, this.order(r), r, {});
        items[i] = { ...items[i]!, missing: plan.missing.filter((m) => m.fix === 'order' || m.fix === 'catalogue') };
      });
    }
    return { items, total: page.total, offset: q.offset, counts: page.counts };
  }

  async row(id: string, db: WritableDb = this.#d.db): Promise<OrderRow> {
    const row = await getOrder(db, id);
    if (!row) throw new StationFailure('NOT_FOUND', 'This order is not in the station. Import its file first.');
    return row;
  }

  async detail(id: string, overrides: PlanOverrides = {}): Promise<OrderDetail> {
    const row = await this.row(id);
    const plan = await this.plan(row, overrides);
    const context = await this.#d.setup.context();
    const order = this.order(row);
    return {
      ...this.summary(row),
      order,
      imported: OrderSchema.parse(JSON.parse(row.importedJson)),
      editedFields: Object.keys(parseEdits(row.editsJson)) as EditableOrderField[],
      conflicts: parseConflicts(row.conflictsJson),
      attention: orderAttention(order, {
        catalogueUnitWeightKg: (sku) => context.catalogue.get(sku)?.unitWeightKg ?? null,
        language: this.#d.language(),
      }),
      plan: plan.plan,
      missing: plan.missing,
      boxId: row.boxId,
      weightKg: row.weightKg,
      labelState: row.labelState,
      cancelledAt: row.cancelledAt,
      closedReason: row.closedReason,
    };
  }

  // -- The packer's edits ----------------------------------------------------

  async update(args: {
    id: string;
    edits: OrderEdits;
    revert: EditableOrderField[];
    boxId?: string | null | undefined;
    weightKg?: number | null | undefined;
  }): Promise<OrderDetail> {
    await inTransaction(this.#d.db, async (tx) => {
      const row = await this.row(args.id, tx);
      if (hasLabel(row)) {
        throw new StationFailure('CONFLICT', translate(this.#d.language(), 'orderDesk.ship.editLabelled', { order: row.orderNumber }));
      }
      const context = await this.#d.setup.context(tx);
      if (args.boxId !== undefined && args.boxId !== null && !context.boxes.has(args.boxId)) {
        throw new StationFailure('NOT_FOUND', 'That box is not on the shelf. Pick another.', [
          { field: 'boxId', message: 'Pick a box from the list.' },
        ]);
      }
      const at = this.#d.clock.now();
      const pack = {
        boxId: args.boxId === undefined ? row.boxId : args.boxId,
        weightKg: args.weightKg === undefined ? row.weightKg : args.weightKg,
      };
      if (args.boxId !== undefined || args.weightKg !== undefined)
        await setOrderPackChoice(tx, row.id, { boxId: args.boxId, weightKg: args.weightKg, at });
      const touched = Object.keys(args.edits).length > 0 || args.revert.length > 0;
      const imported = OrderSchema.parse(JSON.parse(row.importedJson));
      const edits = touched ? editOrder(imported, parseEdits(row.editsJson), args.edits, args.revert) : parseEdits(row.editsJson);
      const effective = applyEdits(imported, edits);
      const checked = OrderSchema.safeParse(effective);
      if (!checked.success) {
        throw new StationFailure(
          'INVALID_ARGUMENT',
          'This change does not make a readable order.',
          checked.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
        );
      }
      // The packer has seen the fields they now set or gave back: their conflicts are settled.
      const settled = new Set<string>([...Object.keys(args.edits), ...args.revert]);
      const conflicts = parseConflicts(row.conflictsJson).filter((c) => !settled.has(c.field));
      await updateOrder(tx, row.id, {
        ...this.#write(context, imported, effective, editsJson(edits), conflicts, pack, row.sourceFile, at),
        closedReason: row.closedReason,
        fromFile: false,
      });
    });
    this.#d.onChanged?.([args.id]);
    return this.detail(args.id);
  }
}

function parseConflicts(json: string | null): OrderConflict[] {
  if (!json) return [];
  const parsed = OrderConflictSchema.array().safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}
