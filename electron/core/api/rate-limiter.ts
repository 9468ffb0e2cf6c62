/**
 * One limiter per API account, shared by every call the station makes with
 * that token: at most `maxPerWindow` request starts in any window of
 * `windowMs`, user actions served before background polls.
 *
 * Why not p-queue's interval/intervalCap: it counts per fixed interval, so
 * 10 calls at the end of one interval and 10 at the start of the next put 20
 * in one second. Here the rule is sliding: a start is admitted only when fewer
 * than `maxPerWindow` starts happened in the last `windowMs`, so starts n and
 * n + max are always at least `windowMs` apart, and no window of that length
 * (anywhere on the time line) can hold more than `maxPerWindow`.
 */
import type { Priority } from './flexforward-types';

/** Reference §10: stay under 10 requests/second per account. */
export const API_MAX_REQUESTS_PER_WINDOW = 10;
export const API_RATE_WINDOW_MS = 1_000;
/**
 * The server sees arrivals, not our start times: a request may wait a few ms
 * longer in the socket than the one after it. The margin keeps the server's
 * view within the guideline too (10 per 1.05 s ≈ 9.5/s achieved).
 */
export const API_RATE_SAFETY_MARGIN_MS = 50;

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

/** What the client needs from a limiter: a slot before each request. */
export interface RequestLimiter {
  acquire(priority: Priority): Promise<void>;
}

interface Waiter {
  resolve(): void;
}

export class SlidingWindowLimiter implements RequestLimiter {
  readonly maxPerWindow: number;
  readonly windowMs: number;
  readonly #timers: LimiterTimers;
  /** Start times of the last `maxPerWindow` admitted requests, oldest first. */
  readonly #starts: number[] = [];
  readonly #queues: Record<Priority, Waiter[]> = { user: [], background: [] };
  #timer: unknown = null;
  #timerAt = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.maxPerWindow = options.maxPerWindow ?? API_MAX_REQUESTS_PER_WINDOW;
    this.windowMs = options.windowMs ?? API_RATE_WINDOW_MS + API_RATE_SAFETY_MARGIN_MS;
    this.#timers = options.timers ?? realTimers;
    if (!(this.maxPerWindow >= 1) || !(this.windowMs > 0)) throw new Error('rate limiter needs maxPerWindow ≥ 1 and windowMs > 0');
  }

  /** Waits for a slot (user before background, FIFO within each), then runs `fn`. */
  async schedule<T>(fn: () => Promise<T>, priority: Priority = 'user'): Promise<T> {
    await this.acquire(priority);
    return fn();
  }

  acquire(priority: Priority = 'user'): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#queues[priority].push({ resolve });
      this.#drain();
    });
  }

  /** Requests waiting for a slot, per priority. */
  get pending(): Record<Priority, number> {
    return { user: this.#queues.user.length, background: this.#queues.background.length };
  }

  #drain(): void {
    for (;;) {
      const next = this.#queues.user[0] ? this.#queues.user : this.#queues.background[0] ? this.#queues.background : null;
      if (!next) return;
      const now = this.#timers.now();
      if (this.#starts.length >= this.maxPerWindow) {
        const freeAt = this.#starts[0]! + this.windowMs;
        if (now < freeAt) {
          this.#wakeAt(freeAt, now);
          return;
        }
        this.#starts.shift();
      }
      this.#starts.push(now);
      next.shift()!.resolve();
    }
  }

  #wakeAt(at: number, now: number): void {
    if (this.#timer !== null && this.#timerAt <= at) return;
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      this.#drain();
    }, at - now);
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

  acquire(priority: Priority): Promise<void> {
    return this.current().acquire(priority);
  }
}
