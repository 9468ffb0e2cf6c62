/**
 * The async data layer's transaction guarantees, on SQLite (the real file and
 * Kysely's single connection) and on a real PostgreSQL (a pool):
 * - concurrent callers' transactions never mix: one's rollback undoes only
 *   its own writes, and a read never sees another caller's uncommitted rows;
 * - a call made with a transaction joins it;
 * - the outer handle used inside a transaction or a connection scope fails
 *   loudly (PostgreSQL: it would run outside the transaction; SQLite: wait
 *   forever);
 * - SQLite takes the write lock at BEGIN; PostgreSQL hands two concurrent
 *   claims of due polls different rows, and the list's page and total come
 *   from one snapshot.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../electron/core/db/open';
import { getShipment, insertShipment } from '../../../electron/core/db/queries/shipments';
import { claimDueTracking } from '../../../electron/core/db/queries/tracking';
import { OuterHandleInScopeError } from '../../../electron/core/db/scope-guard';
import { inTransaction, withConnection, withSnapshot, type WritableDb } from '../../../electron/core/db/types';
import { testDialects } from '../../helpers/dialects';
import { seedShipment, tempDb, type TempDb } from '../tracking/seed';

const dialects = await testDialects();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function shipment(id: string) {
  return {
    id,
    provider: 'flexforward' as const,
    remoteId: null,
    trackingNumber: null,
    orderNumber: id,
    recipientName: null,
    destination: null,
    currentAttempt: null,
    at: 1,
  };
}

async function ids(db: WritableDb): Promise<string[]> {
  return (await db.selectFrom('shipments').select('id').orderBy('id').execute()).map((r) => r.id);
}

describe.each(dialects)('inTransaction (%s)', (dialect) => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb(dialect);
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('runs concurrent callers without mixing them: a rollback undoes only its own writes', async () => {
    const run = (i: number, fail: boolean) =>
      inTransaction(t.db, async (tx) => {
        await insertShipment(tx, shipment(`t${i}-a`));
        // Give the event loop to everyone else: their statements must not land in this transaction.
        await pause(5);
        await insertShipment(tx, shipment(`t${i}-b`));
        if (fail) throw new Error(`caller ${i} failed`);
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => run(i, i === 2)));

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(await ids(t.db)).toEqual(['t0-a', 't0-b', 't1-a', 't1-b', 't3-a', 't3-b', 't4-a', 't4-b']);
  });

  it('a read outside the transaction never sees its uncommitted rows', async () => {
    let inserted!: () => void;
    const insertedOnce = new Promise<void>((r) => (inserted = r));
    let released!: () => void;
    const release = new Promise<void>((r) => (released = r));
    const writer = inTransaction(t.db, async (tx) => {
      await insertShipment(tx, shipment('ghost'));
      inserted();
      await release;
      throw new Error('changed my mind');
    }).catch(() => 'rolled back');
    await insertedOnce;
    // SQLite: the read waits for the transaction (one connection); PostgreSQL: it runs beside it.
    const seen = getShipment(t.db, 'ghost');
    await pause(20);
    released();
    expect(await seen).toBeUndefined();
    expect(await writer).toBe('rolled back');
    expect(await getShipment(t.db, 'ghost')).toBeUndefined();
  });

  it('a call made with a transaction joins it: a failure anywhere rolls back the whole', async () => {
    await expect(
      inTransaction(t.db, async (tx) => {
        await insertShipment(tx, shipment('outer'));
        await inTransaction(tx, async (inner) => {
          await insertShipment(inner, shipment('inner'));
        });
        throw new Error('outer failed after the inner part');
      }),
    ).rejects.toThrow(/outer failed/);
    expect(await ids(t.db)).toEqual([]);
  });

  it('refuses the outer handle inside a transaction, and nothing of the transaction is kept', async () => {
    await expect(
      inTransaction(t.db, async (tx) => {
        await insertShipment(tx, shipment('inside'));
        // The mistake: the outer handle instead of tx.
        await insertShipment(t.db, shipment('outside'));
      }),
    ).rejects.toThrow(OuterHandleInScopeError);
    expect(await ids(t.db)).toEqual([]);
    // Nested helpers called with the outer handle are caught too.
    await expect(inTransaction(t.db, async () => inTransaction(t.db, async () => undefined))).rejects.toThrow(OuterHandleInScopeError);
    await expect(withConnection(t.db, async () => getShipment(t.db, 'x'))).rejects.toThrow(OuterHandleInScopeError);
    // After the scope, the outer handle works again, also for work the scope started and left behind.
    let later: Promise<unknown> = Promise.resolve();
    await inTransaction(t.db, async (tx) => {
      await insertShipment(tx, shipment('kept'));
      later = pause(10).then(() => getShipment(t.db, 'kept'));
    });
    expect(await later).toMatchObject({ id: 'kept' });
  });

  it('withSnapshot gives reads that agree while another caller commits between them', async () => {
    await insertShipment(t.db, shipment('a'));
    let firstRead!: () => void;
    const readOnce = new Promise<void>((r) => (firstRead = r));
    // Another caller, outside the snapshot, commits between its two reads (SQLite: it waits for the connection).
    const other = readOnce.then(() => insertShipment(t.db, shipment('b')));
    const counts = await withSnapshot(t.db, async (c) => {
      const before = (await c.selectFrom('shipments').select('id').execute()).length;
      firstRead();
      await pause(30);
      const after = (await c.selectFrom('shipments').select('id').execute()).length;
      return { before, after };
    });
    await other;
    expect(counts).toEqual({ before: 1, after: 1 });
    expect(await ids(t.db)).toEqual(['a', 'b']);
  });
});

describe('inTransaction (sqlite file lock)', () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb('sqlite');
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('takes the write lock at BEGIN (IMMEDIATE): another connection cannot start writing while it is open', async () => {
    const other = new Database(join(t.store.sqliteDir!, DB_FILE_NAME), { timeout: 0 });
    let refused: unknown = null;
    await inTransaction(t.db, async () => {
      // No statement has run in this transaction yet: a DEFERRED begin would hold no lock here.
      try {
        other.exec('BEGIN IMMEDIATE');
        other.exec('ROLLBACK');
      } catch (e) {
        refused = e;
      }
    });
    expect(refused).toMatchObject({ code: 'SQLITE_BUSY' });
    // Once committed, the other connection writes again.
    other.exec('BEGIN IMMEDIATE');
    other.exec('ROLLBACK');
    other.close();
  });
});

describe.skipIf(!dialects.includes('postgres'))('inTransaction (postgres, several pollers)', () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb('postgres');
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('two claims of due polls at once get different shipments (FOR UPDATE SKIP LOCKED)', async () => {
    for (let i = 0; i < 10; i++) await seedShipment(t.db, { id: `s${i}`, at: 1, nextPollAt: 100 + i });
    let firstHasClaimed!: () => void;
    const claimed = new Promise<void>((r) => (firstHasClaimed = r));
    let finish!: () => void;
    const finishFirst = new Promise<void>((r) => (finish = r));
    const first = inTransaction(t.db, async (tx) => {
      const rows = await claimDueTracking(tx, { now: 1_000, limit: 4, leaseUntil: 50_000 });
      firstHasClaimed();
      // Still open: its rows are locked, not yet moved for anyone else.
      await finishFirst;
      return rows.map((r) => r.shipmentId);
    });
    await claimed;
    const second = await inTransaction(t.db, async (tx) =>
      (await claimDueTracking(tx, { now: 1_000, limit: 4, leaseUntil: 50_000 })).map((r) => r.shipmentId),
    );
    finish();
    expect(await first).toEqual(['s0', 's1', 's2', 's3']);
    expect(second).toEqual(['s4', 's5', 's6', 's7']);
    const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM tracking WHERE next_poll_at = 50000`.execute(t.db);
    expect(rows[0]!.n).toBe(8);
  });
});
