import { inTransaction, type WritableDb } from '../db/types';
import { insertCheckpoints } from '../db/queries/checkpoints';
import { getShipment, setShipmentTag, touchShipment } from '../db/queries/shipments';
import { insertStatusChange } from '../db/queries/status_history';
import {
  claimDueTracking,
  countActiveTracking,
  getTracking,
  nextDueAt,
  renewTrackingLeases,
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

  get(shipmentId: string): Promise<TrackingRow | undefined> {
    return getTracking(this.#db, shipmentId);
  }

  async claimDue(now: number, limit: number, leaseUntil: number): Promise<TrackingRow[]> {
    if (limit <= 0) return [];
    return inTransaction(this.#db, (tx) => claimDueTracking(tx, { now, limit, leaseUntil }));
  }

  nextDueAt(): Promise<number | null> {
    return nextDueAt(this.#db);
  }

  activeCount(): Promise<number> {
    return countActiveTracking(this.#db);
  }

  spreadOverdue(now: number, spacingMs: number): Promise<number> {
    return inTransaction(this.#db, (tx) => spreadOverdueTracking(tx, { now, spacingMs }));
  }

  /** The claims of polls still running last until `leaseUntil` (a site's short leases). */
  renewLeases(shipmentIds: readonly string[], leasedUntil: number, leaseUntil: number): Promise<number> {
    return renewTrackingLeases(this.#db, { shipmentIds, leasedUntil, leaseUntil });
  }

  reschedule(shipmentId: string, nextPollAt: number): Promise<void> {
    return rescheduleTracking(this.#db, { shipmentId, nextPollAt });
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
  ): Promise<PollOutcome> {
    return inTransaction(this.#db, async (tx) => {
      // Re-read inside the transaction: a user refresh may have landed since the row was claimed.
      const current = (await getTracking(tx, row.shipmentId)) ?? row;
      const added = await insertCheckpoints(
        tx,
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
      const shipment = await getShipment(tx, row.shipmentId);
      const numberLearnt = snapshot.trackingNumber !== null && shipment?.trackingNumber !== snapshot.trackingNumber;
      const news = tagChanged || added > 0 || numberLearnt;
      const lastNewsAt = news ? now : current.lastNewsAt;
      const latest = snapshot.checkpoints.reduce<number | null>((m, c) => (m === null || c.at > m ? c.at : m), current.lastCheckpointAt);
      const { nextPollAt, stoppedReason } = decide(news, lastNewsAt);
      await updateTrackingAfterPoll(tx, {
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
        await insertStatusChange(tx, row.shipmentId, { fromTag: current.tag, toTag: snapshot.tag, subtagMessage: snapshot.subtagMessage, changedAt: now });
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
        await setShipmentTag(tx, { id: row.shipmentId, tag: snapshot.tag, trackingNumber: snapshot.trackingNumber, at: now });
      } else if (news) {
        await touchShipment(tx, { id: row.shipmentId, at: now });
      }
      return { change, news };
    });
  }

  recordFailure(
    row: TrackingRow,
    f: { failureCount: number; error: string; now: number; nextPollAt: number | null; stoppedReason: StoppedReason | null },
  ): Promise<void> {
    return updateTrackingAfterFailure(this.#db, {
      shipmentId: row.shipmentId,
      failureCount: f.failureCount,
      error: f.error,
      polledAt: f.now,
      nextPollAt: f.nextPollAt,
      stoppedReason: f.stoppedReason,
    });
  }
}
