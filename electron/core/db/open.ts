import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
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
  close(): void;
}

/** Opens (creating if needed) the shipment cache in `dataDir` and migrates it. */
export function openShipmentDb(dataDir: string, options: { upTo?: number } = {}): ShipmentDb {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DB_FILE_NAME);
  const documentsDir = join(dataDir, DOCUMENTS_DIR_NAME);
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL is durable against application crashes (the kill test) and only
    // risks the last transactions on power loss, which the workflow resumes from anyway.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db, MIGRATIONS, options.upTo);
  } catch (e) {
    db.close();
    throw e;
  }
  return { db: asWritable(db), path, documentsDir, close: () => db.close() };
}
