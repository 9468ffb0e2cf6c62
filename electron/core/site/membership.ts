/**
 * This station's place in the site (warehouse mode): a heartbeat row in
 * `site_stations` every HEARTBEAT_MS (the site view lists who is connected
 * and who polls), and the database's reachability as the station sees it,
 * which the banner shows (app:status → warehouse). The beat is also the
 * probe: a database that stops answering is reported within one beat, and
 * its return too (queries in between fail on their own and are retried).
 */
import { beatStation } from '../db/queries/site_stations';
import type { WritableDb } from '../db/types';
import type { Clock, TimerHandle } from '../util/clock';
import type { Logger } from '../util/log';
import { SiteClock } from './site-clock';

export const HEARTBEAT_MS = 5_000;
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
    await this.#beating;
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
      const why = e instanceof Error ? e.message : String(e);
      this.#set({
        reachable: false,
        message: `The warehouse database at ${this.#d.location} cannot be reached (${why}). Labels wait until it is back; nothing is bought meanwhile.`,
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
