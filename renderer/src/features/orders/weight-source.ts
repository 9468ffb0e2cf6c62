/**
 * The seam for a shipping scale (bench devices): the pack screen asks a
 * `UseWeightSource` hook for the scale's state and, when it says `weighed`,
 * takes that weight (sent as `weightFrom: 'scale'`). Without a scale the
 * hook says `disconnected` and the weight is the catalogue's (unit weights ×
 * quantity + box tare) or what the packer types.
 *
 * The devices part provides its hook once, near the top of the app:
 *   <WeightSourceContext.Provider value={useScaleState}>…</WeightSourceContext.Provider>
 * or a test passes `useWeightSource` to <PackView> directly. The value must
 * stay the same function for the life of the screen (it is called as a hook).
 */
import { createContext } from 'react';
import type { ScaleState } from '../../../../shared/devices/weight-policy';

export type UseWeightSource = () => ScaleState;

const DISCONNECTED: ScaleState = { kind: 'disconnected' };
export const useNoScale: UseWeightSource = () => DISCONNECTED;

export const WeightSourceContext = createContext<UseWeightSource>(useNoScale);
