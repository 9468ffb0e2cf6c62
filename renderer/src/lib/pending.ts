/**
 * Contract entries that other parts of the station add over time. A screen
 * that needs one calls it through here: until the entry exists on the bridge
 * the call answers UNAVAILABLE (and the screen says so) instead of throwing.
 * Once the entry is in shared/contract.ts, call `station.<method>` directly.
 */
import type { StationApi } from '../../../shared/contract';
import { err, type Result } from '../../../shared/result';

export function hasMethod(station: StationApi, method: string): boolean {
  return typeof (station as unknown as Record<string, unknown>)[method] === 'function';
}

export async function callPending<T>(station: StationApi, method: string, args?: unknown): Promise<Result<T>> {
  const fn = (station as unknown as Record<string, unknown>)[method];
  if (typeof fn !== 'function') return err('UNAVAILABLE', `${method} is not available in this station yet.`);
  return (fn as (a?: unknown) => Promise<Result<T>>).call(station, args);
}
