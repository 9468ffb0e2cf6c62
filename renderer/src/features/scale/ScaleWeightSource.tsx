import { useEffect, type ReactNode } from 'react';
import { WeightSourceContext } from '../orders/weight-source';
import { scaleConnection, useScaleState } from './use-scale';

/**
 * Gives every screen under it (the pack screen) the chosen USB scale as its
 * weight source, and keeps the scale read while no screen shows it: the
 * platter emptied between two orders is what lets the next order take a
 * weight equal to the last one (./reading-ledger.ts).
 */
export function ScaleWeightSource({ children }: { children: ReactNode }) {
  useEffect(() => scaleConnection().subscribe(() => undefined), []);
  return <WeightSourceContext.Provider value={useScaleState}>{children}</WeightSourceContext.Provider>;
}
