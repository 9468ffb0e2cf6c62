import type { Database } from 'better-sqlite3';
import { StationFailure } from '../../../shared/result';
import type { Migration } from './migrations/types';

export class NewerDatabaseError extends StationFailure {
  constructor(found: number, supported: number) {
    super(
      'CONFLICT',
      `The shipment database was written by a newer version of Shipping Station (schema ${found}, this version knows up to ${supported}). Update the app; the database was left untouched.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the newest step, one transaction per step, so a
 * crash or a failing step leaves the database at the previous version, never
 * half-migrated. `upTo` exists for migration tests (start from an older version).
 */
export function migrate(db: Database, migrations: readonly Migration[], upTo = Number.POSITIVE_INFINITY): number {
  assertOrdered(migrations);
  const newest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > newest) throw new NewerDatabaseError(current, newest);
  for (const step of migrations) {
    if (step.version <= current || step.version > upTo) continue;
    db.transaction(() => {
      step.up(db);
      // user_version is part of the same transaction: it moves only if the step committed.
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
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
