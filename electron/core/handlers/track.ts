import type { Handlers } from '../invoke';
import type { TrackShipmentService } from '../tracking/track-shipment';

export interface TrackHandlerDeps {
  tracker: Pick<TrackShipmentService, 'track'>;
}

/** `shipments:track`: the "Track a shipment" box (issue 8). */
export function trackHandlers(deps: TrackHandlerDeps): Pick<Handlers, 'shipments:track'> {
  return {
    'shipments:track': async ({ provider, trackingNumber }) => deps.tracker.track(provider, trackingNumber),
  };
}
