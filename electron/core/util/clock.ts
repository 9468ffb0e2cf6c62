/** Injected wherever time matters, so tests can tick to exact edges. */
export interface Clock {
  /** Wall time in ms (timestamps that are stored or shown). */
  now(): number;
  /**
   * A monotonic ms reading for measuring intervals (rate limits): never runs
   * backwards when the wall clock is set. Test clocks may leave it out; then
   * `now()` stands in (they do not jump).
   */
  monotonicNow?(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
export interface TimerHandle {
  readonly __timer: true;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonicNow: () => performance.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // Background timers must never keep a shutting-down process alive.
    t.unref?.();
    return t as unknown as TimerHandle;
  },
  clearTimeout: (h) => clearTimeout(h as unknown as ReturnType<typeof setTimeout>),
};
