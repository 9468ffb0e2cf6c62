/**
 * Orders stored through the station's contract, on a real SQLite file and the
 * real sandbox: the same file twice changes nothing; a changed order is
 * updated unless the packer edited the field (conflict, local value kept);
 * a labelled order is never changed; a cancellation after the label flags it
 * "do not ship"; the SKU catalogue fills the label's items; ship refuses with
 * the fields named, creates the label once, and a second ship refuses.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caller, fileArg, fixture, setUpPacking, value, type Call } from '../../helpers/orders';
import { startTestStation, type TestStation } from '../../helpers/station';

type Summary = { id: string; orderNumber: string; status: string; externalId: string; shipmentId: string | null };
type Stored = {
  created: number;
  updated: number;
  unchanged: number;
  keptLabelled: unknown[];
  conflicts: Array<{ orderNumber: string; fields: Array<{ field: string; fileValue: string; keptValue: string }> }>;
  cancelledAfterLabelling: Array<{ orderNumber: string }>;
};

let t: TestStation;
let call: Call;
beforeEach(async () => {
  t = await startTestStation({ settings: { autoPrint: false } });
  call = caller(t.station);
});
afterEach(async () => t?.dispose());

const SHOPIFY = () => fixture('shopify-orders-export.csv');
const importShopify = (text: string | Buffer = SHOPIFY()) =>
  value(call<{ stored: Stored }>('orders:import', { file: fileArg('orders_export.csv', text) }));
const list = async (args: object = {}) => await value(call<{ items: Summary[]; counts: Record<string, number> }>('orders:list', args));
const byNumber = async (n: string) => (await list({ search: n })).items.filter((i) => i.orderNumber === n);

describe('order import storage', () => {
  it('imports each order once: the same file twice changes nothing', async () => {
    await setUpPacking(call);
    const first = await importShopify();
    expect(first.stored).toMatchObject({ created: 9, updated: 0, unchanged: 0 });
    const before = await list();
    const second = await importShopify();
    expect(second.stored).toMatchObject({ created: 0, updated: 0, unchanged: 9, conflicts: [], keptLabelled: [] });
    const after = await list();
    expect(after.items).toEqual(before.items);
    expect(after.counts['needs-attention']).toBe(1);
  });

  it('names what an order without an address needs, per field, under Needs attention', async () => {
    await setUpPacking(call);
    await importShopify();
    const [noAddress] = await byNumber('#1004');
    expect(noAddress!.status).toBe('needs-attention');
    const detail = await value(call<{ missing: Array<{ field: string; fix: string }> }>('orders:get', { id: noAddress!.id }));
    expect(detail.missing.map((m) => m.field)).toEqual(expect.arrayContaining(['shipTo.address', 'shipTo.contact.phone']));
    expect((await list({ status: 'needs-attention' })).items.map((i) => i.orderNumber)).toEqual(['#1004']);
  });

  it('updates a changed order, but a field the packer edited keeps the packer value and is reported as a conflict', async () => {
    await setUpPacking(call);
    await importShopify();
    const [ada] = await byNumber('#1001');
    await value(call('orders:update', { id: ada!.id, edits: { 'shipTo.address.city': 'Cambridge' } }));
    const changed = SHOPIFY()
      .toString('utf8')
      .replace(/,Boston,/g, ',Somerville,')
      .replace(/Ada Lovelace/g, 'Ada King');
    const again = await importShopify(changed);
    expect(again.stored.updated).toBe(1);
    expect(again.stored.conflicts).toEqual([
      expect.objectContaining({
        orderNumber: '#1001',
        fields: [expect.objectContaining({ field: 'shipTo.address.city', fileValue: '"Somerville"', keptValue: '"Cambridge"' })],
      }),
    ]);
    const detail = await value(
      call<{ order: { shipTo: { address: { city: string }; contact: { lastName: string } } }; hasConflicts: boolean }>('orders:get', {
        id: ada!.id,
      }),
    );
    expect(detail.order.shipTo.address.city).toBe('Cambridge');
    // The field the packer did not touch follows the file.
    expect(detail.order.shipTo.contact.lastName).toBe('King');
    expect(detail.hasConflicts).toBe(true);
    // The same changed file again: nothing new.
    expect((await importShopify(changed)).stored).toMatchObject({ updated: 0, unchanged: 9, conflicts: [] });
  });

  it('fills the label items from the SKU catalogue and ships once; a second ship says to scan REPRINT; a labelled order never changes', async () => {
    await setUpPacking(call);
    await importShopify();
    const [ada] = await byNumber('#1001');
    const detail = await value(
      call<{ plan: { items: Array<{ sku: string; descriptionEn: string; unitWeightKg: number; hsCode: string }>; weightKg: number } }>(
        'orders:get',
        { id: ada!.id },
      ),
    );
    expect(detail.plan.items[0]).toMatchObject({ sku: 'MUG-BLU', descriptionEn: 'Ceramic mug', unitWeightKg: 0.35, hsCode: '6912.00' });
    const shipped = await value(call<{ label: { state: string; trackingNumber: string }; order: Summary }>('orders:ship', { id: ada!.id }));
    expect(shipped.label.state).toBe('document_ready');
    expect(shipped.order.status).toBe('labelled');
    const again = await call('orders:ship', { id: ada!.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('scan REPRINT') } });
    const changed = SHOPIFY()
      .toString('utf8')
      .replace(/,Boston,/g, ',Somerville,');
    const reimported = await importShopify(changed);
    expect(reimported.stored.keptLabelled).toEqual([expect.objectContaining({ orderNumber: '#1001' })]);
    const after = await value(call<{ order: { shipTo: { address: { city: string } } } }>('orders:get', { id: ada!.id }));
    expect(after.order.shipTo.address.city).toBe('Boston');
    const scan = await value(call<{ kind: string; next: string }>('scan:resolve', { code: '#1001' }));
    expect(scan).toMatchObject({ kind: 'order', next: 'already-labelled' });
  });

  it('two ships of one order at once (two windows, a double scan) buy one label', async () => {
    await setUpPacking(call);
    await importShopify();
    const [ada] = await byNumber('#1001');
    const results = await Promise.all([call('orders:ship', { id: ada!.id }), call('orders:ship', { id: ada!.id })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('already labelled') },
    });
    expect(
      t.station
        .sandbox()!
        .requests()
        .filter((r) => r.method === 'POST' && r.path === '/labels'),
    ).toHaveLength(1);
    const shipments = await value(call<{ total: number }>('shipments:list', { search: '#1001' }));
    expect(shipments.total).toBe(1);
  });

  it('refuses to ship an order that is not ready, naming each missing field', async () => {
    await importShopify();
    const [ada] = await byNumber('#1001');
    const refused = await call('orders:ship', { id: ada!.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_READY' } });
    const fields = refused.ok ? [] : (refused.error.fields ?? []).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['lines.0.sku', 'box', 'courier', 'service.productCode', 'shipment.shipFrom']));
    expect(
      t.station
        .sandbox()!
        .requests()
        .filter((r) => r.path === '/labels'),
    ).toEqual([]);
  });

  it('resolves command barcodes first, then boxes, then orders, and offers a label only for a valid order number', async () => {
    await setUpPacking(call);
    await importShopify();
    expect(await value(call('scan:resolve', { code: '%ship' }))).toEqual({ kind: 'command', command: 'ship', code: '%ship' });
    // A badge is resolved ahead of orders; one nobody wears is refused by name, never read as an order.
    expect(await call('scan:resolve', { code: '%BADGE-7' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('badge 7') },
    });
    expect(await value(call('scan:resolve', { code: 'box-s' }))).toMatchObject({ kind: 'box', box: { name: 'Small' } });
    expect(await value(call('scan:resolve', { code: '1001' }))).toMatchObject({
      kind: 'order',
      order: { orderNumber: '#1001' },
      next: 'open',
      candidate: { kind: 'shopify-name' },
    });
    expect(await value(call('scan:resolve', { code: 'ORD-404' }))).toEqual({ kind: 'unknown', code: 'ORD-404', orderNumber: 'ORD-404' });
    expect(await value(call('scan:resolve', { code: 'no such thing!' }))).toEqual({
      kind: 'unknown',
      code: 'no such thing!',
      orderNumber: null,
    });
    const sheet = await value(call<{ base64: string }>('orders:commandSheet', {}));
    expect(Buffer.from(sheet.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
