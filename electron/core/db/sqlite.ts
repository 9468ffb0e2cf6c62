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
 * Kysely itself runs everything on the one connection behind a mutex
 * (SqliteAdapter.supportsMultipleConnections is false): a transaction holds it
 * from BEGIN to COMMIT, so no other caller's statement lands inside.
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
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
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

  constructor(raw: BetterSqlite3.Database) {
    const config: SqliteDialectConfig = { database: withStatementCache(raw) };
    super(config);
    this.#raw = raw;
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new StationSqliteAdapter(this.#raw);
  }
}

/** A Kysely handle over an open better-sqlite3 connection (set its pragmas first); destroying it closes the connection. */
export function kyselyOverSqlite(raw: BetterSqlite3.Database): Kysely<Schema> {
  return new Kysely<Schema>({ dialect: new StationSqliteDialect(raw) });
}
