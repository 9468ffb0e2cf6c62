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
import { asWritable } from './types';

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
  const resolved = resolveConnection(connection);
  const pool = createPool(resolved, (error) =>
    options.logger?.warn('a warehouse database connection was dropped', { location: resolved.location, error: error.message }),
  );
  const kysely = kyselyOverPostgres(pool);
  const db = asWritable(kysely);
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => (closing ??= kysely.destroy());
  try {
    let server: { version: number; encoding: string };
    try {
      const { rows } = await sql<{ version: number; encoding: string }>`SELECT current_setting('server_version_num')::int AS version,
        current_setting('server_encoding') AS encoding`.execute(db);
      server = rows[0]!;
    } catch (e) {
      throw explainConnectError(e, resolved.location);
    }
    if (server.version < MIN_SERVER_VERSION_NUM) {
      throw new StationFailure(
        'UNAVAILABLE',
        `The warehouse database at ${resolved.location} runs PostgreSQL ${Math.floor(server.version / 10_000)}; Shipping Station needs 13 or newer.`,
      );
    }
    if (server.encoding !== 'UTF8') {
      throw new StationFailure(
        'UNAVAILABLE',
        `The warehouse database ${resolved.location} is encoded ${server.encoding}; create it with ENCODING 'UTF8' (README, warehouse database).`,
      );
    }
    assertNotNewer(await schemaVersion(db), MIGRATIONS);
    await migrate(db, MIGRATIONS, options.upTo);
  } catch (e) {
    await close();
    throw e;
  }
  const connections = () => ({ open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  return { db, dialect: 'postgres', location: resolved.location, documentsDir: null, connections, close };
}
