import type { Database, Statement } from 'better-sqlite3';

/**
 * Query functions say in their signature whether they write: a function that
 * takes a `ReadableDb` cannot be handed to code that only reads and then write.
 * Both are the same connection at run time; the brands are for the type checker.
 */
export type ReadableDb = Database & { readonly __readable: unique symbol };
export type WritableDb = ReadableDb & { readonly __writable: unique symbol };

export function asWritable(db: Database): WritableDb {
  return db as WritableDb;
}

const cache = new WeakMap<Database, Map<string, Statement>>();

/** Prepared statements are compiled once per connection and reused (a page query runs on every scroll). */
export function prepared<P extends object | void = void, R = unknown>(db: Database, sql: string): Statement<P extends void ? [] : [P], R> {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let statement = byText.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    byText.set(sql, statement);
  }
  return statement as unknown as Statement<P extends void ? [] : [P], R>;
}

/** Runs `fn` in one IMMEDIATE transaction (takes the write lock up front, so no upgrade deadlock). */
export function inTransaction<T>(db: WritableDb, fn: () => T): T {
  return db.transaction(fn).immediate();
}
