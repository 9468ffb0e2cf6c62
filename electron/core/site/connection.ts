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
import { StationFailure } from '../../../shared/result';
import type { WarehouseConnection } from '../db/postgres';

export const WAREHOUSE_URL_ENV_VAR = 'STATION_WAREHOUSE_URL';
export const WAREHOUSE_CA_FILE_ENV_VAR = 'STATION_WAREHOUSE_CA_FILE';

/** The PEM text of a CA file, or a failure naming the file and what to fix. */
export function readCaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new StationFailure(
      'INVALID_ARGUMENT',
      code === 'ENOENT'
        ? `The warehouse database's CA certificate file ${path} does not exist: give the path of its PEM file.`
        : `The warehouse database's CA certificate file ${path} cannot be read (${code ?? String(e)}).`,
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
