/**
 * One limiter per API account across the site (warehouse mode): every
 * station on the warehouse database shares the account's window, so at most
 * `maxPerWindow` requests from all of them together reach the API in any
 * `windowMs`. SQLite stations keep the in-process SlidingWindowLimiter.
 *
 * The rule is the in-process limiter's (rate-limiter.ts, with its proof): a
 * request holds a slot from before it is sent until `windowMs` (+ the clock's
 * resolution) after it finished; a new one starts only while fewer than
 * `maxPerWindow` are held. Here the slots are rows (`api_slots`) and every
 * stamp is the database's `clock_timestamp()`, read under the account's lock:
 * one clock for all stations, whatever their own clocks say. The start stamp
 * is committed before the request is sent and the finish stamp written after
 * its answer was read, so the proof's "arrival after start, before finish"
 * holds for every station.
 *
 * Priorities: this station's waiting requests are served packer first, then
 * waves, then background polls (FIFO within each), as in-process. Across
 * stations, while any packer of the site made a request in the last
 * `userActiveMs`, background and wave requests leave `reservedForUser` slots
 * of the window free, so a bench never waits behind the site's polls; when no
 * one packs, polls may use the whole window.
 *
 * A database that cannot be reached: the request waits (retrying) rather than
 * going out uncounted; the station's banner says the database is down.
 */
import type { Priority } from './flexforward-types';
import {
  API_MAX_REQUESTS_PER_WINDOW,
  API_RATE_WINDOW_MS,
  LIMITER_CLOCK_RESOLUTION_MS,
  type ReleaseSlot,
  type RequestLimiter,
} from './rate-limiter';
import { PRIORITIES } from './flexforward-types';
import { claimApiSlot, finishStationSlots, releaseApiSlot } from '../db/queries/api_slots';
import type { WritableDb } from '../db/types';
import type { Logger } from '../util/log';

/** Slots of the window kept for packers while packers are active (of 10: polls and waves get 8). */
export const USER_RESERVED_SLOTS = 2;
/** A packer's request this recent makes the site "packing". */
export const USER_ACTIVE_MS = 10_000;
/** Longer than any request can stay open (the client's timeouts and retries are far shorter): a dead station's slot. */
export const STALE_IN_FLIGHT_MS = 120_000;
/** Asking again while every held slot is in flight (no finish time to wait for yet). */
export const RETRY_WHILE_IN_FLIGHT_MS = 15;
/**
 * A slot that frees within this long is taken now and used when it frees
 * (db/queries/api_slots.ts, claimApiSlot): the claim's round trips and the
 * station's timer then happen while the slot is still held by the request
 * before, not after it freed. Longer than a claim takes on a busy site
 * database; short enough that a packer's request arriving meanwhile waits
 * little behind a background poll taken ahead.
 */
export const RESERVE_AHEAD_MS = 100;
/** Asking again after the database failed to answer. */
export const RETRY_AFTER_DB_ERROR_MS = 1_000;

export interface SiteLimiterOptions {
  db: WritableDb;
  /** The account (environment + token); never logged, only hashed into the lock key and stored per slot. */
  account: () => string;
  stationId: string;
  logger: Logger;
  maxPerWindow?: number;
  windowMs?: number;
  reservedForUser?: number;
  userActiveMs?: number;
  reserveAheadMs?: number;
}

interface Waiter {
  priority: Priority;
  resolve: (release: ReleaseSlot) => void;
  reject: (e: Error) => void;
}

export class SiteLimiter implements RequestLimiter {
  readonly #o: Required<SiteLimiterOptions>;
  readonly #queues: Record<Priority, Waiter[]> = { user: [], wave: [], background: [] };
  #pumping = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastDbError = 0;
  #started: Promise<void> | null = null;
  /** Set by abortWaiting: no request waits any more (the station stops while the database is down). */
  #aborted: Error | null = null;

  constructor(options: SiteLimiterOptions) {
    this.#o = {
      maxPerWindow: API_MAX_REQUESTS_PER_WINDOW,
      windowMs: API_RATE_WINDOW_MS,
      reservedForUser: USER_RESERVED_SLOTS,
      userActiveMs: USER_ACTIVE_MS,
      reserveAheadMs: RESERVE_AHEAD_MS,
      ...options,
    };
    if (this.#o.reservedForUser >= this.#o.maxPerWindow) throw new Error('the packers’ share must leave background work a slot');
  }

  /**
   * The station stops while the database cannot be reached: requests waiting for a slot (which only the database
   * can give) are not sent, and fail with `reason`, instead of holding the stop until the database is back. Their
   * labels stay saved as started, and the next start sends them with the same key.
   */
  abortWaiting(reason: Error): void {
    this.#aborted = reason;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    for (const priority of PRIORITIES) for (const waiter of this.#queues[priority].splice(0)) waiter.reject(reason);
  }

  acquire(priority: Priority = 'user'): Promise<ReleaseSlot> {
    if (this.#aborted) return Promise.reject(this.#aborted);
    return new Promise<ReleaseSlot>((resolve, reject) => {
      this.#queues[priority].push({ priority, resolve, reject });
      // A packer arriving while background work waits for its timer asks now: the packers' share may be free.
      if (priority === 'user' && this.#timer !== null) {
        clearTimeout(this.#timer);
        this.#timer = null;
      }
      void this.#pump();
    });
  }

  /** Requests waiting here, per priority. */
  get pending(): Record<Priority, number> {
    return { user: this.#queues.user.length, wave: this.#queues.wave.length, background: this.#queues.background.length };
  }

  /** This station's slots left in flight by a previous run count as finished now (once, before the first claim). */
  #start(): Promise<void> {
    return (this.#started ??= finishStationSlots(this.#o.db, this.#o.stationId).catch((error: unknown) => {
      this.#started = null;
      throw error;
    }));
  }

  async #pump(): Promise<void> {
    if (this.#pumping || this.#timer !== null) return;
    this.#pumping = true;
    let wait: number | null = null;
    try {
      for (;;) {
        const priority = PRIORITIES.find((p) => this.#queues[p].length > 0);
        if (!priority) return;
        let claim;
        try {
          await this.#start();
          claim = await claimApiSlot(this.#o.db, {
            account: this.#o.account(),
            stationId: this.#o.stationId,
            priority,
            cap: this.#o.maxPerWindow,
            reservedForUser: this.#o.reservedForUser,
            holdMs: this.#o.windowMs + LIMITER_CLOCK_RESOLUTION_MS,
            staleInFlightMs: STALE_IN_FLIGHT_MS,
            userActiveMs: this.#o.userActiveMs,
            reserveAheadMs: this.#o.reserveAheadMs,
          });
        } catch (error) {
          if (Date.now() - this.#lastDbError > 30_000) {
            this.#o.logger.warn('the site rate limiter cannot reach the warehouse database; requests wait', { error });
            this.#lastDbError = Date.now();
          }
          wait = RETRY_AFTER_DB_ERROR_MS;
          return;
        }
        if (claim.slotId === null) {
          wait = claim.waitMs === null ? RETRY_WHILE_IN_FLIGHT_MS : Math.max(1, Math.ceil(claim.waitMs));
          return;
        }
        const slotId = claim.slotId;
        const waiter = this.#queues[priority].shift()!;
        let released = false;
        const hand = (): void =>
          waiter.resolve(() => {
            if (released) return;
            released = true;
            releaseApiSlot(this.#o.db, slotId)
              .catch((error: unknown) =>
                this.#o.logger.warn('a site rate-limiter slot could not be released (it frees itself later)', { error }),
              )
              .finally(() => {
                // A freed slot may let a waiter in sooner than its timer.
                if (this.#timer !== null && this.pending.user + this.pending.wave + this.pending.background > 0) {
                  clearTimeout(this.#timer);
                  this.#timer = null;
                }
                void this.#pump();
              });
          });
        // A slot taken ahead: its request goes when the slot's start has passed on the database's clock.
        if (claim.startInMs > 0) setTimeout(hand, Math.ceil(claim.startInMs));
        else hand();
      }
    } finally {
      this.#pumping = false;
      if (wait !== null && this.#timer === null) {
        this.#timer = setTimeout(() => {
          this.#timer = null;
          void this.#pump();
        }, wait);
      }
    }
  }
}
