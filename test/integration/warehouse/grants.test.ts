/**
 * The README's roles and grants (Warehouse mode) are enough, and no more:
 * its SQL blocks run as written (names made unique for this server) on the
 * private PostgreSQL, the schema is created by `npm run warehouse:migrate` as
 * the owner, then the station's work runs as the least-privileged role: open,
 * the label workflow against the sandbox over HTTP (create, document, print,
 * reprint), the list and its search, the audit log, a box saved and deleted,
 * the site limiter's slot taken and released, a due poll claimed. What it must
 * not do is refused by the server: delete a shipment or an audit entry,
 * create a table.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/core/audit/audit-log';
import { openWarehouseDb } from '../../../electron/core/db/open-warehouse';
import type { WarehouseConnection } from '../../../electron/core/db/postgres';
import { claimApiSlot, releaseApiSlot } from '../../../electron/core/db/queries/api_slots';
import { deleteBox, saveBox } from '../../../electron/core/db/queries/boxes';
import { listShipments } from '../../../electron/core/db/queries/shipments';
import type { WarehouseDb } from '../../../electron/core/db/open';
import { LabelWorkflow } from '../../../electron/core/labels/workflow';
import { TrackingStore } from '../../../electron/core/tracking/store';
import { systemClock } from '../../../electron/core/util/clock';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import { testDialects } from '../../helpers/dialects';
import { sampleLabelRequest, startSandboxClient, type SandboxClient } from '../../helpers/flexforward';
import { asSuperuser, sharedServer, type ServerInfo } from '../../helpers/postgres';

const dialects = await testDialects();
const ROOT = process.cwd();
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The fenced SQL block after `<!-- warehouse-sql:<name> -->` in the README, split into statements. */
function readmeBlock(name: string): string[] {
  const match = new RegExp(`<!-- warehouse-sql:${name} -->\\s*\`\`\`sql\\n([\\s\\S]*?)\`\`\``).exec(README);
  if (!match) throw new Error(`README has no warehouse-sql:${name} block`);
  return match[1]!
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const tag = `${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
const names = { owner: `w_owner_${tag}`, station: `w_station_${tag}`, database: `w_shipping_${tag}` };
const passwords = { owner: `o-${tag}-secret`, station: `s-${tag}-secret` };
/** The README's names and placeholder passwords, made this test's own (roles are server-wide). */
const localise = (statement: string): string =>
  statement
    .replaceAll('owner-password', passwords.owner)
    .replaceAll('station-password', passwords.station)
    .replace(/\bshipping_owner\b/g, names.owner)
    .replace(/\bstation\b/g, names.station)
    .replace(/\bshipping\b/g, names.database);

const connectionAs = (info: ServerInfo, who: 'owner' | 'station'): WarehouseConnection => ({
  host: '127.0.0.1',
  port: info.port,
  database: names.database,
  user: names[who],
  password: passwords[who],
  sslmode: 'disable',
});

describe.skipIf(!dialects.includes('postgres'))('warehouse roles and grants as the README gives them', () => {
  let info: ServerInfo;
  let s: SandboxClient;
  let station: WarehouseDb;

  beforeAll(async () => {
    info = await sharedServer();
    await asSuperuser(info, async (c) => {
      for (const statement of readmeBlock('roles')) await c.query(localise(statement));
    });
    await asSuperuser(
      info,
      async (c) => {
        for (const statement of readmeBlock('database')) await c.query(localise(statement));
      },
      names.database,
    );
    // Step 3: the schema, by the owner, through the command the README names.
    const owner = connectionAs(info, 'owner');
    const migrated = spawnSync(
      process.execPath,
      [
        TSX,
        'electron/core/warehouse/migrate-cli.ts',
        '--to',
        `postgresql://${owner.user}@127.0.0.1:${info.port}/${names.database}?sslmode=disable`,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, PGPASSWORD: passwords.owner } },
    );
    expect(migrated.stderr).toBe('');
    expect(migrated.status).toBe(0);
    expect(migrated.stdout).toMatch(/schema \d+/);
    expect(migrated.stdout).not.toContain(passwords.owner);
    const asOwner = await openWarehouseDb(owner);
    try {
      for (const statement of readmeBlock('grants')) await sql.raw(localise(statement)).execute(asOwner.db);
    } finally {
      await asOwner.close();
    }
    s = await startSandboxClient();
    station = await openWarehouseDb(connectionAs(info, 'station'));
  }, 180_000);

  afterAll(async () => {
    await station?.close();
    await s?.stop();
    if (info) {
      await asSuperuser(info, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${names.database} WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS ${names.station}`);
        await c.query(`DROP ROLE IF EXISTS ${names.owner}`);
      });
    }
  });

  it('the station role owns nothing and cannot change the schema', async () => {
    const { rows } = await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
      WHERE r.rolname = ${names.station}`.execute(station.db);
    expect(rows[0]!.n).toBe(0);
    await expect(sql`CREATE TABLE station_scratch (x int)`.execute(station.db)).rejects.toMatchObject({ code: '42501' });
  });

  it('runs the label workflow, the list, the audit log, boxes, the site limiter and polls as the station role', async () => {
    const printed: string[] = [];
    const audit = new AuditLog({ db: station.db, clock: systemClock, station: () => 'Bench 4', packer: () => null });
    const workflow = new LabelWorkflow({
      db: station.db,
      documentsDir: null,
      api: s.client,
      printer: { print: async (_d, title) => (printed.push(title), { ok: true, printer: 'test' }) },
      clock: systemClock,
      logger: silentLoggerFactory('labels'),
      autoPrint: () => true,
      audit,
      station: { id: 'bench-4', resumesUnowned: false },
    });
    try {
      const made = await workflow.create(sampleLabelRequest({ orderNumber: 'GRANTS-1' }));
      expect(made.state).toBe('printed');
      expect((await workflow.reprint(made.shipmentId, null)).outcome).toBe('printed');
      expect(printed).toHaveLength(2);
      const page = await listShipments(station.db, { sort: 'activity_desc', offset: 0, limit: 10, search: 'GRANTS-1' });
      expect(page.items.map((i) => i.id)).toEqual([made.shipmentId]);
      const { rows: entries } = await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM audit_log`.execute(station.db);
      expect(entries[0]!.n).toBeGreaterThan(0);

      await saveBox(
        station.db,
        { id: 'box-g', name: 'Grants box', innerCm: { length: 10, width: 10, height: 10 }, tareKg: 0.1, barcode: '' },
        1,
      );
      expect(await deleteBox(station.db, 'box-g')).toBe(true);

      const slot = await claimApiSlot(station.db, {
        account: 'grants',
        stationId: 'bench-4',
        priority: 'user',
        cap: 10,
        reservedForUser: 2,
        holdMs: 1_100,
        staleInFlightMs: 60_000,
        userActiveMs: 5_000,
        reserveAheadMs: 100,
      });
      expect(slot.slotId).not.toBeNull();
      await releaseApiSlot(station.db, slot.slotId!);

      const due = await new TrackingStore(station.db).claimDue(Date.now() + 86_400_000, 10, Date.now() + 20_000);
      expect(due.map((d) => d.shipmentId)).toContain(made.shipmentId);
    } finally {
      await workflow.stop();
    }
  });

  it('refuses to delete shipments, labels or audit entries', async () => {
    for (const table of ['shipments', 'labels', 'audit_log', 'print_jobs']) {
      await expect(sql`DELETE FROM ${sql.table(table)}`.execute(station.db), table).rejects.toMatchObject({ code: '42501' });
    }
  });

  it("every table the station's code deletes from has DELETE in the README's grants", () => {
    const granted = new Set(
      readmeBlock('grants')
        .find((st) => st.startsWith('GRANT DELETE ON'))!
        .replace(/^GRANT DELETE ON\s+/, '')
        .replace(/\s+TO\s+\w+$/, '')
        .split(',')
        .map((t) => t.trim()),
    );
    const deleted = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'migrations') walk(path);
        } else if (entry.name.endsWith('.ts')) {
          const text = readFileSync(path, 'utf8');
          for (const m of text.matchAll(/deleteFrom\(\s*'(\w+)'|DELETE FROM (\w+)/g)) deleted.add(m[1] ?? m[2]!);
        }
      }
    };
    walk(join(ROOT, 'electron', 'core'));
    expect(deleted.size).toBeGreaterThan(0);
    for (const table of deleted) expect(granted.has(table), `README grants DELETE on ${table}`).toBe(true);
    expect(granted.has('audit_log')).toBe(false);
  });
});
