import { createContext, useContext } from 'react';
import type { StationApi } from '../../../shared/contract';

export const StationContext = createContext<StationApi | null>(null);

export function useStation(): StationApi {
  const station = useContext(StationContext);
  if (!station) throw new Error('useStation outside <StationContext.Provider>');
  return station;
}
