/**
 * `npm run warehouse:migrate`: brings the warehouse database's schema up to
 * this app's, as the role that owns the database (README, warehouse mode).
 * Stations log in as a role that owns nothing and cannot change the schema:
 * an admin runs this once per app upgrade, before the stations start on the
 * new version (a station finding an older schema says so and names this).
 *
 *   npm run warehouse:migrate -- --to postgresql://shipping_owner@db.lan/shipping
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { StationFailure } from '../../../shared/result';
import { schemaVersion } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { openWarehouseDb } from '../db/open-warehouse';
import type { WarehouseConnection } from '../db/postgres';
import { consoleSink, createLoggerFactory } from '../util/log';

const WAREHOUSE_URL_ENV = 'STATION_WAREHOUSE_URL';

const USAGE = `Creates or upgrades the warehouse database's schema (tables, indexes, the pg_trgm extension) to this
version of Shipping Station. Run it as the role that owns the database; stations log in as a role that owns nothing.
Several runs at once are safe: each step runs once. A schema newer than this app is refused untouched.

Usage: npm run warehouse:migrate -- [options]

Options:
  --to URL     the warehouse database as its owner, postgresql://owner:password@host:5432/database?sslmode=verify-full
               (default: $${WAREHOUSE_URL_ENV}; the password may be left out of the URL and given in PGPASSWORD)
  --ca FILE    PEM CA certificate the server's certificate must chain to (sslmode verify-ca / verify-full)
  -h, --help   show this and exit`;

function readArgs() {
  try {
    return parseArgs({ options: { help: { type: 'boolean', short: 'h' }, to: { type: 'string' }, ca: { type: 'string' } } });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\nRun with --help to see the options.`);
    process.exit(1);
  }
}

async function main(): Promise<number> {
  const { values } = readArgs();
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const url = values.to ?? process.env[WAREHOUSE_URL_ENV];
  if (!url) throw new StationFailure('INVALID_ARGUMENT', `Give the warehouse database: --to postgresql://… (or set ${WAREHOUSE_URL_ENV}).`);
  const connection: WarehouseConnection = { url, applicationName: 'Shipping Station migrate' };
  if (process.env.PGPASSWORD && URL.canParse(url) && !new URL(url).password) connection.password = process.env.PGPASSWORD;
  if (values.ca) connection.ca = readFileSync(values.ca, 'utf8');
  const password = connection.password ?? (URL.canParse(url) ? decodeURIComponent(new URL(url).password) : '');
  const logger = createLoggerFactory({ sink: consoleSink, minLevel: 'warn', secrets: () => (password ? [password] : []) });
  const db = await openWarehouseDb(connection, { logger: logger('warehouse') });
  try {
    console.log(`${db.location}: schema ${await schemaVersion(db.db)} (this app's newest: ${MIGRATIONS.at(-1)!.version}).`);
  } finally {
    await db.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof StationFailure ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
