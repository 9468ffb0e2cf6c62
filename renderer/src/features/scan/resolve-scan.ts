import type { StationApi } from '../../../../shared/contract';
import type { ShipmentSummary } from '../../../../shared/domain/shipment';
import type { StationError } from '../../../../shared/result';

/** What the scan box needs of a shipment: which one to open. */
export type ScannedShipment = Pick<ShipmentSummary, 'id' | 'tag'>;

export type ScanResolution =
  { kind: 'found'; shipment: ScannedShipment } | { kind: 'unknown'; code: string } | { kind: 'error'; error: StationError };

/** A scan is a handful of characters; anything longer is a mis-scan or a pasted paragraph. */
export const MAX_SCAN_CHARS = 100;
/** Enough rows to find the exact hit among partial matches (a search also matches recipient names). */
const SCAN_SEARCH_LIMIT = 50;

/**
 * Turns what the scanner typed into a shipment. The list search matches
 * substrings, so only an exact (case-insensitive) hit on the tracking number,
 * order number or id counts: scanning `YT123` must not open `YT1234`.
 */
export async function resolveScan(station: StationApi, raw: string): Promise<ScanResolution> {
  const code = raw.trim();
  const wanted = code.toUpperCase();
  const page = await station.shipmentsList({ search: code, limit: SCAN_SEARCH_LIMIT });
  if (!page.ok) return { kind: 'error', error: page.error };
  const exact = (s: ShipmentSummary) =>
    s.trackingNumber?.toUpperCase() === wanted || s.orderNumber?.toUpperCase() === wanted || s.id.toUpperCase() === wanted;
  const hit = page.value.items.find(exact);
  if (hit) return { kind: 'found', shipment: hit };
  // The list search does not look at ids; a scanned label id is looked up directly.
  const byId = await station.shipmentsGet({ id: code });
  if (byId.ok) return { kind: 'found', shipment: { ...byId.value, tag: byId.value.tracking?.tag ?? 'Pending' } };
  return byId.error.code === 'NOT_FOUND' ? { kind: 'unknown', code } : { kind: 'error', error: byId.error };
}
