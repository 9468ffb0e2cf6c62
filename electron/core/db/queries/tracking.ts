import type { Provider } from '../../../../shared/domain/shipment';
import { toTag, type Tag } from '../../../../shared/domain/tags';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Schema } from '../schema';
import { dialectOf, epochMs, type ReadableDb, type WritableDb } from '../types';

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

const COLUMNS = [
  't.shipment_id as shipmentId',
  't.provider',
  's.remote_id as remoteId',
  't.tag',
  't.subtag',
  't.subtag_message as subtagMessage',
  't.last_checkpoint_at as lastCheckpointAt',
  't.last_news_at as lastNewsAt',
  't.last_polled_at as lastPolledAt',
  't.next_poll_at as nextPollAt',
  't.failure_count as failureCount',
  't.last_error as lastError',
  't.stopped_reason as stoppedReason',
] as const;

/** Rows read back are re-validated: a tag written by a newer app or by hand reads as Unknown. */
const fromRaw = (r: Omit<TrackingRow, 'tag'> & { tag: string }): TrackingRow => ({ ...r, tag: toTag(r.tag) });

const withShipment = (db: ReadableDb) =>
  db.selectFrom('tracking as t').innerJoin('shipments as s', 's.id', 't.shipment_id').select(COLUMNS);

export async function insertTracking(
  db: WritableDb,
  t: { shipmentId: string; provider: Provider; tag: Tag; at: number; nextPollAt: number },
): Promise<void> {
  await db
    .insertInto('tracking')
    .values({ shipment_id: t.shipmentId, provider: t.provider, tag: t.tag, last_news_at: t.at, next_poll_at: t.nextPollAt })
    .onConflict((oc) => oc.column('shipment_id').doNothing())
    .execute();
}

export async function getTracking(db: ReadableDb, shipmentId: string): Promise<TrackingRow | undefined> {
  const r = await withShipment(db).where('t.shipment_id', '=', shipmentId).executeTakeFirst();
  return r ? fromRaw(r) : undefined;
}

/**
 * Takes up to `limit` due shipments, earliest first, and leases them: their
 * next poll moves to `leaseUntil`, so they are not handed out twice while in
 * flight, and a poll cut off by a crash simply comes round again later.
 * Call it in a transaction (the read and the lease must be one step).
 *
 * PostgreSQL: the due rows are locked as they are read (`FOR UPDATE OF t
 * SKIP LOCKED`), so two pollers claiming at once (two stations, or two
 * callers of one) each get rows the other did not: READ COMMITTED alone would
 * let both read the same due rows before either moved them. SQLite's
 * transaction already holds the write lock from BEGIN IMMEDIATE.
 */
export async function claimDueTracking(db: WritableDb, p: { now: number; limit: number; leaseUntil: number }): Promise<TrackingRow[]> {
  const due = withShipment(db)
    .where('t.next_poll_at', 'is not', null)
    .where('t.next_poll_at', '<=', p.now)
    .orderBy('t.next_poll_at')
    .orderBy('t.shipment_id')
    .limit(p.limit);
  const rows = await (dialectOf(db) === 'postgres' ? due.forUpdate('t').skipLocked() : due).execute();
  if (rows.length > 0) {
    await db
      .updateTable('tracking')
      .set({ next_poll_at: p.leaseUntil })
      .where(
        'shipment_id',
        'in',
        rows.map((r) => r.shipmentId),
      )
      .execute();
  }
  return rows.map(fromRaw);
}

/** When the next poll is due (earliest over all active shipments), or null when nothing is scheduled. */
export async function nextDueAt(db: ReadableDb): Promise<number | null> {
  const r = await db
    .selectFrom('tracking')
    .select((eb) => eb.fn.min('next_poll_at').as('at'))
    .where('next_poll_at', 'is not', null)
    .executeTakeFirst();
  return r?.at ?? null;
}

export async function countActiveTracking(db: ReadableDb): Promise<number> {
  const r = await db
    .selectFrom('tracking')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('next_poll_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Spreads every overdue poll over the time ahead, `spacingMs` apart in the
 * order they fell due, so a station that was off for a day does not fire its
 * whole backlog at once on start-up. Returns how many were moved.
 */
export async function spreadOverdueTracking(db: WritableDb, p: { now: number; spacingMs: number }): Promise<number> {
  const r = await db
    .with('overdue', (qb) =>
      qb
        .selectFrom('tracking')
        .select(['shipment_id', sql<number>`row_number() over (order by next_poll_at, shipment_id) - 1`.as('i')])
        .where('next_poll_at', 'is not', null)
        .where('next_poll_at', '<', p.now),
    )
    .updateTable('tracking')
    .from('overdue')
    .set((eb) => ({ next_poll_at: sql<number>`${epochMs(p.now)} + ${eb.ref('overdue.i')} * ${epochMs(p.spacingMs)}` }))
    .whereRef('overdue.shipment_id', '=', 'tracking.shipment_id')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
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

/** A poll that was in flight when its label was voided lands without scheduling another (the void stopped polling). */
const notVoided = (eb: ExpressionBuilder<Schema, 'tracking'>) =>
  eb.not(
    eb.exists(
      eb
        .selectFrom('shipments')
        .select('shipments.id')
        .whereRef('shipments.id', '=', 'tracking.shipment_id')
        .where('shipments.voided_at', 'is not', null),
    ),
  );

/**
 * A label voided here is no longer followed: polling stops as at a final status (the schema pairs a stopped
 * poll with one of its reasons; the shipment's own void record says why).
 */
export async function stopTrackingForVoid(db: WritableDb, shipmentId: string): Promise<void> {
  await db.updateTable('tracking').set({ next_poll_at: null, stopped_reason: 'terminal' }).where('shipment_id', '=', shipmentId).execute();
}

export async function updateTrackingAfterPoll(db: WritableDb, u: TrackingPollUpdate): Promise<void> {
  await db
    .updateTable('tracking')
    .set({
      tag: u.tag,
      subtag: u.subtag,
      subtag_message: u.subtagMessage,
      last_checkpoint_at: u.lastCheckpointAt,
      last_news_at: u.lastNewsAt,
      last_polled_at: u.polledAt,
      next_poll_at: u.nextPollAt,
      stopped_reason: u.stoppedReason,
      failure_count: 0,
      last_error: null,
    })
    .where('shipment_id', '=', u.shipmentId)
    .where(notVoided)
    .execute();
}

export async function updateTrackingAfterFailure(
  db: WritableDb,
  f: {
    shipmentId: string;
    failureCount: number;
    error: string;
    polledAt: number;
    nextPollAt: number | null;
    stoppedReason: StoppedReason | null;
  },
): Promise<void> {
  await db
    .updateTable('tracking')
    .set({
      failure_count: f.failureCount,
      last_error: f.error,
      last_polled_at: f.polledAt,
      next_poll_at: f.nextPollAt,
      stopped_reason: f.stoppedReason,
    })
    .where('shipment_id', '=', f.shipmentId)
    .where(notVoided)
    .execute();
}

/** Puts a leased poll back without counting a failure (the breaker opened or the poller stopped mid-flight). */
export async function rescheduleTracking(db: WritableDb, p: { shipmentId: string; nextPollAt: number }): Promise<void> {
  await db
    .updateTable('tracking')
    .set({ next_poll_at: p.nextPollAt })
    .where('shipment_id', '=', p.shipmentId)
    .where('next_poll_at', 'is not', null)
    .execute();
}

/**
 * Extends claims of polls still running (a site's short leases) from
 * `leasedUntil` to `leaseUntil`: only rows still holding that very lease, so
 * a poll that landed meanwhile keeps the next time it chose, and a lease
 * another station took after ours ran out is not touched.
 */
export async function renewTrackingLeases(
  db: WritableDb,
  p: { shipmentIds: readonly string[]; leasedUntil: number; leaseUntil: number },
): Promise<number> {
  if (p.shipmentIds.length === 0) return 0;
  const r = await db
    .updateTable('tracking')
    .set({ next_poll_at: p.leaseUntil })
    .where('shipment_id', 'in', [...p.shipmentIds])
    .where('next_poll_at', '=', p.leasedUntil)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
