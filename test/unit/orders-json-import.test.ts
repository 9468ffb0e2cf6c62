/**
 * The station's own JSON order file (docs/orders-json.md): the documented
 * example imports as documented, and a file with mistakes is answered order
 * by order, field by field, through the same pipeline as a CSV.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOrderFile, importOrders } from '../../electron/core/orders/import-orders';
import { bytesSource } from '../../electron/core/orders/text-input';
import { TEMPLATE_PRESETS } from '../../shared/domain/order-csv-presets';
import { describeImportProblem } from '../../shared/domain/order-import';

const ROOT = join(import.meta.dirname, '../..');
const json = (value: unknown) => bytesSource(new TextEncoder().encode(JSON.stringify(value)));
const HEAD = { format: 'shipping-station.orders', version: 1, source: 'erp' };
const weights: Record<string, number> = { 'MUG-BLU': 0.35, 'TOTE-1': 0.2, 'CANDLE-S': 0.15 };
const catalogueUnitWeightKg = (sku: string) => weights[sku] ?? null;

describe('station JSON orders', () => {
  it('imports the documented example as the doc describes it', async () => {
    const { report, orders } = await importOrderFile(join(ROOT, 'docs/orders-json.example.json'), { catalogueUnitWeightKg });
    expect(report).toMatchObject({ format: 'json', accepted: true, rows: 2, imported: 2, problems: [], skipped: [], needsAttention: [] });
    const [first, second] = orders;
    expect(first!.order).toEqual({
      source: 'erp',
      externalId: 'SO-10023',
      orderNumber: 'SO-10023',
      email: 'ana.buyer@example.com',
      shipTo: {
        contact: { firstName: 'Ana', lastName: 'Buyer', phone: '+44 113 496 0000', email: 'ana.buyer@example.com' },
        company: 'Buyer & Daughters Ltd',
        address: { streetLines: ['22 High Street', 'Unit 4'], city: 'Leeds', state: '', postalCode: 'LS1 4AP', countryCode: 'GB' },
      },
      currency: 'USD',
      lines: [
        {
          sku: 'MUG-BLU',
          name: 'Speckled Mug - Blue',
          quantity: 2,
          unitPrice: { amount: 12.5, currency: 'USD' },
          requiresShipping: true,
          fulfillmentStatus: 'unfulfilled',
          unitWeightKg: null,
        },
        {
          sku: 'TOTE-1',
          name: 'Canvas Tote Bag',
          quantity: 1,
          unitPrice: { amount: 20, currency: 'USD' },
          requiresShipping: true,
          fulfillmentStatus: 'unfulfilled',
          unitWeightKg: 0.2,
        },
        {
          sku: '',
          name: 'Gift card',
          quantity: 1,
          unitPrice: { amount: 25, currency: 'USD' },
          requiresShipping: false,
          fulfillmentStatus: 'unfulfilled',
          unitWeightKg: null,
        },
      ],
      notes: 'Leave with the neighbour at number 24.',
      cancelledAt: null,
      fulfillmentStatus: 'unfulfilled',
    });
    expect(second!.order.shipTo.address).toMatchObject({ state: 'Osaka', postalCode: '530-0001', countryCode: 'JP' });
  });

  describe('a file with mistakes', async () => {
    const { report, orders } = await importOrderFile(join(ROOT, 'test/fixtures/orders/station-orders-mixed.json'), {
      catalogueUnitWeightKg,
    });
    const messages = report.problems.map((p) => describeImportProblem('en', report.file, p));

    it('imports the good orders, skips what needs no label, and keeps the first of two with one id', () => {
      expect(report.accepted).toBe(true);
      expect(orders.map((o) => [o.order.externalId, o.row])).toEqual([
        ['SO-1', 1],
        ['SO-4', 4],
      ]);
      expect(report.skipped.map((s) => [s.key.externalId, s.reason, s.row, s.cancelledAt])).toEqual([
        ['SO-1', 'duplicate', 3, null],
        ['SO-5', 'cancelled', 5, '2026-03-05T14:12:00.000Z'],
        ['SO-6', 'no-shippable-line', 6, null],
      ]);
    });

    it('names each bad field by the order and its path, with what to do', () => {
      expect(messages).toEqual([
        'station-orders-mixed.json, row 2, column "shipTo.contact.phone": phone must be text (in quotes).',
        'station-orders-mixed.json, row 2, column "shipTo.address": Unknown field "postcode": see docs/orders-json.md for the fields.',
        'station-orders-mixed.json, row 7, column "lines.0.quantity": quantity must be at least 1.',
        'station-orders-mixed.json, row 7, column "lines.0.name": Give the line a sku or a name.',
      ]);
      expect(report.problems[0]).toMatchObject({ value: '8554377467', order: 'SO-2' });
    });

    it('lists the rule-breaking order number and the country name under needs attention, unchanged', () => {
      const so4 = orders.find((o) => o.order.externalId === 'SO-4')!;
      expect(so4.order.orderNumber).toBe('SO-4/B');
      expect(so4.attention).toEqual([
        {
          field: 'orderNumber',
          reason: 'order-number-rule',
          detail: 'Use only letters, digits and - _ # . in an order number (no spaces, commas or slashes).',
        },
        { field: 'shipTo.address.countryCode', reason: 'country-not-iso', detail: 'Japan', suggestion: 'JP' },
      ]);
    });
  });

  it.each([
    ['not JSON', '{"format": "shipping-station.orders", ', 'invalid-json'],
    ['another format', JSON.stringify({ orders: [] }), 'json-not-ours'],
    ['a newer version', JSON.stringify({ ...HEAD, version: 2, orders: [] }), 'json-newer-version'],
    ['an unknown top-level field', JSON.stringify({ ...HEAD, orders: [], shop: 'x' }), 'invalid-field'],
  ])('refuses %s as a whole, saying why', async (_what, text, code) => {
    const { report, orders } = await importOrders('orders.json', bytesSource(new TextEncoder().encode(text)));
    expect(orders).toEqual([]);
    expect(report.accepted).toBe(false);
    expect(report.problems.map((p) => [p.code, p.row])).toEqual([[code, null]]);
  });

  it('reads a .json file as JSON even when a CSV mapping was chosen', async () => {
    const preset = TEMPLATE_PRESETS[0]!;
    const { report, orders } = await importOrders(
      'orders.json',
      json({ ...HEAD, orders: [{ externalId: 'A', orderNumber: 'A', lines: [{ sku: 'MUG-BLU', quantity: 1 }] }] }),
      { preset },
    );
    expect(report.format).toBe('json');
    expect(orders.map((o) => o.order.externalId)).toEqual(['A']);
  });

  it('says which version it reads', async () => {
    const { report } = await importOrders('orders.json', json({ ...HEAD, version: 3, orders: [] }));
    expect(describeImportProblem('en', report.file, report.problems[0]!)).toBe(
      'orders.json: this order file is version 3; this station reads version 1. Update the station or export version 1.',
    );
  });

  it('with "all or nothing", one bad order keeps the whole file out', async () => {
    const good = { externalId: 'A', orderNumber: 'A', lines: [{ sku: 'MUG-BLU', quantity: 1 }] };
    const bad = { externalId: 'B', orderNumber: 'B', lines: [{ sku: 'MUG-BLU', quantity: 'one' }] };
    const lenient = await importOrders('o.json', json({ ...HEAD, orders: [good, bad] }));
    expect(lenient.orders.map((o) => o.order.externalId)).toEqual(['A']);
    const strict = await importOrders('o.json', json({ ...HEAD, orders: [good, bad] }), { policy: 'all-or-nothing' });
    expect(strict.orders).toEqual([]);
    expect(strict.report.accepted).toBe(false);
  });
});
