/**
 * "Test connection" (Settings, warehouse database): connects with the given
 * settings, reads the server's version, encoding and schema version, and
 * closes again. Nothing is written; no migration runs. The answer says what
 * to fix in words (postgres.ts explains connect errors); the password is
 * never part of it.
 */
import { sql } from 'kysely';
import { StationFailure } from '../../../shared/result';
import { schemaVersion } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { createPool, explainConnectError, kyselyOverPostgres, MIN_SERVER_VERSION_NUM, resolveConnection, type WarehouseConnection } from '../db/postgres';
import { asWritable } from '../db/types';

export interface ConnectionTestResult {
  ok: boolean;
  /** user@host:port/database (never the password). */
  location: string | null;
  /** What the station found, or what to fix. */
  message: string;
  serverVersion: string | null;
  /** The database's schema version and the newest this station knows. */
  schemaVersion: number | null;
  stationSchemaVersion: number;
  /** Round trip of the test query (ms). */
  latencyMs: number | null;
}

export async function testWarehouseConnection(connection: WarehouseConnection): Promise<ConnectionTestResult> {
  const newest = MIGRATIONS.at(-1)!.version;
  let resolved;
  try {
    resolved = resolveConnection(connection);
  } catch (e) {
    const message = e instanceof StationFailure ? e.message : String(e);
    return { ok: false, location: null, message, serverVersion: null, schemaVersion: null, stationSchemaVersion: newest, latencyMs: null };
  }
  const pool = createPool({ ...resolved, poolConfig: { ...resolved.poolConfig, max: 1 } }, () => undefined);
  const kysely = kyselyOverPostgres(pool);
  const base = { location: resolved.location, stationSchemaVersion: newest };
  try {
    const started = performance.now();
    let row: { version: string; num: number; encoding: string };
    try {
      const { rows } = await sql<{ version: string; num: number; encoding: string }>`SELECT current_setting('server_version') AS version,
        current_setting('server_version_num')::int AS num, current_setting('server_encoding') AS encoding`.execute(kysely);
      row = rows[0]!;
    } catch (e) {
      return { ...base, ok: false, message: explainConnectError(e, resolved.location).message, serverVersion: null, schemaVersion: null, latencyMs: null };
    }
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const found = { ...base, serverVersion: row.version, latencyMs };
    if (row.num < MIN_SERVER_VERSION_NUM) {
      return { ...found, ok: false, schemaVersion: null, message: `The server runs PostgreSQL ${row.version}; Shipping Station needs 13 or newer.` };
    }
    if (row.encoding !== 'UTF8') {
      return { ...found, ok: false, schemaVersion: null, message: `The database is encoded ${row.encoding}; create it with ENCODING 'UTF8'.` };
    }
    const version = await schemaVersion(asWritable(kysely));
    if (version > newest) {
      return {
        ...found,
        ok: false,
        schemaVersion: version,
        message: `The database was set up by a newer version of Shipping Station (schema ${version}); update this station first.`,
      };
    }
    return {
      ...found,
      ok: true,
      schemaVersion: version,
      message:
        version === newest
          ? `Connected to PostgreSQL ${row.version} at ${resolved.location}; the database is ready.`
          : `Connected to PostgreSQL ${row.version} at ${resolved.location}; the station sets up its tables when it starts in warehouse mode.`,
    };
  } finally {
    await kysely.destroy();
  }
}
