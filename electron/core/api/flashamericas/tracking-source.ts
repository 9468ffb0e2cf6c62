/**
 * Flash Americas as a tracking source of the station's one poller
 * (electron/core/tracking): the poller decides which shipment is due and
 * when; this turns "track remote id X" into Flash Americas calls and answers
 * in the station's model.
 *
 * Background polls that fall due together (the poller hands out up to 20 at
 * once) are coalesced into one POST /track/shipments per tick, so a site
 * tracking hundreds of shipments spends a fraction of its per-minute budget.
 * A packer's own request goes alone, at user priority.
 *
 * Why not the events feed for polls: the poller asks for a shipment's whole
 * state, and the feed only has deltas filtered on *event* time, so a scan the
 * carrier back-dates would be missed by an `after` cursor. The feed client
 * (`eventsSince`) serves catch-up reads; the batch endpoint serves polls.
 */
import type { Priority, TrackingSnapshot, TrackingSource } from '../../tracking/ports';
import type { Logger } from '../../util/log';
import type { FlashAmericasClient } from './client';
import { FlashAmericasError } from './errors';
import { snapshotFromTracking, type FaCheckpoint, type FaSnapshot } from './mapping';
import type { FaTracking } from './schemas';

export interface FlashAmericasSourceOptions {
  client: Pick<FlashAmericasClient, 'trackShipment' | 'trackShipments'>;
  logger: Logger;
  /**
   * Every snapshot, with what the station's checkpoint table has no columns for (ETA, coordinates, proof of delivery…).
   * Awaited before the snapshot is returned, so a first look-up's details are kept before its shipment row is written.
   */
  onSnapshot?: (snapshot: FaSnapshot) => void | Promise<void>;
}

interface Waiter {
  trackingNumber: string;
  resolve: (t: FaTracking) => void;
  reject: (e: unknown) => void;
}

/**
 * Shown while Flash Americas knows the number but the carrier has not
 * scanned it yet (TRACKING_NOT_AVAILABLE). Pending is polled every 4–6 h,
 * which also honours the API's `retryAfter` of an hour.
 */
export const NOT_YET_AVAILABLE = { subtag: 'Pending_FA_NOT_AVAILABLE', message: 'Not yet in the carrier’s system' } as const;

export class FlashAmericasTrackingSource implements TrackingSource {
  readonly #o: FlashAmericasSourceOptions;
  #batch: Waiter[] = [];

  constructor(options: FlashAmericasSourceOptions) {
    this.#o = options;
  }

  async getTracking(remoteId: string, options: { priority: Priority }): Promise<TrackingSnapshot> {
    let tracking: FaTracking;
    try {
      tracking = options.priority === 'user' ? await this.#o.client.trackShipment(remoteId, 'user') : await this.#batched(remoteId);
    } catch (e) {
      if (e instanceof FlashAmericasError && e.kind === 'not_available') return notYetAvailable(remoteId);
      throw e;
    }
    const fa = snapshotFromTracking(tracking);
    await this.#o.onSnapshot?.(fa);
    return toStationSnapshot(fa);
  }

  #batched(trackingNumber: string): Promise<FaTracking> {
    return new Promise((resolve, reject) => {
      this.#batch.push({ trackingNumber, resolve, reject });
      // The poller starts its due polls in one synchronous loop; a microtask later they are all queued.
      if (this.#batch.length === 1) queueMicrotask(() => void this.#flush());
    });
  }

  async #flush(): Promise<void> {
    const waiters = this.#batch;
    this.#batch = [];
    if (waiters.length === 1) {
      const only = waiters[0]!;
      return this.#o.client.trackShipment(only.trackingNumber, 'background').then(only.resolve, only.reject);
    }
    let answers: FaTracking[];
    try {
      answers = await this.#o.client.trackShipments(
        waiters.map((w) => w.trackingNumber),
        'background',
      );
    } catch (e) {
      for (const w of waiters) w.reject(e);
      return;
    }
    const byNumber = new Map(answers.map((a) => [a.trackingNumber, a]));
    const missing: Waiter[] = [];
    for (const w of waiters) {
      const a = byNumber.get(w.trackingNumber);
      if (a) w.resolve(a);
      else missing.push(w);
    }
    // The batch answer leaves unknown numbers out without saying why; ask each alone for its precise error.
    if (missing.length > 0) this.#o.logger.info('batch answer lacked some numbers; asking them one by one', { count: missing.length });
    for (const w of missing) await this.#o.client.trackShipment(w.trackingNumber, 'background').then(w.resolve, w.reject);
  }
}

function notYetAvailable(trackingNumber: string): TrackingSnapshot {
  return { trackingNumber, tag: 'Pending', subtag: NOT_YET_AVAILABLE.subtag, subtagMessage: NOT_YET_AVAILABLE.message, checkpoints: [] };
}

export function toStationSnapshot(fa: FaSnapshot): TrackingSnapshot {
  return {
    trackingNumber: fa.trackingNumber,
    tag: fa.tag,
    subtag: fa.subtag,
    subtagMessage: fa.subtagMessage,
    checkpoints: fa.checkpoints.map(toStationCheckpoint),
  };
}

function toStationCheckpoint(c: FaCheckpoint): TrackingSnapshot['checkpoints'][number] {
  return {
    at: Date.parse(c.at),
    tag: c.tag,
    subtag: c.subtag,
    message: c.message,
    // The facility kind is the timeline's "where" when the carrier names no facility.
    location: c.address ?? (c.facilityType ? facilityLabel(c.facilityType) : null),
    city: c.city,
    state: c.state,
    country: c.country,
  };
}

const FACILITY_LABELS: Readonly<Record<string, string>> = {
  DELIVERY_VEHICLE: 'On the delivery vehicle',
  DELIVERY_FACILITY: 'Delivery facility',
  PICKUP_LOCATION: 'Pickup location',
};

export function facilityLabel(facilityType: string): string {
  return FACILITY_LABELS[facilityType] ?? facilityType.replace(/_/g, ' ').toLowerCase();
}
