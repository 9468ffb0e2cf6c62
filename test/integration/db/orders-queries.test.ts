/**
 * The orders storage on both dialects (SQLite file, PostgreSQL database):
 * the order book and pack set-up on a migrated database of the test's own,
 * fed the real readers. What a packer sees: statuses and counts, search by
 * order number, name and SKU, readiness that follows the catalogue, an order
 * linked to its label shows labelled then printed, and a cancellation after
 * the label is flagged once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertLabel, updateLabel } from '../../../electron/core/db/queries/labels';
import { linkOrderShipment } from '../../../electron/core/db/queries/orders';
import { insertShipment } from '../../../electron/core/db/queries/shipments';
import { inTransaction } from '../../../electron/core/db/types';
import { OrderBook } from '../../../electron/core/orders/order-book';
import { PackSetup } from '../../../electron/core/orders/pack-setup';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import { ManualClock } from '../../helpers/manual-clock';
import { testDialects } from '../../helpers/dialects';
import { fixture, WAREHOUSE } from '../../helpers/orders';
import { tempDb, type TempDb } from '../tracking/seed';

const bytes = (b: Buffer | string) =>
  (async function* () {
    yield new Uint8Array(Buffer.from(b));
  })();

function jsonOrders(cancelledAt: string | null, city = 'Leeds'): string {
  return JSON.stringify({
    format: 'shipping-station.orders',
    version: 1,
    source: 'erp',
    orders: [
      {
        externalId: 'SO-1',
        orderNumber: 'SO-10023',
        shipTo: {
          contact: { firstName: 'Ana', lastName: 'Buyer', phone: '+44 113 496 0000' },
          address: { streetLines: ['22 High Street'], city, postalCode: 'LS1 4AP', countryCode: 'GB' },
        },
        currency: 'USD',
        lines: [{ sku: 'MUG-BLU', name: 'Speckled Mug', quantity: 2, unitPrice: 12.5 }],
        cancelledAt,
      },
    ],
  });
}

describe.each(await testDialects())('orders storage (%s)', (dialect) => {
  let t: TempDb;
  let setup: PackSetup;
  let book: OrderBook;
  const clock = new ManualClock(Date.parse('2026-03-02T10:00:00Z'));
  beforeEach(async () => {
    t = await tempDb(dialect);
    const logger = silentLoggerFactory('orders');
    setup = new PackSetup({ db: t.db, clock, logger, station: 'bench-1' });
    book = new OrderBook({ db: t.db, clock, logger, setup, language: () => 'en' });
  });
  afterEach(async () => {
    await t.dispose();
  });

  const ready = async () => {
    await setup.importCatalogue('sku.csv', bytes(fixture('sku-catalogue.csv')), { decimalSeparator: '.' });
    const [box] = await setup.saveBox({ name: 'Small', innerCm: { length: 30, width: 20, height: 10 }, tareKg: 0.2, barcode: 'BOX-S' });
    await setup.saveShipFrom({ name: 'HK', party: WAREHOUSE, makeDefault: true });
    await setup.updateDefaults({ courier: 'yunexpress', productCode: 'YEXP01', boxId: box!.id });
  };

  it('stores a Shopify export once, counts it per status and finds orders by number, name and SKU', async () => {
    const first = await book.importFile('orders.csv', bytes(fixture('shopify-orders-export.csv')), {});
    expect(first.stored.created).toBe(9);
    // Nothing set up yet: complete orders are new (no box, address, courier), the one without an address needs attention.
    let page = await book.list({ offset: 0, limit: 100 });
    expect(page.counts).toMatchObject({ new: 0, 'needs-attention': 9, ready: 0 });
    await ready();
    await book.recheck();
    page = await book.list({ offset: 0, limit: 100 });
    expect(page.counts).toMatchObject({ 'needs-attention': 1, ready: 8 });
    // TOTE-1 and TOTE-2 are SKUs of lines of these two orders only.
    expect((await book.list({ search: 'tote', offset: 0, limit: 100 })).items.map((i) => i.orderNumber).sort()).toEqual(['#1001', '#1007']);
    expect((await book.list({ search: 'lovelace', offset: 0, limit: 100 })).items.map((i) => i.orderNumber)).toEqual(['#1001']);
    expect((await book.list({ search: '100%', offset: 0, limit: 100 })).total).toBe(0);
    const paged = await book.list({ offset: 2, limit: 3 });
    expect(paged.items).toHaveLength(3);
    expect(paged.total).toBe(9);
    expect((await book.importFile('orders.csv', bytes(fixture('shopify-orders-export.csv')), {})).stored).toMatchObject({
      unchanged: 9,
      created: 0,
    });
  });

  it('shows an order linked to its label as labelled, then printed; a cancellation after that flags it once', async () => {
    await ready();
    await book.importFile('erp.json', bytes(jsonOrders(null)), {});
    const [order] = (await book.list({ offset: 0, limit: 10 })).items;
    expect(order).toMatchObject({ orderNumber: 'SO-10023', status: 'ready' });
    await inTransaction(t.db, async (tx) => {
      await insertShipment(tx, {
        id: 'shp-1',
        provider: 'flexforward',
        remoteId: null,
        trackingNumber: null,
        orderNumber: 'SO-10023',
        recipientName: 'Ana Buyer',
        destination: 'Leeds, GB',
        currentAttempt: 1,
        at: clock.now(),
      });
      await insertLabel(tx, { shipmentId: 'shp-1', attempt: 1, idempotencyKey: 'k', requestJson: '{}', at: clock.now() });
      await linkOrderShipment(tx, order!.id, 'shp-1', clock.now());
    });
    expect((await book.row(order!.id)).status).toBe('labelled');
    await updateLabel(t.db, 'shp-1', 1, { state: 'printed', at: clock.now() });
    expect((await book.row(order!.id)).status).toBe('printed');
    // A changed file never changes a labelled order.
    const changed = await book.importFile('erp.json', bytes(jsonOrders(null, 'York')), {});
    expect(changed.stored.keptLabelled).toEqual([{ orderId: order!.id, orderNumber: 'SO-10023' }]);
    const cancelled = await book.importFile('erp.json', bytes(jsonOrders('2026-03-03T09:00:00Z')), {});
    expect(cancelled.stored.cancelledAfterLabelling).toEqual([{ orderId: order!.id, orderNumber: 'SO-10023', trackingNumber: null }]);
    expect((await book.row(order!.id)).status).toBe('cancelled-after-labelling');
    expect((await book.importFile('erp.json', bytes(jsonOrders('2026-03-03T09:00:00Z')), {})).stored.cancelledAfterLabelling).toEqual([]);
  });

  it('closes an order the shop cancelled before any label, and keeps the packer edits apart from the file', async () => {
    await ready();
    await book.importFile('erp.json', bytes(jsonOrders(null)), {});
    const [order] = (await book.list({ offset: 0, limit: 10 })).items;
    await book.update({ id: order!.id, edits: { 'shipTo.address.postalCode': 'LS1 4AQ' }, revert: [] });
    const changed = await book.importFile('erp.json', bytes(jsonOrders(null, 'York')), {});
    expect(changed.stored).toMatchObject({ updated: 1, conflicts: [] });
    const detail = await book.detail(order!.id);
    expect(detail.order.shipTo.address).toMatchObject({ city: 'York', postalCode: 'LS1 4AQ' });
    expect(detail.editedFields).toEqual(['shipTo.address.postalCode']);
    const back = await book.update({ id: order!.id, edits: {}, revert: ['shipTo.address.postalCode'] });
    expect(back.order.shipTo.address.postalCode).toBe('LS1 4AP');
    const closed = await book.importFile('erp.json', bytes(jsonOrders('2026-03-03T09:00:00Z')), {});
    expect(closed.stored.closed).toEqual([{ orderId: order!.id, orderNumber: 'SO-10023', reason: 'cancelled' }]);
    expect((await book.row(order!.id)).status).toBe('closed');
  });

  it('keeps boxes, ship-from addresses, presets and station defaults, and refuses clashes with the field named', async () => {
    await ready();
    await expect(
      setup.saveBox({ name: 'small', innerCm: { length: 1, width: 1, height: 1 }, tareKg: 0, barcode: '' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: [{ field: 'name' }],
    });
    clock.advance(1_000);
    const second = await setup.saveShipFrom({ name: 'Returns', party: WAREHOUSE, makeDefault: false });
    expect(second.map((a) => [a.name, a.isDefault])).toEqual([
      ['HK', true],
      ['Returns', false],
    ]);
    await setup.deleteShipFrom(second[0]!.id);
    expect((await setup.listShipFrom()).map((a) => [a.name, a.isDefault])).toEqual([['Returns', true]]);
    const presets = await setup.savePreset({
      name: 'ERP lines',
      source: 'erp',
      layout: 'line-per-row',
      groupBy: ['Order'],
      columns: { orderNumber: ['Order'], lineSku: ['SKU'], lineQuantity: ['Qty'] },
    });
    expect(presets.filter((p) => !p.builtIn).map((p) => p.preset.name)).toEqual(['ERP lines']);
    expect((await setup.preset('ERP lines')).source).toBe('erp');
    expect((await setup.defaults()).courier).toBe('yunexpress');
  });
  it('a catalogue dry run shows what the import would do, row by row, and stores nothing', async () => {
    await setup.saveSku({
      sku: 'MUG-BLU',
      descriptionEn: 'Old mug',
      descriptionLocal: '',
      unitWeightKg: 0.3,
      unitValue: null,
      hsCode: '',
      originCountry: '',
    });
    const csv =
      'SKU,English description,Unit weight,HS code\nMUG-BLU,Ceramic mug,350 g,6912.00\nNEW-1,Pen,10 g,\nBAD-1,Thing,heavy,\nBAD-2,Thing,1 kg,12\n';
    const dry = await setup.importCatalogue('c.csv', bytes(csv), { decimalSeparator: '.', dryRun: true });
    expect(dry).toMatchObject({ accepted: true, rows: 4, added: 1, updated: 1, unchanged: 0 });
    expect(dry.preview.map((p) => [p.row, p.entry.sku, p.change])).toEqual([
      [2, 'MUG-BLU', 'changed'],
      [3, 'NEW-1', 'new'],
    ]);
    expect(dry.problems.map((p) => [p.row, p.code])).toEqual([
      [4, 'invalid-number'],
      [5, 'invalid-hs-code'],
    ]);
    // Nothing stored by the dry run.
    expect((await setup.listSkus({ offset: 0, limit: 10 })).items.map((i) => [i.sku, i.descriptionEn])).toEqual([['MUG-BLU', 'Old mug']]);
    const real = await setup.importCatalogue('c.csv', bytes(csv), { decimalSeparator: '.' });
    expect(real).toMatchObject({ added: 1, updated: 1, unchanged: 0 });
    expect((await setup.listSkus({ offset: 0, limit: 10 })).total).toBe(2);
  });
});
