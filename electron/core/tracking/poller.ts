/**
 * The one background scheduler for every active shipment. Work is persisted
 * (`tracking.next_poll_at`), so a restart continues where it stopped; the
 * rate is the API client's shared limiter's business (≤ 10/s, user actions
 * first); this class decides *which* shipment is due, keeps enough polls in
 * flight to use that budget, backs off per shipment on failure, and stops
 * polling altogether while the API is down (breaker).
 */
import type { TrackingStatus } from '../../../shared/domain/shipment-detail';
import { StationFailure } from '../../../shared/result';
import type { Clock, TimerHandle } from '../util/clock';
import type { Logger } from '../util/log';
import type { TrackingRow } from '../db/queries/tracking';
import { API_MAX_REQUESTS_PER_WINDOW } from '../api/rate-limiter';
import { isDatabaseUnreachable } from '../db/storage-errors';
import { CircuitBreaker } from './breaker';
import { classifyFailure, type Priority, type TagChange, type TrackingSources } from './ports';
import { LIVE_POLL_SCHEDULE, MAX_PERMANENT_FAILURES, type PollSchedule } from './schedule';
import type { PollOutcome, TrackingStore } from './store';

/**
 * Polls handed to the client at once. The limiter admits 10/s; with API
 * latency up to ~1–2 s, 20 outstanding keeps it saturated under a backlog
 * without queueing thousands of closures in memory.
 */
export const MAX_IN_FLIGHT = 20;
/** A claimed poll not finished by then (crash, hung socket) comes due again. */
export const POLL_LEASE_MS = 10 * 60_000;
/**
 * Warehouse mode: the stations of a site claim due polls from one table, so a
 * claim is a short lease, renewed while the poll runs (it may wait for the
 * site's limiter): a station that dies leaves its polls to the others within
 * a lease, and the others look for due work at least every SITE_MAX_SLEEP_MS
 * (a label made at another station is due without waking this one). A dead
 * station's polls are taken over within SITE_POLL_LEASE_MS + SITE_MAX_SLEEP_MS.
 */
export const SITE_POLL_LEASE_MS = 15_000;
export const SITE_LEASE_RENEW_MS = 5_000;
export const SITE_MAX_SLEEP_MS = 5_000;
/**
 * The database could not be read or written (warehouse database down): look for due work again after this. A poll
 * whose answer could not be saved is not recorded as a failure (the shipment did nothing wrong): its lease runs
 * out and it is polled again, by this station or another, once the database is back.
 */
export const RETRY_AFTER_DB_ERROR_MS = 5_000;
/**
 * On start-up, overdue polls are laid out this far apart in the order they
 * fell due, i.e. at the 10/s ceiling: a station that was off over the weekend
 * catches up at a steady pace, oldest first, with truthful "next poll" times,
 * instead of claiming the whole backlog at once. The shared limiter still
 * paces the calls and serves the packer's own requests first, so spreading
 * any slower would only leave budget unused.
 */
export const START_SPREAD_SPACING_MS = 1_000 / API_MAX_REQUESTS_PER_WINDOW;

export interface PollerDeps {
  store: TrackingStore;
  sources: TrackingSources;
  clock: Clock;
  logger: Logger;
  /** Uniform in [0, 1); injected so tests pick the jitter. */
  random?: () => number;
  /** When to poll next and the refresh floor (the station injects the one schedule of its endpoint; live by default). */
  schedule?: PollSchedule;
  onChange?: (change: TagChange) => void;
  /** Ids of shipments whose row changed (news or stop), for the list. */
  onShipmentUpdated?: (shipmentId: string) => void;
  onStatusChanged?: (status: TrackingStatus) => void;
  maxInFlight?: number;
  /** How long a claim holds a due poll (POLL_LEASE_MS; a site: SITE_POLL_LEASE_MS). */
  leaseMs?: number;
  /** Renew the claims of polls still running this often; null: never (a lone station's long lease). */
  renewLeaseEveryMs?: number | null;
  /** Look for due work at least this often (a site: other stations add work without waking this one); null: only when due. */
  maxSleepMs?: number | null;
  /** A poll this station made (the site's heartbeat counts them). */
  onPolled?: (at: number) => void;
}

export interface RefreshResult {
  polled: boolean;
  row: TrackingRow;
  message: string | null;
}

type RunState = 'stopped' | 'running' | 'paused';

export class TrackingPoller {
  readonly #d: Required<Omit<PollerDeps, 'onChange' | 'onShipmentUpdated' | 'onStatusChanged' | 'onPolled'>> &
    Pick<PollerDeps, 'onChange' | 'onShipmentUpdated' | 'onStatusChanged' | 'onPolled'>;
  #renewTimer: TimerHandle | null = null;
  /** Background polls claimed and not landed yet: the lease each holds (renewed while they run). */
  readonly #leases = new Map<string, number>();
  readonly #breaker: CircuitBreaker;
  readonly #inFlight = new Map<string, Promise<PollOutcome | null>>();
  #state: RunState = 'stopped';
  #timer: TimerHandle | null = null;
  #timerAt: number | null = null;
  #lastStatusKey = '';
  /** Bumped by stop(): a start still reading the database then does not go on to run. */
  #epoch = 0;
  #starting: Promise<void> | null = null;
  /** Bumped by each #wake: only the latest one's read of the next due time arms the timer. */
  #wakeSeq = 0;
  #pumping = false;
  /** Database work not tied to one poll (claims, timer reads, status); stop() waits for it. */
  readonly #tasks = new Set<Promise<void>>();

  constructor(deps: PollerDeps) {
    this.#d = {
      random: Math.random,
      schedule: LIVE_POLL_SCHEDULE,
      maxInFlight: MAX_IN_FLIGHT,
      leaseMs: POLL_LEASE_MS,
      renewLeaseEveryMs: null,
      maxSleepMs: null,
      ...deps,
    };
    this.#breaker = new CircuitBreaker(() => this.#d.clock.now());
  }

  /** Starts polling; overdue work from before a restart is spread out, not fired at once. */
  start(): Promise<void> {
    if (this.#state !== 'stopped') return Promise.resolve();
    this.#starting ??= this.#start().finally(() => {
      this.#starting = null;
    });
    return this.#starting;
  }

  async #start(): Promise<void> {
    const epoch = this.#epoch;
    const now = this.#d.clock.now();
    const spread = await this.#d.store.spreadOverdue(now, START_SPREAD_SPACING_MS);
    if (spread > 0) this.#d.logger.info('spread overdue polls after start-up', { count: spread, spacingMs: START_SPREAD_SPACING_MS });
    if (epoch !== this.#epoch) return; // stopped meanwhile
    this.#state = 'running';
    this.#armRenewal();
    this.#wake();
  }

  /** Keeps the claims of polls in flight (waiting for the limiter, or at the API) from running out. */
  #armRenewal(): void {
    const every = this.#d.renewLeaseEveryMs;
    if (every === null || this.#state === 'stopped') return;
    this.#renewTimer = this.#d.clock.setTimeout(() => {
      this.#renewTimer = null;
      const until = this.#d.clock.now() + this.#d.leaseMs;
      const byLease = new Map<number, string[]>();
      for (const [id, leased] of this.#leases) byLease.set(leased, [...(byLease.get(leased) ?? []), id]);
      for (const [leased, ids] of byLease) {
        for (const id of ids) this.#leases.set(id, until);
        this.#background(this.#d.store.renewLeases(ids, leased, until));
      }
      this.#armRenewal();
    }, every);
  }

  /** Stops scheduling and waits for polls already out to land (they are written, not lost). */
  async stop(): Promise<void> {
    this.#epoch += 1;
    this.#state = 'stopped';
    this.#clearTimer();
    if (this.#renewTimer !== null) this.#d.clock.clearTimeout(this.#renewTimer);
    this.#renewTimer = null;
    await this.#starting;
    await Promise.allSettled([...this.#inFlight.values()]);
    // Bookkeeping begun before the stop finishes before the database may close.
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }

  /** Runs database work in the background, logged if it fails, awaited by stop(). */
  #background(task: Promise<unknown>): void {
    const tracked: Promise<void> = task
      .then(() => undefined)
      .catch((error: unknown) => this.#d.logger.error('tracking bookkeeping failed', { error }))
      .finally(() => this.#tasks.delete(tracked));
    this.#tasks.add(tracked);
  }

  /**
   * Work was written from outside a poll (a label just created, a shipment just
   * tracked): re-arm the one timer, or an idle poller would not see it until restart.
   */
  wake(): void {
    this.#wake();
  }

  async pause(): Promise<TrackingStatus> {
    if (this.#state === 'running') {
      this.#state = 'paused';
      this.#clearTimer();
      this.#d.logger.info('polling paused');
    }
    this.#publishStatus();
    return this.status();
  }

  async resume(): Promise<TrackingStatus> {
    if (this.#state === 'paused') {
      this.#state = 'running';
      this.#d.logger.info('polling resumed');
      this.#wake();
    }
    this.#publishStatus();
    return this.status();
  }

  async status(): Promise<TrackingStatus> {
    const nextDue = await this.#d.store.nextDueAt();
    const activeShipments = await this.#d.store.activeCount();
    const breaker = this.#breaker.state;
    const retryAt = this.#breaker.retryAt;
    return {
      state: this.#state === 'running' && breaker !== 'closed' ? 'backing_off' : this.#state,
      nextPollAt: nextDue === null ? null : new Date(Math.max(nextDue, retryAt ?? 0)).toISOString(),
      activeShipments,
      apiHealth: breaker === 'closed' ? 'ok' : breaker === 'open' ? 'down' : 'degraded',
      resumeAt: retryAt === null ? null : new Date(retryAt).toISOString(),
    };
  }

  /**
   * A packer's explicit refresh: goes ahead of background polls, and may go
   * under the 15-minute floor only when `force` is set. Polls stopped
   * shipments too (a stale one that moves again resumes polling).
   */
  async refresh(shipmentId: string, force: boolean): Promise<RefreshResult> {
    const row = await this.#d.store.get(shipmentId);
    if (!row) throw new StationFailure('NOT_FOUND', 'This shipment has no tracking yet (the label has not been created).');
    const running = this.#inFlight.get(shipmentId);
    if (running) {
      await running;
      return { polled: true, row: (await this.#d.store.get(shipmentId)) ?? row, message: null };
    }
    const now = this.#d.clock.now();
    const floorMs = this.#d.schedule.floorMs();
    if (!force && row.lastPolledAt !== null && now - row.lastPolledAt < floorMs) {
      const minutes = Math.round((now - row.lastPolledAt) / 60_000);
      const floor = floorMs >= 60_000 ? `${Math.round(floorMs / 60_000)} minutes` : `${Math.ceil(floorMs / 1_000)} seconds`;
      return {
        polled: false,
        row,
        message: `Checked ${minutes < 1 ? 'moments' : `${minutes} min`} ago; the courier rarely has news sooner than ${floor}. Use “refresh anyway” to ask now.`,
      };
    }
    const outcome = await this.#poll(row, 'user', false);
    const after = (await this.#d.store.get(shipmentId)) ?? row;
    if (outcome === null) {
      throw new StationFailure('UPSTREAM', after.lastError ?? 'The tracking service did not answer. Try again in a minute.');
    }
    return { polled: true, row: after, message: null };
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#d.clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerAt = null;
  }

  /** Arms the one timer for the earliest moment there may be work: next due poll, or the breaker's probe. */
  #wake(): void {
    if (this.#state !== 'running') return;
    if (this.#inFlight.size >= this.#d.maxInFlight) return; // a landing poll calls #wake again
    const seq = ++this.#wakeSeq;
    this.#background(
      this.#d.store.nextDueAt().then(
        (nextDue) => {
          // A later wake read a fresher answer; a stop or pause since arms nothing.
          if (seq === this.#wakeSeq && this.#state === 'running') this.#arm(nextDue);
        },
        (error: unknown) => {
          // Not read (the database is down): look again later rather than sleep until something wakes us.
          if (seq === this.#wakeSeq && this.#state === 'running') this.#arm(this.#d.clock.now() + RETRY_AFTER_DB_ERROR_MS);
          throw error;
        },
      ),
    );
  }

  #arm(nextDue: number | null): void {
    const sleep = this.#d.maxSleepMs;
    if (nextDue === null && sleep === null) {
      this.#clearTimer();
      return;
    }
    const due = nextDue ?? Number.POSITIVE_INFINITY;
    let at = Math.max(due, this.#breaker.state === 'open' ? (this.#breaker.retryAt ?? due) : due);
    if (sleep !== null) at = Math.min(at, this.#d.clock.now() + sleep);
    if (this.#timer !== null && this.#timerAt === at) return;
    this.#clearTimer();
    const delay = Math.max(0, at - this.#d.clock.now());
    this.#timerAt = at;
    this.#timer = this.#d.clock.setTimeout(() => {
      this.#timer = null;
      this.#timerAt = null;
      this.#pump();
    }, delay);
  }

  #pump(): void {
    if (this.#state !== 'running') return;
    if (this.#pumping) return; // the pump in progress re-arms the timer when its claim lands
    const now = this.#d.clock.now();
    let free = this.#d.maxInFlight - this.#inFlight.size;
    const gate = this.#breaker.allow();
    if (gate === 'no') {
      this.#publishStatus();
      this.#wake();
      return;
    }
    if (gate === 'probe') free = Math.min(free, 1);
    this.#pumping = true;
    this.#background(
      (async () => {
        try {
          let rows: TrackingRow[];
          try {
            rows = await this.#d.store.claimDue(now, free, now + this.#d.leaseMs);
          } catch (error) {
            if (gate === 'probe') this.#breaker.releaseProbe();
            if (this.#state === 'running') this.#arm(this.#d.clock.now() + RETRY_AFTER_DB_ERROR_MS);
            throw error;
          }
          if (this.#state !== 'running') {
            // Stopped or paused while claiming: hand the leases back untouched.
            for (const row of rows) await this.#d.store.reschedule(row.shipmentId, row.nextPollAt ?? now);
            if (gate === 'probe') this.#breaker.releaseProbe();
            return;
          }
          for (const row of rows) this.#leases.set(row.shipmentId, now + this.#d.leaseMs);
          rows.forEach(
            (row, i) =>
              void this.#poll(row, 'background', gate === 'probe' && i === 0).catch((error: unknown) =>
                this.#d.logger.warn('a poll could not be recorded', { shipmentId: row.shipmentId, error }),
              ),
          );
          if (gate === 'probe' && rows.length === 0) this.#breaker.releaseProbe(); // the next due poll probes
        } finally {
          this.#pumping = false;
        }
        this.#wake();
      })(),
    );
  }

  #poll(row: TrackingRow, priority: Priority, probe: boolean): Promise<PollOutcome | null> {
    const run = this.#pollOnce(row, priority, probe).finally(() => {
      this.#inFlight.delete(row.shipmentId);
      this.#leases.delete(row.shipmentId);
      this.#wake();
    });
    this.#inFlight.set(row.shipmentId, run);
    return run;
  }

  async #pollOnce(row: TrackingRow, priority: Priority, probe: boolean): Promise<PollOutcome | null> {
    const source = this.#d.sources[row.provider];
    const log = this.#d.logger;
    if (!source || row.remoteId === null) {
      // Nothing to ask: a provider not configured in this build, or a row without a remote id.
      await this.#d.store.recordFailure(row, {
        failureCount: row.failureCount + 1,
        error: `No tracking source for ${row.provider}`,
        now: this.#d.clock.now(),
        nextPollAt: this.#d.clock.now() + this.#d.schedule.failureBackoffMs(row.failureCount + 1),
        stoppedReason: null,
      });
      return null;
    }
    try {
      const snapshot = await source.getTracking(row.remoteId, { priority });
      this.#breaker.succeeded();
      const now = this.#d.clock.now();
      this.#d.onPolled?.(now);
      const outcome = await this.#d.store.applySnapshot(row, snapshot, now, (_news, lastNewsAt) => {
        const delay = this.#d.schedule.nextPollDelayMs(snapshot.tag, this.#d.random);
        if (delay === null) return { nextPollAt: null, stoppedReason: 'terminal' };
        if (now - lastNewsAt >= this.#d.schedule.staleAfterMs()) return { nextPollAt: null, stoppedReason: 'stale' };
        return { nextPollAt: now + delay, stoppedReason: null };
      });
      if (outcome.change) {
        log.info('tag changed', { shipmentId: row.shipmentId, from: outcome.change.from, to: outcome.change.to });
        this.#d.onChange?.(outcome.change);
      }
      if (outcome.news || outcome.change) this.#d.onShipmentUpdated?.(row.shipmentId);
      this.#publishStatus();
      return outcome;
    } catch (error) {
      if (isDatabaseUnreachable(error)) {
        log.warn('a poll could not be saved: the database cannot be reached; it is polled again when it is back', {
          shipmentId: row.shipmentId,
        });
        return null;
      }
      const now = this.#d.clock.now();
      const kind = classifyFailure(error);
      const message = error instanceof Error ? error.message : String(error);
      if (kind === 'transient' && priority === 'background') {
        const opened = this.#breaker.failed(probe);
        if (opened) log.warn('tracking API looks down; polling paused until it answers again', { retryAt: this.#breaker.retryAt, error: message });
        if (this.#breaker.state !== 'closed') {
          // The API is down, not this shipment: put it back for when the breaker lets calls through, no penalty.
          await this.#d.store.reschedule(row.shipmentId, Math.max(now, this.#breaker.retryAt ?? now));
          this.#publishStatus();
          return null;
        }
      }
      const failureCount = row.failureCount + 1;
      const gone = kind === 'gone' && failureCount >= MAX_PERMANENT_FAILURES;
      log.warn('poll failed', { shipmentId: row.shipmentId, failureCount, kind, error: message });
      await this.#d.store.recordFailure(row, {
        failureCount,
        error: message,
        now,
        nextPollAt: gone ? null : now + this.#d.schedule.failureBackoffMs(failureCount),
        stoppedReason: gone ? 'not_found' : null,
      });
      if (gone) this.#d.onShipmentUpdated?.(row.shipmentId);
      return null;
    }
  }

  /** Tells listeners when what `status()` shows in words changed (not on every poll). */
  #publishStatus(): void {
    const key = `${this.#state}|${this.#breaker.state}|${this.#breaker.retryAt}`;
    if (key === this.#lastStatusKey) return;
    this.#lastStatusKey = key;
    const listener = this.#d.onStatusChanged;
    if (listener) this.#background(this.status().then(listener));
  }
}
