/**
 * Opening the warehouse database (PostgreSQL). A module of its own so that a
 * station on its SQLite cache (open.ts) never loads the PostgreSQL client.
 */
import { sql } from 'kysely';
import { StationFailure } from '../../../shared/result';
import type { Logger } from '../util/log';
import { assertNotNewer, migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import type { WarehouseDb } from './open';
import {
  createPool,
  explainConnectError,
  kyselyOverPostgres,
  MIN_SERVER_VERSION_NUM,
  resolveConnection,
  type WarehouseConnection,
} from './postgres';
import { isDatabaseUnreachable } from './storage-errors';
import { asWritable, type WritableDb } from './types';

/** While the warehouse database cannot be reached at start: tried again after 1 s, then twice as long each time up to 15 s. */
export const START_RETRY_FIRST_MS = 1_000;
export const START_RETRY_MAX_MS = 15_000;

/**
 * Connects to the warehouse database and migrates it. Checks first that the
 * server is reachable, new enough and UTF-8, and refuses a schema from a newer
 * app before anything is written (the version is read, not written, by a
 * station at the newest version). Fails with a StationFailure saying what to
 * fix; nothing is left open then.
 */
export async function openWarehouseDb(
  connection: WarehouseConnection,
  options: { logger?: Logger; upTo?: number } = {},
): Promise<WarehouseDb> {
  const started = await startWarehouseDb(connection, { ...options, waitIfUnreachable: false });
  return started.db;
}

/** A station's warehouse database, open now or still being waited for. */
export interface WarehouseStart {
  db: WarehouseDb;
  /**
   * Null when the database was open at once. Otherwise: resolves when the database has been reached, checked
   * and migrated, and queries go through from then on; rejects if the station closes it first.
   */
  ready: Promise<void> | null;
  /** Why the database is not open yet, explained (what to check); null once it is. */
  waitingFor(): string | null;
}

/**
 * As openWarehouseDb, but a station whose database cannot be reached at start
 * (`waitIfUnreachable`: the server is stopped or restarting, the network is
 * down) still starts: the handle it gets refuses every query at once with
 * DATABASE_UNREACHABLE (nothing runs on a schema not yet checked), and the
 * database is tried again with backoff until it answers, then checked and
 * migrated as at a normal start, and the handle opens. A database that
 * answers but is refused (wrong password, a newer schema, PostgreSQL too old)
 * still fails at once: waiting would not fix it, and the message says what does.
 */
export async function startWarehouseDb(
  connection: WarehouseConnection,
  options: {
    logger?: Logger;
    upTo?: number;
    waitIfUnreachable?: boolean;
    /**
     * Wait whatever the failure (a refused password, a missing database, a newer schema too): for a connection set in
     * Settings, which the admin can only fix from a running station. The banner carries the reason meanwhile.
     */
    waitOnAnyFailure?: boolean;
  } = {},
): Promise<WarehouseStart> {
  const resolved = resolveConnection(connection);
  const pool = createPool(resolved, (error) =>
    options.logger?.warn('a warehouse database connection was dropped', { location: resolved.location, error: error.message }),
  );
  let waiting: StationFailure | null = null;
  let closed = false;
  const gate = {
    assertOpen: () => {
      if (closed) throw new StationFailure('UNAVAILABLE', 'The warehouse database connection is closed (the station is stopping).');
      if (waiting) throw waiting;
    },
  };
  const kysely = kyselyOverPostgres(pool, gate);
  // Start-up checks and migrations go through a handle of their own on the same pool, past the gate (never destroyed:
  // the station's handle ends the pool).
  const checking = asWritable(kyselyOverPostgres(pool));
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopWaiting: ((e: Error) => void) | null = null;
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closed = true;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    stopWaiting?.(new StationFailure('UNAVAILABLE', 'The station stopped before the warehouse database could be reached.'));
    // Kysely ends the pool only if its own handle ever ran a query; the start-up checks ran on the other one.
    return (closing ??= kysely.destroy().then(() => (pool.ended ? undefined : pool.end())));
  };
  const connections = () => ({ open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  const db: WarehouseDb = { db: asWritable(kysely), dialect: 'postgres', location: resolved.location, documentsDir: null, connections, close };
  const started = (ready: Promise<void> | null): WarehouseStart => ({ db, ready, waitingFor: () => waiting?.message ?? null });

  try {
    await checkAndMigrate(checking, resolved.location, options.upTo);
    return started(null);
  } catch (e) {
    // The explained failure keeps the driver's own error as its cause: that says whether the server was there at all.
    const raw = e instanceof StationFailure && e.cause !== undefined ? e.cause : e;
    if (!options.waitOnAnyFailure && (!options.waitIfUnreachable || !isDatabaseUnreachable(raw))) {
      await close();
      throw e;
    }
    waiting = unreachable(e);
  }
  const log = options.logger;
  log?.warn('the warehouse database cannot be reached at start; the station starts and keeps trying', {
    location: resolved.location,
    message: waiting.message,
  });
  const ready = new Promise<void>((resolve, reject) => {
    stopWaiting = reject;
    const attempt = (delayMs: number): void => {
      timer = setTimeout(() => {
        timer = null;
        void checkAndMigrate(checking, resolved.location, options.upTo).then(
          () => {
            if (closed) return;
            waiting = null;
            log?.info('the warehouse database is reachable: checked and migrated, the station goes on', { location: resolved.location });
            resolve();
          },
          (e: unknown) => {
            if (closed) return;
            const next = unreachable(e);
            // Said once per new reason, not on every try.
            if (next.message !== waiting?.message) log?.warn('the warehouse database is still not ready', { message: next.message });
            waiting = next;
            attempt(Math.min(delayMs * 2, START_RETRY_MAX_MS));
          },
        );
      }, delayMs);
    };
    attempt(START_RETRY_FIRST_MS);
  });
  // The station may close before the database ever comes: that rejection is expected, not unhandled.
  ready.catch(() => undefined);
  return started(ready);
}

/** The start-up failure as the gate says it: DATABASE_UNREACHABLE with the explained cause (what to check). */
function unreachable(e: unknown): StationFailure {
  if (e instanceof StationFailure && e.code === 'DATABASE_UNREACHABLE') return e;
  const message = e instanceof Error ? e.message : String(e);
  return new StationFailure('DATABASE_UNREACHABLE', message, undefined, { cause: e });
}

/** Reachable, PostgreSQL 13+, UTF-8, a schema not newer than this app's; then migrated. Throws what to fix. */
async function checkAndMigrate(db: WritableDb, location: string, upTo: number | undefined): Promise<void> {
  let server: { version: number; encoding: string };
  try {
    const { rows } = await sql<{ version: number; encoding: string }>`SELECT current_setting('server_version_num')::int AS version,
      current_setting('server_encoding') AS encoding`.execute(db);
    server = rows[0]!;
  } catch (e) {
    throw explainConnectError(e, location);
  }
  if (server.version < MIN_SERVER_VERSION_NUM) {
    throw new StationFailure(
      'UNAVAILABLE',
      `The warehouse database at ${location} runs PostgreSQL ${Math.floor(server.version / 10_000)}; Shipping Station needs 13 or newer.`,
    );
  }
  if (server.encoding !== 'UTF8') {
    throw new StationFailure(
      'UNAVAILABLE',
      `The warehouse database ${location} is encoded ${server.encoding}; create it with ENCODING 'UTF8' (README, warehouse database).`,
    );
  }
  assertNotNewer(await schemaVersion(db), MIGRATIONS);
  await migrate(db, MIGRATIONS, upTo);
}
