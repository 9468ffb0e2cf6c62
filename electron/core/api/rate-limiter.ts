/**
 * One limiter per API account, shared by every call the station makes with
 * that token: at most `maxPerWindow` requests in any window of `windowMs` as
 * the SERVER sees them, user actions served before background polls.
 *
 * The rule: a request holds its slot while in flight and for `windowMs` after
 * it finished (answer read, or failed); a new request starts only when fewer
 * than `maxPerWindow` slots are held. Proof that no window of `windowMs`
 * holds more than `maxPerWindow` arrivals at the server: take any
 * `maxPerWindow + 1` requests and let k be the last one started. When k
 * started, at most `maxPerWindow - 1` of the others held a slot, so some r
 * among them had finished by `start(k) - windowMs`. The server received r
 * before r finished and k after k started, so their arrivals are at least
 * `windowMs` apart, whatever the network did in between.
 *
 * The proof needs the start and finish stamps on a clock that never runs
 * backwards and is fine enough: stamped with Date.now() (wall time, whole
 * milliseconds, adjustable) a request finishing at x.9 ms was stamped x.0,
 * the next could start 999.1 ms after it truly finished, and the bench saw
 * 11 in a second. So the stamps come from performance.now() (monotonic,
 * sub-millisecond), and a slot is held for one clock resolution more than
 * the window (`resolutionMs`): the margin covers our stamps' rounding and a
 * server that stamps arrivals in whole milliseconds.
 *
 * Counting from the start time instead (a plain sliding window) is not
 * enough: a first request that waits 100 ms for its TCP connection arrives
 * late and lands in the next second's window with ten others (we measured 11).
 * p-queue's interval/intervalCap is weaker still: it counts per fixed
 * interval, so ten at the end of one and ten at the start of the next put
 * twenty in one second.
 */
import type { Priority } from './flexforward-types';

/** Reference §10: stay under 10 requests/second per account. */
export const API_MAX_REQUESTS_PER_WINDOW = 10;
export const API_RATE_WINDOW_MS = 1_000;
/** See the header: the margin a slot is held past the window, the resolution of arrival stamps. */
export const LIMITER_CLOCK_RESOLUTION_MS = 1;

export interface LimiterTimers {
  /** A monotonic clock in ms: it must never run backwards (performance.now(), not Date.now()). */
  now(): number;
  /** The coarsest step between two readings that matter (this clock's or a server's stamps); slots are held this much longer. Default 0. */
  resolutionMs?: number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Real timers, deliberately ref'd: callers awaiting a slot are real work, and
 * an unref'd timer would let a CLI exit with requests still queued.
 */
const realTimers: LimiterTimers = {
  now: () => performance.now(),
  // performance.now() itself is sub-millisecond; servers stamp arrivals in whole milliseconds.
  resolutionMs: LIMITER_CLOCK_RESOLUTION_MS,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface RateLimiterOptions {
  maxPerWindow?: number;
  windowMs?: number;
  timers?: LimiterTimers;
}

/** Call when the request has finished (answer read or failed); idempotent. */
export type ReleaseSlot = () => void;

/** What the client needs from a limiter: a slot before each request, released when it is done. */
export interface RequestLimiter {
  acquire(priority: Priority): Promise<ReleaseSlot>;
}

interface Slot {
  /** When the request finished; null while it is in flight. */
  doneAt: number | null;
}

export class SlidingWindowLimiter implements RequestLimiter {
  readonly maxPerWindow: number;
  readonly windowMs: number;
  readonly #timers: LimiterTimers;
  /** How long a finished request keeps its slot: the window plus the clock's resolution. */
  readonly #holdMs: number;
  readonly #slots: Slot[] = [];
  readonly #queues: Record<Priority, Array<(release: ReleaseSlot) => void>> = { user: [], background: [] };
  #timer: unknown = null;
  #timerAt = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.maxPerWindow = options.maxPerWindow ?? API_MAX_REQUESTS_PER_WINDOW;
    this.windowMs = options.windowMs ?? API_RATE_WINDOW_MS;
    this.#timers = options.timers ?? realTimers;
    this.#holdMs = this.windowMs + (this.#timers.resolutionMs ?? 0);
    if (!(this.maxPerWindow >= 1) || !(this.windowMs > 0)) throw new Error('rate limiter needs maxPerWindow ≥ 1 and windowMs > 0');
  }

  /** Waits for a slot (user before background, FIFO within each), runs `fn`, releases when it settles. */
  async schedule<T>(fn: () => Promise<T>, priority: Priority = 'user'): Promise<T> {
    const release = await this.acquire(priority);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  acquire(priority: Priority = 'user'): Promise<ReleaseSlot> {
    return new Promise<ReleaseSlot>((resolve) => {
      this.#queues[priority].push(resolve);
      this.#drain();
    });
  }

  /** Requests waiting for a slot, per priority. */
  get pending(): Record<Priority, number> {
    return { user: this.#queues.user.length, background: this.#queues.background.length };
  }

  #drain(): void {
    for (;;) {
      const queue = this.#queues.user.length > 0 ? this.#queues.user : this.#queues.background.length > 0 ? this.#queues.background : null;
      if (!queue) return;
      const now = this.#timers.now();
      // Forget slots whose window has passed.
      for (let i = this.#slots.length - 1; i >= 0; i--) {
        const doneAt = this.#slots[i]!.doneAt;
        if (doneAt !== null && now - doneAt >= this.#holdMs) this.#slots.splice(i, 1);
      }
      if (this.#slots.length >= this.maxPerWindow) {
        const finished = this.#slots.flatMap((s) => (s.doneAt === null ? [] : [s.doneAt]));
        // All in flight: the next release drains. Otherwise wake when the oldest window ends.
        if (finished.length > 0) this.#wakeAt(Math.min(...finished) + this.#holdMs, now);
        return;
      }
      const slot: Slot = { doneAt: null };
      this.#slots.push(slot);
      const release: ReleaseSlot = () => {
        if (slot.doneAt !== null) return;
        slot.doneAt = this.#timers.now();
        this.#drain();
      };
      queue.shift()!(release);
    }
  }

  #wakeAt(at: number, now: number): void {
    if (this.#timer !== null && this.#timerAt <= at) return;
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = this.#timers.setTimeout(
      () => {
        this.#timer = null;
        this.#drain();
      },
      // Whole ms, rounded up: a timer that fired a fraction early would only re-arm.
      Math.max(0, Math.ceil(at - now)),
    );
  }
}

/**
 * One limiter per account, picked per call: switching the token (or the
 * environment) switches the budget, and every caller of the same account
 * shares one window.
 */
export class AccountLimiters implements RequestLimiter {
  readonly #byAccount = new Map<string, SlidingWindowLimiter>();
  readonly #account: () => string;
  readonly #options: RateLimiterOptions;

  /** `account` names the current account (e.g. environment + token hash), never logged. */
  constructor(account: () => string, options: RateLimiterOptions = {}) {
    this.#account = account;
    this.#options = options;
  }

  current(): SlidingWindowLimiter {
    const key = this.#account();
    let limiter = this.#byAccount.get(key);
    if (!limiter) {
      limiter = new SlidingWindowLimiter(this.#options);
      this.#byAccount.set(key, limiter);
    }
    return limiter;
  }

  acquire(priority: Priority): Promise<ReleaseSlot> {
    return this.current().acquire(priority);
  }
}
