/**
 * The SKU catalogue (read from a real CSV) filling a label's parcel from an
 * imported order's lines and a box: descriptions, quantities, values and
 * weights in the API's KG/CM, the parcel weight (catalogue × quantity + box
 * tare, or the scale), what is missing, and HS code / origin kept out of the
 * strict request body.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOrderFile } from '../../electron/core/orders/import-orders';
import { readSkuCatalogue } from '../../electron/core/orders/sku-catalogue-csv';
import { bytesSource } from '../../electron/core/orders/text-input';
import { LabelRequestSchema, type LabelRequestInput } from '../../shared/domain/label-request';
import { describeImportProblem } from '../../shared/domain/order-import';
import { shipToParty, type Order } from '../../shared/domain/orders';
import { BoxSchema, fillParcel, labelParcel, lengthToCm, type Box, type SkuEntry } from '../../shared/domain/sku-catalogue';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/orders', name);
const MAILER: Box = BoxSchema.parse({
  name: 'Mailer M',
  innerCm: { length: 30, width: 20, height: lengthToCm(100, 'mm') },
  tareKg: 0.12,
  barcode: 'BOX-M',
});

describe('SKU catalogue CSV', async () => {
  const result = await readSkuCatalogue('sku-catalogue.csv', bytesSource(readFileSync(fixture('sku-catalogue.csv'))));
  const entry = (sku: string) => result.entries.find((e) => e.sku === sku);

  it.each([
    ['MUG-BLU', 0.35, null],
    ['MUG-GRN', 0.35, null],
    ['TOTE-1', 7 * 0.028349523125, null],
    ['TOTE-2', 0.2, null],
    ['CANDLE-S', 0.15, { amount: 3, currency: 'USD' }],
    ['NAPKIN-4', 0.3 * 0.45359237, null],
    ['SAMPLE-1', 0.02, { amount: 0.1, currency: 'USD' }],
    ['GIFT-BOX', 0.1, null],
  ])('%s weighs %d kg per unit, value override %j', (sku, kg, value) => {
    expect(entry(sku)!.unitWeightKg).toBeCloseTo(kg, 9);
    expect(entry(sku)!.unitValue).toEqual(value);
  });

  it('keeps descriptions (with commas, in Chinese), HS code and origin as written', () => {
    expect(entry('NAPKIN-4')).toMatchObject({
      descriptionEn: 'Linen napkins, set of 4',
      descriptionLocal: '亚麻餐巾（4 条装）',
      hsCode: '6302.51',
      originCountry: 'PT',
    });
    expect(entry('GIFT-BOX')).toMatchObject({ descriptionEn: '', hsCode: '', originCountry: '' });
  });

  it('refuses, row by row, what it would otherwise have to guess', () => {
    expect(result.accepted).toBe(true);
    expect(result.rows).toBe(12);
    expect(result.problems.map((p) => describeImportProblem('en', result.file, p))).toEqual([
      'sku-catalogue.csv, row 9, column "Unit weight": the weight "350" has no unit. Write it with its unit (350 g, 0.35 kg, 12 oz, 0.8 lb) or add a "Weight unit" column.',
      'sku-catalogue.csv, row 10, column "SKU": the SKU "MUG-BLU" is already on an earlier row; this row was not read. Keep one row per SKU.',
      'sku-catalogue.csv, row 11, column "HS code": "70.13" is not an HS code (6 to 10 digits, e.g. 6912.00). Fix it or leave it empty.',
      'sku-catalogue.csv, row 12, column "Origin country": "China" is not a two-letter ISO country code (e.g. CN, US). Fix it or leave it empty.',
    ]);
    expect(result.entries.map((e) => e.sku)).not.toContain('MUG-RED');
    expect(entry('MUG-BLU')!.descriptionEn).toBe('Ceramic mug');
  });

  it('refuses a file without a SKU column', async () => {
    const r = await readSkuCatalogue('c.csv', bytesSource(new TextEncoder().encode('Item,Weight\nMug,1 kg\n')));
    expect(r.accepted).toBe(false);
    expect(r.problems.map((p) => [p.code, p.column])).toEqual([['missing-column', 'SKU']]);
  });

  it('takes the unit from a "Weight unit" column when the cell has none', async () => {
    const r = await readSkuCatalogue('c.csv', bytesSource(new TextEncoder().encode('SKU,Unit weight,Weight unit\nA,500,g\nB,2,lb\n')));
    expect(r.entries.map((e) => [e.sku, e.unitWeightKg])).toEqual([
      ['A', 0.5],
      ['B', 2 * 0.45359237],
    ]);
  });
});

describe('filling the label parcel from order lines, catalogue and box', async () => {
  const catalogue = await readSkuCatalogue('sku-catalogue.csv', bytesSource(readFileSync(fixture('sku-catalogue.csv'))));
  const bySku = new Map(catalogue.entries.map((e) => [e.sku, e]));
  const lookup = (sku: string): SkuEntry | undefined => bySku.get(sku);
  const { orders } = await importOrderFile(fixture('shopify-orders-export.csv'), {
    catalogueUnitWeightKg: (sku) => bySku.get(sku)?.unitWeightKg ?? null,
  });
  const order = (n: string) => orders.find((o) => o.order.orderNumber === n)!.order;

  it('fills items and weighs the parcel: catalogue weight × quantity + box tare, in kg', () => {
    const fill = fillParcel(order('#1001'), { catalogue: lookup, box: MAILER });
    expect(fill.gaps).toEqual([]);
    expect(fill.items).toEqual([
      {
        descriptionEn: 'Ceramic mug',
        descriptionLocal: '陶瓷杯',
        quantity: 2,
        unitPrice: { amount: 12.5, currency: 'USD' },
        unitWeight: 0.35,
      },
      {
        descriptionEn: 'Cotton tote bag, printed',
        descriptionLocal: '棉质手提袋',
        quantity: 1,
        unitPrice: { amount: 20, currency: 'USD' },
        unitWeight: 7 * 0.028349523125,
      },
    ]);
    // 2 × 0.350 + 1 × 0.198 + 0.120 = 1.018 kg
    expect(fill).toMatchObject({ weightKg: 1.018, weightFrom: 'catalogue', dimensionCm: { length: 30, width: 20, height: 10 } });
  });

  it('leaves the gift card out, and a catalogue value override wins over the shop price', () => {
    const fill = fillParcel(order('#1003'), { catalogue: lookup, box: MAILER });
    expect(fill.items).toEqual([
      {
        descriptionEn: 'Beeswax candle',
        descriptionLocal: '蜂蜡蜡烛',
        quantity: 3,
        unitPrice: { amount: 3, currency: 'USD' },
        unitWeight: 0.15,
      },
    ]);
    expect(fill.weightKg).toBe(0.57);
  });

  it('takes the scale reading when a scale is connected', () => {
    expect(fillParcel(order('#1001'), { catalogue: lookup, box: MAILER, scaleWeightKg: 1.1234 })).toMatchObject({
      weightKg: 1.123,
      weightFrom: 'scale',
    });
  });

  it('lists what is missing per line instead of guessing, and gives no parcel then', () => {
    const lines: Order['lines'] = [
      {
        sku: 'UNKNOWN-1',
        name: 'Mystery box',
        quantity: 1,
        unitPrice: { amount: 5, currency: 'USD' },
        requiresShipping: true,
        fulfillmentStatus: 'unfulfilled',
        unitWeightKg: null,
      },
      {
        sku: 'GIFT-BOX',
        name: 'Gift box',
        quantity: 1,
        unitPrice: null,
        requiresShipping: true,
        fulfillmentStatus: 'unfulfilled',
        unitWeightKg: null,
      },
      {
        sku: '',
        name: 'Engraving',
        quantity: 1,
        unitPrice: { amount: 0, currency: 'USD' },
        requiresShipping: false,
        fulfillmentStatus: 'unfulfilled',
        unitWeightKg: null,
      },
    ];
    const fill = fillParcel({ lines }, { catalogue: lookup, box: null });
    expect(fill.gaps).toEqual([
      { field: 'sku', line: 0, sku: 'UNKNOWN-1', name: 'Mystery box' },
      { field: 'descriptionEn', line: 1, sku: 'GIFT-BOX', name: 'Gift box' },
      { field: 'unitPrice', line: 1, sku: 'GIFT-BOX', name: 'Gift box' },
      { field: 'box' },
    ]);
    expect(fill.weightKg).toBeNull();
    expect(labelParcel(fill)).toBeNull();
  });

  it('makes a request the strict label schema accepts, with HS code and origin kept aside, never in the body', () => {
    const o = order('#1007');
    const fill = fillParcel(o, { catalogue: lookup, box: MAILER });
    expect(fill.customs).toEqual([
      { sku: 'CANDLE-S', descriptionEn: 'Beeswax candle', quantity: 5, hsCode: '3406.00', originCountry: 'US' },
      { sku: 'TOTE-2', descriptionEn: 'Cotton tote bag', quantity: 1, hsCode: '420292', originCountry: 'IN' },
    ]);
    const parcel = labelParcel(fill)!;
    const request: LabelRequestInput = {
      courier: 'yunexpress',
      service: { productCode: 'YEXP01' },
      shipment: {
        shipFrom: {
          contact: { firstName: 'Dock', lastName: 'Four', phone: '+86 755 0000 0000' },
          address: { streetLines: ['1 Dock Road'], city: 'Shenzhen', postalCode: '518000', countryCode: 'CN' },
        },
        shipTo: shipToParty(o.shipTo),
        parcels: [parcel],
      },
      order: { customerOrderNumber: o.orderNumber },
    };
    const parsed = LabelRequestSchema.safeParse(request);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data!.shipment.shipTo.address.streetLines).toEqual(['Acme Ltd, Imports', '10 Downing Street']);
    expect(parsed.data!.shipment.parcels[0]!.weight).toBe(1.07);
    const body = JSON.stringify(parsed.data);
    expect(body).not.toMatch(/hsCode|originCountry|3406|SKU|sku/);
    // The body is strict: an item carrying an HS code is refused, which is why it is never put there.
    const withHs = structuredClone(request);
    (withHs.shipment.parcels[0]!.items![0] as Record<string, unknown>)['hsCode'] = '3406.00';
    expect(LabelRequestSchema.safeParse(withHs).success).toBe(true); // items are not .strict() in the schema today…
    expect(JSON.stringify(LabelRequestSchema.parse(withHs))).not.toContain('hsCode'); // …so zod strips it: it can never reach the API.
  });
});
