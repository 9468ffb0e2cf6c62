/**
 * Moving a station in: a real SQLite station file (labels made through the
 * workflow against the sandbox over HTTP, orders, boxes, SKUs, a document
 * kept as a file) copied into a private PostgreSQL; run twice; a station
 * with an unfinished label; conflicts with what another station moved in.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openShipmentDb, type ShipmentDb, type StationDb } from '../../../electron/core/db/open';
import { openWarehouseDb } from '../../../electron/core/db/open-warehouse';
import { saveBox } from '../../../electron/core/db/queries/boxes';
import { getLabel } from '../../../electron/core/db/queries/labels';
import { insertOrders, type NewOrder } from '../../../electron/core/db/queries/orders';
import { countShipmentsByTag, listShipments } from '../../../electron/core/db/queries/shipments';
import { upsertSkus } from '../../../electron/core/db/queries/sku_catalogue';
import { inTransaction } from '../../../electron/core/db/types';
import { INLINE_DOCUMENT_MAX_BYTES, loadDocument, saveDocument } from '../../../electron/core/labels/document-store';
import type { LabelApi, LabelPrinter } from '../../../electron/core/labels/ports';
import { LabelWorkflow } from '../../../electron/core/labels/workflow';
import { systemClock } from '../../../electron/core/util/clock';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import { LEFT_FOR_REPRINT_MESSAGE, moveStationIn } from '../../../electron/core/warehouse/move-in';
import { moveInHandlers } from '../../../electron/core/handlers/move-in';
import { StationFailure } from '../../../shared/result';
import { sampleLabelRequest, startSandboxClient, type SandboxClient } from '../../helpers/flexforward';
import { testDialects } from '../../helpers/dialects';
import { createTestDatabase, sharedServer, type TestDatabase } from '../../helpers/postgres';

const dialects = await testDialects();
const TSX = join(process.cwd(), 'node_modules/tsx/dist/cli.mjs');

const printed: string[] = [];
const printer: LabelPrinter = {
  print: async (_doc, title) => {
    printed.push(title);
    return { ok: true, printer: 'test printer' };
  },
};

function order(id: string, externalId: string, orderNumber: string): NewOrder {
  return {
    id,
    source: 'shop',
    externalId,
    orderNumber,
    recipientName: 'Pat Buyer',
    destination: 'Boston, US',
    lines: [
      { sku: 'MUG-BLU', name: 'Speckled Mug', quantity: 2 },
      { sku: 'TOTE-1', name: 'Tote', quantity: 1 },
    ],
    importedJson: '{}',
    editsJson: null,
    orderJson: '{}',
    conflictsJson: null,
    readiness: 'ready',
    closedReason: null,
    sourceFile: 'orders.json',
    at: 1_700_000_000_000,
  };
}

describe.skipIf(!dialects.includes('postgres'))('moving a station in (SQLite file → PostgreSQL)', () => {
  let dir: string;
  let s: SandboxClient;
  let station: ShipmentDb;
  let warehouse: TestDatabase;
  const open: StationDb[] = [];
  const flows: LabelWorkflow[] = [];

  const workflowOn = (db: StationDb, api: LabelApi = s.client, autoPrint = true) => {
    const w = new LabelWorkflow({
      db: db.db,
      documentsDir: db.documentsDir,
      api,
      printer,
      clock: systemClock,
      logger: silentLoggerFactory('labels'),
      autoPrint: () => autoPrint,
      random: () => 0,
    });
    flows.push(w);
    return w;
  };
  const openWarehouse = async () => {
    const w = await openWarehouseDb(warehouse.connection);
    open.push(w);
    return w;
  };
  const moveIn = async (api: LabelApi = s.client) => {
    const target = await openWarehouse();
    return moveStationIn({
      source: station,
      target,
      workflow: workflowOn(station, api, false),
      clock: systemClock,
      logger: silentLoggerFactory('move-in'),
    });
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-move-in-'));
    s = await startSandboxClient();
    station = await openShipmentDb(dir);
    open.push(station);
    warehouse = await createTestDatabase(await sharedServer());
    printed.length = 0;
  });
  afterEach(async () => {
    await Promise.all(flows.splice(0).map((w) => w.stop()));
    for (const db of open.splice(0).reverse()) await db.close();
    await s.stop();
    await warehouse.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A day at the bench: three printed labels (one document kept as a file), orders, a box, SKUs. */
  async function aDayAtTheStation(): Promise<string[]> {
    const w = workflowOn(station);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await w.create(sampleLabelRequest({ orderNumber: `MOVE-${i}` }));
      expect(r.state).toBe('printed');
      ids.push(r.shipmentId);
    }
    // A document too large for its row: kept as a file beside the SQLite file.
    const big = Buffer.alloc(INLINE_DOCUMENT_MAX_BYTES + 1_000, 7);
    await saveDocument(station.db, station.documentsDir, {
      shipmentId: ids[2]!,
      attempt: 1,
      format: 'png',
      url: 'https://docs.example/big.png',
      bytes: big,
      at: 1,
    });
    await inTransaction(station.db, async (tx) => {
      await insertOrders(tx, [order('ord-1', 'E-1', 'MOVE-0'), order('ord-2', 'E-2', 'MOVE-9')]);
      await tx.updateTable('orders').set({ shipment_id: ids[0]! }).where('id', '=', 'ord-1').execute();
      await saveBox(tx, { id: 'box-s', name: 'Small', innerCm: { length: 20, width: 15, height: 10 }, tareKg: 0.2, barcode: 'BOX-S' }, 1);
      await upsertSkus(
        tx,
        [
          {
            sku: 'MUG-BLU',
            descriptionEn: 'Mug',
            descriptionLocal: 'Mug',
            unitWeightKg: 0.4,
            unitValue: { amount: 12.5, currency: 'USD' },
            hsCode: '691200',
            originCountry: 'CN',
          },
        ],
        1,
      );
    });
    return ids;
  }

  it('copies the history; a second run copies nothing; another station can reprint a moved label', async () => {
    const ids = await aDayAtTheStation();
    const first = await moveIn();
    expect(first.moved).toBe(true);
    const byTable = Object.fromEntries(first.tables.map((t) => [t.table, t]));
    expect(byTable.shipments).toMatchObject({ found: 3, copied: 3, alreadyThere: 0, conflicts: 0 });
    expect(byTable.labels).toMatchObject({ found: 3, copied: 3 });
    expect(byTable.documents).toMatchObject({ found: 3, copied: 3 });
    expect(byTable.tracking).toMatchObject({ found: 3, copied: 3 });
    expect(byTable.print_jobs).toMatchObject({ found: 3, copied: 3 });
    expect(byTable.orders).toMatchObject({ found: 2, copied: 2 });
    expect(byTable.order_lines).toMatchObject({ found: 4, copied: 4 });
    expect(byTable.boxes).toMatchObject({ found: 1, copied: 1 });
    expect(byTable.sku_catalogue).toMatchObject({ found: 1, copied: 1 });
    expect(first.conflicts).toEqual([]);
    expect(first.unknownTables).toEqual([]);

    // What the site sees: the list, its counts, and the big document read from its row.
    const target = await openWarehouse();
    const page = await listShipments(target.db, { sort: 'activity_desc', offset: 0, limit: 100 });
    expect(page.items.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(page.items.every((i) => i.labelState === 'printed')).toBe(true);
    expect((await countShipmentsByTag(target.db)).total).toBe(3);
    const big = await loadDocument(target.db, null, ids[2]!, 1);
    expect(big.bytes.byteLength).toBe(INLINE_DOCUMENT_MAX_BYTES + 1_000);
    const other = workflowOn(target);
    printed.length = 0;
    const job = await other.reprint(ids[0]!);
    expect(job.outcome).toBe('printed');
    expect(printed).toHaveLength(1);

    const second = await moveIn();
    expect(second.moved).toBe(true);
    for (const t of second.tables) {
      expect(t.copied, t.table).toBe(0);
      expect(t.conflicts, t.table).toBe(0);
    }
    // The reprint at the other station moved that shipment and label on in the warehouse: its values are kept.
    const after = Object.fromEntries(second.tables.map((t) => [t.table, t]));
    expect(after.shipments).toMatchObject({ alreadyThere: 2, keptWarehouse: 1 });
    expect(after.labels).toMatchObject({ alreadyThere: 2, keptWarehouse: 1 });
    expect(after.documents).toMatchObject({ alreadyThere: 3 });
    expect(after.print_jobs).toMatchObject({ alreadyThere: 3 });
    expect(after.order_lines).toMatchObject({ alreadyThere: 4 });
    expect((await countShipmentsByTag(target.db)).total).toBe(3);
  });

  it('finishes an unfinished label first; one the API cannot finish stops the move and nothing is copied', async () => {
    await aDayAtTheStation();
    // A label saved, then the station stopped before Flex Forward answered (the request never left).
    const down: LabelApi = {
      createLabel: async () => {
        throw new StationFailure('NETWORK', 'Flex Forward cannot be reached.');
      },
      getLabel: async () => {
        throw new StationFailure('NETWORK', 'Flex Forward cannot be reached.');
      },
      downloadDocument: async () => {
        throw new StationFailure('NETWORK', 'Flex Forward cannot be reached.');
      },
    };
    const stuck = await workflowOn(station, down).create(sampleLabelRequest({ orderNumber: 'STUCK-1' }));
    expect(stuck.state).toBe('submitting');

    const refused = await moveIn(down);
    expect(refused.moved).toBe(false);
    expect(refused.labels.unfinished).toEqual([
      expect.objectContaining({
        shipmentId: stuck.shipmentId,
        state: 'submitting',
        orderNumber: 'STUCK-1',
        reason: 'Flex Forward cannot be reached.',
      }),
    ]);
    const target = await openWarehouse();
    expect((await listShipments(target.db, { sort: 'activity_desc', offset: 0, limit: 10 })).total).toBe(0);

    // The API is back: the label is bought (once), fetched, left for a reprint, and everything moves.
    const moved = await moveIn();
    expect(moved.moved).toBe(true);
    expect(moved.labels).toEqual({ found: 1, leftForReprint: 1, unfinished: [] });
    expect(s.sandbox.flexforward.labels().filter((l) => JSON.stringify(l).includes('STUCK-1'))).toHaveLength(1);
    const label = await getLabel(target.db, stuck.shipmentId, 1);
    expect(label).toMatchObject({ state: 'print_failed', errorMessage: LEFT_FOR_REPRINT_MESSAGE });
    expect(label?.labelId).toBeTruthy();
    const job = await workflowOn(target).reprint(stuck.shipmentId);
    expect(job.outcome).toBe('printed');
  });

  it('keys collide safely: what another station moved in is kept and reported, and what belongs to it too', async () => {
    await aDayAtTheStation();
    // Another bench moved in first: the same order (source and external id) under its own id, a box of the same name.
    const target = await openWarehouse();
    await inTransaction(target.db, async (tx) => {
      await insertOrders(tx, [order('other-ord', 'E-2', 'MOVE-9')]);
      await saveBox(tx, { id: 'other-box', name: 'Small', innerCm: { length: 30, width: 20, height: 10 }, tareKg: 0.3, barcode: '' }, 1);
    });
    const report = await moveIn();
    expect(report.moved).toBe(true);
    const byTable = Object.fromEntries(report.tables.map((t) => [t.table, t]));
    expect(byTable.orders).toMatchObject({ found: 2, copied: 1, conflicts: 1 });
    expect(byTable.order_lines).toMatchObject({ found: 4, copied: 2, conflicts: 2 });
    expect(byTable.boxes).toMatchObject({ found: 1, copied: 0, conflicts: 1 });
    expect(report.conflicts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'orders', key: { id: 'ord-2' } }),
        expect.objectContaining({
          table: 'order_lines',
          key: { order_id: 'ord-2', position: 0 },
          reason: expect.stringContaining('order that was not copied'),
        }),
        expect.objectContaining({ table: 'boxes', key: { id: 'box-s' }, reason: expect.stringContaining('same name') }),
      ]),
    );
    // A value changed at the site since (a packer renamed the box there) is the warehouse's to keep.
    await target.db.updateTable('sku_catalogue').set({ description_en: 'Blue mug' }).where('sku', '=', 'MUG-BLU').execute();
    const again = await moveIn();
    expect(again.tables.find((t) => t.table === 'sku_catalogue')).toMatchObject({ copied: 0, keptWarehouse: 1 });
    expect(again.tables.find((t) => t.table === 'orders')).toMatchObject({ copied: 0, alreadyThere: 1, conflicts: 1 });
  });

  it('the Settings button: moves the station in from its SQLite file, or from its data folder once in warehouse mode', async () => {
    const ids = await aDayAtTheStation();
    const deps = {
      dataDir: dir,
      api: () => s.client,
      clock: systemClock,
      logger: silentLoggerFactory('move-in'),
    };
    const none = moveInHandlers({ ...deps, current: station, workflow: workflowOn(station), warehouse: () => null });
    await expect(none['warehouse:moveIn']()).rejects.toThrow('Set the warehouse database in Settings first');

    const onSqlite = moveInHandlers({ ...deps, current: station, workflow: workflowOn(station), warehouse: () => warehouse.connection });
    const first = await onSqlite['warehouse:moveIn']();
    expect(first.moved).toBe(true);
    expect(first.tables.find((t) => t.table === 'shipments')).toMatchObject({ copied: 3 });

    // Restarted in warehouse mode: the SQLite file is opened beside it; nothing new to copy.
    const target = await openWarehouse();
    const inWarehouse = moveInHandlers({ ...deps, current: target, workflow: workflowOn(target), warehouse: () => warehouse.connection });
    const again = await inWarehouse['warehouse:moveIn']();
    expect(again.tables.find((t) => t.table === 'shipments')).toMatchObject({ copied: 0, alreadyThere: ids.length });
  });

  it('npm run warehouse:move-in: moves a station file, prints the report; --help; a wrong file is refused', async () => {
    await aDayAtTheStation();
    await station.close();
    open.splice(open.indexOf(station), 1);
    const run = (args: string[]) =>
      spawnSync(process.execPath, [TSX, 'electron/core/warehouse/move-in-cli.ts', ...args], {
        cwd: process.cwd(),
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, FLEXFORWARD_API_TOKEN: '' },
      });
    const moved = run(['--from', join(dir, DB_FILE_NAME), '--to', warehouse.url]);
    expect(moved.stderr).toBe('');
    expect(moved.status).toBe(0);
    expect(moved.stdout).toMatch(/shipments\s+3\s+3\s+0\s+0\s+0/);
    expect(moved.stdout).not.toContain(new URL(warehouse.url).password);
    const again = run(['--from', dir, '--to', warehouse.url, '--json']);
    expect(again.status).toBe(0);
    const report = JSON.parse(again.stdout) as { tables: Array<{ table: string; copied: number; alreadyThere: number }> };
    expect(report.tables.find((t) => t.table === 'shipments')).toMatchObject({ copied: 0, alreadyThere: 3 });

    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: npm run warehouse:move-in -- [options]');
    const wrong = run(['--from', join(dir, 'nothing.sqlite'), '--to', warehouse.url]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('does not exist');
  });
});
