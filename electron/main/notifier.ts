/**
 * Desktop notifications for the tag changes the tracking engine chose to
 * announce (`tracking:notified` on the station's event bus). The engine
 * (core/tracking/notifications.ts) already applies the tag table and folds a
 * poll wave into one digest; this adapter is the desktop side of it:
 *
 * - Per-tag settings (`notifyTags`) are checked again at the desktop, so a
 *   tag switched off a moment ago stays quiet.
 * - Messages arriving close together (several engine batches, a manual
 *   refresh of many) are collected for DIGEST_WINDOW_MS; more than
 *   DIGEST_THRESHOLD become one digest instead of a wall of pop-ups.
 * - Clicking a notification opens that shipment (a digest opens the list).
 * - Do-not-disturb: Electron hands notifications to the OS notification
 *   centre, which holds them back during Focus (macOS), Focus Assist
 *   (Windows) or a freedesktop DND mode; we never ask for `critical`
 *   urgency or a sound, which are what would break through. `isQuiet` lets
 *   the host add its own rule (we skip the pop-up while the packer is
 *   looking at the window, where the app shows the change itself).
 */
import type { EventPayload } from '../../shared/contract';
import { describeNotification } from '../../shared/domain/notification-facts';
import type { NotifyTags } from '../../shared/domain/settings';
import { TAGS, type Tag } from '../../shared/domain/tags';
import type { Clock, TimerHandle } from '../core/util/clock';
import type { Logger } from '../core/util/log';
import type { MainStrings } from './strings';

export const DIGEST_WINDOW_MS = 2_000;
/** Up to this many changes in one window are shown one by one. */
export const DIGEST_THRESHOLD = 3;

export type Notified = EventPayload<'tracking:notified'>;

export interface DesktopNotification {
  title: string;
  body: string;
  onClick(): void;
}

export interface NotifierDeps {
  /** Shows one OS notification (Electron's `Notification` in the app). */
  show(notification: DesktopNotification): void;
  /** False where the OS has no notification service. */
  supported(): boolean;
  notifyTags(): NotifyTags;
  strings(): MainStrings;
  isQuiet(): boolean;
  openShipment(id: string): void;
  openShipments(): void;
  clock: Clock;
  log: Logger;
}

export class DesktopNotifier {
  readonly #deps: NotifierDeps;
  #pending: Notified[] = [];
  #timer: TimerHandle | null = null;

  constructor(deps: NotifierDeps) {
    this.#deps = deps;
  }

  /** The notifier port the tracking engine's event feeds. */
  notify(payload: Notified): void {
    if (payload.tag !== null && !this.#deps.notifyTags()[payload.tag]) return;
    this.#pending.push(payload);
    this.#timer ??= this.#deps.clock.setTimeout(() => this.flush(), DIGEST_WINDOW_MS);
  }

  /** Shows what was collected; also called at quit so nothing collected is silently lost. */
  flush(): void {
    if (this.#timer !== null) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0 || !this.#deps.supported() || this.#deps.isQuiet()) return;
    const s = this.#deps.strings();
    if (batch.length > DIGEST_THRESHOLD) {
      this.#show({
        title: s.digestTitle(batch.length),
        body: s.digestBody(countByTag(batch, s)),
        onClick: () => this.#deps.openShipments(),
      });
      return;
    }
    for (const n of batch) {
      const id = n.shipmentId;
      this.#show({ ...localize(n, s), onClick: () => (id === null ? this.#deps.openShipments() : this.#deps.openShipment(id)) });
    }
  }

  #show(notification: DesktopNotification): void {
    try {
      this.#deps.show(notification);
    } catch (e) {
      // A notification service that fails must not break tracking.
      this.#deps.log.warn('desktop notification failed', { error: e });
    }
  }
}

/** The engine's facts in the app's language (its English title and body are for logs only). */
export function localize(n: Notified, s: MainStrings): { title: string; body: string } {
  const { title, body } = describeNotification(n.facts, n.tag, {
    tagTitle: (tag) => s.tagTitle[tag],
    digestTitle: s.digestTitle,
    someShipment: s.someShipment,
    order: s.order,
    to: s.to,
  });
  return { title, body: n.facts.kind === 'digest' ? s.digestBody(body) : body };
}

function countByTag(batch: readonly Notified[], s: MainStrings): string {
  const counts = new Map<Tag | null, number>();
  for (const n of batch) counts.set(n.tag, (counts.get(n.tag) ?? 0) + 1);
  const order: (Tag | null)[] = [...TAGS, null];
  return order
    .filter((tag) => counts.has(tag))
    .map((tag) => `${tag ? s.tagTitle[tag] : s.tagTitle.Unknown}: ${counts.get(tag)}`)
    .join(' · ');
}
