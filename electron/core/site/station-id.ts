/**
 * This station's id: made once, kept in its data folder (never shared, never
 * in the warehouse database's settings), so every station of a site has its
 * own whatever its name. Labels and shipments it starts carry it (warehouse
 * mode: only it resumes its unfinished labels).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const STATION_ID_FILE = 'station-id';
const ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;

export function readOrCreateStationId(dataDir: string): string {
  const path = join(dataDir, STATION_ID_FILE);
  try {
    const stored = readFileSync(path, 'utf8').trim();
    if (ID_PATTERN.test(stored)) return stored;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dataDir, { recursive: true });
  const id = randomUUID();
  // 'wx': two processes starting at once on one folder keep the first id.
  try {
    writeFileSync(path, `${id}\n`, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreateStationId(dataDir);
    throw e;
  }
  return id;
}
