import type { LabelRequest } from '../../../shared/domain/label-request';
import type { LabelAttempt, ShipmentDetail } from '../../../shared/domain/shipment-detail';
import { toTag } from '../../../shared/domain/tags';
import type { ErrorCode, StationError } from '../../../shared/result';
import { listCheckpoints } from '../db/queries/checkpoints';
import { getDocumentMeta } from '../db/queries/documents';
import { listLabelAttempts, type LabelRow } from '../db/queries/labels';
import { listPrintJobs } from '../db/queries/print_jobs';
import { getShipment, getShipmentVoid } from '../db/queries/shipments';
import { toRecord } from '../labels/void-label';
import { listStatusHistory } from '../db/queries/status_history';
import { getTracking } from '../db/queries/tracking';
import { withConnection, type ReadableDb } from '../db/types';

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

function attemptView(l: LabelRow): LabelAttempt {
  let error: StationError | null = null;
  if (l.errorCode) {
    error = { code: l.errorCode as ErrorCode, message: l.errorMessage ?? '' };
    if (l.fieldErrors) error.fields = l.fieldErrors;
  }
  return {
    attempt: l.attempt,
    state: l.state,
    labelId: l.labelId,
    courierOrderNumber: l.courierOrderNumber,
    courierTrackingNumber: l.courierTrackingNumber,
    error,
    createdAt: iso(l.createdAt),
    updatedAt: iso(l.updatedAt),
  };
}

/** The request in the packer's words; the key and contact details stay in the database. */
function summarise(requestJson: string): ShipmentDetail['request'] {
  try {
    const r = JSON.parse(requestJson) as LabelRequest;
    const to = r.shipment.shipTo;
    return {
      courier: r.courier,
      productCode: r.service.productCode,
      format: r.label.format,
      shipTo: `${to.contact.firstName} ${to.contact.lastName}, ${to.address.city}, ${to.address.countryCode}`,
      parcels: r.shipment.parcels.length,
      weightKg: r.shipment.parcels.reduce((sum, p) => sum + p.weight, 0),
      parcelList: r.shipment.parcels.map((p) => ({
        weightKg: p.weight,
        dimensionCm: p.dimension ?? null,
        items: (p.items ?? []).map((i) => ({
          description: i.descriptionEn,
          quantity: i.quantity,
          unitPrice: i.unitPrice.amount,
          currency: i.unitPrice.currency,
          unitWeightKg: i.unitWeight,
        })),
      })),
    };
  } catch {
    return null;
  }
}

export async function getShipmentDetail(db: ReadableDb, id: string): Promise<ShipmentDetail | null> {
  // One connection for the whole view: no write of this process lands between its reads.
  return withConnection(db, (c) => readShipmentDetail(c, id));
}

async function readShipmentDetail(db: ReadableDb, id: string): Promise<ShipmentDetail | null> {
  const s = await getShipment(db, id);
  if (!s) return null;
  const attempts = await listLabelAttempts(db, id);
  const current = attempts.find((a) => a.attempt === s.currentAttempt) ?? attempts.at(-1) ?? null;
  const tracking = await getTracking(db, id);
  const doc = current ? await getDocumentMeta(db, id, current.attempt) : undefined;
  const checkpoints = await listCheckpoints(db, id);
  const history = await listStatusHistory(db, id);
  const printJobs = await listPrintJobs(db, id);
  const voided = await getShipmentVoid(db, id);
  return {
    id: s.id,
    provider: s.provider,
    trackingNumber: s.trackingNumber,
    orderNumber: s.orderNumber,
    recipientName: s.recipientName,
    destination: s.destination,
    createdAt: iso(s.createdAt),
    activityAt: iso(s.activityAt),
    voided: voided ? toRecord(voided) : null,
    label: current ? attemptView(current) : null,
    attempts: attempts.map(attemptView),
    request: current ? summarise(current.requestJson) : null,
    tracking: tracking
      ? {
          tag: tracking.tag,
          subtag: tracking.subtag,
          subtagMessage: tracking.subtagMessage,
          lastCheckpointAt: isoOrNull(tracking.lastCheckpointAt),
          lastPolledAt: isoOrNull(tracking.lastPolledAt),
          nextPollAt: isoOrNull(tracking.nextPollAt),
          stoppedReason: tracking.stoppedReason,
          failureCount: tracking.failureCount,
          lastError: tracking.lastError,
        }
      : null,
    checkpoints: checkpoints.map((c) => ({
      time: iso(c.checkpointAt),
      tag: toTag(c.tag),
      message: c.message,
      location: [c.location, c.city, c.state, c.country].filter(Boolean).join(', ') || null,
    })),
    history: history.map((h) => ({
      from: h.fromTag === null ? null : toTag(h.fromTag),
      to: toTag(h.toTag),
      message: h.subtagMessage,
      at: iso(h.changedAt),
    })),
    printJobs: printJobs.map((j) => ({
      id: j.id,
      document: j.document,
      reason: j.reason,
      outcome: j.outcome,
      printer: j.printer,
      error: j.error,
      requestedAt: iso(j.requestedAt),
      finishedAt: isoOrNull(j.finishedAt),
    })),
    document: doc ? { format: doc.format, size: doc.size, sha256: doc.sha256, fetchedAt: iso(doc.fetchedAt) } : null,
  };
}
