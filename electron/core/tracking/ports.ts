import type { Provider } from '../../../shared/domain/shipment';
import type { Tag } from '../../../shared/domain/tags';

export type Priority = 'user' | 'background';

export interface TrackingCheckpoint {
  /** Epoch ms. */
  at: number;
  tag: Tag;
  subtag: string | null;
  message: string;
  location: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
}

/** One provider's answer, normalised: what the poller stores. */
export interface TrackingSnapshot {
  trackingNumber: string | null;
  tag: Tag;
  subtag: string | null;
  subtagMessage: string | null;
  /** Any order; the store deduplicates. */
  checkpoints: TrackingCheckpoint[];
}

/**
 * Where tracking comes from, per provider. Implementations go through the
 * provider client's shared rate limiter with the given priority, and throw
 * errors carrying `retryable` (5xx, network, timeout) and `kind`
 * (`not_found` / `forbidden` for a label that is not, or no longer, ours).
 */
export interface TrackingSource {
  getTracking(remoteId: string, options: { priority: Priority }): Promise<TrackingSnapshot>;
}

export type TrackingSources = Partial<Record<Provider, TrackingSource>>;

export type FailureClass = 'transient' | 'gone' | 'other';

/** Sorts a thrown error into what the poller does with it (duck-typed, so any provider's client fits). */
export function classifyFailure(error: unknown): FailureClass {
  if (typeof error === 'object' && error !== null) {
    const e = error as { retryable?: unknown; kind?: unknown };
    if (e.kind === 'not_found' || e.kind === 'forbidden') return 'gone';
    // A refused token fails every shipment alike: it is the API being unusable, not one
    // label's problem, so it holds polling back (breaker) until a probe gets through.
    if (e.retryable === true || e.kind === 'unauthorized') return 'transient';
  }
  return 'other';
}

export interface TagChange {
  shipmentId: string;
  from: Tag | null;
  to: Tag;
  subtagMessage: string | null;
  trackingNumber: string | null;
  orderNumber: string | null;
  recipientName: string | null;
  at: number;
}
