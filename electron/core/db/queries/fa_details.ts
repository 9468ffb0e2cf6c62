import type { FaSnapshot } from '../../api/flashamericas/mapping';
import { prepared, type ReadableDb, type WritableDb } from '../types';

export interface FaDetailsRow {
  faShipmentId: string | null;
  carrier: string | null;
  service: string | null;
  estimatedDeliveryAt: number | null;
  deliveredAt: number | null;
  recipient: string | null;
  proofOfDeliveryUrl: string | null;
  updatedAt: number;
}

export interface FaEventRow {
  eventId: string;
  eventAt: number;
  providerStatus: string;
  eventType: string | null;
  facilityType: string | null;
  latitude: number | null;
  longitude: number | null;
  exceptionCode: string | null;
  exceptionReason: string | null;
  recipient: string | null;
  proofOfDeliveryUrl: string | null;
}

const ms = (iso: string | null): number | null => {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
};

/** The station's id of a Flash Americas shipment tracked under `trackingNumber`, if any. */
export function findFaShipmentId(db: ReadableDb, trackingNumber: string): string | undefined {
  return prepared<{ remoteId: string }, { id: string }>(
    db,
    `SELECT id FROM shipments WHERE provider = 'flashamericas' AND remote_id = @remoteId`,
  ).get({
    remoteId: trackingNumber,
  })?.id;
}

/** Writes the details and any events not stored before; returns how many events were new. */
export function saveFaSnapshot(db: WritableDb, shipmentId: string, s: FaSnapshot, at: number): number {
  prepared<object>(
    db,
    `INSERT INTO fa_details (shipment_id, fa_shipment_id, carrier, service, estimated_delivery_at, delivered_at, recipient, proof_of_delivery_url, updated_at)
     VALUES (@shipmentId, @faShipmentId, @carrier, @service, @eta, @deliveredAt, @recipient, @pod, @at)
     ON CONFLICT (shipment_id) DO UPDATE SET
       fa_shipment_id = COALESCE(excluded.fa_shipment_id, fa_shipment_id), carrier = COALESCE(excluded.carrier, carrier),
       service = COALESCE(excluded.service, service), estimated_delivery_at = COALESCE(excluded.estimated_delivery_at, estimated_delivery_at),
       delivered_at = COALESCE(excluded.delivered_at, delivered_at), recipient = COALESCE(excluded.recipient, recipient),
       proof_of_delivery_url = COALESCE(excluded.proof_of_delivery_url, proof_of_delivery_url), updated_at = excluded.updated_at`,
  ).run({
    shipmentId,
    faShipmentId: s.shipmentId,
    carrier: s.carrier,
    service: s.service,
    eta: ms(s.estimatedDelivery),
    deliveredAt: ms(s.deliveredAt),
    recipient: s.recipient,
    pod: s.proofOfDeliveryUrl,
    at,
  });
  const insert = prepared<object>(
    db,
    `INSERT INTO fa_events (shipment_id, event_id, event_at, provider_status, event_type, facility_type, latitude, longitude,
       exception_code, exception_reason, recipient, proof_of_delivery_url)
     VALUES (@shipmentId, @eventId, @eventAt, @providerStatus, @eventType, @facilityType, @latitude, @longitude,
       @exceptionCode, @exceptionReason, @recipient, @pod)
     ON CONFLICT (shipment_id, event_id) DO NOTHING`,
  );
  let added = 0;
  for (const c of s.checkpoints) {
    const eventAt = ms(c.at);
    if (eventAt === null) continue;
    added += insert.run({
      shipmentId,
      eventId: c.eventId,
      eventAt,
      providerStatus: c.providerStatus,
      eventType: c.eventType,
      facilityType: c.facilityType,
      latitude: c.latitude,
      longitude: c.longitude,
      exceptionCode: c.exceptionCode,
      exceptionReason: c.exceptionReason,
      recipient: c.recipient,
      pod: c.proofOfDeliveryUrl,
    }).changes;
  }
  return added;
}

export function getFaDetails(db: ReadableDb, shipmentId: string): FaDetailsRow | undefined {
  return prepared<{ shipmentId: string }, FaDetailsRow>(
    db,
    `SELECT fa_shipment_id AS faShipmentId, carrier, service, estimated_delivery_at AS estimatedDeliveryAt, delivered_at AS deliveredAt,
       recipient, proof_of_delivery_url AS proofOfDeliveryUrl, updated_at AS updatedAt
     FROM fa_details WHERE shipment_id = @shipmentId`,
  ).get({ shipmentId });
}

/** Newest first, like the timeline. */
export function listFaEvents(db: ReadableDb, shipmentId: string): FaEventRow[] {
  return prepared<{ shipmentId: string }, FaEventRow>(
    db,
    `SELECT event_id AS eventId, event_at AS eventAt, provider_status AS providerStatus, event_type AS eventType, facility_type AS facilityType,
       latitude, longitude, exception_code AS exceptionCode, exception_reason AS exceptionReason, recipient, proof_of_delivery_url AS proofOfDeliveryUrl
     FROM fa_events WHERE shipment_id = @shipmentId ORDER BY event_at DESC, event_id DESC`,
  ).all({ shipmentId });
}
