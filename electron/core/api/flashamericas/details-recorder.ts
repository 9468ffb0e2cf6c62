import { inTransaction, type WritableDb } from '../../db/types';
import { findFaShipmentId, saveFaSnapshot } from '../../db/queries/fa_details';
import type { Clock } from '../../util/clock';
import type { FaSnapshot } from './mapping';

/** First look-ups still waiting for their shipment row; a handful at most (one per "Track" click in flight). */
const MAX_WAITING = 100;

/**
 * Keeps what Flash Americas tells beyond the common tracking model (ETA,
 * proof of delivery, facility types, coordinates) in the fa_* tables. A
 * snapshot of a number not yet in the list (the first look-up of "Track a
 * shipment") waits here until the row exists and `adopt` is called.
 */
export class FaDetailsRecorder {
  readonly #waiting = new Map<string, FaSnapshot>();
  constructor(
    private readonly db: WritableDb,
    private readonly clock: Clock,
  ) {}

  async record(snapshot: FaSnapshot): Promise<void> {
    const id = await findFaShipmentId(this.db, snapshot.trackingNumber);
    if (id) {
      await inTransaction(this.db, (tx) => saveFaSnapshot(tx, id, snapshot, this.clock.now()));
      return;
    }
    if (this.#waiting.size >= MAX_WAITING) this.#waiting.delete(this.#waiting.keys().next().value!);
    this.#waiting.set(snapshot.trackingNumber, snapshot);
  }

  /** The shipment row for `trackingNumber` now exists: store what its first look-up learnt. */
  async adopt(shipmentId: string, trackingNumber: string): Promise<void> {
    const snapshot = this.#waiting.get(trackingNumber);
    this.#waiting.delete(trackingNumber);
    if (snapshot) await inTransaction(this.db, (tx) => saveFaSnapshot(tx, shipmentId, snapshot, this.clock.now()));
  }

  /** The destination line of a number just looked up, for the list row. */
  destinationOf(trackingNumber: string): string | null {
    return this.#waiting.get(trackingNumber)?.destination ?? null;
  }
}
