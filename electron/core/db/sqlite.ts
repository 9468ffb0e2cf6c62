/**
 * Kysely's SQLite dialect, as the station needs it:
 * - transactions start with BEGIN IMMEDIATE (Kysely's driver says BEGIN, which
 *   is DEFERRED: a transaction that reads first and writes later can then fail
 *   with SQLITE_BUSY at its first write when another process wrote meanwhile,
 *   and busy_timeout cannot help it);
 * - prepared statements are cached per SQL text (Kysely prepares on every
 *   call; the list's queries run on every scroll and the poller's on every poll);
 * - the adapter carries the raw connection, for multi-statement scripts
 *   (`execScript`, used by migrations).
 *
 * Everything runs on the one connection behind a mutex: a transaction holds
 * it from BEGIN to COMMIT, so no other caller's statement lands inside. The
 * mutex is the driver's own (Kysely's built-in one, used when the adapter
 * says it has a single connection, is taken before the driver is asked, too
 * early for the scope guard: a query on the outer handle inside a transaction
 * would wait on it forever instead of failing; see scope-guard.ts).
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
} from 'kysely';
import type { Schema } from './schema';
import { registerGuard, ScopeGuard } from './scope-guard';

/**
 * Distinct SQL texts kept prepared. The station has about a hundred (the list
 * query has a few shapes per filter); the bound keeps a run of one-off texts
 * (a migration, a test) from growing the cache without end.
 */
const STATEMENT_CACHE_MAX = 500;

export class StationSqliteAdapter extends SqliteAdapter {
  constructor(readonly raw: BetterSqlite3.Database) {
    super();
  }

  /** Not true of SQLite: the driver below keeps callers to the one connection itself, after the scope guard's check. */
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

/** One holder at a time, first come first served. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | null = null;

  async lock(): Promise<void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((r) => (release = r));
    await previous;
    this.#release = release;
  }

  unlock(): void {
    const release = this.#release;
    this.#release = null;
    release?.();
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  readonly #guard: ScopeGuard;
  readonly #raw: BetterSqlite3.Database;

  constructor(config: SqliteDialectConfig, guard: ScopeGuard, raw: BetterSqlite3.Database) {
    super(config);
    this.#guard = guard;
    this.#raw = raw;
  }

  readonly #mutex = new Mutex();

  override async acquireConnection(): Promise<DatabaseConnection> {
    // Only a query on the outer handle asks for the connection (see scope-guard.ts): refuse before waiting.
    this.#guard.assertOutside();
    await this.#mutex.lock();
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.#mutex.unlock();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM): a
   * ROLLBACK then fails with "no transaction is active", and that error would replace the one that
   * says what happened (a full disk). Nothing is left to undo then.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#raw.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

/** better-sqlite3 as Kysely's `SqliteDatabase`, with statements reused by SQL text (least recently used dropped first). */
function withStatementCache(raw: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string): SqliteStatement {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = raw.prepare(text);
        if (cache.size >= STATEMENT_CACHE_MAX) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement as unknown as SqliteStatement;
    },
  };
}

export class StationSqliteDialect extends SqliteDialect {
  readonly #raw: BetterSqlite3.Database;
  readonly #config: SqliteDialectConfig;
  readonly #guard = new ScopeGuard();

  constructor(raw: BetterSqlite3.Database) {
    const config: SqliteDialectConfig = { database: withStatementCache(raw) };
    super(config);
    this.#raw = raw;
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#guard, this.#raw);
  }

  override createAdapter(): DialectAdapter {
    const adapter = new StationSqliteAdapter(this.#raw);
    registerGuard(adapter, this.#guard);
    return adapter;
  }
}

/** A Kysely handle over an open better-sqlite3 connection (set its pragmas first); destroying it closes the connection. */
export function kyselyOverSqlite(raw: BetterSqlite3.Database): Kysely<Schema> {
  return new Kysely<Schema>({ dialect: new StationSqliteDialect(raw) });
}
