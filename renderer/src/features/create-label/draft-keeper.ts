import type { StationApi } from '../../../../shared/contract';
import type { LabelDraft } from './form-model';

/**
 * The label form's unfinished draft, kept while the packer looks at another
 * screen: a scan opens its shipment whatever the packer was typing, and the
 * form must be as they left it when they come back. Memory only (a reload
 * starts clean, as before), one per station connection.
 */
const kept = new WeakMap<StationApi, LabelDraft>();

export function keptDraft(station: StationApi): LabelDraft | null {
  return kept.get(station) ?? null;
}

/** `null` forgets it: a label was made from it, or the form starts over. */
export function keepDraft(station: StationApi, draft: LabelDraft | null): void {
  if (draft) kept.set(station, draft);
  else kept.delete(station);
}
