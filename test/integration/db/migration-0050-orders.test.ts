/**
 * Migration 0050 (orders) from 0040 with shipments in place, on both
 * dialects: the shipments stay as they were, an order can link to one of
 * them (and only to one that exists), its lines go with it, and the stored
 * shapes the queries rely on are enforced by the database itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db/migrate';
import { findOrderByShipment, findOrdersByNumber, insertOrders, linkOrderShipment } from '../../../electron/core/db/queries/orders';
import { testDialects, testStore, type TestStore } from '../../helpers/dialects';

const order = (id: string, orderNumber: string) => ({
  id,
  source: 'shopify',
  externalId: id,
  orderNumber,
  recipientName: 'Ada Lovelace',
  destination: 'Boston, US',
  lines: [
    { sku: 'MUG-BLU', name: 'Mug', quantity: 2 },
    { sku: 'TOTE-1', name: 'Tote', quantity: 1 },
  ],
  importedJson: '{}',
  editsJson: null,
  orderJson: '{}',
  conflictsJson: null,
  readiness: 'ready' as const,
  closedReason: null,
  sourceFile: 'orders.csv',
  at: 5,
});

describe.each(await testDialects())('0050 orders, from 0040 with data in place (%s)', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await testStore(dialect, { migrated: false });
  });
  afterEach(() => store.dispose());

  it('keeps the shipments, links an order to one of them, and refuses a link to none or a value of the wrong shape', async () => {
    const old = await store.open({ upTo: 40 });
    await old.db
      .insertInto('shipments')
      .values({
        id: 's1',
        provider: 'flexforward',
        tracking_number: 'YT1',
        order_number: '#1001',
        tag: 'InTransit',
        created_at: 1,
        activity_at: 2,
      })
      .execute();
    await old.close();

    const s = await store.open({ upTo: 50 });
    try {
      expect(await schemaVersion(s.db)).toBe(50);
      // Raw read: listShipments reads columns later migrations added.
      expect((await s.db.selectFrom('shipments').select('tracking_number').execute()).map((r) => r.tracking_number)).toEqual(['YT1']);
      await insertOrders(s.db, [order('o1', '#1001'), order('o2', 'SO-2')]);
      await linkOrderShipment(s.db, 'o1', 's1', 6);
      expect((await findOrderByShipment(s.db, 's1'))?.id).toBe('o1');
      expect((await findOrdersByNumber(s.db, '#1001')).map((o) => [o.id, o.lineCount, o.units])).toEqual([['o1', 2, 3]]);
      await expect(linkOrderShipment(s.db, 'o2', 'no-such-shipment', 7)).rejects.toThrow();
      await expect(
        insertOrders(
          s.db,
          [order('o3', 'SO-2')].map((o) => ({ ...o, externalId: 'o2' })),
        ),
      ).rejects.toThrow();
      await expect(
        s.db
          .insertInto('sku_catalogue')
          .values({
            sku: 'X',
            description_en: '',
            description_local: '',
            unit_weight_kg: null,
            unit_value_amount: 3,
            unit_value_currency: null,
            hs_code: '',
            origin_country: '',
            updated_at: 1,
          })
          .execute(),
      ).rejects.toThrow();
      await s.db.deleteFrom('orders').where('id', '=', 'o2').execute();
      const lines = await s.db.selectFrom('order_lines').select('order_id').where('order_id', '=', 'o2').execute();
      expect(lines).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
