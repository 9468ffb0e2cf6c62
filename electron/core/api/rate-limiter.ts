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

export interface LimiterTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Real timers, deliberately ref'd: callers awaiting a slot are real work, and
 * an unref'd timer would let a CLI exit with requests still queued.
 */
const realTimers: LimiterTimers = {
  now: () => Date.now(),
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
  readonly #slots: Slot[] = [];
  readonly #queues: Record<Priority, Array<(release: ReleaseSlot) => void>> = { user: [], background: [] };
  #timer: unknown = null;
  #timerAt = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.maxPerWindow = options.maxPerWindow ?? API_MAX_REQUESTS_PER_WINDOW;
    this.windowMs = options.windowMs ?? API_RATE_WINDOW_MS;
    this.#timers = options.timers ?? realTimers;
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
        if (doneAt !== null && now - doneAt >= this.windowMs) this.#slots.splice(i, 1);
      }
      if (this.#slots.length >= this.maxPerWindow) {
        const finished = this.#slots.flatMap((s) => (s.doneAt === null ? [] : [s.doneAt]));
        // All in flight: the next release drains. Otherwise wake when the oldest window ends.
        if (finished.length > 0) this.#wakeAt(Math.min(...finished) + this.windowMs, now);
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
      Math.max(0, at - now),
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
