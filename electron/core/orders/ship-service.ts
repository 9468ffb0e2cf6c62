/**
 * Ship an order (issue 12): from the order, the catalogue, the box and the
 * weight to a label through the one label workflow, so its crash-safety
 * (shipment row and key saved before any request) and the duplicate-label
 * guard apply unchanged. One label per order: the link from the order to its
 * shipment is written in the same transaction as the shipment itself, after
 * checking (under the write lock) that the order has none; two ships of one
 * order at once give one label. The label prints, with its packing slip where
 * the print set-up asks for one (OrderLabelPrinter), and the order shows as
 * labelled, then printed, from its label's state.
 */
import type { LabelRequest } from '../../../shared/domain/label-request';
import type { ShipResult } from '../../../shared/domain/order-desk';
import type { Language } from '../../../shared/domain/settings';
import type { LabelCreateResult } from '../../../shared/domain/shipment-detail';
import { translate } from '../../../shared/i18n';
import { StationFailure } from '../../../shared/result';
import { getOrder, linkOrderShipment, ORDER_LABEL_STATES, setOrderPackChoice, type OrderRow } from '../db/queries/orders';
import type { LabelCreateOptions } from '../labels/workflow';
import type { WritableDb } from '../db/types';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/log';
import type { OrderBook } from './order-book';
import type { OrderLabelPrinter } from './order-label-printer';

/**
 * A label still on its way to the courier or back (the API was down, the station stopped): shipping again
 * resumes it, never buys another. A label whose document is in is labelled: a reprint prints it.
 */
const UNFINISHED = new Set(['submitting', 'created']);

export interface ShipWorkflow {
  create(request: LabelRequest, options?: LabelCreateOptions & { duplicateOrder?: boolean }): Promise<LabelCreateResult>;
  retry(shipmentId: string): Promise<LabelCreateResult>;
}

export interface ShipServiceDeps {
  db: WritableDb;
  book: OrderBook;
  workflow: ShipWorkflow;
  printer: Pick<OrderLabelPrinter, 'takeSlipOutcome'>;
  clock: Clock;
  logger: Logger;
  language: () => Language;
}

export interface ShipRequest {
  id: string;
  boxId?: string | undefined;
  weightKg?: number | undefined;
  weightFrom: 'scale' | 'manual';
  packer?: string | undefined;
  confirm?: { duplicateOrder: boolean; printLater?: true | undefined } | undefined;
}

const labelled = (row: Pick<OrderRow, 'shipmentId' | 'labelState'>) =>
  row.shipmentId !== null && row.labelState !== null && (ORDER_LABEL_STATES as readonly string[]).includes(row.labelState);

export class ShipService {
  readonly #d: ShipServiceDeps;

  constructor(deps: ShipServiceDeps) {
    this.#d = deps;
  }

  /** Why this order cannot get a label now because of what it already is, or null. */
  #refusal(row: OrderRow): StationFailure | null {
    const say = (key: string, params: Record<string, string>) => translate(this.#d.language(), `orderDesk.ship.${key}`, params);
    const order = row.orderNumber;
    if (labelled(row) && row.cancelledAt !== null) return new StationFailure('CONFLICT', say('doNotShip', { order }));
    if (labelled(row)) return new StationFailure('CONFLICT', say('alreadyLabelled', { order }));
    if (row.closedReason !== null) {
      return new StationFailure('CONFLICT', say('closed', { order, reason: say(`reasons.${row.closedReason}`, {}) }));
    }
    return null;
  }

  /**
   * `also.onSaved` runs in the transaction that saves the shipment and links the order (a wave records its
   * item's shipment there, so no crash can leave a label the wave does not know about).
   */
  async ship(args: ShipRequest, also: { onSaved?: (tx: WritableDb, shipmentId: string) => Promise<void> } = {}): Promise<ShipResult> {
    const { book, logger } = this.#d;
    const row = await book.row(args.id);
    if (labelled(row) && row.cancelledAt === null && UNFINISHED.has(row.labelState!)) {
      // Its label is being made or was cut off: finish that one.
      logger.info("ship: resuming the order's unfinished label", { orderId: row.id, shipmentId: row.shipmentId });
      return this.#result(row.id, await this.#d.workflow.retry(row.shipmentId!));
    }
    const refusal = this.#refusal(row);
    if (refusal) throw refusal;

    const weight = args.weightKg !== undefined ? { kg: args.weightKg, from: args.weightFrom } : undefined;
    const planned = await book.plan(row, { boxId: args.boxId, weight });
    if (!planned.request) {
      const lang = this.#d.language();
      const first = planned.missing[0]?.message ?? '';
      const message =
        planned.missing.length > 1
          ? translate(lang, 'orderDesk.ship.notReadyMore', { order: row.orderNumber, first, count: planned.missing.length - 1 })
          : translate(lang, 'orderDesk.ship.notReady', { order: row.orderNumber, first });
      throw new StationFailure(
        'NOT_READY',
        message,
        planned.missing.map((m) => ({ field: m.field, message: m.message })),
      );
    }

    const label = await this.#d.workflow
      .create(planned.request, {
        ...(args.confirm?.duplicateOrder ? { duplicateOrder: true } : {}),
        // The printer is checked before the label is bought (the label workflow's preflight), as on Create label.
        ...(args.confirm?.printLater ? { printLater: true } : {}),
        onSaved: async (tx, shipmentId) => {
          // Under the write lock: another ship of this order (another window, another station) may have won.
          const current = await getOrder(tx, row.id);
          if (!current) throw new StationFailure('NOT_FOUND', 'This order was removed meanwhile.');
          const refused = this.#refusal(current);
          if (refused) throw refused;
          const at = this.#d.clock.now();
          await linkOrderShipment(tx, row.id, shipmentId, at);
          await setOrderPackChoice(tx, row.id, {
            ...(args.boxId !== undefined ? { boxId: args.boxId } : {}),
            ...(args.weightKg !== undefined ? { weightKg: args.weightKg } : {}),
            at,
          });
          await also.onSaved?.(tx, shipmentId);
        },
      })
      .catch(async (e: unknown) => {
        // The label the guard found is this order's own, being made by another ship of it (a double scan,
        // another window): said as the order's state, as when that ship had finished.
        if (e instanceof StationFailure && e.code === 'DUPLICATE_ORDER' && e.existing) {
          const current = await getOrder(this.#d.db, row.id);
          const refused = current && current.shipmentId === e.existing.shipmentId ? this.#refusal(current) : null;
          if (refused) throw refused;
        }
        throw e;
      });
    logger.info('ship: label made for an order', {
      orderId: row.id,
      shipmentId: label.shipmentId,
      state: label.state,
      ...(args.packer ? { packer: args.packer } : {}),
    });
    return this.#result(row.id, label);
  }

  async #result(orderId: string, label: LabelCreateResult): Promise<ShipResult> {
    const row = await this.#d.book.row(orderId);
    const slip = this.#d.printer.takeSlipOutcome(label.shipmentId) ?? {
      status: 'not-printed' as const,
      message: label.state === 'printed' ? null : (label.error?.message ?? null),
    };
    return { order: this.#d.book.summary(row), label, slip };
  }
}
