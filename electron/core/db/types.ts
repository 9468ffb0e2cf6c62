/**
 * The one data-access interface of core: an async, typed query builder
 * (Kysely) over the tables in `schema.ts`.
 *
 * Why Kysely rather than SQL text per dialect behind our own interface:
 * - one interface for SQLite (the embedded default, better-sqlite3) and
 *   PostgreSQL (warehouse mode, `pg`), both shipped by the library as dialects,
 *   so the same query modules, migrations and tests serve both;
 * - typed queries: a column renamed or mistyped, or a value of the wrong type,
 *   fails `tsc`, in every query module at once;
 * - it is a well-kept, dependency-free, MIT library whose builder quotes every
 *   identifier (PostgreSQL folds unquoted ones to lower case, which would break
 *   camelCase aliases) and whose `sql` template keeps dialect-specific parts
 *   (FTS5 trigram search in SQLite, pg_trgm later) parameterised and typed;
 * - on SQLite it runs everything on one connection behind a mutex, so
 *   concurrent callers in one process never interleave statements inside
 *   another's transaction (test/integration/db/transactions.test.ts).
 *
 * Rules for query modules (electron/core/db/queries/<table>.ts):
 * - a query function takes the db first and says in its type whether it
 *   writes (`ReadableDb` or `WritableDb`), and returns a promise;
 * - result columns get camelCase aliases through the builder (`'remote_id as
 *   remoteId'`) or `sql.ref`, never bare aliases in raw text, so they survive
 *   PostgreSQL's case folding;
 * - portable SQL where it exists (CASE instead of SQLite's two-argument MAX,
 *   table-qualified columns in ON CONFLICT … DO UPDATE); `dialectOf(db)` picks
 *   the dialect-specific variant where it does not;
 * - inside `inTransaction`, use the `tx` it hands you, never the outer db: on
 *   SQLite the transaction holds the one connection, so a query on the outer
 *   handle would wait for it forever.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';
import type { Schema } from './schema';
import { StationSqliteAdapter } from './sqlite';

declare const readable: unique symbol;
declare const writable: unique symbol;

/** A database handle or a transaction; the brands below say what a function may do with it. */
export type Db = Kysely<Schema>;

/**
 * Query functions say in their signature whether they write: a `ReadableDb`
 * parameter promises the function only reads. Both are the same handle at run
 * time; the brands are for the type checker.
 */
export type ReadableDb = Db & { readonly [readable]: true };
export type WritableDb = ReadableDb & { readonly [writable]: true };

export function asWritable(db: Db): WritableDb {
  return db as WritableDb;
}

export type DialectName = 'sqlite' | 'postgres';

/** Which dialect a handle speaks, for the few queries that need a variant per dialect. */
export function dialectOf(db: ReadableDb): DialectName {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

/**
 * Runs `fn` in one transaction and returns its result; a throw rolls
 * everything back. On SQLite it is BEGIN IMMEDIATE (the write lock is taken up
 * front, so two writers never deadlock upgrading a read lock), and no other
 * statement of this process runs until it ends. A call made with a transaction
 * joins it (no savepoint: a failure anywhere fails the whole).
 */
export async function inTransaction<T>(db: WritableDb, fn: (tx: WritableDb) => Promise<T> | T): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(async (tx) => fn(asWritable(tx)));
}

/**
 * Runs several statements back to back on one connection, with no other
 * statement of this process between them (a page and its total agree). Inside
 * `fn`, use the handle it is given. A transaction already is one connection.
 */
export async function withConnection<D extends ReadableDb, T>(db: D, fn: (c: D) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.connection().execute(async (c) => fn(c as D));
}

/**
 * Runs a script of several statements (DDL in migrations, trigger bodies
 * included), which a prepared statement cannot. SQLite executes it on the
 * raw connection while holding the connection; PostgreSQL's simple query
 * protocol (a query without parameters) takes several statements as they are.
 */
export async function execScript(db: WritableDb, script: string): Promise<void> {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof StationSqliteAdapter) {
    // A transaction already holds the one connection; otherwise take it for the script.
    if (db.isTransaction) adapter.raw.exec(script);
    else await db.connection().execute(async () => adapter.raw.exec(script));
    return;
  }
  await sql.raw(script).execute(db);
}
