import { StationFailure } from '../../../shared/result';
import type { Handlers } from '../invoke';
import type { TrackingPoller } from '../tracking/poller';

export function trackingHandlers(
  poller: TrackingPoller,
  /** A label voided here is not followed any more (void-label.ts): refresh refuses it rather than polling it again. */
  isVoided: (id: string) => Promise<boolean> = async () => false,
): Pick<Handlers, 'tracking:refresh' | 'tracking:pause' | 'tracking:resume' | 'tracking:status'> {
  return {
    'tracking:refresh': async ({ id, force }) => {
      if (await isVoided(id)) {
        throw new StationFailure('CONFLICT', 'This label was voided here, so it is no longer tracked.');
      }
      const r = await poller.refresh(id, force);
      return {
        polled: r.polled,
        tag: r.row.tag,
        nextPollAt: r.row.nextPollAt === null ? null : new Date(r.row.nextPollAt).toISOString(),
        message: r.message,
      };
    },
    'tracking:pause': async () => poller.pause(),
    'tracking:resume': async () => poller.resume(),
    'tracking:status': async () => poller.status(),
  };
}
