/**
 * "Test connection" (Settings, warehouse database): connects with the given
 * settings, reads the server's version, encoding and schema version, and
 * closes again. Nothing is written; no migration runs. The answer says what
 * to fix in words (postgres.ts explains connect errors); the password is
 * never part of it.
 */
import { sql } from 'kysely';
import type { ConnectReason, WarehouseConnectionTest } from '../../../shared/domain/warehouse';
import { schemaVersion } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import {
  ConnectionProblem,
  connectMessage,
  createPool,
  explainConnectError,
  kyselyOverPostgres,
  MIN_SERVER_VERSION_NUM,
  resolveConnection,
  type WarehouseConnection,
} from '../db/postgres';
import { asWritable } from '../db/types';

/** What a problem says: its reason when it has one (every ConnectionProblem), else its English message. */
function sayProblem(e: unknown): Pick<WarehouseConnectionTest, 'message' | 'reason'> {
  if (e instanceof ConnectionProblem) return { message: e.message, reason: e.reason };
  return { message: e instanceof Error ? e.message : String(e), reason: null };
}

/** The answer when the settings themselves are wrong (nothing was tried): what to fix. */
export function refusedBeforeConnecting(e: unknown): WarehouseConnectionTest {
  const stationSchemaVersion = MIGRATIONS.at(-1)!.version;
  return { ok: false, location: null, ...sayProblem(e), serverVersion: null, schemaVersion: null, stationSchemaVersion, latencyMs: null };
}

const said = (reason: ConnectReason): Pick<WarehouseConnectionTest, 'message' | 'reason'> => ({ message: connectMessage(reason), reason });

export async function testWarehouseConnection(connection: WarehouseConnection): Promise<WarehouseConnectionTest> {
  const newest = MIGRATIONS.at(-1)!.version;
  let resolved;
  try {
    resolved = resolveConnection(connection);
  } catch (e) {
    return refusedBeforeConnecting(e);
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
      return {
        ...base,
        ok: false,
        ...sayProblem(explainConnectError(e, resolved.location)),
        serverVersion: null,
        schemaVersion: null,
        latencyMs: null,
      };
    }
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const found = { ...base, serverVersion: row.version, latencyMs };
    if (row.num < MIN_SERVER_VERSION_NUM) {
      return { ...found, ok: false, schemaVersion: null, ...said({ key: 'oldServer', params: { version: row.version } }) };
    }
    if (row.encoding !== 'UTF8') {
      return { ...found, ok: false, schemaVersion: null, ...said({ key: 'encoding', params: { encoding: row.encoding } }) };
    }
    const version = await schemaVersion(asWritable(kysely));
    if (version > newest) {
      return {
        ...found,
        ok: false,
        schemaVersion: version,
        ...said({ key: 'newerSchema', params: { version } }),
      };
    }
    return {
      ...found,
      ok: true,
      schemaVersion: version,
      ...said({ key: version === newest ? 'ready' : 'setUpAtStart', params: { version: row.version, location: resolved.location } }),
    };
  } finally {
    await kysely.destroy();
  }
}
