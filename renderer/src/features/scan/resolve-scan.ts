import type { StationApi } from '../../../../shared/contract';
import type { ShipmentSummary } from '../../../../shared/domain/shipment';
import { isCommandBarcode, isOrderNumber } from '../../../../shared/domain/order-number';
import { cleanScan, scanCandidates, type ScanCandidate } from '../../../../shared/scan/candidates';
import type { StationError } from '../../../../shared/result';

/** What the scan box needs of a shipment: which one to open. */
export type ScannedShipment = Pick<ShipmentSummary, 'id' | 'tag'>;

export type ScanResolution =
  | { kind: 'found'; shipment: ScannedShipment; candidate: ScanCandidate }
  /** Nothing matched. `orderNumber` is the scan when the order-number rule accepts it (a label can be made for it), else null. */
  | { kind: 'unknown'; code: string; orderNumber: string | null }
  /** A command or badge barcode (shared/domain/order-number.ts): never a shipment key. */
  | { kind: 'command'; code: string }
  | { kind: 'error'; error: StationError };

/** A scan is a handful of characters; anything longer is a mis-scan or a pasted paragraph. */
export const MAX_SCAN_CHARS = 100;
/** Enough rows to find the exact hit among partial matches (a search also matches recipient names). */
const SCAN_SEARCH_LIMIT = 50;

/**
 * Turns what the scanner typed into a shipment, trying each reading of the
 * scan in order (shared/scan/candidates.ts: the scan itself, then the numbers
 * decoded from carrier barcodes). The list search matches substrings, so only
 * an exact (case-insensitive) hit on the tracking number, order number or id
 * counts: scanning `YT123` must not open `YT1234`.
 */
export async function resolveScan(station: StationApi, raw: string): Promise<ScanResolution> {
  const code = cleanScan(raw);
  if (isCommandBarcode(code)) return { kind: 'command', code };
  const candidates = scanCandidates(code);
  for (const candidate of candidates) {
    const wanted = candidate.value.toUpperCase();
    const page = await station.shipmentsList({ search: candidate.value, limit: SCAN_SEARCH_LIMIT });
    if (!page.ok) return { kind: 'error', error: page.error };
    const exact = (s: ShipmentSummary) =>
      s.trackingNumber?.toUpperCase() === wanted || s.orderNumber?.toUpperCase() === wanted || s.id.toUpperCase() === wanted;
    const hit = page.value.items.find(exact);
    if (hit) return { kind: 'found', shipment: hit, candidate };
  }
  // The list search does not look at ids; a scanned label id (never a decoded form) is looked up directly.
  const scanned = candidates[0];
  if (scanned) {
    const byId = await station.shipmentsGet({ id: scanned.value });
    if (byId.ok) return { kind: 'found', shipment: { ...byId.value, tag: byId.value.tracking?.tag ?? 'Pending' }, candidate: scanned };
    if (byId.error.code !== 'NOT_FOUND') return { kind: 'error', error: byId.error };
  }
  const asTyped = scanned?.value ?? code;
  return { kind: 'unknown', code: asTyped, orderNumber: isOrderNumber(asTyped) ? asTyped : null };
}
