/**
 * Which tag changes the packer hears about, and in how many messages.
 * The tag table (seed guide): InfoReceived, InTransit, Delivered and
 * Exception notify; Pending, Cancelled and Unknown do not. A change is told
 * once (checkpoints without a tag change are not changes). Changes landing
 * close together (a poll wave after lunch) become one digest, e.g.
 * "12 delivered, 1 exception", instead of thirteen pop-ups.
 */
import type { NotificationFacts } from '../../../shared/domain/notification-facts';
import { TAG_CATALOGUE, type Tag } from '../../../shared/domain/tags';
import type { Clock, TimerHandle } from '../util/clock';
import type { TagChange } from './ports';

/** Changes within this long of the first one are told together. */
export const NOTIFY_COALESCE_WINDOW_MS = 5_000;

export interface TrackingNotification {
  /** English sentences (logs, tray history); shells localize from `facts`. */
  title: string;
  body: string;
  facts: NotificationFacts;
  /** The shipment to open on click; null for a digest. */
  shipmentId: string | null;
  /** The tag when there is one (single change, or a digest of one tag). */
  tag: Tag | null;
}

/** Where messages go: the EventBus for the renderer, the Electron tray/Notification adapter (issue 7). */
export type Notifier = (notification: TrackingNotification) => void;

const WORD: Readonly<Record<Tag, string>> = {
  Pending: 'pending',
  InfoReceived: 'shipped',
  InTransit: 'in transit',
  Exception: 'exception',
  Delivered: 'delivered',
  Cancelled: 'cancelled',
  Unknown: 'unknown',
};

/** Problems first in a digest: the packer acts on an exception, not on a delivery. */
const DIGEST_ORDER: readonly Tag[] = ['Exception', 'Delivered', 'InTransit', 'InfoReceived'];

const SINGLE: Readonly<Partial<Record<Tag, { title: string; verb: string }>>> = {
  InfoReceived: { title: 'Shipped', verb: 'is registered with the courier' },
  InTransit: { title: 'In transit', verb: 'is on the way' },
  Delivered: { title: 'Delivered', verb: 'was delivered' },
  Exception: { title: 'Delivery problem', verb: 'has a delivery issue — check it' },
};

export function describeChange(change: TagChange): TrackingNotification {
  const words = SINGLE[change.to] ?? { title: change.to, verb: `is now ${WORD[change.to]}` };
  const who = change.trackingNumber ?? change.orderNumber ?? 'A shipment';
  const extra = [
    change.orderNumber && change.trackingNumber ? `order ${change.orderNumber}` : null,
    change.recipientName ? `to ${change.recipientName}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const detail = change.subtagMessage && change.to === 'Exception' ? ` (${change.subtagMessage})` : '';
  return {
    title: words.title,
    body: `${who}${extra ? ` (${extra})` : ''} ${words.verb}${detail}.`,
    facts: {
      kind: 'change',
      trackingNumber: change.trackingNumber,
      orderNumber: change.orderNumber,
      recipientName: change.recipientName,
      detail: change.to === 'Exception' ? (change.subtagMessage ?? null) : null,
    },
    shipmentId: change.shipmentId,
    tag: change.to,
  };
}

export function describeDigest(changes: readonly TagChange[]): TrackingNotification {
  const counts = new Map<Tag, number>();
  for (const c of changes) counts.set(c.to, (counts.get(c.to) ?? 0) + 1);
  const parts = DIGEST_ORDER.filter((t) => counts.has(t)).map((t) => `${counts.get(t)} ${WORD[t]}`);
  const tags = [...counts.keys()];
  return {
    title: `${changes.length} shipments changed`,
    body: parts.join(', '),
    facts: { kind: 'digest', counts: Object.fromEntries(counts) },
    shipmentId: null,
    tag: tags.length === 1 ? tags[0]! : null,
  };
}

export interface NotificationRulesDeps {
  clock: Clock;
  notifiers: Notifier[];
  /** The packer's choice per tag (settings); only tags the table marks as notifying can ever be on. */
  enabled?: (tag: Tag) => boolean;
}

export class NotificationRules {
  readonly #deps: NotificationRulesDeps;
  #pending: TagChange[] = [];
  #timer: TimerHandle | null = null;

  constructor(deps: NotificationRulesDeps) {
    this.#deps = deps;
  }

  /** Attach another destination (the Electron shell adds its tray notifier after start-up). */
  attach(notifier: Notifier): () => void {
    this.#deps.notifiers.push(notifier);
    return () => {
      const i = this.#deps.notifiers.indexOf(notifier);
      if (i >= 0) this.#deps.notifiers.splice(i, 1);
    };
  }

  onChange(change: TagChange): void {
    if (!TAG_CATALOGUE[change.to].notifies) return;
    if (this.#deps.enabled && !this.#deps.enabled(change.to)) return;
    // A shipment that changed twice in one window is told once, at its latest tag.
    this.#pending = this.#pending.filter((c) => c.shipmentId !== change.shipmentId);
    this.#pending.push(change);
    if (this.#timer === null) this.#timer = this.#deps.clock.setTimeout(() => this.flush(), NOTIFY_COALESCE_WINDOW_MS);
  }

  /** Sends what is pending now (also on shutdown, so nothing already learnt goes untold). */
  flush(): void {
    if (this.#timer !== null) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = null;
    const changes = this.#pending;
    this.#pending = [];
    if (changes.length === 0) return;
    const message = changes.length === 1 ? describeChange(changes[0]!) : describeDigest(changes);
    for (const notify of [...this.#deps.notifiers]) {
      try {
        notify(message);
      } catch {
        // One failing destination (a closed tray) must not silence the others.
      }
    }
  }
}
