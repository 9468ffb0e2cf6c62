/**
 * `npm run warehouse:move-in`: moves a station's SQLite history into the
 * warehouse database (move-in.ts), for an admin at the station's machine or
 * with a copy of its data folder. Same work as the Settings button.
 *
 *   FLEXFORWARD_API_TOKEN=… npm run warehouse:move-in -- --from ~/.config/Shipping\ Station/shipments.sqlite \
 *     --to postgresql://station@db.lan/shipping
 *
 * Exit status: 0 moved; 2 stopped by labels that could not be finished
 * (nothing copied; the report says which); 1 anything else (the message says
 * what to fix).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { StationFailure } from '../../../shared/result';
import { FlexForwardClient, SlidingWindowLimiter } from '../api/flexforward';
import { DB_FILE_NAME, openShipmentDb } from '../db/open';
import { openWarehouseDb } from '../db/open-warehouse';
import type { WarehouseConnection } from '../db/postgres';
import { API_BASE_URLS } from '../environment';
import type { LabelApi } from '../labels/ports';
import { LabelWorkflow } from '../labels/workflow';
import { systemClock } from '../util/clock';
import { consoleSink, createLoggerFactory, type Logger } from '../util/log';
import { moveStationIn, type MoveInReport } from './move-in';

/** The environment variable with the warehouse database URL (the station's own setting reads it too). */
const WAREHOUSE_URL_ENV = 'STATION_WAREHOUSE_URL';
const TOKEN_ENV = 'FLEXFORWARD_API_TOKEN';

const USAGE = `Copies a station's history (shipments, labels and their documents, tracking, print jobs, orders,
SKU catalogue, boxes, ship-from addresses, presets, waves) from its SQLite file into the warehouse database.
Unfinished labels are finished first (or left for a reprint once bought and fetched); if one cannot be
finished, nothing is copied and the report says which. Running it again copies nothing new.

Usage: npm run warehouse:move-in -- [options]

Options:
  --from PATH       the station's ${DB_FILE_NAME} (or its data folder)
  --to URL          the warehouse database, postgresql://user:password@host:5432/database?sslmode=verify-full
                    (default: $${WAREHOUSE_URL_ENV}; the password may be left out of the URL and given in PGPASSWORD)
  --ca FILE         PEM CA certificate the server's certificate must chain to (sslmode verify-ca / verify-full)
  --api-url URL     the Flex Forward API that finishes unfinished labels (default: ${API_BASE_URLS.production})
  --json            print the report as JSON
  -h, --help        show this and exit

Environment:
  ${TOKEN_ENV}   the station's API token, needed only when it has unfinished labels
  ${WAREHOUSE_URL_ENV}    the default for --to
  PGPASSWORD              the warehouse password, when the URL has none

Exit status: 0 moved, 2 stopped by unfinished labels (nothing copied), 1 error.`;

function readArgs() {
  try {
    return parseArgs({
      options: {
        help: { type: 'boolean', short: 'h' },
        from: { type: 'string' },
        to: { type: 'string' },
        ca: { type: 'string' },
        'api-url': { type: 'string', default: API_BASE_URLS.production },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\nRun with --help to see the options.`);
    process.exit(1);
  }
}

/** The data folder of a station's database file (openShipmentDb opens `<folder>/shipments.sqlite`). */
function stationDataDir(from: string): string {
  const path = resolve(from);
  if (!existsSync(path))
    throw new StationFailure('NOT_FOUND', `${path} does not exist: give the station's ${DB_FILE_NAME} or its data folder.`);
  if (statSync(path).isDirectory()) {
    if (!existsSync(resolve(path, DB_FILE_NAME)))
      throw new StationFailure('NOT_FOUND', `${path} has no ${DB_FILE_NAME}: is it the station's data folder?`);
    return path;
  }
  if (basename(path) !== DB_FILE_NAME) {
    throw new StationFailure(
      'INVALID_ARGUMENT',
      `${path} is not a station's database (${DB_FILE_NAME}); a copy must keep that name, beside its documents folder.`,
    );
  }
  return dirname(path);
}

/** The API for finishing labels, or one that says what is missing (labels then stop the move, nothing is lost). */
function labelApi(apiUrl: string, logger: Logger): LabelApi {
  const token = process.env[TOKEN_ENV]?.trim() || null;
  if (token === null) {
    const missing = async (): Promise<never> => {
      throw new StationFailure('UNAVAILABLE', `Set ${TOKEN_ENV} to the station's API token so its unfinished labels can be finished.`);
    };
    return { createLabel: missing, getLabel: missing, downloadDocument: missing };
  }
  return new FlexForwardClient({ baseUrl: () => apiUrl, token: () => token, limiter: new SlidingWindowLimiter(), logger });
}

function formatReport(report: MoveInReport): string {
  const lines: string[] = [];
  const l = report.labels;
  lines.push(`Unfinished labels found: ${l.found}; left for a reprint: ${l.leftForReprint}; still unfinished: ${l.unfinished.length}`);
  for (const u of l.unfinished) {
    lines.push(`  ${u.shipmentId} (order ${u.orderNumber ?? '—'}, ${u.state}): ${u.reason}`);
  }
  if (!report.moved) {
    lines.push('Nothing was copied: finish these labels (the API must be reachable), then move in again.');
    return lines.join('\n');
  }
  const header = ['table', 'found', 'copied', 'already there', 'warehouse kept', 'conflicts'];
  const rows = report.tables.map((t) => [t.table, t.found, t.copied, t.alreadyThere, t.keptWarehouse, t.conflicts].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows]) lines.push(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  for (const c of report.conflicts) lines.push(`conflict: ${c.table} ${JSON.stringify(c.key)}: ${c.reason}`);
  if (report.unknownTables.length > 0) lines.push(`Not copied (written by a newer app): ${report.unknownTables.join(', ')}`);
  lines.push(`Moved in ${(report.durationMs / 1000).toFixed(1)} s.`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = readArgs();
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.from) throw new StationFailure('INVALID_ARGUMENT', "Give the station's database: --from <path to shipments.sqlite>.");
  const url = values.to ?? process.env[WAREHOUSE_URL_ENV];
  if (!url) throw new StationFailure('INVALID_ARGUMENT', `Give the warehouse database: --to postgresql://… (or set ${WAREHOUSE_URL_ENV}).`);
  const connection: WarehouseConnection = { url, applicationName: 'Shipping Station move-in' };
  if (process.env.PGPASSWORD && URL.canParse(url) && !new URL(url).password) connection.password = process.env.PGPASSWORD;
  if (values.ca) connection.ca = readFileSync(values.ca, 'utf8');

  const password = connection.password ?? (URL.canParse(url) ? decodeURIComponent(new URL(url).password) : '');
  const logger = createLoggerFactory({
    sink: consoleSink,
    minLevel: 'warn',
    secrets: () => [password, process.env[TOKEN_ENV] ?? ''].filter((s) => s.length > 0),
  });
  const dataDir = stationDataDir(values.from);
  const source = await openShipmentDb(dataDir);
  try {
    const target = await openWarehouseDb(connection, { logger: logger('warehouse') });
    try {
      const workflow = new LabelWorkflow({
        db: source.db,
        documentsDir: source.documentsDir,
        api: labelApi(values['api-url'], logger('labels')),
        // No printer here: a label bought and fetched is left for a reprint at any station.
        printer: { print: async () => ({ ok: false, printer: null, message: 'not printed by the move-in command' }) },
        clock: systemClock,
        logger: logger('labels'),
        autoPrint: () => false,
      });
      const report = await moveStationIn({ source, target, workflow, clock: systemClock, logger: logger('move-in') });
      await workflow.stop();
      console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
      return report.moved ? 0 : 2;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof StationFailure ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
