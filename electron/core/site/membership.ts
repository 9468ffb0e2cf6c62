/**
 * This station's place in the site (warehouse mode): a heartbeat row in
 * `site_stations` every HEARTBEAT_MS (the site view lists who is connected
 * and who polls), and the database's reachability as the station sees it,
 * which the banner shows (app:status → warehouse). The beat is also the
 * probe: a database that stops answering is reported within one beat, and
 * its return too (queries in between fail on their own and are retried).
 */
import { StationFailure } from '../../../shared/result';
import { beatStation } from '../db/queries/site_stations';
import type { WritableDb } from '../db/types';
import type { Clock, TimerHandle } from '../util/clock';
import type { Logger } from '../util/log';
import { SiteClock } from './site-clock';

export const HEARTBEAT_MS = 5_000;
/** While the database is down, work waiting for it looks again after this, then twice as long up to a heartbeat. */
export const REACHABLE_RETRY_FIRST_MS = 500;
/** A station not seen for this long is shown as gone. */
export const STATION_GONE_AFTER_MS = 3 * HEARTBEAT_MS;

export interface SiteHealth {
  reachable: boolean;
  /** Why not, in words a person can act on; null while reachable. */
  message: string | null;
  /** Round trip of the last beat (ms), the database's lag as this station sees it. */
  lagMs: number | null;
  /** The database's clock minus this station's (ms), from the last beat. */
  clockOffsetMs: number | null;
}

export interface SiteMembershipDeps {
  db: WritableDb;
  stationId: string;
  name: () => string;
  version: string;
  location: string;
  clock: Clock;
  logger: Logger;
  onHealthChanged: (health: SiteHealth) => void;
}

export class SiteMembership {
  readonly #d: SiteMembershipDeps;
  #health: SiteHealth = { reachable: true, message: null, lagMs: null, clockOffsetMs: null };
  #timer: TimerHandle | null = null;
  #stopped = false;
  #started = false;
  #polls = 0;
  #lastPollAt: number | null = null;
  #beating: Promise<void> | null = null;
  /** whenReachable callers sleeping between beats: woken at stop. */
  readonly #waiters = new Set<() => void>();
  /** The site's time: this station's clock moved to the database's by each beat's measure. */
  readonly clock: SiteClock;

  constructor(deps: SiteMembershipDeps) {
    this.#d = deps;
    this.clock = new SiteClock(deps.clock);
  }

  get health(): SiteHealth {
    return { ...this.#health };
  }

  /** A poll this station made (counted in its next beat). */
  polled(at: number): void {
    this.#polls += 1;
    this.#lastPollAt = at;
  }

  async start(): Promise<void> {
    await this.beat();
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) this.#d.clock.clearTimeout(this.#timer);
    this.#timer = null;
    for (const wake of [...this.#waiters]) wake();
    this.#waiters.clear();
    await this.#beating;
  }

  /**
   * Work that met the database down waits here: true at the first beat after
   * this call that reaches the database, false when the station stops first.
   * Each wait beats (the banner shows the outage at once), then again after a
   * short, growing delay.
   */
  async whenReachable(): Promise<boolean> {
    for (let delay = REACHABLE_RETRY_FIRST_MS; !this.#stopped; delay = Math.min(delay * 2, HEARTBEAT_MS)) {
      // A beat already under way may have left before the failure the caller saw: wait for one of our own.
      await this.#beating;
      await this.beat();
      if (this.#health.reachable) return true;
      if (this.#stopped) return false;
      await new Promise<void>((resolve) => {
        const timer = this.#d.clock.setTimeout(() => {
          this.#waiters.delete(wake);
          resolve();
        }, delay);
        const wake = () => {
          this.#d.clock.clearTimeout(timer);
          resolve();
        };
        this.#waiters.add(wake);
      });
    }
    return false;
  }

  /** One heartbeat now (also the reachability probe). */
  beat(): Promise<void> {
    return (this.#beating ??= this.#beat().finally(() => {
      this.#beating = null;
    }));
  }

  async #beat(): Promise<void> {
    const polls = this.#polls;
    const sentAt = this.#d.clock.now();
    try {
      const dbNow = await beatStation(this.#d.db, {
        id: this.#d.stationId,
        name: this.#d.name(),
        version: this.#d.version,
        starting: !this.#started,
        polls,
        lastPollAt: this.#lastPollAt,
      });
      this.#started = true;
      this.#polls -= polls;
      const back = this.#d.clock.now();
      const clockOffsetMs = dbNow - (sentAt + back) / 2;
      this.clock.measured(clockOffsetMs);
      this.#set({ reachable: true, message: null, lagMs: back - sentAt, clockOffsetMs });
    } catch (e) {
      // At start, before the database was ever reached, the failure already names it and says what to check.
      const why =
        e instanceof StationFailure && e.code === 'DATABASE_UNREACHABLE'
          ? e.message
          : `The warehouse database at ${this.#d.location} cannot be reached (${e instanceof Error ? e.message : String(e)}).`;
      this.#set({
        reachable: false,
        message: `${why} Labels wait until it is back; nothing is bought meanwhile.`,
        lagMs: null,
        clockOffsetMs: this.#health.clockOffsetMs,
      });
    }
  }

  #set(next: SiteHealth): void {
    const changed = next.reachable !== this.#health.reachable;
    this.#health = next;
    if (!changed) return;
    if (next.reachable) this.#d.logger.info('the warehouse database is reachable again', { location: this.#d.location });
    else this.#d.logger.warn('the warehouse database cannot be reached', { location: this.#d.location, message: next.message });
    this.#d.onHealthChanged(this.health);
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = this.#d.clock.setTimeout(() => {
      this.#timer = null;
      void this.beat().finally(() => this.#schedule());
    }, HEARTBEAT_MS);
  }
}
