/**
 * Stops background polling when the API as a whole is down, instead of every
 * shipment failing (and backing off) on its own. After `threshold` transient
 * failures in a row it opens; after a cool-down one probe is let through; a
 * success closes it, a failure re-opens it with a longer cool-down.
 */
export const BREAKER_FAILURE_THRESHOLD = 5;
export const BREAKER_COOLDOWN_MS = 60_000;
export const BREAKER_MAX_COOLDOWN_MS = 15 * 60_000;

export type BreakerState = 'closed' | 'open' | 'half_open';

export class CircuitBreaker {
  #failures = 0;
  #openings = 0;
  #openUntil = 0;
  #probing = false;
  readonly #now: () => number;
  readonly #threshold: number;

  constructor(now: () => number, threshold = BREAKER_FAILURE_THRESHOLD) {
    this.#now = now;
    this.#threshold = threshold;
  }

  get state(): BreakerState {
    if (this.#openings === 0) return 'closed';
    return this.#now() < this.#openUntil ? 'open' : 'half_open';
  }

  /** When an open breaker lets the next probe through (null when closed). */
  get retryAt(): number | null {
    return this.#openings === 0 ? null : this.#openUntil;
  }

  /** Whether a background call may go out now: freely when closed, one probe at a time when half-open. */
  allow(): 'yes' | 'probe' | 'no' {
    const state = this.state;
    if (state === 'closed') return 'yes';
    if (state === 'open' || this.#probing) return 'no';
    this.#probing = true;
    return 'probe';
  }

  /** The probe slot was taken but nothing was due to probe with: give it back, still half-open. */
  releaseProbe(): void {
    this.#probing = false;
  }

  /** Any success (probe, user refresh, a call that was already in flight) means the API is back. */
  succeeded(): void {
    this.#failures = 0;
    this.#openings = 0;
    this.#probing = false;
  }

  /**
   * A transient failure (5xx, network, timeout). Returns true when it opened
   * (or, for the probe, re-opened) the breaker; failures of calls that were
   * already in flight when it opened do not stretch the cool-down.
   */
  failed(probe = false): boolean {
    if (probe) this.#probing = false;
    this.#failures += 1;
    if (probe || (this.#openings === 0 && this.#failures >= this.#threshold)) {
      this.#openings += 1;
      const cooldown = Math.min(BREAKER_COOLDOWN_MS * 2 ** (this.#openings - 1), BREAKER_MAX_COOLDOWN_MS);
      this.#openUntil = this.#now() + cooldown;
      return true;
    }
    return false;
  }
}
