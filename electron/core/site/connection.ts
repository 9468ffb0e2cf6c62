/**
 * Where the warehouse database is, as a station learns it: the environment
 * (a deployment script, one value for every bench) wins over Settings.
 *
 * - STATION_WAREHOUSE_URL: postgresql://user:password@host:5432/database?sslmode=verify-full
 * - STATION_WAREHOUSE_CA_FILE: the CA certificate(s) (PEM file) the server's certificate must chain to.
 *
 * Settings keep the parts (host, port, database, user, TLS mode, CA file);
 * the password is kept like the API token (SecretStore), never in settings,
 * logs or the renderer.
 */
import { readFileSync } from 'node:fs';
import type { WarehouseSettings } from '../../../shared/domain/warehouse';
import { ConnectionProblem, type WarehouseConnection } from '../db/postgres';

export type WarehouseSource = 'environment' | 'settings';

export const WAREHOUSE_URL_ENV_VAR = 'STATION_WAREHOUSE_URL';
export const WAREHOUSE_CA_FILE_ENV_VAR = 'STATION_WAREHOUSE_CA_FILE';

/** The PEM text of a CA file, or a failure naming the file and what to fix. */
export function readCaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConnectionProblem(
      'INVALID_ARGUMENT',
      code === 'ENOENT' ? { key: 'caMissing', params: { path } } : { key: 'caUnreadable', params: { path, detail: code ?? String(e) } },
    );
  }
}

/** The connection from the environment, or null when STATION_WAREHOUSE_URL is not set. */
export function warehouseFromEnvironment(env: Readonly<Record<string, string | undefined>>): WarehouseConnection | null {
  const url = env[WAREHOUSE_URL_ENV_VAR]?.trim();
  if (!url) return null;
  const caFile = env[WAREHOUSE_CA_FILE_ENV_VAR]?.trim();
  return { url, ...(caFile ? { ca: readCaFile(caFile) } : {}) };
}

/** The password inside a connection (URL or field), for the log redactor; null when none. */
export function connectionPassword(c: WarehouseConnection | null): string | null {
  if (!c) return null;
  if (c.password) return c.password;
  if (!c.url) return null;
  try {
    const password = new URL(c.url).password;
    return password ? decodeURIComponent(password) : null;
  } catch {
    return null;
  }
}

/** The connection saved in Settings, with the password kept like the API token; null when none is saved. */
export function warehouseFromSettings(saved: WarehouseSettings | null, password: string | null): WarehouseConnection | null {
  if (!saved) return null;
  return {
    ...(saved.url ? { url: saved.url } : {}),
    ...(saved.host ? { host: saved.host } : {}),
    ...(saved.port ? { port: saved.port } : {}),
    ...(saved.database ? { database: saved.database } : {}),
    ...(saved.user ? { user: saved.user } : {}),
    ...(password ? { password } : {}),
    ...(saved.sslmode ? { sslmode: saved.sslmode } : {}),
    ...(saved.caFile ? { ca: readCaFile(saved.caFile) } : {}),
  };
}

export interface StartupWarehouse {
  connection: WarehouseConnection | null;
  /** Where it came from (the environment wins), null: SQLite. */
  source: WarehouseSource | null;
}

/**
 * The database a station opens when it starts: STATION_WAREHOUSE_URL when
 * set (a deployment script stays in charge), else the connection saved in
 * Settings, else the station's own SQLite file.
 */
export function startupWarehouse(
  env: Readonly<Record<string, string | undefined>>,
  saved: WarehouseSettings | null,
  password: () => string | null,
): StartupWarehouse {
  const fromEnv = warehouseFromEnvironment(env);
  if (fromEnv) return { connection: fromEnv, source: 'environment' };
  const fromSettings = warehouseFromSettings(saved, saved ? password() : null);
  return fromSettings ? { connection: fromSettings, source: 'settings' } : { connection: null, source: null };
}

/**
 * A URL typed with its password (postgresql://user:secret@host/db): the
 * password goes to the secret store and the URL is kept without it, so the
 * settings file never holds it in clear.
 */
export function splitUrlPassword(url: string): { url: string; password: string | null } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, password: null };
  }
  if (!parsed.password) return { url, password: null };
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), password };
}
