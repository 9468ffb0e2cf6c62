import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openShipmentDb } from '../../../electron/core/db/open';
import { migrate, NewerDatabaseError, schemaVersion } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import type { Migration } from '../../../electron/core/db/migrations/types';
import { countShipmentsByTag, listShipments } from '../../../electron/core/db/queries/shipments';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NEWEST = MIGRATIONS.at(-1)!.version;
const page = { sort: 'activity_desc', offset: 0, limit: 100 } as const;

describe('migration runner', () => {
  it('creates a fresh database at the newest version with WAL and foreign keys on', () => {
    const s = openShipmentDb(dir);
    expect(schemaVersion(s.db)).toBe(NEWEST);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    s.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const raw = new Database(join(dir, DB_FILE_NAME));
    raw.pragma(`user_version = ${NEWEST + 10}`);
    raw.exec('CREATE TABLE from_the_future (x INTEGER) STRICT');
    raw.close();
    expect(() => openShipmentDb(dir)).toThrow(NewerDatabaseError);
    const again = new Database(join(dir, DB_FILE_NAME));
    expect(schemaVersion(again)).toBe(NEWEST + 10);
    expect(again.prepare("SELECT name FROM sqlite_master WHERE name = 'from_the_future'").get()).toBeTruthy();
    again.close();
  });

  it('rolls a failing step back completely and keeps the previous version', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: NEWEST + 10,
        name: 'broken',
        up(d) {
          d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
          d.exec('INSERT INTO no_such_table VALUES (1)');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(NEWEST);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });

  it('refuses migrations whose versions are not rising steps of 10', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 15, name: 'odd', up: () => undefined }])).toThrow(/steps of 10/);
    db.close();
  });

  it('tables are STRICT: a wrong type is refused, not coerced', () => {
    const s = openShipmentDb(dir);
    expect(() =>
      s.db
        .prepare(
          "INSERT INTO shipments (id, provider, tag, created_at, activity_at) VALUES ('x', 'flexforward', 'Pending', 'yesterday', 1)",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    s.close();
  });
});

describe('0020 shipment search, from 0010 with data in place', () => {
  it('indexes rows that existed before the upgrade and follows later edits', () => {
    const old = openShipmentDb(dir, { upTo: 10 });
    expect(schemaVersion(old.db)).toBe(10);
    const insert = old.db.prepare(
      `INSERT INTO shipments (id, provider, tracking_number, order_number, recipient_name, tag, created_at, activity_at)
       VALUES (@id, 'flexforward', @tn, @order, @name, 'InTransit', 1, @at)`,
    );
    insert.run({ id: 'a', tn: 'YT2503010001CN', order: 'ORDER-1001', name: 'Pat Buyer', at: 1 });
    insert.run({ id: 'b', tn: 'YT2503010002CN', order: 'ORDER-1002', name: 'Sam Seller', at: 2 });
    old.close();

    const upgraded = openShipmentDb(dir, { upTo: 20 });
    expect(schemaVersion(upgraded.db)).toBe(20);
    expect(listShipments(upgraded.db, { ...page, search: '0002' }).items.map((r) => r.id)).toEqual(['b']);
    expect(listShipments(upgraded.db, { ...page, search: 'buyer' }).items.map((r) => r.id)).toEqual(['a']);
    upgraded.db.prepare(`UPDATE shipments SET recipient_name = 'Kim Receiver' WHERE id = 'a'`).run();
    expect(listShipments(upgraded.db, { ...page, search: 'buyer' }).total).toBe(0);
    expect(listShipments(upgraded.db, { ...page, search: 'receiver' }).items.map((r) => r.id)).toEqual(['a']);
    upgraded.db.prepare(`DELETE FROM shipments WHERE id = 'b'`).run();
    expect(listShipments(upgraded.db, { ...page, search: 'YT25' }).items.map((r) => r.id)).toEqual(['a']);
    upgraded.close();
  });
});

describe('0010 initial', () => {
  it('creates every table on a version-0 (empty) file', () => {
    const raw = new Database(join(dir, DB_FILE_NAME));
    expect(schemaVersion(raw)).toBe(0);
    raw.close();
    const s = openShipmentDb(dir, { upTo: 10 });
    const tables = s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(['checkpoints', 'documents', 'labels', 'print_jobs', 'shipments', 'status_history', 'tracking']);
    s.close();
  });
});

describe('0040 list indexes, from 0030 with data in place', () => {
  it('counts existing shipments per tag, keeps the counts through inserts, tag changes and deletes, and sorts without a sort step', () => {
    const old = openShipmentDb(dir, { upTo: 30 });
    const insert = old.db.prepare(
      `INSERT INTO shipments (id, provider, tracking_number, order_number, tag, created_at, activity_at) VALUES (@id, 'flexforward', @id, @id, @tag, 1, @at)`,
    );
    ['Delivered', 'Delivered', 'InTransit', 'Exception'].forEach((tag, i) => insert.run({ id: `s${i}`, tag, at: i }));
    old.close();

    const s = openShipmentDb(dir, { upTo: 40 });
    expect(schemaVersion(s.db)).toBe(40);
    expect(countShipmentsByTag(s.db)).toMatchObject({ total: 4, byTag: { Delivered: 2, InTransit: 1, Exception: 1, Pending: 0 } });
    s.db.prepare(`INSERT INTO shipments (id, provider, created_at, activity_at) VALUES ('new', 'flexforward', 1, 9)`).run();
    s.db.prepare(`UPDATE shipments SET tag = 'Delivered' WHERE id = 's2'`).run();
    s.db.prepare(`DELETE FROM shipments WHERE id = 's3'`).run();
    expect(countShipmentsByTag(s.db)).toMatchObject({ total: 4, byTag: { Delivered: 3, InTransit: 0, Exception: 0, Pending: 1 } });

    const plan = (sql: string) => (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT rowid FROM shipments s ORDER BY s.activity_at DESC, s.id DESC LIMIT 100')).not.toMatch(/TEMP B-TREE/);
    expect(plan(`SELECT rowid FROM shipments s WHERE s.tag = 'Delivered' ORDER BY s.activity_at DESC, s.id DESC LIMIT 100`)).not.toMatch(/TEMP B-TREE/);
    // Short search: a prefix on the tracking/order numbers, case-insensitive.
    expect(listShipments(s.db, { ...page, search: 'S0' }).items.map((r) => r.id)).toEqual(['s0']);
    expect(listShipments(s.db, { ...page, search: 's' }).items.map((r) => r.id)).toEqual(['s2', 's1', 's0']);
    s.close();
  });
});
