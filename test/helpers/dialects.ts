/**
 * The same tests against both dialects: `describe.each(await testDialects())`
 * and, inside, `testStore(dialect)` for a database of the test's own.
 *
 * PostgreSQL comes from test/helpers/postgres.ts. In CI (CI=true) a server
 * that cannot start fails the file; elsewhere the PostgreSQL half is skipped
 * with a loud note saying why. STATION_TEST_DIALECTS=sqlite runs the SQLite
 * half alone (a quick local loop), never in CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openShipmentDb, type StationDb } from '../../electron/core/db/open';
import { openWarehouseDb } from '../../electron/core/db/open-warehouse';
import type { DialectName } from '../../electron/core/db/types';
import { IN_CI, missingSystemMessage } from './ci';
import { createTestDatabase, findPostgresBin, POSTGRES_INSTALL_HINT, sharedServer, type TestDatabase } from './postgres';

let decided: Promise<DialectName[]> | null = null;

/** ['sqlite', 'postgres'], or ['sqlite'] with a loud skip note when PostgreSQL cannot run here (never in CI). */
export function testDialects(): Promise<DialectName[]> {
  return (decided ??= decide());
}

async function decide(): Promise<DialectName[]> {
  const only = process.env.STATION_TEST_DIALECTS;
  if (only === 'sqlite' && !IN_CI) {
    console.warn('\n!!! SKIPPING the PostgreSQL half of these tests: STATION_TEST_DIALECTS=sqlite\n');
    return ['sqlite'];
  }
  const why = findPostgresBin()
    ? await sharedServer().then(
        () => null,
        (e: unknown) => `PostgreSQL did not start for the tests: ${e instanceof Error ? e.message : String(e)}`,
      )
    : missingSystemMessage('PostgreSQL', POSTGRES_INSTALL_HINT);
  if (why === null) return ['sqlite', 'postgres'];
  if (IN_CI) throw new Error(`${why} (CI=true: PostgreSQL must run)`);
  console.warn(`\n!!! SKIPPING the PostgreSQL half of these tests: ${why}\n`);
  return ['sqlite'];
}

/** A place for one test's database, opened (and reopened) through the station's own open functions. */
export interface TestStore {
  dialect: DialectName;
  /** Opens and migrates (up to `upTo`); each call is a new handle on the same data. */
  open(options?: { upTo?: number }): Promise<StationDb>;
  /** SQLite: the folder; PostgreSQL: the database (its connection settings). */
  sqliteDir: string | null;
  postgres: TestDatabase | null;
  /** Removes the folder or drops the database (close what you opened first). */
  dispose(): Promise<void>;
}

/**
 * A new, empty place for a database. PostgreSQL: a copy of the migrated
 * template unless `migrated: false` (migration tests start from nothing); the
 * first `open` migrates whatever is missing, as the station does.
 */
export async function testStore(dialect: DialectName, options: { migrated?: boolean } = {}): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'station-db-'));
    return {
      dialect,
      sqliteDir: dir,
      postgres: null,
      open: (o = {}) => openShipmentDb(dir, o),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const database = await createTestDatabase(await sharedServer(), options);
  return {
    dialect,
    sqliteDir: null,
    postgres: database,
    open: (o = {}) => openWarehouseDb(database.connection, o),
    dispose: () => database.drop(),
  };
}
