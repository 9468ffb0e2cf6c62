/**
 * The site's time (warehouse mode): this station's clock moved by the offset
 * to the database's clock that each heartbeat measures (membership.ts).
 *
 * Why an offset and not `now()` in every query: poll leases and due times
 * are compared by the poller in memory too (when to wake, whether a refresh
 * is under the floor, renewing the exact lease it holds), and the label
 * workflow and tracker write due times from a clock. Giving those parts one
 * clock that agrees with the database keeps every comparison on one
 * timeline, so a station whose clock is minutes off neither treats another
 * station's live lease as run out (and polls it twice) nor sees due polls
 * as minutes away (and starves them). The limiter and the heartbeat already
 * stamp with the database's clock_timestamp().
 *
 * The offset is measured to within half a round trip; it is applied only
 * when it moves by more than OFFSET_TOLERANCE_MS (the station's clock was
 * set, or NTP stepped it), so the site clock does not jitter by a few ms
 * between beats and never runs backwards by that jitter.
 */
import type { Clock, TimerHandle } from '../util/clock';

/** A measured offset that moves less than this from the applied one is noise (half a round trip at most). */
export const OFFSET_TOLERANCE_MS = 1_000;

export class SiteClock implements Clock {
  readonly #base: Clock;
  #offsetMs = 0;

  constructor(base: Clock) {
    this.#base = base;
  }

  /** The database's clock minus this station's, as the last heartbeat measured it. */
  measured(offsetMs: number): void {
    if (Math.abs(offsetMs - this.#offsetMs) > OFFSET_TOLERANCE_MS) this.#offsetMs = Math.round(offsetMs);
  }

  /** The offset in use (ms). */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  now(): number {
    return this.#base.now() + this.#offsetMs;
  }

  monotonicNow(): number {
    return this.#base.monotonicNow?.() ?? this.#base.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.#base.setTimeout(fn, ms);
  }

  clearTimeout(handle: TimerHandle): void {
    this.#base.clearTimeout(handle);
  }
}
