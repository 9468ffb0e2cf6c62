/**
 * The migration runner and every step, on SQLite and on a real PostgreSQL:
 * fresh databases, a database from a newer app refused untouched, a failing
 * step rolled back, each step from the previous version with data in place,
 * and (PostgreSQL) several stations migrating one database at once and a
 * role short of a privilege told what to do.
 */
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openShipmentDb, type StationDb } from '../../../electron/core/db/open';
import { openWarehouseDb } from '../../../electron/core/db/open-warehouse';
import { migrate, NewerDatabaseError, PG_VERSION_TABLE, schemaVersion } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import type { Migration } from '../../../electron/core/db/migrations/types';
import { countShipmentsByTag, listShipments } from '../../../electron/core/db/queries/shipments';
import { dialectOf, execScript, withConnection, type DialectName, type ReadableDb } from '../../../electron/core/db/types';
import { testDialects, testStore, type TestStore } from '../../helpers/dialects';
import { asSuperuser, sharedServer, STATION_ROLE } from '../../helpers/postgres';

const dialects = await testDialects();
const NEWEST = MIGRATIONS.at(-1)!.version;
const page = { sort: 'activity_desc', offset: 0, limit: 100 } as const;

async function tableNames(db: ReadableDb): Promise<string[]> {
  const { rows } =
    dialectOf(db) === 'sqlite'
      ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(db)
      : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> ${PG_VERSION_TABLE} ORDER BY table_name`.execute(
          db,
        );
  return rows.map((r) => r.name);
}

/** The plan of a query, as text: SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN with sorting priced out (a Sort node left means no index gives the order). */
async function plan(db: ReadableDb, text: string): Promise<string> {
  if (dialectOf(db) === 'sqlite') {
    return (await sql<{ detail: string }>`${sql.raw(`EXPLAIN QUERY PLAN ${text}`)}`.execute(db)).rows.map((r) => r.detail).join(' | ');
  }
  return withConnection(db, async (c) => {
    await sql`SET enable_sort = off`.execute(c);
    try {
      return (await sql<{ 'QUERY PLAN': string }>`${sql.raw(`EXPLAIN ${text}`)}`.execute(c)).rows.map((r) => r['QUERY PLAN']).join(' | ');
    } finally {
      await sql`RESET enable_sort`.execute(c);
    }
  });
}

const SORT_STEP: Record<DialectName, RegExp> = { sqlite: /TEMP B-TREE/, postgres: /\bSort\b/ };

/** A step that creates a table, then fails: in both dialects' words. */
const brokenStep: Migration = {
  version: NEWEST + 10,
  name: 'broken',
  up: {
    sqlite: async (tx) => {
      await execScript(tx, 'CREATE TABLE half_done (x INTEGER) STRICT');
      await execScript(tx, 'INSERT INTO no_such_table VALUES (1)');
    },
    postgres: async (tx) => {
      await execScript(tx, 'CREATE TABLE half_done (x INTEGER)');
      await execScript(tx, 'INSERT INTO no_such_table VALUES (1)');
    },
  },
};

describe.each(dialects)('migration runner (%s)', (dialect) => {
  let store: TestStore;
  let opened: StationDb[];
  const open = async (o?: { upTo?: number }) => {
    const s = await store.open(o);
    opened.push(s);
    return s;
  };
  beforeEach(async () => {
    store = await testStore(dialect, { migrated: false });
    opened = [];
  });
  afterEach(async () => {
    for (const s of opened) await s.close();
    await store.dispose();
  });

  it('creates a fresh database at the newest version, foreign keys enforced', async () => {
    const s = await open();
    expect(await schemaVersion(s.db)).toBe(NEWEST);
    await expect(
      s.db
        .insertInto('labels')
        .values({
          shipment_id: 'nobody',
          attempt: 1,
          idempotency_key: 'k',
          request_json: '{}',
          state: 'submitting',
          created_at: 1,
          updated_at: 1,
        })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    if (dialect === 'sqlite') {
      expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(s.db)).rows[0]?.journal_mode).toBe('wal');
    } else {
      // One row per step, in order.
      const { rows } = await sql<{
        version: number;
        name: string;
      }>`SELECT version, name FROM ${sql.table(PG_VERSION_TABLE)} ORDER BY version`.execute(s.db);
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    }
  });

  it('rolls a failing step back completely and keeps the previous version', async () => {
    const s = await open();
    await expect(migrate(s.db, [...MIGRATIONS, brokenStep])).rejects.toThrow(/no_such_table/);
    expect(await schemaVersion(s.db)).toBe(NEWEST);
    expect(await tableNames(s.db)).not.toContain('half_done');
  });

  it('refuses migrations whose versions are not rising steps of 10', async () => {
    const s = await open();
    const odd: Migration = { version: 15, name: 'odd', up: { sqlite: async () => undefined, postgres: async () => undefined } };
    await expect(migrate(s.db, [odd])).rejects.toThrow(/steps of 10/);
  });

  it('refuses a value of the wrong type instead of coercing it', async () => {
    const s = await open();
    await expect(
      sql`INSERT INTO shipments (id, provider, tag, created_at, activity_at) VALUES ('x', 'flexforward', 'Pending', 'yesterday', 1)`.execute(
        s.db,
      ),
    ).rejects.toThrow(dialect === 'sqlite' ? /cannot store TEXT value in INTEGER column/ : /invalid input syntax for type bigint/);
  });

  it('creates every table of 0010 on an empty database', async () => {
    const s = await open({ upTo: 10 });
    expect(await schemaVersion(s.db)).toBe(10);
    expect(await tableNames(s.db)).toEqual(['checkpoints', 'documents', 'labels', 'print_jobs', 'shipments', 'status_history', 'tracking']);
  });
});

describe('migration runner (sqlite file)', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await testStore('sqlite');
  });
  afterEach(() => store.dispose());

  it.each(['delete', 'wal'])('refuses a database written by a newer version (%s journal) without writing a byte of it', async (journal) => {
    const dir = store.sqliteDir!;
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

  it('0180: a tag chip lists and counts active shipments from the index alone, leaving out those voided or needing action', async () => {
    const s = await store.open();
    const row = (id: string, at: number, standing: 'active' | 'needs_action' | 'voided') =>
      ({ id, provider: 'flexforward', tag: 'Delivered', standing, created_at: at, activity_at: at }) as const;
    await s.db
      .insertInto('shipments')
      .values([row('a1', 1, 'active'), row('v1', 2, 'voided'), row('n1', 3, 'needs_action'), row('a2', 4, 'active')])
      .execute();
    const listed = await listShipments(s.db, { ...page, tag: 'Delivered' });
    expect(listed.items.map((r) => r.id)).toEqual(['a2', 'a1']);
    expect(listed.total).toBe(2);
    // Without the partial index every row under the tag was read from the table to check its standing.
    const active = "s.tag = 'Delivered' AND s.standing = 'active'";
    const pagePlan = await plan(
      s.db,
      `SELECT s.rowid FROM shipments s WHERE ${active} ORDER BY s.activity_at DESC, s.id DESC LIMIT 100 OFFSET 50`,
    );
    expect(pagePlan).toMatch(/COVERING INDEX shipments_active_tag_activity/);
    expect(pagePlan).not.toMatch(SORT_STEP.sqlite);
    expect(await plan(s.db, `SELECT COUNT(*) FROM shipments s WHERE ${active}`)).toMatch(/COVERING INDEX shipments_active_tag_activity/);
    await s.close();
  });
});

describe.skipIf(!dialects.includes('postgres'))('migration runner (postgres, several stations)', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await testStore('postgres', { migrated: false });
  });
  afterEach(() => store.dispose());

  it('refuses a database written by a newer version before writing anything to it', async () => {
    const s = await store.open();
    await sql`CREATE TABLE from_the_future (x INTEGER)`.execute(s.db);
    await sql`INSERT INTO ${sql.table(PG_VERSION_TABLE)} (version, name, applied_at) VALUES (${NEWEST + 10}, 'future', 1)`.execute(s.db);
    await s.close();
    // Every session in this database is read-only from now on: a write attempted before the refusal would fail
    // with a read-only error instead of NewerDatabaseError.
    const name = store.postgres!.name;
    await asSuperuser(await sharedServer(), (c) => c.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`));

    await expect(store.open()).rejects.toThrow(NewerDatabaseError);
    await expect(openWarehouseDb(store.postgres!.connection, { upTo: 10 })).rejects.toThrow(/newer version of Shipping Station/);
    const { rows } = await asSuperuser(
      await sharedServer(),
      (c) => c.query<{ version: number }>(`SELECT version FROM ${PG_VERSION_TABLE} ORDER BY version DESC LIMIT 1`),
      name,
    );
    expect(rows).toEqual([{ version: NEWEST + 10 }]);
  });

  it('several stations starting at once against an empty database: each step runs exactly once, all of them open it', async () => {
    const stations = await Promise.all([store.open(), store.open(), store.open()]);
    for (const s of stations) expect(await schemaVersion(s.db)).toBe(NEWEST);
    const { rows } = await sql<{
      version: number;
      n: number;
    }>`SELECT version, COUNT(*) AS n FROM ${sql.table(PG_VERSION_TABLE)} GROUP BY version ORDER BY version`.execute(stations[0]!.db);
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, n: 1 })));
    for (const s of stations) await s.close();
  });

  it('a role that may create tables but not the pg_trgm extension is told to ask an admin; once the admin has, it migrates', async () => {
    const info = await sharedServer();
    const name = store.postgres!.name;
    const role = `clerk_${name}`;
    await asSuperuser(info, async (c) => {
      await c.query(`CREATE ROLE ${role} LOGIN PASSWORD 'clerk-password'`);
      await c.query(`GRANT CONNECT ON DATABASE ${name} TO ${role}`);
    });
    await asSuperuser(info, (c) => c.query(`GRANT CREATE, USAGE ON SCHEMA public TO ${role}`), name);
    const clerk = { ...store.postgres!.connection, user: role, password: 'clerk-password' };
    try {
      await expect(openWarehouseDb(clerk)).rejects.toThrow(/schema step 20 \(shipment-search\).*CREATE EXTENSION pg_trgm/);
      // Steps before it stayed, the failed one left nothing behind.
      const partial = await openWarehouseDb(clerk, { upTo: 10 });
      expect(await schemaVersion(partial.db)).toBe(10);
      await partial.close();

      await asSuperuser(info, (c) => c.query('CREATE EXTENSION pg_trgm'), name);
      const s = await openWarehouseDb(clerk);
      expect(await schemaVersion(s.db)).toBe(NEWEST);
      await s.close();
    } finally {
      await store.dispose();
      await asSuperuser(info, (c) => c.query(`DROP ROLE IF EXISTS ${role}`));
    }
  });

  it('the station role owns what it created (nothing needed a superuser)', async () => {
    const s = await store.open();
    const { rows } = await sql<{
      owner: string;
    }>`SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = current_schema()`.execute(s.db);
    expect(rows).toEqual([{ owner: STATION_ROLE }]);
    await s.close();
  });
});

describe.each(dialects)('0020 shipment search, from 0010 with data in place (%s)', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await testStore(dialect, { migrated: false });
  });
  afterEach(() => store.dispose());

  it('indexes rows that existed before the upgrade and follows later edits', async () => {
    const old = await store.open({ upTo: 10 });
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

    // Upgraded to the newest schema (the list's query module reads every later column too); 0020 did the indexing.
    const upgraded = await store.open();
    const db = upgraded.db;
    expect(await schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    const ids = async (search: string) => (await listShipments(db, { ...page, search })).items.map((r) => r.id);
    expect(await ids('0002')).toEqual(['b']);
    expect(await ids('buyer')).toEqual(['a']);
    await db.updateTable('shipments').set({ recipient_name: 'Kim Receiver' }).where('id', '=', 'a').execute();
    expect((await listShipments(db, { ...page, search: 'buyer' })).total).toBe(0);
    expect(await ids('receiver')).toEqual(['a']);
    await db.deleteFrom('shipments').where('id', '=', 'b').execute();
    expect(await ids('YT25')).toEqual(['a']);
    if (dialect === 'postgres') {
      // The search is served by the trigram index of the lowered search text (0190, which replaced 0020's three) once
      // a seq scan is priced out (and, on a table this small, a walk of a sort index: a GIN index is only ever read
      // by a bitmap scan).
      await withConnection(db, async (c) => {
        await sql`SET enable_seqscan = off`.execute(c);
        await sql`SET enable_indexscan = off`.execute(c);
        await sql`SET enable_indexonlyscan = off`.execute(c);
        const { rows } = await sql<{
          'QUERY PLAN': string;
        }>`EXPLAIN SELECT id FROM shipments WHERE search_text LIKE lower('%Buyer%')`.execute(c);
        for (const setting of ['enable_seqscan', 'enable_indexscan', 'enable_indexonlyscan']) await sql.raw(`RESET ${setting}`).execute(c);
        expect(rows.map((r) => r['QUERY PLAN']).join(' | ')).toMatch(/shipments_search_text/);
      });
    }
    await upgraded.close();
  });
});

describe.each(dialects)('0040 list indexes, from 0030 with data in place (%s)', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await testStore(dialect, { migrated: false });
  });
  afterEach(() => store.dispose());

  it('counts existing shipments per tag, keeps the counts through inserts, tag changes and deletes, and sorts without a sort step', async () => {
    const old = await store.open({ upTo: 30 });
    for (const [i, tag] of ['Delivered', 'Delivered', 'InTransit', 'Exception'].entries()) {
      const id = `s${i}`;
      await old.db
        .insertInto('shipments')
        .values({ id, provider: 'flexforward', tracking_number: id, order_number: id, tag, created_at: 1, activity_at: i })
        .execute();
    }
    await old.close();

    // Upgraded to the newest schema (0140 keeps the counts per list key; an active shipment's key is its tag).
    const s = await store.open();
    expect(await schemaVersion(s.db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(await countShipmentsByTag(s.db)).toMatchObject({ total: 4, byTag: { Delivered: 2, InTransit: 1, Exception: 1, Pending: 0 } });
    await s.db.insertInto('shipments').values({ id: 'new', provider: 'flexforward', created_at: 1, activity_at: 9 }).execute();
    await s.db.updateTable('shipments').set({ tag: 'Delivered' }).where('id', '=', 's2').execute();
    // An update that leaves the tag as it was changes no count.
    await s.db.updateTable('shipments').set({ tag: 'Delivered' }).where('id', '=', 's0').execute();
    await s.db.deleteFrom('shipments').where('id', '=', 's3').execute();
    expect(await countShipmentsByTag(s.db)).toMatchObject({ total: 4, byTag: { Delivered: 3, InTransit: 0, Exception: 0, Pending: 1 } });

    const key = dialect === 'sqlite' ? 'rowid' : 'id';
    expect(await plan(s.db, `SELECT ${key} FROM shipments s ORDER BY s.activity_at DESC, s.id DESC LIMIT 100`)).not.toMatch(
      SORT_STEP[dialect],
    );
    expect(
      await plan(s.db, `SELECT ${key} FROM shipments s WHERE s.tag = 'Delivered' ORDER BY s.activity_at DESC, s.id DESC LIMIT 100`),
    ).not.toMatch(SORT_STEP[dialect]);
    expect(await plan(s.db, `SELECT ${key} FROM shipments s ORDER BY s.created_at DESC, s.id DESC LIMIT 100`)).not.toMatch(
      SORT_STEP[dialect],
    );
    // Short search: a prefix on the tracking/order numbers, case-insensitive.
    expect((await listShipments(s.db, { ...page, search: 'S0' })).items.map((r) => r.id)).toEqual(['s0']);
    expect((await listShipments(s.db, { ...page, search: 's' })).items.map((r) => r.id)).toEqual(['s2', 's1', 's0']);
    await s.close();
  });
});
