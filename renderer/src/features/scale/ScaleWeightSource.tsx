import type { ReactNode } from 'react';
import { WeightSourceContext } from '../orders/weight-source';
import { useScaleState } from './use-scale';

/** Gives every screen under it (the pack screen) the chosen USB scale as its weight source. */
export function ScaleWeightSource({ children }: { children: ReactNode }) {
  return <WeightSourceContext.Provider value={useScaleState}>{children}</WeightSourceContext.Provider>;
}
