/**
 * The site's request slots per API account (warehouse mode, PostgreSQL only):
 * see api/site-limiter.ts for the rule and its proof. Every time here is the
 * database server's `clock_timestamp()` in fractional ms: one clock for all
 * stations, read after the account's lock is held.
 */
import { sql } from 'kysely';
import { inTransaction, type WritableDb } from '../types';

const NOW_MS = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::double precision`;

export interface SlotClaim {
  /** The slot's id when one was taken, else null. */
  slotId: number | null;
  /** When it was not: how long until the oldest finished slot frees (ms), or null when every held slot is still in flight. */
  waitMs: number | null;
}

export interface SlotRules {
  account: string;
  stationId: string;
  priority: string;
  /** Slots this request may fill: the whole window for a packer, less the packers' share for background work while packers are active. */
  cap: number;
  reservedForUser: number;
  /** How long a finished request keeps its slot (window + clock resolution). */
  holdMs: number;
  /** A slot in flight this long is a dead station's (its request cannot still be open): freed. */
  staleInFlightMs: number;
  /** A packer's request within this long makes the site "packing": background work leaves the packers' share. */
  userActiveMs: number;
}

/**
 * One attempt to take a slot, in one transaction under the account's
 * transaction-scoped advisory lock (two stations never count at once; the
 * lock goes with the transaction, so a dead station holds nothing).
 */
export async function claimApiSlot(db: WritableDb, r: SlotRules): Promise<SlotClaim> {
  return inTransaction(db, async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${'station-api-slots:' + r.account}, 0))`.execute(tx);
    // Rows past any use: finished long enough ago to count for neither the window nor "packers active".
    await sql`DELETE FROM api_slots WHERE account = ${r.account}
      AND ((done_at IS NOT NULL AND done_at < ${NOW_MS} - ${Math.max(r.holdMs, r.userActiveMs)}::double precision)
        OR (done_at IS NULL AND started_at < ${NOW_MS} - ${r.staleInFlightMs}::double precision))`.execute(tx);
    const { rows } = await sql<{ held: number; user_active: number; free_at: number | null; now: number }>`
      SELECT
        count(*) FILTER (WHERE done_at IS NULL OR done_at >= n.now - ${r.holdMs}::double precision)::int AS held,
        count(*) FILTER (WHERE priority = 'user' AND started_at >= n.now - ${r.userActiveMs}::double precision)::int AS user_active,
        min(done_at + ${r.holdMs}::double precision) FILTER (WHERE done_at >= n.now - ${r.holdMs}::double precision) AS free_at,
        n.now AS now
      FROM (SELECT ${NOW_MS} AS now) n LEFT JOIN api_slots s ON s.account = ${r.account}
      GROUP BY n.now`.execute(tx);
    const row = rows[0]!;
    const cap = r.priority === 'user' || row.user_active === 0 ? r.cap : r.cap - r.reservedForUser;
    if (row.held >= cap) {
      return { slotId: null, waitMs: row.free_at === null ? null : Math.max(0, row.free_at - row.now) };
    }
    const inserted = await sql<{ id: number }>`INSERT INTO api_slots (account, station_id, priority, started_at)
      VALUES (${r.account}, ${r.stationId}, ${r.priority}, ${NOW_MS}) RETURNING id`.execute(tx);
    return { slotId: inserted.rows[0]!.id, waitMs: null };
  });
}

/** The request finished (answer read or failed): its slot is held `holdMs` from now, on the database's clock. */
export async function releaseApiSlot(db: WritableDb, slotId: number): Promise<void> {
  await sql`UPDATE api_slots SET done_at = ${NOW_MS} WHERE id = ${slotId} AND done_at IS NULL`.execute(db);
}

/**
 * A station starting again: its slots still "in flight" belong to requests its
 * previous run can no longer finish; they count as finished now (held one more
 * window, since such a request may have just reached the server).
 */
export async function finishStationSlots(db: WritableDb, stationId: string): Promise<void> {
  await sql`UPDATE api_slots SET done_at = ${NOW_MS} WHERE station_id = ${stationId} AND done_at IS NULL`.execute(db);
}
