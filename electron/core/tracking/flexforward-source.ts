import type { FlexForwardApi } from '../api/flexforward';
import type { Checkpoint, Tracking } from '../api/flexforward-types';
import type { Priority, TrackingCheckpoint, TrackingSnapshot, TrackingSource } from './ports';

/**
 * Flex Forward tracking for the poller: GET /tracking/{label id} through the
 * client (its shared per-account limiter, the given priority). The client
 * already maps unknown tags to Unknown and normalises checkpoint times.
 */
export class FlexForwardTrackingSource implements TrackingSource {
  readonly #api: () => Pick<FlexForwardApi, 'getTracking'>;
  /** A getter, so a token or environment change reaches the next poll without rebuilding the poller. */
  constructor(api: () => Pick<FlexForwardApi, 'getTracking'>) {
    this.#api = api;
  }

  async getTracking(remoteId: string, options: { priority: Priority }): Promise<TrackingSnapshot> {
    return toSnapshot(await this.#api().getTracking(remoteId, { priority: options.priority }));
  }
}

export function toSnapshot(t: Tracking): TrackingSnapshot {
  return {
    trackingNumber: t.trackingNumber,
    tag: t.tag,
    subtag: t.subtag,
    subtagMessage: t.subtagMessage,
    checkpoints: t.checkpoints.map(toCheckpoint).filter((c): c is TrackingCheckpoint => c !== null),
  };
}

function toCheckpoint(c: Checkpoint): TrackingCheckpoint | null {
  const at = Date.parse(c.checkpointTime);
  // A checkpoint without a readable time cannot be ordered or deduplicated; skip it rather than invent one.
  if (Number.isNaN(at)) return null;
  return { at, tag: c.tag, subtag: c.subtag, message: c.message, location: c.location, city: c.city, state: c.state, country: c.countryRegion };
}
