import { sql } from 'kysely';
import { StationFailure } from '../../../shared/result';
import type { Migration } from './migrations/types';
import { dialectOf, inTransaction, type ReadableDb, type WritableDb } from './types';

export class NewerDatabaseError extends StationFailure {
  constructor(found: number, supported: number) {
    super(
      'CONFLICT',
      `The shipment database was written by a newer version of Shipping Station (schema ${found}, this version knows up to ${supported}). Update the app; the database was left untouched.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

/** The newest version a list of migrations reaches (0 for none). */
export function newestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Throws NewerDatabaseError when `found` is beyond what `migrations` know. Call it before writing anything. */
export function assertNotNewer(found: number, migrations: readonly Migration[]): void {
  const newest = newestVersion(migrations);
  if (found > newest) throw new NewerDatabaseError(found, newest);
}

/** SQLite keeps the schema version in the file header (`user_version`), inside the same transaction as the step. */
export async function schemaVersion(db: ReadableDb): Promise<number> {
  const { rows } = await sql<{ user_version: number }>`pragma user_version`.execute(db);
  return rows[0]?.user_version ?? 0;
}

async function setSchemaVersion(tx: WritableDb, version: number): Promise<void> {
  // A pragma takes no parameters; `version` is an integer checked by assertOrdered.
  await sql.raw(`pragma user_version = ${version}`).execute(tx);
}

/**
 * Brings the database up to the newest step, one transaction per step, so a
 * crash or a failing step leaves the database at the previous version, never
 * half-migrated. `upTo` exists for migration tests (start from an older version).
 */
export async function migrate(db: WritableDb, migrations: readonly Migration[], upTo = Number.POSITIVE_INFINITY): Promise<number> {
  assertOrdered(migrations);
  const dialect = dialectOf(db);
  if (dialect !== 'sqlite') throw new Error(`Migrations for ${dialect} are not wired yet (schema version table)`);
  const missing = migrations.find((m) => !m.up[dialect]);
  if (missing) throw new Error(`Migration ${missing.version} (${missing.name}) has no ${dialect} body`);
  const current = await schemaVersion(db);
  assertNotNewer(current, migrations);
  for (const step of migrations) {
    if (step.version <= current || step.version > upTo) continue;
    const up = step.up[dialect]!;
    await inTransaction(db, async (tx) => {
      await up(tx);
      // The version is part of the same transaction: it moves only if the step committed.
      await setSchemaVersion(tx, step.version);
    });
  }
  return schemaVersion(db);
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
