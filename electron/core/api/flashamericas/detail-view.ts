import type { ProviderDetails } from '../../../../shared/domain/track';
import type { ReadableDb } from '../../db/types';
import { getFaDetails, listFaEvents } from '../../db/queries/fa_details';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The `providerDetails` of a Flash Americas shipment's detail view; null when nothing was stored yet. */
export async function faDetailsView(db: ReadableDb, shipmentId: string): Promise<ProviderDetails | null> {
  const d = await getFaDetails(db, shipmentId);
  if (!d) return null;
  const events = await listFaEvents(db, shipmentId);
  return {
    carrier: d.carrier,
    service: d.service,
    estimatedDelivery: iso(d.estimatedDeliveryAt),
    deliveredAt: iso(d.deliveredAt),
    recipient: d.recipient,
    proofOfDeliveryUrl: d.proofOfDeliveryUrl,
    events: events.map((e) => ({
      eventId: e.eventId,
      time: new Date(e.eventAt).toISOString(),
      status: e.providerStatus,
      eventType: e.eventType,
      facilityType: e.facilityType,
      latitude: e.latitude,
      longitude: e.longitude,
      exceptionCode: e.exceptionCode,
      exceptionReason: e.exceptionReason,
      recipient: e.recipient,
      proofOfDeliveryUrl: e.proofOfDeliveryUrl,
    })),
  };
}
