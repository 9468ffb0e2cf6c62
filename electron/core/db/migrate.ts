/**
 * The migration runner, for both dialects. Each step runs in its own
 * transaction with the version moved in the same transaction, so a crash or a
 * failing step leaves the database at the previous version, never
 * half-migrated; a database from a newer app is refused before anything is
 * written.
 *
 * Where the version lives:
 * - SQLite: the file header's `user_version`.
 * - PostgreSQL: the table `station_schema_version`, one row per step applied
 *   (version, name, when). It is read before anything is written; a database
 *   without it is at version 0. Several stations may start at once against
 *   one warehouse database: each step takes a transaction-level advisory lock
 *   (`pg_advisory_xact_lock`), then reads the version again under it, so a
 *   step runs exactly once and a station that waited finds the work done. The
 *   lock goes with the transaction: a station that dies mid-step leaves no
 *   lock behind and its step rolled back. A station at the newest version
 *   takes no lock and writes nothing.
 */
import { sql } from 'kysely';
import { StationFailure } from '../../../shared/result';
import type { Migration } from './migrations/types';
import { dialectOf, execScript, inTransaction, type ReadableDb, type WritableDb } from './types';

export class NewerDatabaseError extends StationFailure {
  constructor(found: number, supported: number) {
    super(
      'CONFLICT',
      `The shipment database was written by a newer version of Shipping Station (schema ${found}, this version knows up to ${supported}). Update the app; the database was left untouched.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

/** PostgreSQL's schema version table (SQLite keeps the version in its file header). */
export const PG_VERSION_TABLE = 'station_schema_version';
/**
 * The advisory lock key every station's migration step takes (one app-wide
 * constant; "SSmg" in ASCII). Warehouse-mode locks of their own (the poll
 * leader) must pick other keys.
 */
export const MIGRATION_LOCK_KEY = 0x53_53_6d_67;

/** The newest version a list of migrations reaches (0 for none). */
export function newestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Throws NewerDatabaseError when `found` is beyond what `migrations` know. Call it before writing anything. */
export function assertNotNewer(found: number, migrations: readonly Migration[]): void {
  const newest = newestVersion(migrations);
  if (found > newest) throw new NewerDatabaseError(found, newest);
}

/** The schema version of the database: 0 for an empty one. Reads only. */
export async function schemaVersion(db: ReadableDb): Promise<number> {
  if (dialectOf(db) === 'sqlite') {
    const { rows } = await sql<{ user_version: number }>`pragma user_version`.execute(db);
    return rows[0]?.user_version ?? 0;
  }
  const { rows: found } = await sql<{ present: boolean }>`SELECT to_regclass(${PG_VERSION_TABLE}) IS NOT NULL AS present`.execute(db);
  if (!found[0]?.present) return 0;
  const { rows } = await sql<{ version: number }>`SELECT COALESCE(MAX(version), 0) AS version FROM ${sql.table(PG_VERSION_TABLE)}`.execute(
    db,
  );
  return Number(rows[0]?.version ?? 0);
}

/**
 * Brings the database up to the newest step (or `upTo`, for migration tests
 * that start from an older version) and returns the version it is at.
 */
export async function migrate(db: WritableDb, migrations: readonly Migration[], upTo = Number.POSITIVE_INFINITY): Promise<number> {
  assertOrdered(migrations);
  const dialect = dialectOf(db);
  const missing = migrations.find((m) => typeof m.up[dialect] !== 'function');
  if (missing) throw new Error(`Migration ${missing.version} (${missing.name}) has no ${dialect} body`);
  const current = await schemaVersion(db);
  assertNotNewer(current, migrations);
  const pending = migrations.filter((m) => m.version > current && m.version <= upTo);
  if (dialect === 'postgres' && pending.length > 0 && current === 0) await createVersionTable(db);
  for (const step of migrations) {
    if (step.version <= current || step.version > upTo) continue;
    if (dialect === 'sqlite') await sqliteStep(db, step);
    else await postgresStep(db, step, migrations);
  }
  return schemaVersion(db);
}

async function sqliteStep(db: WritableDb, step: Migration): Promise<void> {
  await inTransaction(db, async (tx) => {
    await step.up.sqlite(tx);
    // The version is part of the same transaction: it moves only if the step committed.
    // A pragma takes no parameters; `version` is an integer checked by assertOrdered.
    await sql.raw(`pragma user_version = ${step.version}`).execute(tx);
  });
}

/** Held until the transaction ends: another station's migration waits here. */
const takeMigrationLock = (tx: WritableDb) => sql`SELECT pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(tx);

/**
 * A database at version 0 gets the version table first, in a transaction of
 * its own under the lock (two stations creating it at once would collide).
 * From then on each step's version read locks the table, which also makes
 * PostgreSQL reload the catalogue that another station changed while this
 * one waited (a lookup that takes no lock, such as to_regclass, may not).
 */
async function createVersionTable(db: WritableDb): Promise<void> {
  await inTransaction(db, async (tx) => {
    await takeMigrationLock(tx);
    await execScript(
      tx,
      `CREATE TABLE IF NOT EXISTS ${PG_VERSION_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
    );
  });
}

async function postgresStep(db: WritableDb, step: Migration, migrations: readonly Migration[]): Promise<void> {
  try {
    await inTransaction(db, async (tx) => {
      await takeMigrationLock(tx);
      // Read again under the lock: another station may have run this step (or newer ones) meanwhile.
      const { rows } = await sql<{
        version: number;
      }>`SELECT COALESCE(MAX(version), 0) AS version FROM ${sql.table(PG_VERSION_TABLE)}`.execute(tx);
      const now = Number(rows[0]?.version ?? 0);
      assertNotNewer(now, migrations);
      if (now >= step.version) return;
      await step.up.postgres(tx);
      await sql`INSERT INTO ${sql.table(PG_VERSION_TABLE)} (version, name, applied_at) VALUES (${step.version}, ${step.name}, ${Date.now()})`.execute(
        tx,
      );
    });
  } catch (e) {
    throw explainStepFailure(e, step);
  }
}

/** PostgreSQL's SQLSTATE for a missing privilege. */
const INSUFFICIENT_PRIVILEGE = '42501';

function explainStepFailure(e: unknown, step: Migration): unknown {
  if (e instanceof Error && (e as { code?: unknown }).code === INSUFFICIENT_PRIVILEGE) {
    return new StationFailure(
      'CONFLICT',
      `The warehouse database refused schema step ${step.version} (${step.name}): ${e.message}. Schema steps run as the role that owns the ` +
        'database: npm run warehouse:migrate -- --to postgresql://<owner>@<host>/<database> (or an admin runs what the step needs, such as ' +
        'CREATE EXTENSION pg_trgm); see the README, Warehouse mode.',
      undefined,
      { cause: e },
    );
  }
  return e;
}

function assertOrdered(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous || m.version % 10 !== 0) {
      throw new Error(`Migration ${m.name} has version ${m.version}; versions must rise in steps of 10`);
    }
    previous = m.version;
  }
}
