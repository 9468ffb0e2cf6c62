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
  /** A slot taken ahead: send no sooner than this many ms after the claim returned (0: at once). */
  startInMs: number;
  /**
   * When none was taken: how long until it is worth asking again (a slot frees
   * within `reserveAheadMs` by then), or null when every held slot is still in
   * flight (no finish time to wait for yet).
   */
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
  /** A slot that frees within this long may be taken now, to start when it frees (0: only a slot free now). */
  reserveAheadMs: number;
}

/**
 * One attempt to take a slot, in one transaction under the account's
 * transaction-scoped advisory lock (two stations never count at once; the
 * lock goes with the transaction, so a dead station holds nothing).
 *
 * Taking a slot ahead: every request of the site waits for a claim, and a
 * claim made only once a slot has freed adds its round trips (and its
 * station's timer) to every slot's cycle, which is the site's rate lost
 * (test/bench/warehouse-site.bench.ts: ~15–20 ms a cycle, 0.91–0.93 of the
 * ceiling). So when the window is full but a slot frees within
 * `reserveAheadMs`, the claim takes it now with its start at that moment:
 * the row counts as held from now (in flight, no finish yet), and the
 * station sends only after `startInMs` have passed since the claim returned,
 * i.e. after the start on the database's clock (the claim read the clock
 * before returning). The rule's proof needs just that: a request reaches the
 * API after its slot's start and before its finish. The moment is the
 * earliest at which fewer than `cap` rows are held, counting every row in
 * flight (taken ahead or not) as held until it finishes. Packers' requests
 * wait at most `reserveAheadMs` more behind one taken ahead, and background
 * work still leaves the packers' share free while packers are active.
 *
 * After the lock, one statement does the rest (tidy, count, insert), fewer
 * round trips under the lock. It must come after the lock, not with it: its
 * snapshot is taken when it starts, and only one taken once the lock is held
 * sees every slot the previous holder committed. Within the statement the
 * DELETE's effect is not visible to the count, so the count leaves out what
 * it deletes itself (in-flight rows of a dead station); the finished rows it
 * deletes are past the window anyway.
 */
export async function claimApiSlot(db: WritableDb, r: SlotRules): Promise<SlotClaim> {
  return inTransaction(db, async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${'station-api-slots:' + r.account}, 0))`.execute(tx);
    const { rows } = await sql<{ slot_id: number | null; start_at: number | null; now: number }>`
      WITH n AS (SELECT ${NOW_MS} AS now),
      tidied AS (
        -- Rows past any use: finished long enough ago to count for neither the window nor "packers active",
        -- or in flight longer than any request can be (a dead station's).
        DELETE FROM api_slots s USING n WHERE s.account = ${r.account}
          AND ((s.done_at IS NOT NULL AND s.done_at < n.now - ${Math.max(r.holdMs, r.userActiveMs)}::double precision)
            OR (s.done_at IS NULL AND s.started_at < n.now - ${r.staleInFlightMs}::double precision))
      ),
      counted AS (
        SELECT
          count(*) FILTER (WHERE s.done_at IS NULL AND s.started_at >= n.now - ${r.staleInFlightMs}::double precision)::int AS in_flight,
          -- When each finished slot still held frees, earliest first.
          coalesce(array_agg(s.done_at + ${r.holdMs}::double precision ORDER BY s.done_at)
            FILTER (WHERE s.done_at >= n.now - ${r.holdMs}::double precision), '{}'::double precision[]) AS frees,
          count(*) FILTER (WHERE s.priority = 'user' AND s.started_at >= n.now - ${r.userActiveMs}::double precision)::int AS user_active,
          n.now AS now
        FROM n LEFT JOIN api_slots s ON s.account = ${r.account}
        GROUP BY n.now
      ),
      capped AS (
        SELECT c.*, CASE WHEN ${r.priority} = 'user' OR c.user_active = 0 THEN ${r.cap}::int ELSE ${r.cap - r.reservedForUser}::int END AS cap
        FROM counted c
      ),
      moment AS (
        -- The earliest moment fewer than cap are held: now, or when enough finished slots have freed; none while cap are in flight.
        SELECT CASE
            WHEN c.in_flight + cardinality(c.frees) < c.cap THEN c.now
            WHEN c.in_flight < c.cap THEN c.frees[cardinality(c.frees) - (c.cap - c.in_flight) + 1]
          END AS start_at,
          c.now
        FROM capped c
      ),
      taken AS (
        INSERT INTO api_slots (account, station_id, priority, started_at)
        SELECT ${r.account}, ${r.stationId}, ${r.priority}, m.start_at FROM moment m
        WHERE m.start_at <= m.now + ${r.reserveAheadMs}::double precision
        RETURNING id
      )
      SELECT (SELECT id FROM taken) AS slot_id, m.start_at, m.now FROM moment m`.execute(tx);
    const row = rows[0]!;
    const ahead = row.start_at === null ? null : Math.max(0, row.start_at - row.now);
    if (row.slot_id !== null) return { slotId: Number(row.slot_id), startInMs: ahead ?? 0, waitMs: null };
    return { slotId: null, startInMs: 0, waitMs: ahead === null ? null : Math.max(0, ahead - r.reserveAheadMs) };
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
