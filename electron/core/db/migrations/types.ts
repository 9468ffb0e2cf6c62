import type { DialectName, WritableDb } from '../types';

/** One dialect's body of a step; it runs inside the runner's transaction (`tx`). */
export type MigrationStep = (tx: WritableDb) => Promise<void>;

/**
 * One schema step. `version` is the schema version once `up` has run (SQLite's
 * `user_version`). Each dialect has its own body under the same number, in the
 * same file: SQLite now; warehouse mode adds `postgres` to every step. The
 * runner refuses to start on a dialect a step has no body for.
 */
export interface Migration {
  version: number;
  name: string;
  up: { readonly [D in DialectName]?: MigrationStep } & { readonly sqlite: MigrationStep };
}
