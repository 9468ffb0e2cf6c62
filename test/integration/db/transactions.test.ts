/**
 * The async data layer's transaction guarantees on SQLite, through the real
 * file and Kysely's single connection: a transaction takes the write lock at
 * BEGIN, concurrent callers in one process never land a statement inside
 * another's transaction (so one's rollback cannot take another's writes with
 * it), and a read never sees another caller's uncommitted rows.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getShipment, insertShipment } from '../../../electron/core/db/queries/shipments';
import { inTransaction, type WritableDb } from '../../../electron/core/db/types';
import { tempDb, type TempDb } from '../tracking/seed';

let t: TempDb;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(async () => {
  await t.dispose();
});

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

describe('inTransaction on SQLite', () => {
  it('takes the write lock at BEGIN (IMMEDIATE): another connection cannot start writing while it is open', async () => {
    const other = new Database(t.path, { timeout: 0 });
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

  it('runs concurrent callers one after another: no statement lands inside another transaction, and a rollback undoes only its own', async () => {
    const log: string[] = [];
    const run = (i: number, fail: boolean) =>
      inTransaction(t.db, async (tx) => {
        log.push(`${i} begin`);
        await insertShipment(tx, shipment(`t${i}-a`));
        // Give the event loop to everyone else: with a shared connection and no mutex, their statements would run here.
        await pause(5);
        await insertShipment(tx, shipment(`t${i}-b`));
        if (fail) throw new Error(`caller ${i} failed`);
        log.push(`${i} end`);
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => run(i, i === 2)));

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    // Each transaction's steps are contiguous in the log.
    for (let k = 0; k < log.length; k++) {
      const [i, step] = log[k]!.split(' ');
      if (step === 'begin' && i !== '2') expect(log[k + 1]).toBe(`${i} end`);
    }
    expect(await ids(t.db)).toEqual(['t0-a', 't0-b', 't1-a', 't1-b', 't3-a', 't3-b', 't4-a', 't4-b']);
  });

  it('a read outside the transaction waits for it and never sees its uncommitted rows', async () => {
    let inserted!: () => void;
    const insertedOnce = new Promise<void>((r) => (inserted = r));
    let rolledBackAt = 0;
    const writer = inTransaction(t.db, async (tx) => {
      await insertShipment(tx, shipment('ghost'));
      inserted();
      await pause(20);
      throw new Error('changed my mind');
    }).catch(() => {
      rolledBackAt = performance.now();
    });
    await insertedOnce;
    const seen = await getShipment(t.db, 'ghost');
    const readAt = performance.now();
    await writer;
    expect(seen).toBeUndefined();
    expect(rolledBackAt).toBeGreaterThan(0);
    expect(readAt).toBeGreaterThanOrEqual(rolledBackAt);
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
});
