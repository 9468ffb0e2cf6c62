/**
 * How a station learns of the other stations' changes (warehouse mode): one
 * connection of its own LISTENs on the channel the database's triggers
 * NOTIFY on (migration 0160), and each notification becomes the same
 * events a change made here emits (shipments changed, orders changed, a tag
 * change for the notification rules), so the Shipments list, the counts and
 * the tray follow at every bench.
 *
 * A dedicated connection, not the pool's: a LISTEN belongs to a session, and
 * a pooled session is handed to other queries and closed when idle.
 *
 * Nothing missed: notifications sent while the connection is down are lost
 * (PostgreSQL keeps them for listening sessions only), so after each
 * reconnect the listener LISTENs again first, then reads what changed since
 * its high-water marks: rows whose `site_changed_at` (the database's clock,
 * stamped by trigger) is at or after the last mark minus CATCH_UP_MARGIN_MS,
 * and tag changes after the last id it delivered. Shipment and order
 * refreshes may repeat (harmless: the list reads again); a tag change is
 * delivered once (the ids seen are kept).
 */
import pg from 'pg';
import type { Clock, TimerHandle } from '../util/clock';
import type { Logger } from '../util/log';
import type { ReadableDb } from '../db/types';
import { ordersChangedSince, shipmentsChangedSince, siteMarks, tagChangesAfter, tagChangesByIds, type SiteTagChange } from '../db/queries/site_changes';

export const SITE_CHANGES_CHANNEL = 'shipping_station_changes';
/** First wait before reconnecting; doubles up to RECONNECT_MAX_MS while the database stays away. */
export const RECONNECT_MIN_MS = 500;
export const RECONNECT_MAX_MS = 10_000;
/**
 * A row is stamped when written and seen by others at its commit: a
 * transaction open this long (the server ends one idle longer, postgres.ts)
 * may commit a row stamped before the mark, so catch-up looks back this far.
 */
export const CATCH_UP_MARGIN_MS = 60_000;
/** More rows than this changed while away: one refresh of everything (ids empty: the list reloads) instead of a list. */
export const CATCH_UP_MAX_IDS = 1_000;
/** Tag changes delivered per catch-up read (they are told as one digest). */
const CATCH_UP_TAG_BATCH = 1_000;
/** A catch-up reads tag changes from this many ids before the newest delivered (see #catchUpTags). */
const TAG_ID_LOOKBACK = 200;
/** Tag change ids kept to tell each once; a catch-up reads only from TAG_ID_LOOKBACK before the newest. */
const SEEN_TAG_IDS_KEPT = 10_000;

export interface ChangeListenerDeps {
  /** The settings of this connection (node-postgres), from the station's warehouse connection. */
  clientConfig: pg.ClientConfig;
  /** The station's pool (catch-up reads). */
  db: ReadableDb;
  /** The application_name of the station's own pool: its shipment and order changes were already told here. */
  ownApplicationName: string;
  clock: Clock;
  logger: Logger;
  onShipmentsChanged(ids: string[]): void;
  onOrdersChanged(ids: string[]): void;
  /**
   * Whether this station tells the tag changes of shipments made by `stationId` (null: from before warehouse mode).
   * Asked for each change; the others are not read back.
   */
  wants(stationId: string | null): boolean;
  /** The tag changes it wants, anywhere on the site, this station's own polls included. */
  onTagChanges(changes: SiteTagChange[]): void;
}

interface Payload {
  k: 'shipments' | 'orders' | 'tags';
  by: string;
  at: number;
  /** Shipment or order ids; for tags, [change id, the shipment's maker] pairs (0170). Null: too many to name. */
  ids: (string | number | [number, string | null])[] | null;
}

export class SiteChangeListener {
  readonly #d: ChangeListenerDeps;
  #client: pg.Client | null = null;
  #stopped = false;
  #timer: TimerHandle | null = null;
  #recoverTimer: TimerHandle | null = null;
  #recoverBackoffMs = RECONNECT_MIN_MS;
  #backoffMs = RECONNECT_MIN_MS;
  /** Database time up to which shipment and order changes were delivered (null until first listening). */
  #mark: number | null = null;
  #lastTagId = 0;
  /** The newest tag change when this station first listened: older ones are never told. */
  #tagFloor = 0;
  readonly #seenTags = new Set<number>();
  /** Notifications and catch-ups are handled one after another, in order. */
  #queue: Promise<void> = Promise.resolve();
  #listening = false;
  #connecting: Promise<void> | null = null;

  constructor(deps: ChangeListenerDeps) {
    this.#d = deps;
  }

  /** Whether the LISTEN is in place now. */
  get listening(): boolean {
    return this.#listening;
  }

  /**
   * Takes the marks (through the pool) and listens. A listening connection that cannot be made now is tried again
   * in the background, and what changed from the marks on is caught up once it is.
   */
  async start(): Promise<void> {
    try {
      this.#takeMarks(await siteMarks(this.#d.db));
    } catch (error) {
      this.#d.logger.warn('could not read the site’s change marks; taking them when listening', { error });
    }
    await this.#connect();
  }

  /** What happened before this station started is in the lists it reads; only news from the marks on is told. */
  #takeMarks(marks: { now: number; lastTagChangeId: number }): void {
    this.#mark = marks.now;
    this.#lastTagId = marks.lastTagChangeId;
    this.#tagFloor = marks.lastTagChangeId;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) this.#d.clock.clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#recoverTimer !== null) this.#d.clock.clearTimeout(this.#recoverTimer);
    this.#recoverTimer = null;
    await this.#connecting;
    const client = this.#client;
    this.#client = null;
    this.#listening = false;
    await client?.end().catch(() => undefined);
    await this.#queue;
  }

  #connect(): Promise<void> {
    return (this.#connecting ??= this.#open().finally(() => {
      this.#connecting = null;
    }));
  }

  async #open(): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client(this.#d.clientConfig);
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.#client === client) {
        this.#client = null;
        this.#listening = false;
      }
      if (this.#stopped) return;
      this.#d.logger.warn('the site change listener lost its connection; reconnecting', { error: error?.message ?? 'closed' });
      client.end().catch(() => undefined);
      this.#retry();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (n) => {
      if (n.channel !== SITE_CHANGES_CHANNEL || !n.payload) return;
      this.#enqueue(() => this.#handle(n.payload!));
    });
    try {
      await client.connect();
      // LISTEN before reading the marks: whatever commits after the read is notified, nothing falls between.
      await client.query(`LISTEN ${SITE_CHANGES_CHANNEL}`);
      const marks = await siteMarks(this.#d.db);
      if (this.#stopped || lost) {
        await client.end().catch(() => undefined);
        return;
      }
      this.#client = client;
      this.#listening = true;
      this.#backoffMs = RECONNECT_MIN_MS;
      if (this.#mark === null) {
        this.#takeMarks(marks);
        this.#d.logger.info('listening for the site’s changes');
      } else {
        const since = this.#mark! - CATCH_UP_MARGIN_MS;
        this.#enqueue(() => this.#catchUp(since, marks.now));
        this.#d.logger.info('listening for the site’s changes again; catching up', { since });
      }
    } catch (error) {
      onLost(error instanceof Error ? error : new Error(String(error)));
    }
  }

  #retry(): void {
    if (this.#stopped || this.#timer !== null) return;
    const wait = this.#backoffMs;
    this.#backoffMs = Math.min(RECONNECT_MAX_MS, this.#backoffMs * 2);
    this.#timer = this.#d.clock.setTimeout(() => {
      this.#timer = null;
      void this.#connect();
    }, wait);
  }

  #enqueue(work: () => Promise<void>): void {
    this.#queue = this.#queue.then(work).catch((error: unknown) => {
      // A read that failed (the pool lost the database a moment) would leave its changes untold: catch up later.
      this.#d.logger.warn('handling a site change failed; catching up shortly', { error });
      this.#recoverLater();
    });
  }

  /** Catches up from the mark after a failed read, again and again (backing off) until a read succeeds. */
  #recoverLater(): void {
    if (this.#stopped || this.#recoverTimer !== null) return;
    const wait = this.#recoverBackoffMs;
    this.#recoverBackoffMs = Math.min(RECONNECT_MAX_MS, this.#recoverBackoffMs * 2);
    this.#recoverTimer = this.#d.clock.setTimeout(() => {
      this.#recoverTimer = null;
      if (this.#stopped || this.#mark === null) return;
      const since = this.#mark - CATCH_UP_MARGIN_MS;
      this.#enqueue(async () => {
        await this.#catchUp(since, (await siteMarks(this.#d.db)).now);
        this.#recoverBackoffMs = RECONNECT_MIN_MS;
      });
    }, wait);
  }

  async #handle(text: string): Promise<void> {
    let p: Payload;
    try {
      p = JSON.parse(text) as Payload;
    } catch {
      return;
    }
    // The mark moves with what was delivered; a catch-up looks back CATCH_UP_MARGIN_MS from it.
    if (typeof p.at === 'number' && this.#mark !== null) this.#mark = Math.max(this.#mark, p.at);
    if (p.k === 'tags') {
      if (p.ids === null) await this.#catchUpTags();
      else {
        const wanted: number[] = [];
        for (const entry of p.ids) {
          const [id, maker] = Array.isArray(entry) ? entry : [Number(entry), undefined];
          // Another station's shipment this station does not tell about: counted as seen, not read.
          if (maker !== undefined && !this.#d.wants(maker)) this.#see(id);
          else wanted.push(id);
        }
        this.#deliverTags(await tagChangesByIds(this.#d.db, wanted));
      }
      return;
    }
    // This station's own writes already told its windows (same events, emitted where it wrote).
    if (p.by === this.#d.ownApplicationName) return;
    // ids null: one statement wrote more than a NOTIFY can name (a bulk load): everything shown is read again.
    const ids = p.ids === null ? [] : p.ids.map(String);
    if (p.k === 'shipments') this.#d.onShipmentsChanged(ids);
    else if (p.k === 'orders') this.#d.onOrdersChanged(ids);
  }

  /** Ids changed since, or 'all' when more than CATCH_UP_MAX_IDS did; empty when none. */
  async #changedSince(read: (db: ReadableDb, since: number, limit: number) => Promise<string[]>, since: number): Promise<string[] | 'all'> {
    const ids = await read(this.#d.db, since, CATCH_UP_MAX_IDS + 1);
    return ids.length > CATCH_UP_MAX_IDS ? 'all' : ids;
  }

  async #catchUp(since: number, now: number): Promise<void> {
    const shipments = await this.#changedSince(shipmentsChangedSince, since);
    if (shipments === 'all' || shipments.length > 0) this.#d.onShipmentsChanged(shipments === 'all' ? [] : shipments);
    const orders = await this.#changedSince(ordersChangedSince, since);
    if (orders === 'all' || orders.length > 0) this.#d.onOrdersChanged(orders === 'all' ? [] : orders);
    await this.#catchUpTags();
    this.#mark = Math.max(this.#mark ?? now, now);
  }

  async #catchUpTags(): Promise<void> {
    // A little before the newest id delivered: ids are taken at insert and seen at commit, so a lower one may commit
    // later; those already told are skipped by id. Never before the first mark (history from before the start).
    let after = Math.max(this.#tagFloor, this.#lastTagId - TAG_ID_LOOKBACK);
    for (;;) {
      const changes = await tagChangesAfter(this.#d.db, after, CATCH_UP_TAG_BATCH);
      this.#deliverTags(changes);
      if (changes.length < CATCH_UP_TAG_BATCH) return;
      after = changes.at(-1)!.id;
    }
  }

  #deliverTags(changes: SiteTagChange[]): void {
    const fresh = changes.filter((c) => !this.#seenTags.has(c.id) && this.#d.wants(c.stationId));
    for (const c of changes) this.#see(c.id);
    if (fresh.length > 0) this.#d.onTagChanges(fresh);
  }

  #see(id: number): void {
    this.#seenTags.add(id);
    this.#lastTagId = Math.max(this.#lastTagId, id);
    if (this.#seenTags.size > SEEN_TAG_IDS_KEPT) {
      const keepFrom = this.#lastTagId - SEEN_TAG_IDS_KEPT;
      for (const seen of this.#seenTags) if (seen < keepFrom) this.#seenTags.delete(seen);
    }
  }
}
