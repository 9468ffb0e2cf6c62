import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertNotNewer, migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { kyselyOverSqlite } from './sqlite';
import { asWritable, type WritableDb } from './types';

export const DB_FILE_NAME = 'shipments.sqlite';
/** Large label documents are kept as files here, beside the database. */
export const DOCUMENTS_DIR_NAME = 'documents';
/** A writer holding the lock (another station process, a backup) gets this long before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

export interface ShipmentDb {
  db: WritableDb;
  path: string;
  documentsDir: string;
  /** Waits for the statement or transaction in progress, then closes the connection. */
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the shipment cache in `dataDir` and migrates it.
 * A database from a newer version is refused before anything is written:
 * the version is read first, and only then is the file switched to WAL (which
 * rewrites its header) and migrated.
 */
export async function openShipmentDb(dataDir: string, options: { upTo?: number } = {}): Promise<ShipmentDb> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DB_FILE_NAME);
  const documentsDir = join(dataDir, DOCUMENTS_DIR_NAME);
  const raw = new Database(path);
  try {
    // Connection settings only (nothing of these is stored in the file).
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    raw.pragma('foreign_keys = ON');
    // WAL + NORMAL is durable against application crashes (the kill test) and only
    // risks the last transactions on power loss, which the workflow resumes from anyway.
    raw.pragma('synchronous = NORMAL');
    assertNotNewer(raw.pragma('user_version', { simple: true }) as number, MIGRATIONS);
    raw.pragma('journal_mode = WAL');
  } catch (e) {
    raw.close();
    throw e;
  }
  const kysely = kyselyOverSqlite(raw);
  const db = asWritable(kysely);
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      // Taking the connection waits for whoever holds it (a transaction in progress) to finish.
      await kysely.connection().execute(async () => undefined);
      await kysely.destroy();
    })());
  try {
    await migrate(db, MIGRATIONS, options.upTo);
  } catch (e) {
    await close();
    throw e;
  }
  return { db, path, documentsDir, close };
}
