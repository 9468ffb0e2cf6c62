import type { FaSnapshot } from '../../api/flashamericas/mapping';
import type { ReadableDb, WritableDb } from '../types';

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
export async function findFaShipmentId(db: ReadableDb, trackingNumber: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('shipments')
    .select('id')
    .where('provider', '=', 'flashamericas')
    .where('remote_id', '=', trackingNumber)
    .executeTakeFirst();
  return r?.id;
}

/** Writes the details and any events not stored before; returns how many events were new. */
export async function saveFaSnapshot(db: WritableDb, shipmentId: string, s: FaSnapshot, at: number): Promise<number> {
  await db
    .insertInto('fa_details')
    .values({
      shipment_id: shipmentId,
      fa_shipment_id: s.shipmentId,
      carrier: s.carrier,
      service: s.service,
      estimated_delivery_at: ms(s.estimatedDelivery),
      delivered_at: ms(s.deliveredAt),
      recipient: s.recipient,
      proof_of_delivery_url: s.proofOfDeliveryUrl,
      updated_at: at,
    })
    // A later snapshot that lacks a field keeps what an earlier one told.
    .onConflict((oc) =>
      oc.column('shipment_id').doUpdateSet((eb) => ({
        fa_shipment_id: eb.fn.coalesce('excluded.fa_shipment_id', 'fa_details.fa_shipment_id'),
        carrier: eb.fn.coalesce('excluded.carrier', 'fa_details.carrier'),
        service: eb.fn.coalesce('excluded.service', 'fa_details.service'),
        estimated_delivery_at: eb.fn.coalesce('excluded.estimated_delivery_at', 'fa_details.estimated_delivery_at'),
        delivered_at: eb.fn.coalesce('excluded.delivered_at', 'fa_details.delivered_at'),
        recipient: eb.fn.coalesce('excluded.recipient', 'fa_details.recipient'),
        proof_of_delivery_url: eb.fn.coalesce('excluded.proof_of_delivery_url', 'fa_details.proof_of_delivery_url'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  const events = s.checkpoints.flatMap((c) => {
    const eventAt = ms(c.at);
    if (eventAt === null) return [];
    return [
      {
        shipment_id: shipmentId,
        event_id: c.eventId,
        event_at: eventAt,
        provider_status: c.providerStatus,
        event_type: c.eventType,
        facility_type: c.facilityType,
        latitude: c.latitude,
        longitude: c.longitude,
        exception_code: c.exceptionCode,
        exception_reason: c.exceptionReason,
        recipient: c.recipient,
        proof_of_delivery_url: c.proofOfDeliveryUrl,
      },
    ];
  });
  let added = 0;
  // A statement per chunk, not per event; chunks stay under the bound-parameter limits.
  for (let i = 0; i < events.length; i += EVENTS_PER_STATEMENT) {
    const r = await db
      .insertInto('fa_events')
      .values(events.slice(i, i + EVENTS_PER_STATEMENT))
      .onConflict((oc) => oc.columns(['shipment_id', 'event_id']).doNothing())
      .executeTakeFirst();
    added += Number(r.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

const EVENTS_PER_STATEMENT = 500;

export async function getFaDetails(db: ReadableDb, shipmentId: string): Promise<FaDetailsRow | undefined> {
  return db
    .selectFrom('fa_details')
    .select([
      'fa_shipment_id as faShipmentId',
      'carrier',
      'service',
      'estimated_delivery_at as estimatedDeliveryAt',
      'delivered_at as deliveredAt',
      'recipient',
      'proof_of_delivery_url as proofOfDeliveryUrl',
      'updated_at as updatedAt',
    ])
    .where('shipment_id', '=', shipmentId)
    .executeTakeFirst();
}

/** Newest first, like the timeline. */
export async function listFaEvents(db: ReadableDb, shipmentId: string): Promise<FaEventRow[]> {
  return db
    .selectFrom('fa_events')
    .select([
      'event_id as eventId',
      'event_at as eventAt',
      'provider_status as providerStatus',
      'event_type as eventType',
      'facility_type as facilityType',
      'latitude',
      'longitude',
      'exception_code as exceptionCode',
      'exception_reason as exceptionReason',
      'recipient',
      'proof_of_delivery_url as proofOfDeliveryUrl',
    ])
    .where('shipment_id', '=', shipmentId)
    .orderBy('event_at', 'desc')
    .orderBy('event_id', 'desc')
    .execute();
}
