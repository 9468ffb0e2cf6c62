/**
 * The duplicate-label guard lives in the label workflow, so every path that
 * buys a label gets it (issue 11): an imported order whose number already has
 * a label made on the form is refused by orders:ship (DUPLICATE_ORDER, naming
 * that label) until the packer confirms, and the form is refused for an order
 * shipped from the order desk. A reprint is never refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caller, fileArg, fixture, setUpPacking, value, type Call } from '../../helpers/orders';
import { sampleLabelInput } from '../../helpers/flexforward';
import { startTestStation, type TestStation } from '../../helpers/station';

type Summary = { id: string; orderNumber: string };

let t: TestStation;
let call: Call;
beforeEach(async () => {
  t = await startTestStation({ settings: { autoPrint: false } });
  call = caller(t.station);
  await setUpPacking(call);
  await value(call('orders:import', { file: fileArg('orders_export.csv', fixture('shopify-orders-export.csv')) }));
});
afterEach(async () => t?.dispose());

const posts = () =>
  t.station
    .sandbox()!
    .requests()
    .filter((r) => r.method === 'POST' && r.path === '/labels').length;
const orderId = async (n: string) =>
  (await value(call<{ items: Summary[] }>('orders:list', { search: n }))).items.find((i) => i.orderNumber === n)!.id;

describe('one label per order number, whichever path buys it', () => {
  it('orders:ship refuses an order whose number got a label on the form, naming it, until confirmed', async () => {
    const made = await value(call<{ shipmentId: string; trackingNumber: string }>('labels:create', sampleLabelInput({ orderNumber: '#1001' })));
    const id = await orderId('#1001');
    const refused = await call('orders:ship', { id });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'DUPLICATE_ORDER',
        message: `Order #1001 already has label ${made.trackingNumber}. Nothing was bought; confirm to create another.`,
        existing: { shipmentId: made.shipmentId, orderNumber: '#1001', trackingNumber: made.trackingNumber },
      },
    });
    expect(posts()).toBe(1);
    const shipped = await value(call<{ label: { shipmentId: string; state: string } }>('orders:ship', { id, confirm: { duplicateOrder: true } }));
    expect(shipped.label.state).toBe('document_ready');
    expect(posts()).toBe(2);
    // The order's own label reprints (this station has no printer: the job fails at the printer); nothing is asked.
    expect(await call('labels:reprint', { shipmentId: shipped.label.shipmentId })).toMatchObject({ ok: true, value: { reason: 'reprint' } });
    expect(posts()).toBe(2);
  });

  it('the form is refused for an order shipped from the order desk; confirm.duplicateOrder is strict', async () => {
    const shipped = await value(call<{ label: { shipmentId: string; trackingNumber: string } }>('orders:ship', { id: await orderId('#1001') }));
    const refused = await call('labels:create', sampleLabelInput({ orderNumber: '#1001' }));
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_ORDER', existing: { shipmentId: shipped.label.shipmentId, trackingNumber: shipped.label.trackingNumber } },
    });
    expect(await call('labels:create', { ...sampleLabelInput({ orderNumber: '#1001' }), confirm: { duplicateOrder: 'yes' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await call('labels:create', { ...sampleLabelInput({ orderNumber: '#1001' }), confirm: { duplicateOrder: true, also: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(posts()).toBe(1);
    const confirmed = await call('labels:create', { ...sampleLabelInput({ orderNumber: '#1001' }), confirm: { duplicateOrder: true } });
    expect(confirmed).toMatchObject({ ok: true });
    expect(posts()).toBe(2);
  });
});
