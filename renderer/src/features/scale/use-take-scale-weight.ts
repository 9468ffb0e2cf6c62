import { useEffect, useRef } from 'react';
import type { ScaleState } from '../../../../shared/devices/weight-policy';
import type { ScaleReadingLedger } from './reading-ledger';
import { scaleConnection } from './use-scale';

/**
 * The seam between the scale and a weight field (the Create label form's
 * parcel, the pack screen's parcel): each new stable, non-zero reading is
 * handed to `take`, unless the field is not listening (typed by hand) or
 * the weight is locked (the label is being or has been bought).
 *
 * A reading is taken once, and never one a label was already bought with:
 * a reading present while the weight was locked goes into the page's
 * ledger (./reading-ledger.ts), so the next label (on this form, or the next
 * order on the pack screen) waits for the scale to change (a new parcel, or
 * the platter emptied and loaded again) instead of taking the last parcel's
 * weight.
 */
export function useTakeScaleWeight(
  state: ScaleState,
  options: { listening: boolean; locked: boolean; take(kg: number): void; ledger?: ScaleReadingLedger },
): void {
  const takenHere = useRef<number | null>(null);
  const take = useRef(options.take);
  // The latest `take` (it closes over the form's current parcels); updated after render, before the effect below.
  useEffect(() => {
    take.current = options.take;
  });
  const ledger = options.ledger ?? scaleConnection().ledger;
  const { listening, locked } = options;
  const weighedKg = state.kind === 'weighed' ? state.kg : null;
  useEffect(() => {
    ledger.observe(state);
    if (weighedKg === null) {
      takenHere.current = null;
      return;
    }
    if (locked) {
      ledger.markUsed(weighedKg);
      takenHere.current = weighedKg;
      return;
    }
    if (!listening || takenHere.current === weighedKg || !ledger.fresh(weighedKg)) return;
    takenHere.current = weighedKg;
    take.current(weighedKg);
  }, [state, weighedKg, listening, locked, ledger]);
}
