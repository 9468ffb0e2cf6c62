import type { DialectName, WritableDb } from '../types';

/** One dialect's body of a step; it runs inside the runner's transaction (`tx`). */
export type MigrationStep = (tx: WritableDb) => Promise<void>;

/**
 * One schema step, in one file, with a body per dialect under the same
 * number: `sqlite` (the station's own cache) and `postgres` (the warehouse
 * database). Both bodies are required, so no step can exist on one dialect
 * only; each leaves its dialect's schema in the same shape as far as the
 * query modules can tell (same tables, columns and meaning; indexes,
 * triggers and the search index are each dialect's own).
 *
 * `version` is the schema version once `up` has run: SQLite's `user_version`,
 * PostgreSQL's highest row in `station_schema_version` (see migrate.ts).
 * Versions rise in steps of 10.
 */
export interface Migration {
  version: number;
  name: string;
  up: { readonly [D in DialectName]: MigrationStep };
}
