import type { Clock, TimerHandle } from '../../util/clock';

export type Priority = 'user' | 'background';

export interface RateBudget {
  /** Sustained requests per minute (reference §10: sandbox 100, basic 1,000). */
  requestsPerMinute: number;
  /** Requests that may go out back to back after a quiet spell. */
  burst: number;
}

const MS_PER_MINUTE = 60_000;

/**
 * Our own share of the tracking budget. §10's tiers allow twice the rate in a
 * burst, but the tracking page (§5.9) states a flat per-minute limit and does
 * not say how the two combine (gap 7), so we stay under the flat limit with a
 * small burst: a 429 costs more (a whole window's pause) than a smooth pace.
 */
export const FA_BUDGETS = {
  sandbox: { requestsPerMinute: 90, burst: 10 },
  production: { requestsPerMinute: 900, burst: 30 },
} as const satisfies Record<string, RateBudget>;

/** What the client needs from a limiter: wait for a slot; stop everyone after a 429. */
export interface RateGate {
  acquire(priority?: Priority): Promise<void>;
  pauseFor(ms: number): void;
}

interface Waiter {
  priority: Priority;
  resolve: () => void;
}

/**
 * A token bucket over an injected clock, with two queues so that a packer's
 * "Track" click is served before the next background batch. A 429 pauses the
 * whole bucket for the server's retry-after: every caller shares one account.
 */
export class TokenBucketLimiter implements RateGate {
  readonly #clock: Clock;
  readonly #budget: RateBudget;
  #tokens: number;
  #refilledAt: number;
  #pausedUntil = 0;
  #timer: TimerHandle | null = null;
  readonly #waiters: Waiter[] = [];

  constructor(clock: Clock, budget: RateBudget) {
    this.#clock = clock;
    this.#budget = budget;
    this.#tokens = budget.burst;
    this.#refilledAt = this.#now();
  }

  /** Intervals on the monotonic clock: a wall-clock step (NTP, daylight) must not mint or void tokens. */
  #now(): number {
    return this.#clock.monotonicNow?.() ?? this.#clock.now();
  }

  /** Resolves when one request may go out. */
  acquire(priority: Priority = 'background'): Promise<void> {
    return new Promise((resolve) => {
      const waiter = { priority, resolve };
      // User requests jump ahead of every background one but keep their own order.
      const firstBackground = this.#waiters.findIndex((w) => w.priority === 'background');
      if (priority === 'user' && firstBackground >= 0) this.#waiters.splice(firstBackground, 0, waiter);
      else this.#waiters.push(waiter);
      this.#drain();
    });
  }

  /** The server said stop: nothing leaves before `ms` from now. */
  pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + ms);
    this.#tokens = 0;
    this.#refilledAt = this.#now();
    this.#reschedule();
  }

  get pending(): number {
    return this.#waiters.length;
  }

  #refill(now: number): void {
    const perMs = this.#budget.requestsPerMinute / MS_PER_MINUTE;
    this.#tokens = Math.min(this.#budget.burst, this.#tokens + (now - this.#refilledAt) * perMs);
    this.#refilledAt = now;
  }

  #drain(): void {
    const now = this.#now();
    this.#refill(now);
    while (this.#waiters.length > 0 && now >= this.#pausedUntil && this.#tokens >= 1) {
      this.#tokens -= 1;
      this.#waiters.shift()!.resolve();
    }
    this.#reschedule();
  }

  #reschedule(): void {
    if (this.#timer) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#waiters.length === 0) return;
    const now = this.#now();
    const perMs = this.#budget.requestsPerMinute / MS_PER_MINUTE;
    const untilToken = this.#tokens >= 1 ? 0 : Math.ceil((1 - this.#tokens) / perMs);
    const wait = Math.max(untilToken, this.#pausedUntil - now, 1);
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#drain();
    }, wait);
  }
}
