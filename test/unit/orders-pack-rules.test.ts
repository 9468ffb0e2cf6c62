/**
 * The pure rules of scan to ship: command barcodes, courier/product rules,
 * the three-way merge of the packer's edits with a new file, and the ship
 * plan's gaps (who fixes what).
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, editOrder, reimport } from '../../electron/core/orders/order-edits';
import type { Order } from '../../shared/domain/orders';
import { DEFAULT_STATION_DEFAULTS, pickService, PackRuleSchema, type StationDefaults } from '../../shared/domain/packing';
import { planShipment } from '../../shared/domain/ship-plan';
import type { SkuEntry } from '../../shared/domain/sku-catalogue';
import { commandPayload, parseCommandBarcode, STATION_COMMANDS } from '../../shared/scan/commands';
import { isOrderNumber } from '../../shared/domain/order-number';

const order = (patch: Partial<Order> = {}): Order => ({
  source: 'shopify',
  externalId: '1',
  orderNumber: '#1001',
  email: '',
  shipTo: {
    contact: { firstName: 'Ada', lastName: 'Lovelace', phone: '+1 617-555-0101', email: '' },
    company: '',
    address: { streetLines: ['12 Beacon Street'], city: 'Boston', state: 'MA', postalCode: '02134', countryCode: 'US' },
  },
  currency: 'USD',
  lines: [
    {
      sku: 'MUG',
      name: 'Mug',
      quantity: 2,
      unitPrice: { amount: 12.5, currency: 'USD' },
      requiresShipping: true,
      fulfillmentStatus: 'unfulfilled',
      unitWeightKg: null,
    },
  ],
  notes: '',
  cancelledAt: null,
  fulfillmentStatus: 'unfulfilled',
  ...patch,
});

describe('command barcodes', () => {
  it.each([
    ['%SHIP', 'ship'],
    ['%ship', 'ship'],
    [' %NEXT\r\n', 'next'],
    ['%Cancel', 'cancel'],
    ['%REPRINT', 'reprint'],
    ['%BADGE-0042', null],
    ['SHIP', null],
    ['%', null],
  ] as const)('%j → %j', (scan, command) => {
    expect(parseCommandBarcode(scan)).toBe(command);
  });

  it('no command payload can be an order number', () => {
    for (const c of STATION_COMMANDS) expect(isOrderNumber(commandPayload(c))).toBe(false);
  });
});

describe('courier and product rules', () => {
  const defaults = {
    courier: 'yunexpress',
    productCode: 'YEXP01',
    rules: [
      PackRuleSchema.parse({ countries: ['us', 'CA'], maxWeightKg: 2, courier: 'yunexpress', productCode: 'US-LIGHT' }),
      PackRuleSchema.parse({ countries: ['US'], minWeightKg: 2, courier: 'yunexpress', productCode: 'US-HEAVY' }),
      PackRuleSchema.parse({ minWeightKg: 20, courier: 'freight', productCode: 'PALLET' }),
    ],
  };
  it.each([
    ['US', 0.5, 'US-LIGHT', 0],
    ['US', 1.999, 'US-LIGHT', 0],
    ['US', 2, 'US-HEAVY', 1],
    ['CA', 2, 'YEXP01', null],
    ['DE', 25, 'PALLET', 2],
    ['US', null, 'YEXP01', null],
  ] as const)('%s at %s kg → %s (rule %s)', (country, kg, product, rule) => {
    expect(pickService(defaults, country, kg)).toMatchObject({ productCode: product, rule });
  });

  it('refuses a rule whose weights are the wrong way round, naming the field', () => {
    const r = PackRuleSchema.safeParse({ minWeightKg: 5, maxWeightKg: 2, courier: 'x', productCode: 'y' });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['maxWeightKg']);
  });
});

describe("the packer's edits against a new file", () => {
  const imported = order();
  const edits = editOrder(imported, {}, { 'shipTo.address.city': 'Cambridge', notes: 'Fragile' }, []);

  it('keeps an edit the file did not touch, and follows the file elsewhere', () => {
    const fresh = order({ email: 'ada@example.com' });
    const r = reimport(fresh, edits);
    expect(r.conflicts).toEqual([]);
    expect(applyEdits(fresh, r.edits)).toMatchObject({
      email: 'ada@example.com',
      notes: 'Fragile',
      shipTo: { address: { city: 'Cambridge' } },
    });
  });

  it('reports a field both changed (local value kept), once', () => {
    const fresh = order({ shipTo: { ...imported.shipTo, address: { ...imported.shipTo.address, city: 'Somerville' } } });
    const r = reimport(fresh, edits);
    expect(r.conflicts).toEqual([{ field: 'shipTo.address.city', fileValue: '"Somerville"', keptValue: '"Cambridge"' }]);
    expect(applyEdits(fresh, r.edits).shipTo.address.city).toBe('Cambridge');
    expect(reimport(fresh, r.edits).conflicts).toEqual([]);
  });

  it('drops an edit once the file says the same', () => {
    const fresh = order({ notes: 'Fragile' });
    expect(Object.keys(reimport(fresh, edits).edits)).toEqual(['shipTo.address.city']);
  });

  it('an edit back to the file value, or a revert, is no edit', () => {
    expect(editOrder(imported, edits, { 'shipTo.address.city': 'Boston' }, ['notes'])).toEqual({});
  });
});

describe('the ship plan', () => {
  const catalogue = new Map<string, SkuEntry>([
    [
      'MUG',
      {
        sku: 'MUG',
        descriptionEn: 'Ceramic mug',
        descriptionLocal: '',
        unitWeightKg: 0.35,
        unitValue: null,
        hsCode: '6912.00',
        originCountry: 'CN',
      },
    ],
  ]);
  const box = { id: 'b', name: 'Small', innerCm: { length: 30, width: 20, height: 10 }, tareKg: 0.2, barcode: '' };
  const shipFrom = {
    id: 's',
    name: 'HK',
    isDefault: true,
    party: {
      contact: { firstName: 'Ware', lastName: 'House', phone: '+852-3000-0000', email: undefined },
      address: { streetLines: ['8 Cargo Road'], city: 'Hong Kong', state: undefined, postalCode: '999077', countryCode: 'HK' },
    },
  };
  const defaults: StationDefaults = { ...DEFAULT_STATION_DEFAULTS, courier: 'yunexpress', productCode: 'YEXP01' };
  const plan = (patch: Partial<Parameters<typeof planShipment>[0]> = {}) =>
    planShipment({
      order: order(),
      catalogue: (s) => catalogue.get(s),
      box,
      boxFrom: 'default',
      weight: null,
      shipFrom,
      defaults,
      language: 'en',
      ...patch,
    });

  it('makes the label request from the order, the catalogue, the box and the defaults, in KG and CM', () => {
    const r = plan();
    expect(r.missing).toEqual([]);
    expect(r.request?.shipment.parcels[0]).toMatchObject({
      weight: 0.9,
      dimension: { length: 30, width: 20, height: 10 },
      items: [{ descriptionEn: 'Ceramic mug', quantity: 2, unitWeight: 0.35, unitPrice: { amount: 12.5, currency: 'USD' } }],
    });
    expect(r.request?.order?.customerOrderNumber).toBe('#1001');
    expect(plan({ weight: { kg: 1.234, from: 'scale' } }).plan).toMatchObject({ weightKg: 1.234, weightFrom: 'scale' });
  });

  it('names every gap and who fixes it', () => {
    const r = plan({ catalogue: () => undefined, box: null, shipFrom: null, defaults: { ...defaults, courier: '', productCode: '' } });
    expect(r.request).toBeNull();
    expect(r.missing.map((m) => [m.field, m.fix])).toEqual([
      ['lines.0.unitWeightKg', 'catalogue'],
      ['lines.0.sku', 'catalogue'],
      ['box', 'bench'],
      ['courier', 'setup'],
      ['service.productCode', 'setup'],
      ['shipment.shipFrom', 'setup'],
    ]);
  });
});
