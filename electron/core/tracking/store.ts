import { inTransaction, type WritableDb } from '../db/types';
import { insertCheckpoints } from '../db/queries/checkpoints';
import { getShipment, setShipmentTag, touchShipment } from '../db/queries/shipments';
import { insertStatusChange } from '../db/queries/status_history';
import {
  claimDueTracking,
  countActiveTracking,
  getTracking,
  nextDueAt,
  rescheduleTracking,
  spreadOverdueTracking,
  updateTrackingAfterFailure,
  updateTrackingAfterPoll,
  type StoppedReason,
  type TrackingRow,
} from '../db/queries/tracking';
import type { TagChange, TrackingSnapshot } from './ports';

export interface PollOutcome {
  change: TagChange | null;
  /** Whether anything new was learnt (tag, checkpoint or tracking number): the list row should refresh. */
  news: boolean;
}

/** Everything the poller persists, as one object it can be given (SQLite here; a memory fake is not needed). */
export class TrackingStore {
  readonly #db: WritableDb;
  constructor(db: WritableDb) {
    this.#db = db;
  }

  get(shipmentId: string): TrackingRow | undefined {
    return getTracking(this.#db, shipmentId);
  }

  claimDue(now: number, limit: number, leaseUntil: number): TrackingRow[] {
    if (limit <= 0) return [];
    return inTransaction(this.#db, () => claimDueTracking(this.#db, { now, limit, leaseUntil }));
  }

  nextDueAt(): number | null {
    return nextDueAt(this.#db);
  }

  activeCount(): number {
    return countActiveTracking(this.#db);
  }

  spreadOverdue(now: number, spacingMs: number): number {
    return inTransaction(this.#db, () => spreadOverdueTracking(this.#db, { now, spacingMs }));
  }

  reschedule(shipmentId: string, nextPollAt: number): void {
    rescheduleTracking(this.#db, { shipmentId, nextPollAt });
  }

  /**
   * Stores one successful poll in one transaction: tracking row, the list's
   * copy of the tag, new checkpoints, and a history row when the tag moved.
   * `decide` picks the next poll from what was learnt (news or not).
   */
  applySnapshot(
    row: TrackingRow,
    snapshot: TrackingSnapshot,
    now: number,
    decide: (news: boolean, lastNewsAt: number) => { nextPollAt: number | null; stoppedReason: StoppedReason | null },
  ): PollOutcome {
    return inTransaction(this.#db, () => {
      // Re-read inside the transaction: a user refresh may have landed since the row was claimed.
      const current = getTracking(this.#db, row.shipmentId) ?? row;
      const added = insertCheckpoints(
        this.#db,
        row.shipmentId,
        snapshot.checkpoints.map((c) => ({
          checkpointAt: c.at,
          tag: c.tag,
          subtag: c.subtag,
          message: c.message,
          location: c.location,
          city: c.city,
          state: c.state,
          country: c.country,
        })),
      );
      const tagChanged = current.tag !== snapshot.tag;
      const shipment = getShipment(this.#db, row.shipmentId);
      const numberLearnt = snapshot.trackingNumber !== null && shipment?.trackingNumber !== snapshot.trackingNumber;
      const news = tagChanged || added > 0 || numberLearnt;
      const lastNewsAt = news ? now : current.lastNewsAt;
      const latest = snapshot.checkpoints.reduce<number | null>((m, c) => (m === null || c.at > m ? c.at : m), current.lastCheckpointAt);
      const { nextPollAt, stoppedReason } = decide(news, lastNewsAt);
      updateTrackingAfterPoll(this.#db, {
        shipmentId: row.shipmentId,
        tag: snapshot.tag,
        subtag: snapshot.subtag,
        subtagMessage: snapshot.subtagMessage,
        lastCheckpointAt: latest,
        lastNewsAt,
        polledAt: now,
        nextPollAt,
        stoppedReason,
      });
      let change: TagChange | null = null;
      if (tagChanged) {
        insertStatusChange(this.#db, row.shipmentId, { fromTag: current.tag, toTag: snapshot.tag, subtagMessage: snapshot.subtagMessage, changedAt: now });
        change = {
          shipmentId: row.shipmentId,
          from: current.tag,
          to: snapshot.tag,
          subtagMessage: snapshot.subtagMessage,
          trackingNumber: snapshot.trackingNumber ?? shipment?.trackingNumber ?? null,
          orderNumber: shipment?.orderNumber ?? null,
          recipientName: shipment?.recipientName ?? null,
          at: now,
        };
      }
      if (tagChanged || numberLearnt) {
        setShipmentTag(this.#db, { id: row.shipmentId, tag: snapshot.tag, trackingNumber: snapshot.trackingNumber, at: now });
      } else if (news) {
        touchShipment(this.#db, { id: row.shipmentId, at: now });
      }
      return { change, news };
    });
  }

  recordFailure(
    row: TrackingRow,
    f: { failureCount: number; error: string; now: number; nextPollAt: number | null; stoppedReason: StoppedReason | null },
  ): void {
    updateTrackingAfterFailure(this.#db, {
      shipmentId: row.shipmentId,
      failureCount: f.failureCount,
      error: f.error,
      polledAt: f.now,
      nextPollAt: f.nextPollAt,
      stoppedReason: f.stoppedReason,
    });
  }
}
