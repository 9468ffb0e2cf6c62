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
 *   PostgreSQL the outer handle would run outside the transaction, on SQLite
 *   it would wait for it forever; the scope guard (scope-guard.ts) makes
 *   either a loud OuterHandleInScopeError;
 * - no JS booleans as bound values (better-sqlite3 cannot bind them): 0/1 or
 *   a CHECKed TEXT enum;
 * - a bound value whose type PostgreSQL must infer from a sum or a CASE
 *   branch gets a cast (`epochMs(at)` below);
 * - PostgreSQL returns BIGINT and COUNT(*) as numbers here (postgres.ts sets
 *   the pool's int8 parser), so the same row types hold on both dialects.
 */
import { SqliteAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from './schema';
import { guardOf, inScope } from './scope-guard';
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
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

/**
 * An epoch-ms value bound where PostgreSQL cannot tell its type from the
 * context (`$1 + i * $2`, a CASE branch): cast to BIGINT, which SQLite reads
 * as INTEGER.
 */
export function epochMs(value: number): RawBuilder<number> {
  return sql<number>`CAST(${value} AS BIGINT)`;
}

/** Which dialect a handle speaks, for the few queries that need a variant per dialect. */
export function dialectOf(db: ReadableDb): DialectName {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

/**
 * Runs `fn` in one transaction and returns its result; a throw rolls
 * everything back. Inside `fn`, use `tx`: a query on the outer handle fails
 * with OuterHandleInScopeError (scope-guard.ts). A call made with a
 * transaction joins it (no savepoint: a failure anywhere fails the whole).
 * - SQLite: BEGIN IMMEDIATE (the write lock is taken up front, so two writers
 *   never deadlock upgrading a read lock), and no other statement of this
 *   process runs until it ends.
 * - PostgreSQL: READ COMMITTED on one pooled connection; other stations and
 *   other callers of this process run beside it. A read-then-write that must
 *   not race another station locks its rows (`FOR UPDATE`, see
 *   claimDueTracking) or is a single statement.
 */
export async function inTransaction<T>(db: WritableDb, fn: (tx: WritableDb) => Promise<T> | T): Promise<T> {
  if (db.isTransaction) return fn(db);
  const guard = guardOf(db.getExecutor().adapter);
  return db.transaction().execute(async (tx) => inScope(guard, 'inTransaction', async () => fn(asWritable(tx))));
}

/**
 * Runs several statements back to back on one connection (PostgreSQL: session
 * state such as a lock stays with it; SQLite: no other statement of this
 * process lands between them). Inside `fn`, use the handle it is given. A
 * transaction already is one connection. For reads that must agree with each
 * other (a page and its total), use `withSnapshot`.
 */
export async function withConnection<D extends ReadableDb, T>(db: D, fn: (c: D) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  const guard = guardOf(db.getExecutor().adapter);
  return db.connection().execute(async (c) => inScope(guard, 'withConnection', () => fn(c as D)));
}

/**
 * Runs several reads that must see the database at one instant (the list's
 * page and its total, the counts beside it).
 * - SQLite: one connection, no other statement of this process between them
 *   (this process is the only writer of its cache that matters).
 * - PostgreSQL: a REPEATABLE READ READ ONLY transaction, one snapshot for all
 *   of them, whatever the other stations commit meanwhile. (A pooled
 *   connection alone would give each statement its own snapshot.)
 */
export async function withSnapshot<D extends ReadableDb, T>(db: D, fn: (c: D) => Promise<T>): Promise<T> {
  if (db.isTransaction || dialectOf(db) === 'sqlite') return withConnection(db, fn);
  const guard = guardOf(db.getExecutor().adapter);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => inScope(guard, 'inTransaction', () => fn(tx as unknown as D)));
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
    else await withConnection(db, async () => adapter.raw.exec(script));
    return;
  }
  await sql.raw(script).execute(db);
}
