/**
 * "Track a shipment": a number booked elsewhere joins the list, the timeline
 * and the notifications, polled by the one scheduler like the station's own
 * labels. The first look-up happens now, at user priority, so a mistyped
 * number is refused on the spot instead of sitting in the list as Unknown.
 */
import { randomUUID } from 'node:crypto';
import type { ShipmentSummary, Provider } from '../../../shared/domain/shipment';
import { StationFailure } from '../../../shared/result';
import { FlashAmericasError } from '../api/flashamericas/errors';
import { inTransaction, type WritableDb } from '../db/types';
import { findShipmentByRemote, getShipmentSummary, insertShipment, setShipmentTag } from '../db/queries/shipments';
import { insertTracking, getTracking } from '../db/queries/tracking';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/log';
import type { TrackingSnapshot, TrackingSources } from './ports';
import { LIVE_POLL_SCHEDULE, type PollSchedule } from './schedule';
import { TrackingStore } from './store';

export interface TrackShipmentDeps {
  db: WritableDb;
  sources: TrackingSources;
  clock: Clock;
  logger: Logger;
  random?: () => number;
  /** When to poll next (the station injects the one schedule of its endpoint; live by default). */
  schedule?: PollSchedule;
  /** Called once the shipment row exists (e.g. to store provider details kept aside). */
  onTracked?: (shipmentId: string, provider: Provider, remoteId: string) => void | Promise<void>;
  /** The list should show the new row. */
  onShipmentUpdated?: (shipmentId: string) => void;
  /** The destination line, when the provider tells one (Flash Americas does). */
  destinationOf?: (provider: Provider, remoteId: string) => string | null;
}

const PROVIDER_NAMES: Readonly<Record<Provider, string>> = { flexforward: 'Flex Forward', flashamericas: 'Flash Americas' };

export class TrackShipmentService {
  readonly #d: TrackShipmentDeps;
  readonly #store: TrackingStore;
  /** A second click on "Track" while the first is still asking must not add the shipment twice. */
  readonly #inFlight = new Map<string, Promise<ShipmentSummary>>();

  constructor(deps: TrackShipmentDeps) {
    this.#d = deps;
    this.#store = new TrackingStore(deps.db);
  }

  track(provider: Provider, trackingNumber: string): Promise<ShipmentSummary> {
    const key = `${provider} ${trackingNumber}`;
    const running = this.#inFlight.get(key);
    if (running) return running;
    const run = this.#track(provider, trackingNumber).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, run);
    return run;
  }

  async #track(provider: Provider, trackingNumber: string): Promise<ShipmentSummary> {
    const db = this.#d.db;
    const existing = await findShipmentByRemote(db, provider, trackingNumber);
    if (existing) return (await getShipmentSummary(db, existing))!;

    const source = this.#d.sources[provider];
    if (!source) throw new StationFailure('UNAVAILABLE', `Tracking through ${PROVIDER_NAMES[provider]} is not set up on this station.`);

    let snapshot: TrackingSnapshot;
    try {
      snapshot = await source.getTracking(trackingNumber, { priority: 'user' });
    } catch (e) {
      if (e instanceof FlashAmericasError) throw e.toStationFailure();
      if (e instanceof StationFailure) throw e;
      const kind = (e as { kind?: unknown }).kind;
      if (kind === 'not_found' || kind === 'forbidden') {
        throw new StationFailure(
          'NOT_FOUND',
          `${PROVIDER_NAMES[provider]} does not know ${trackingNumber}. Check the number and the provider.`,
        );
      }
      this.#d.logger.warn('first look-up failed', { provider, error: e });
      throw new StationFailure(
        'UPSTREAM',
        `${PROVIDER_NAMES[provider]} could not be asked about ${trackingNumber} just now. Try again in a minute.`,
      );
    }

    const now = this.#d.clock.now();
    const id = randomUUID();
    const random = this.#d.random ?? Math.random;
    const schedule = this.#d.schedule ?? LIVE_POLL_SCHEDULE;
    const delay = schedule.nextPollDelayMs(snapshot.tag, random);
    await inTransaction(db, async (tx) => {
      await insertShipment(tx, {
        id,
        provider,
        remoteId: trackingNumber,
        trackingNumber: snapshot.trackingNumber ?? trackingNumber,
        orderNumber: null,
        recipientName: null,
        destination: this.#d.destinationOf?.(provider, trackingNumber) ?? null,
        currentAttempt: null,
        at: now,
      });
      // Born at its current tag: adding a shipment is not a status change to notify about.
      await setShipmentTag(tx, { id, tag: snapshot.tag, trackingNumber: null, at: now });
      await insertTracking(tx, { shipmentId: id, provider, tag: snapshot.tag, at: now, nextPollAt: now + (delay ?? 0) });
    });
    const row = (await getTracking(db, id))!;
    await this.#store.applySnapshot(row, snapshot, now, (_news, lastNewsAt) => {
      if (delay === null) return { nextPollAt: null, stoppedReason: 'terminal' };
      if (now - lastNewsAt >= schedule.staleAfterMs()) return { nextPollAt: null, stoppedReason: 'stale' };
      return { nextPollAt: now + delay, stoppedReason: null };
    });
    await this.#d.onTracked?.(id, provider, trackingNumber);
    this.#d.logger.info('shipment tracked', { shipmentId: id, provider, tag: snapshot.tag });
    this.#d.onShipmentUpdated?.(id);
    return (await getShipmentSummary(db, id))!;
  }
}
