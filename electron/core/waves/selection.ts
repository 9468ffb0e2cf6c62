/**
 * Which ready orders go into a wave, and in what order (pure: the store hands
 * in every candidate with what its label would be made with).
 */
import type { WaveFilter, WaveOrder, WaveSequence } from '../../../shared/domain/waves';

export interface WaveCandidate extends WaveOrder {
  importedAtMs: number;
}

const byText = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Import order, then id: the tie-break every sequence ends with, so the same orders always sort the same. */
function byImport(a: WaveCandidate, b: WaveCandidate): number {
  return a.importedAtMs - b.importedAtMs || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);
}

const SEQUENCES: Record<WaveSequence, (a: WaveCandidate, b: WaveCandidate) => number> = {
  // #1002 before #1010: numbers inside order numbers compare as numbers.
  'order-number': (a, b) => byText.compare(a.orderNumber, b.orderNumber) || byImport(a, b),
  sku: (a, b) => byText.compare(a.sku, b.sku) || byText.compare(a.orderNumber, b.orderNumber) || byImport(a, b),
  courier: (a, b) =>
    byText.compare(a.courier, b.courier) ||
    byText.compare(a.productCode, b.productCode) ||
    byText.compare(a.orderNumber, b.orderNumber) ||
    byImport(a, b),
  import: byImport,
};

/** The candidates the filter keeps (courier and country here; SKU and import period were applied when reading), in sequence. */
export function selectWaveOrders(candidates: readonly WaveCandidate[], filter: WaveFilter, sequence: WaveSequence): WaveCandidate[] {
  const courier = filter.courier?.toLowerCase();
  const kept = candidates.filter(
    (c) => (!courier || c.courier.toLowerCase() === courier) && (!filter.country || c.country === filter.country),
  );
  return kept.sort(SEQUENCES[sequence]);
}
