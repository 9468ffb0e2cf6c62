import type { Provider } from '../../../../shared/domain/shipment';
import { toTag, type Tag } from '../../../../shared/domain/tags';
import { prepared, type ReadableDb, type WritableDb } from '../types';

export type StoppedReason = 'terminal' | 'stale' | 'not_found';

export interface TrackingRow {
  shipmentId: string;
  provider: Provider;
  /** The id to ask the provider about (Flex Forward label UUID). */
  remoteId: string | null;
  tag: Tag;
  subtag: string | null;
  subtagMessage: string | null;
  lastCheckpointAt: number | null;
  lastNewsAt: number;
  lastPolledAt: number | null;
  nextPollAt: number | null;
  failureCount: number;
  lastError: string | null;
  stoppedReason: StoppedReason | null;
}

const COLUMNS = `t.shipment_id AS shipmentId, t.provider, s.remote_id AS remoteId, t.tag, t.subtag, t.subtag_message AS subtagMessage,
  t.last_checkpoint_at AS lastCheckpointAt, t.last_news_at AS lastNewsAt, t.last_polled_at AS lastPolledAt,
  t.next_poll_at AS nextPollAt, t.failure_count AS failureCount, t.last_error AS lastError, t.stopped_reason AS stoppedReason`;

/** Rows read back are re-validated: a tag written by a newer app or by hand reads as Unknown. */
const fromRaw = (r: TrackingRow): TrackingRow => ({ ...r, tag: toTag(r.tag) });

export function insertTracking(
  db: WritableDb,
  t: { shipmentId: string; provider: Provider; tag: Tag; at: number; nextPollAt: number },
): void {
  prepared<object>(
    db,
    `INSERT INTO tracking (shipment_id, provider, tag, last_news_at, next_poll_at) VALUES (@shipmentId, @provider, @tag, @at, @nextPollAt)
     ON CONFLICT (shipment_id) DO NOTHING`,
  ).run(t);
}

export function getTracking(db: ReadableDb, shipmentId: string): TrackingRow | undefined {
  const r = prepared<object, TrackingRow>(
    db,
    `SELECT ${COLUMNS} FROM tracking t JOIN shipments s ON s.id = t.shipment_id WHERE t.shipment_id = @shipmentId`,
  ).get({ shipmentId });
  return r ? fromRaw(r) : undefined;
}

/**
 * Takes up to `limit` due shipments, earliest first, and leases them: their
 * next poll moves to `leaseUntil`, so they are not handed out twice while in
 * flight, and a poll cut off by a crash simply comes round again later.
 */
export function claimDueTracking(db: WritableDb, p: { now: number; limit: number; leaseUntil: number }): TrackingRow[] {
  const rows = prepared<object, TrackingRow>(
    db,
    `SELECT ${COLUMNS} FROM tracking t JOIN shipments s ON s.id = t.shipment_id
     WHERE t.next_poll_at IS NOT NULL AND t.next_poll_at <= @now ORDER BY t.next_poll_at, t.shipment_id LIMIT @limit`,
  ).all({ now: p.now, limit: p.limit });
  const lease = prepared<object>(db, `UPDATE tracking SET next_poll_at = @leaseUntil WHERE shipment_id = @shipmentId`);
  for (const r of rows) lease.run({ shipmentId: r.shipmentId, leaseUntil: p.leaseUntil });
  return rows.map(fromRaw);
}

/** When the next poll is due (earliest over all active shipments), or null when nothing is scheduled. */
export function nextDueAt(db: ReadableDb): number | null {
  return prepared<void, { at: number | null }>(db, `SELECT MIN(next_poll_at) AS at FROM tracking WHERE next_poll_at IS NOT NULL`).get()!.at;
}

export function countActiveTracking(db: ReadableDb): number {
  return prepared<void, { n: number }>(db, `SELECT COUNT(*) AS n FROM tracking WHERE next_poll_at IS NOT NULL`).get()!.n;
}

/**
 * Spreads every overdue poll over the time ahead, `spacingMs` apart in the
 * order they fell due, so a station that was off for a day does not fire its
 * whole backlog at once on start-up. Returns how many were moved.
 */
export function spreadOverdueTracking(db: WritableDb, p: { now: number; spacingMs: number }): number {
  return prepared<object>(
    db,
    `WITH overdue AS (
       SELECT shipment_id, ROW_NUMBER() OVER (ORDER BY next_poll_at, shipment_id) - 1 AS i
       FROM tracking WHERE next_poll_at IS NOT NULL AND next_poll_at < @now
     )
     UPDATE tracking SET next_poll_at = @now + overdue.i * @spacingMs FROM overdue WHERE overdue.shipment_id = tracking.shipment_id`,
  ).run(p).changes;
}

export interface TrackingPollUpdate {
  shipmentId: string;
  tag: Tag;
  subtag: string | null;
  subtagMessage: string | null;
  lastCheckpointAt: number | null;
  lastNewsAt: number;
  polledAt: number;
  /** null stops polling; `stoppedReason` then says why. */
  nextPollAt: number | null;
  stoppedReason: StoppedReason | null;
}

export function updateTrackingAfterPoll(db: WritableDb, u: TrackingPollUpdate): void {
  prepared<object>(
    db,
    `UPDATE tracking SET tag = @tag, subtag = @subtag, subtag_message = @subtagMessage, last_checkpoint_at = @lastCheckpointAt,
       last_news_at = @lastNewsAt, last_polled_at = @polledAt, next_poll_at = @nextPollAt, stopped_reason = @stoppedReason,
       failure_count = 0, last_error = NULL
     WHERE shipment_id = @shipmentId`,
  ).run(u);
}

export function updateTrackingAfterFailure(
  db: WritableDb,
  f: { shipmentId: string; failureCount: number; error: string; polledAt: number; nextPollAt: number | null; stoppedReason: StoppedReason | null },
): void {
  prepared<object>(
    db,
    `UPDATE tracking SET failure_count = @failureCount, last_error = @error, last_polled_at = @polledAt,
       next_poll_at = @nextPollAt, stopped_reason = @stoppedReason WHERE shipment_id = @shipmentId`,
  ).run(f);
}

/** Puts a leased poll back without counting a failure (the breaker opened or the poller stopped mid-flight). */
export function rescheduleTracking(db: WritableDb, p: { shipmentId: string; nextPollAt: number }): void {
  prepared<object>(db, `UPDATE tracking SET next_poll_at = @nextPollAt WHERE shipment_id = @shipmentId AND next_poll_at IS NOT NULL`).run(p);
}
