import type { Handlers } from '../invoke';
import type { TrackingPoller } from '../tracking/poller';

export function trackingHandlers(poller: TrackingPoller): Pick<Handlers, 'tracking:refresh' | 'tracking:pause' | 'tracking:resume' | 'tracking:status'> {
  return {
    'tracking:refresh': async ({ id, force }) => {
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
