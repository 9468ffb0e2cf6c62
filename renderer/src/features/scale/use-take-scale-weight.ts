import { useEffect, useRef } from 'react';

/**
 * The seam between the scale and a weight field (the Create label form's
 * parcel, the pack screen's parcel): each new stable, non-zero reading is
 * handed to `take`, unless the field is not listening (typed by hand) or
 * the weight is locked (the label is being or has been bought).
 *
 * A reading is taken once: a reading present while the weight was locked
 * counts as used, so the next label waits for the scale to change (a new
 * parcel, or the platter emptied and loaded again) instead of taking the
 * last parcel's weight.
 */
export function useTakeScaleWeight(
  weighedKg: number | null,
  options: { listening: boolean; locked: boolean; take(kg: number): void },
): void {
  const used = useRef<number | null>(null);
  const take = useRef(options.take);
  // The latest `take` (it closes over the form's current parcels); updated after render, before the effect below.
  useEffect(() => {
    take.current = options.take;
  });
  const { listening, locked } = options;
  useEffect(() => {
    if (weighedKg === null) {
      used.current = null;
      return;
    }
    if (locked) {
      used.current = weighedKg;
      return;
    }
    if (!listening || used.current === weighedKg) return;
    used.current = weighedKg;
    take.current(weighedKg);
  }, [weighedKg, listening, locked]);
}
