/**
 * "Mark as void" for a label made by mistake (issue 11). Flex Forward has no
 * cancel (reference: no DELETE or void endpoint), so the station records the
 * void here only: who, why and when, in the same transaction that stops its
 * tracking. The shipment leaves the active counts and is never polled again;
 * the packer is told, every time, to void it with the courier too. Nothing
 * here calls the API: the station never pretends the courier was told.
 */
import type { VoidArgs, VoidReason, VoidRecord } from '../../../shared/domain/shipment';
import { StationFailure } from '../../../shared/result';
import { getLabel } from '../db/queries/labels';
import { BOUGHT_LABEL_STATES, getShipment, getShipmentVoid, voidShipment } from '../db/queries/shipments';
import { stopTrackingForVoid } from '../db/queries/tracking';
import { inTransaction, type WritableDb } from '../db/types';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/log';
import type { AuditRecorder } from '../audit/audit-log';

export interface VoidLabelDeps {
  db: WritableDb;
  clock: Clock;
  logger: Logger;
  /** Who voids it: the packer on duty when the station knows one, else the station's name. */
  who: () => Promise<string>;
  onChanged?: (shipmentId: string) => void;
  /** The audit log (issue 13): the void, written in the transaction that marks it. */
  audit?: AuditRecorder;
}

const BOUGHT: ReadonlySet<string> = new Set(BOUGHT_LABEL_STATES);

export async function voidLabel(deps: VoidLabelDeps, args: VoidArgs): Promise<VoidRecord> {
  const shipment = await getShipment(deps.db, args.shipmentId);
  if (!shipment) throw new StationFailure('NOT_FOUND', 'No such shipment.');
  if (shipment.provider !== 'flexforward' || shipment.currentAttempt === null) {
    throw new StationFailure('CONFLICT', 'This shipment was not labelled at this station: void it where its label was made.');
  }
  const label = await getLabel(deps.db, shipment.id, shipment.currentAttempt);
  if (!label || !BOUGHT.has(label.state)) {
    throw new StationFailure('CONFLICT', 'This shipment has no label to void: the courier never made one.');
  }
  const by = await deps.who();
  const at = deps.clock.now();
  const note = args.note?.trim() ? args.note.trim() : null;
  const done = await inTransaction(deps.db, async (tx) => {
    const marked = await voidShipment(tx, { id: shipment.id, at, reason: args.reason, note, by });
    if (marked) {
      await stopTrackingForVoid(tx, shipment.id);
      await deps.audit?.record(
        {
          action: 'void',
          shipmentId: shipment.id,
          orderNumber: shipment.orderNumber,
          trackingNumber: shipment.trackingNumber,
          reason: args.reason,
          detail: `voided here by ${by} (the courier was not told)${note ? `: ${note}` : ''}`,
        },
        tx,
      );
    }
    return marked;
  });
  if (!done) throw new StationFailure('CONFLICT', 'This label is already voided.');
  deps.logger.info('label voided here (the courier was not told)', { shipmentId: shipment.id, reason: args.reason, by });
  deps.onChanged?.(shipment.id);
  return toRecord((await getShipmentVoid(deps.db, shipment.id))!);
}

export function toRecord(v: { voidedAt: number; reason: string; note: string | null; by: string }): VoidRecord {
  return { at: new Date(v.voidedAt).toISOString(), reason: v.reason as VoidReason, note: v.note, by: v.by };
}
