/**
 * Flash Americas statuses, event types and exception codes, translated into
 * the station's one tracking model (shared/domain/tags.ts), so a shipment
 * booked elsewhere sorts, polls and notifies exactly like a Flex Forward one.
 *
 * Subtags follow Flex Forward's `<Tag>_<code>` form with an `FA_` marker, so
 * a subtag always says which provider's vocabulary it came from.
 */
import type { Tag } from '../../../../shared/domain/tags';
import {
  FA_EXCEPTION_CODES,
  type FaEvent,
  type FaEventType,
  type FaExceptionCode,
  type FaLocation,
  type FaStatus,
  type FaTracking,
  type FaWebhookPayload,
} from './schemas';

export interface StatusRow {
  tag: Tag;
  subtag: string;
  subtagMessage: string;
  /** The event type a status implies when the event itself names none (events in `/track/shipment` carry no `eventType`). */
  eventType: FaEventType | null;
}

/** The table the issue asks for, row by row (test/unit/flashamericas-mapping.test.ts checks each). */
export const FA_STATUS_TABLE: Readonly<Record<FaStatus, StatusRow>> = {
  // Flex Forward's Pending is "label exists, carrier has not received it": exactly LABEL_CREATED.
  LABEL_CREATED: {
    tag: 'Pending',
    subtag: 'Pending_FA_LABEL_CREATED',
    subtagMessage: 'Label created; the carrier has not received the parcel yet',
    eventType: null,
  },
  // A scheduled pickup means the carrier holds the shipment data: InfoReceived.
  PICKUP_SCHEDULED: {
    tag: 'InfoReceived',
    subtag: 'InfoReceived_FA_PICKUP_SCHEDULED',
    subtagMessage: 'Carrier pickup scheduled',
    eventType: 'PICKUP',
  },
  PICKED_UP: { tag: 'InTransit', subtag: 'InTransit_FA_PICKED_UP', subtagMessage: 'Picked up by the carrier', eventType: 'PICKUP' },
  IN_TRANSIT: { tag: 'InTransit', subtag: 'InTransit_FA_IN_TRANSIT', subtagMessage: 'In transit', eventType: 'TRANSIT' },
  OUT_FOR_DELIVERY: { tag: 'InTransit', subtag: 'InTransit_FA_OUT_FOR_DELIVERY', subtagMessage: 'Out for delivery', eventType: 'TRANSIT' },
  DELIVERED: { tag: 'Delivered', subtag: 'Delivered_FA_DELIVERED', subtagMessage: 'Delivered', eventType: 'DELIVERY' },
  // Refined per exception code by `exceptionRow`.
  EXCEPTION: { tag: 'Exception', subtag: 'Exception_FA_EXCEPTION', subtagMessage: 'Delivery exception', eventType: 'EXCEPTION' },
  // The tag model has no "returning"; a parcel on its way back needs a person, like any exception.
  RETURNED: { tag: 'Exception', subtag: 'Exception_FA_RETURNED', subtagMessage: 'Being returned to sender', eventType: 'RETURN' },
};

/** §5.7, in words a packer reads in a notification. */
export const FA_EXCEPTION_MESSAGES: Readonly<Record<FaExceptionCode, string>> = {
  '001': 'Nobody was available to receive the parcel',
  '002': 'The address is incomplete or incorrect',
  '003': 'The business was closed at the delivery attempt',
  '004': 'Delayed by weather',
  '005': 'Delayed by a vehicle or equipment problem',
  '006': 'Held by customs',
  '007': 'The recipient refused the parcel',
  '008': 'The parcel was damaged in transit',
};

/** Codes whose exception is a failed delivery attempt rather than a delay. */
const ATTEMPT_CODES: ReadonlySet<string> = new Set(['001', '002', '003', '007']);

const UNKNOWN_ROW: StatusRow = { tag: 'Unknown', subtag: 'Unknown_FA', subtagMessage: 'Status not recognised', eventType: null };

function isStatus(s: string): s is FaStatus {
  return Object.hasOwn(FA_STATUS_TABLE, s);
}

/** Gap 12: strip the stray back-tick the docs' table shows after reasons. */
export function cleanReason(reason: string | undefined): string | undefined {
  const r = reason?.replace(/`/g, '').trim();
  return r ? r : undefined;
}

/** An exception row refined by its code (and reason, when the code is missing or new). */
export function exceptionRow(code: string | undefined, reason: string | undefined): StatusRow {
  const base = FA_STATUS_TABLE.EXCEPTION;
  const cleaned = cleanReason(reason);
  if (code && Object.hasOwn(FA_EXCEPTION_CODES, code)) {
    const known = code as FaExceptionCode;
    return {
      tag: 'Exception',
      subtag: `Exception_FA_${known}`,
      subtagMessage: `${FA_EXCEPTION_MESSAGES[known]} (${known} ${FA_EXCEPTION_CODES[known]})`,
      eventType: ATTEMPT_CODES.has(known) ? 'DELIVERY_ATTEMPT' : known === '006' ? 'CUSTOMS' : 'EXCEPTION',
    };
  }
  // A code the docs do not list still is an exception; keep what the carrier said.
  if (code || cleaned) {
    const label = [code, cleaned].filter(Boolean).join(' ');
    return { ...base, subtag: code ? `Exception_FA_${code}` : base.subtag, subtagMessage: `Delivery exception (${label})` };
  }
  return base;
}

/** The row for one status; unknown statuses read as `Unknown` (polled again later, never notified). */
export function statusRow(status: string, exception?: { code?: string; reason?: string }): StatusRow {
  if (!isStatus(status)) return UNKNOWN_ROW;
  if (status === 'EXCEPTION') return exceptionRow(exception?.code, exception?.reason);
  return FA_STATUS_TABLE[status];
}

// ---------------------------------------------------------------------------
// The station-side shapes the tracking pipeline stores and shows.

export interface FaCheckpoint {
  provider: 'flashamericas';
  eventId: string;
  trackingNumber: string | null;
  shipmentId: string | null;
  /** ISO 8601. */
  at: string;
  tag: Tag;
  subtag: string;
  subtagMessage: string;
  /** The carrier's own text. */
  message: string;
  providerStatus: string;
  eventType: string | null;
  facilityType: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  recipient: string | null;
  /** Signature / proof-of-delivery image URL. */
  proofOfDeliveryUrl: string | null;
  exceptionCode: string | null;
  exceptionReason: string | null;
}

export interface FaSnapshot {
  provider: 'flashamericas';
  trackingNumber: string;
  shipmentId: string | null;
  carrier: string | null;
  service: string | null;
  tag: Tag;
  subtag: string;
  subtagMessage: string;
  providerStatus: string;
  estimatedDelivery: string | null;
  deliveredAt: string | null;
  recipient: string | null;
  proofOfDeliveryUrl: string | null;
  destination: string | null;
  /** Newest first, as Flex Forward's checkpoints are. */
  checkpoints: FaCheckpoint[];
  lastUpdated: string | null;
}

function place(loc: { city?: string | undefined; state?: string | undefined; country?: string | undefined } | undefined): string | null {
  const parts = [loc?.city, loc?.state, loc?.country].filter((p): p is string => !!p && p.trim() !== '');
  return parts.length ? parts.join(', ') : null;
}

export function toCheckpoint(e: FaEvent, fallback: { trackingNumber?: string; shipmentId?: string } = {}): FaCheckpoint {
  const reason = cleanReason(e.exceptionReason);
  const row = statusRow(e.status, { code: e.exceptionCode, reason });
  const loc: Partial<FaLocation> = e.location ?? {};
  return {
    provider: 'flashamericas',
    eventId: e.eventId,
    trackingNumber: e.trackingNumber ?? fallback.trackingNumber ?? null,
    shipmentId: e.shipmentId ?? fallback.shipmentId ?? null,
    at: e.timestamp,
    tag: row.tag,
    subtag: row.subtag,
    subtagMessage: row.subtagMessage,
    message: e.description ?? row.subtagMessage,
    providerStatus: e.status,
    eventType: e.eventType ?? row.eventType,
    facilityType: e.facilityType ?? null,
    city: loc.city ?? null,
    state: loc.state ?? null,
    postalCode: loc.postalCode ?? null,
    country: loc.country ?? null,
    address: loc.address ?? null,
    latitude: loc.coordinates?.latitude ?? null,
    longitude: loc.coordinates?.longitude ?? null,
    recipient: e.recipient ?? null,
    proofOfDeliveryUrl: e.signature ?? null,
    exceptionCode: e.exceptionCode ?? null,
    exceptionReason: reason ?? null,
  };
}

const newestFirst = (a: FaCheckpoint, b: FaCheckpoint) => Date.parse(b.at) - Date.parse(a.at) || b.eventId.localeCompare(a.eventId);

/** A `/track/shipment` or `/shipments/{id}/track` answer as the station's snapshot. */
export function snapshotFromTracking(t: FaTracking): FaSnapshot {
  const checkpoints = t.events
    .map((e) => toCheckpoint(e, { trackingNumber: t.trackingNumber, shipmentId: t.shipmentId }))
    .sort(newestFirst);
  const latest = checkpoints[0];
  // The shipment-level status is authoritative; the latest event adds the exception code it lacks.
  const sameStatus = latest?.providerStatus === t.status ? latest : undefined;
  const row = statusRow(t.status, { code: sameStatus?.exceptionCode ?? undefined, reason: sameStatus?.exceptionReason ?? undefined });
  const delivery = checkpoints.find((c) => c.providerStatus === 'DELIVERED');
  return {
    provider: 'flashamericas',
    trackingNumber: t.trackingNumber,
    shipmentId: t.shipmentId,
    carrier: t.provider ?? null,
    service: t.service ?? null,
    tag: row.tag,
    subtag: row.subtag,
    subtagMessage: deliveredMessage(row, delivery?.recipient ?? null),
    providerStatus: t.status,
    estimatedDelivery: t.estimatedDelivery ?? t.shipmentInfo?.estimatedDelivery ?? null,
    deliveredAt: t.actualDelivery ?? delivery?.at ?? null,
    recipient: delivery?.recipient ?? null,
    proofOfDeliveryUrl: delivery?.proofOfDeliveryUrl ?? null,
    destination: place(t.destination),
    checkpoints,
    lastUpdated: t.lastUpdated ?? latest?.at ?? null,
  };
}

function deliveredMessage(row: StatusRow, recipient: string | null): string {
  return row.tag === 'Delivered' && recipient ? `${row.subtagMessage} (signed by ${recipient})` : row.subtagMessage;
}

/**
 * New events from the feed applied to what the station already knows about
 * one shipment: checkpoints are merged by event id, and the tag follows the
 * newest event. Returns null when nothing new arrived.
 */
export function applyEvents(previous: FaSnapshot, events: readonly FaCheckpoint[]): FaSnapshot | null {
  const known = new Set(previous.checkpoints.map((c) => c.eventId));
  const fresh = events.filter((e) => !known.has(e.eventId));
  if (fresh.length === 0) return null;
  const checkpoints = [...previous.checkpoints, ...fresh].sort(newestFirst);
  const latest = checkpoints[0]!;
  const delivery = checkpoints.find((c) => c.providerStatus === 'DELIVERED');
  return {
    ...previous,
    shipmentId: previous.shipmentId ?? latest.shipmentId,
    tag: latest.tag,
    subtag: latest.subtag,
    subtagMessage:
      latest.tag === 'Delivered' && delivery?.recipient
        ? `${latest.subtagMessage} (signed by ${delivery.recipient})`
        : latest.subtagMessage,
    providerStatus: latest.providerStatus,
    deliveredAt: previous.deliveredAt ?? delivery?.at ?? null,
    recipient: previous.recipient ?? delivery?.recipient ?? null,
    proofOfDeliveryUrl: previous.proofOfDeliveryUrl ?? delivery?.proofOfDeliveryUrl ?? null,
    checkpoints,
    lastUpdated: latest.at,
  };
}

/**
 * Gap 11: webhook event types and statuses are not tied together. We trust
 * `data.status` (same vocabulary as the API) and use the event type only for
 * `shipment.cancelled`, which has no status value: it maps to Cancelled.
 */
export function checkpointFromWebhook(p: FaWebhookPayload): FaCheckpoint {
  const cp = toCheckpoint({
    eventId: p.eventId,
    shipmentId: p.data.shipmentId,
    trackingNumber: p.data.trackingNumber,
    timestamp: p.data.deliveredAt ?? p.timestamp,
    status: p.data.status,
    description: p.data.description,
    location: p.data.location,
    recipient: p.data.recipient,
    signature: p.data.signature,
    exceptionCode: p.data.exceptionCode,
    exceptionReason: p.data.exceptionReason,
    eventType: undefined,
    facilityType: undefined,
  });
  if (p.eventType === 'shipment.cancelled') {
    return { ...cp, tag: 'Cancelled', subtag: 'Cancelled_FA_CANCELLED', subtagMessage: 'Shipment cancelled' };
  }
  return cp;
}
