import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openShipmentDb } from '../../../electron/core/db/open';
import { migrate, NewerDatabaseError, schemaVersion } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import type { Migration } from '../../../electron/core/db/migrations/types';
import { countShipmentsByTag, listShipments } from '../../../electron/core/db/queries/shipments';
import { kyselyOverSqlite } from '../../../electron/core/db/sqlite';
import { asWritable, execScript, type ReadableDb } from '../../../electron/core/db/types';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NEWEST = MIGRATIONS.at(-1)!.version;
const page = { sort: 'activity_desc', offset: 0, limit: 100 } as const;

async function pragma(db: ReadableDb, name: string): Promise<unknown> {
  const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(db);
  return Object.values(rows[0] ?? {})[0];
}

async function tableNames(db: ReadableDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(db);
  return rows.map((r) => r.name);
}

/** An in-memory database behind the same Kysely dialect as the station's file. */
function memoryDb() {
  return asWritable(kyselyOverSqlite(new Database(':memory:')));
}

describe('migration runner', () => {
  it('creates a fresh database at the newest version with WAL and foreign keys on', async () => {
    const s = await openShipmentDb(dir);
    expect(await schemaVersion(s.db)).toBe(NEWEST);
    expect(await pragma(s.db, 'journal_mode')).toBe('wal');
    expect(await pragma(s.db, 'foreign_keys')).toBe(1);
    await s.close();
  });

  it.each(['delete', 'wal'])('refuses a database written by a newer version (%s journal) without writing a byte of it', async (journal) => {
    const path = join(dir, DB_FILE_NAME);
    const raw = new Database(path);
    raw.pragma(`journal_mode = ${journal}`);
    raw.exec('CREATE TABLE from_the_future (x INTEGER) STRICT; INSERT INTO from_the_future VALUES (1)');
    raw.pragma(`user_version = ${NEWEST + 10}`);
    raw.close();
    const bytes = readFileSync(path);
    const { mtimeMs } = statSync(path);
    const files = readdirSync(dir).sort();
    // The file system's clock must be able to show a write: wait past its resolution.
    await new Promise((r) => setTimeout(r, 20));

    await expect(openShipmentDb(dir)).rejects.toThrow(NewerDatabaseError);

    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(statSync(path).mtimeMs).toBe(mtimeMs);
    expect(readdirSync(dir).sort()).toEqual(files);
    const again = new Database(path, { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(NEWEST + 10);
    expect(again.pragma('journal_mode', { simple: true })).toBe(journal);
    again.close();
  });

  it('rolls a failing step back completely and keeps the previous version', async () => {
    const db = memoryDb();
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: NEWEST + 10,
        name: 'broken',
        up: {
          sqlite: async (tx) => {
            await execScript(tx, 'CREATE TABLE half_done (x INTEGER) STRICT');
            await execScript(tx, 'INSERT INTO no_such_table VALUES (1)');
          },
        },
      },
    ];
    await expect(migrate(db, broken)).rejects.toThrow(/no_such_table/);
    expect(await schemaVersion(db)).toBe(NEWEST);
    expect(await tableNames(db)).not.toContain('half_done');
    await db.destroy();
  });

  it('refuses migrations whose versions are not rising steps of 10', async () => {
    const db = memoryDb();
    await expect(migrate(db, [{ version: 15, name: 'odd', up: { sqlite: async () => undefined } }])).rejects.toThrow(/steps of 10/);
    await db.destroy();
  });

  it('tables are STRICT: a wrong type is refused, not coerced', async () => {
    const s = await openShipmentDb(dir);
    await expect(
      sql`INSERT INTO shipments (id, provider, tag, created_at, activity_at) VALUES ('x', 'flexforward', 'Pending', 'yesterday', 1)`.execute(
        s.db,
      ),
    ).rejects.toThrow(/cannot store TEXT value in INTEGER column/);
    await s.close();
  });
});

describe('0020 shipment search, from 0010 with data in place', () => {
  it('indexes rows that existed before the upgrade and follows later edits', async () => {
    const old = await openShipmentDb(dir, { upTo: 10 });
    expect(await schemaVersion(old.db)).toBe(10);
    const insert = (id: string, tn: string, order: string, name: string, at: number) =>
      old.db
        .insertInto('shipments')
        .values({
          id,
          provider: 'flexforward',
          tracking_number: tn,
          order_number: order,
          recipient_name: name,
          tag: 'InTransit',
          created_at: 1,
          activity_at: at,
        })
        .execute();
    await insert('a', 'YT2503010001CN', 'ORDER-1001', 'Pat Buyer', 1);
    await insert('b', 'YT2503010002CN', 'ORDER-1002', 'Sam Seller', 2);
    await old.close();

    const upgraded = await openShipmentDb(dir, { upTo: 20 });
    const db = upgraded.db;
    expect(await schemaVersion(db)).toBe(20);
    const ids = async (search: string) => (await listShipments(db, { ...page, search })).items.map((r) => r.id);
    expect(await ids('0002')).toEqual(['b']);
    expect(await ids('buyer')).toEqual(['a']);
    await db.updateTable('shipments').set({ recipient_name: 'Kim Receiver' }).where('id', '=', 'a').execute();
    expect((await listShipments(db, { ...page, search: 'buyer' })).total).toBe(0);
    expect(await ids('receiver')).toEqual(['a']);
    await db.deleteFrom('shipments').where('id', '=', 'b').execute();
    expect(await ids('YT25')).toEqual(['a']);
    await upgraded.close();
  });
});

describe('0010 initial', () => {
  it('creates every table on a version-0 (empty) file', async () => {
    const raw = new Database(join(dir, DB_FILE_NAME));
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    raw.close();
    const s = await openShipmentDb(dir, { upTo: 10 });
    expect(await tableNames(s.db)).toEqual(['checkpoints', 'documents', 'labels', 'print_jobs', 'shipments', 'status_history', 'tracking']);
    await s.close();
  });
});

describe('0040 list indexes, from 0030 with data in place', () => {
  it('counts existing shipments per tag, keeps the counts through inserts, tag changes and deletes, and sorts without a sort step', async () => {
    const old = await openShipmentDb(dir, { upTo: 30 });
    for (const [i, tag] of ['Delivered', 'Delivered', 'InTransit', 'Exception'].entries()) {
      const id = `s${i}`;
      await old.db
        .insertInto('shipments')
        .values({ id, provider: 'flexforward', tracking_number: id, order_number: id, tag, created_at: 1, activity_at: i })
        .execute();
    }
    await old.close();

    const s = await openShipmentDb(dir, { upTo: 40 });
    expect(await schemaVersion(s.db)).toBe(40);
    expect(await countShipmentsByTag(s.db)).toMatchObject({ total: 4, byTag: { Delivered: 2, InTransit: 1, Exception: 1, Pending: 0 } });
    await s.db.insertInto('shipments').values({ id: 'new', provider: 'flexforward', created_at: 1, activity_at: 9 }).execute();
    await s.db.updateTable('shipments').set({ tag: 'Delivered' }).where('id', '=', 's2').execute();
    await s.db.deleteFrom('shipments').where('id', '=', 's3').execute();
    expect(await countShipmentsByTag(s.db)).toMatchObject({ total: 4, byTag: { Delivered: 3, InTransit: 0, Exception: 0, Pending: 1 } });

    const plan = async (text: string) =>
      (await sql<{ detail: string }>`${sql.raw(`EXPLAIN QUERY PLAN ${text}`)}`.execute(s.db)).rows.map((r) => r.detail).join(' | ');
    expect(await plan('SELECT rowid FROM shipments s ORDER BY s.activity_at DESC, s.id DESC LIMIT 100')).not.toMatch(/TEMP B-TREE/);
    expect(
      await plan(`SELECT rowid FROM shipments s WHERE s.tag = 'Delivered' ORDER BY s.activity_at DESC, s.id DESC LIMIT 100`),
    ).not.toMatch(/TEMP B-TREE/);
    // Short search: a prefix on the tracking/order numbers, case-insensitive.
    expect((await listShipments(s.db, { ...page, search: 'S0' })).items.map((r) => r.id)).toEqual(['s0']);
    expect((await listShipments(s.db, { ...page, search: 's' })).items.map((r) => r.id)).toEqual(['s2', 's1', 's0']);
    await s.close();
  });
});
