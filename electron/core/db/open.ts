import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { StationFailure } from '../../../shared/result';
import { assertNotNewer, migrate } from './migrate';
import { isReadOnly } from './storage-errors';
import { MIGRATIONS } from './migrations';
import { kyselyOverSqlite } from './sqlite';
import { asWritable, type DialectName, type WritableDb } from './types';

export const DB_FILE_NAME = 'shipments.sqlite';
/** Large label documents are kept as files here, beside the database. */
export const DOCUMENTS_DIR_NAME = 'documents';
/** A writer holding the lock (another station process, a backup) gets this long before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * An opened, migrated database, whichever dialect: what the station's parts
 * are built from.
 */
export interface StationDb {
  db: WritableDb;
  dialect: DialectName;
  /**
   * Where label documents larger than INLINE_DOCUMENT_MAX_BYTES are kept as
   * files (SQLite: beside the database), or null when every document is kept
   * in its row whatever its size (PostgreSQL: every station must read it).
   */
  documentsDir: string | null;
  /** Where the data is, for logs and the UI: a file path, or user@host:port/database (never a password). */
  location: string;
  /** Waits for the statements or transactions in progress, then closes the connection(s). */
  close(): Promise<void>;
}

/** The station's own SQLite cache (the embedded default). */
export interface ShipmentDb extends StationDb {
  dialect: 'sqlite';
  path: string;
  documentsDir: string;
}

/** The warehouse's PostgreSQL database, shared by the stations of a site (open-warehouse.ts). */
export interface WarehouseDb extends StationDb {
  dialect: 'postgres';
  documentsDir: null;
  /** The pool now: connections open, idle among them, and callers waiting for one. */
  connections(): { open: number; idle: number; waiting: number };
}

/**
 * Opens (creating if needed) the shipment cache in `dataDir` and migrates it.
 * A database from a newer version is refused before anything is written:
 * the version is read first, and only then is the file switched to WAL (which
 * rewrites its header) and migrated.
 */
export async function openShipmentDb(dataDir: string, options: { upTo?: number } = {}): Promise<ShipmentDb> {
  const path = join(dataDir, DB_FILE_NAME);
  const documentsDir = join(dataDir, DOCUMENTS_DIR_NAME);
  assertDataFolderWritable(dataDir);
  try {
    return await openWritable(dataDir, path, documentsDir, options);
  } catch (e) {
    throw isReadOnly(e) && !(e instanceof StationFailure) ? cannotWrite(dataDir, path, e) : e;
  }
}

/**
 * Every label is saved before it is bought: a station that cannot write its data folder stops at start, with the
 * file and the cause (READ_ONLY), instead of failing at the first label (or opening a WAL database it cannot even
 * read without writing). The station asks before it writes anything there.
 */
export function assertDataFolderWritable(dataDir: string): void {
  const path = join(dataDir, DB_FILE_NAME);
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.R_OK | constants.W_OK);
  } catch (e) {
    throw cannotWrite(dataDir, path, e);
  }
}

/** Why the station cannot use its data folder: the file, the cause in words, and what to do. */
function cannotWrite(dataDir: string, path: string, e: unknown): StationFailure {
  const code = (e as { code?: string }).code ?? '';
  const cause =
    code === 'EROFS'
      ? 'the disk is read-only'
      : code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY')
        ? 'permission denied'
        : e instanceof Error
          ? e.message
          : String(e);
  let user = 'the user running the station';
  try {
    user = `user "${userInfo().username}"`;
  } catch {
    // No name for this uid (a container): keep the words.
  }
  return new StationFailure(
    'READ_ONLY',
    `Shipping Station cannot write its shipment database ${path} (${cause}). ` +
      `Make the data folder ${dataDir} and the files in it writable for ${user}, ` +
      'or start the station with another data folder. Nothing was changed.',
    undefined,
    { cause: e },
  );
}

async function openWritable(dataDir: string, path: string, documentsDir: string, options: { upTo?: number }): Promise<ShipmentDb> {
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
  return { db, dialect: 'sqlite', path, location: path, documentsDir, close };
}
