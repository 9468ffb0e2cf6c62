/**
 * Any other CSV: a column mapping preset (saved as data) read by the same
 * reader core as Shopify's export, in both layouts, from real files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOrderFile, importOrders, previewOrders } from '../../electron/core/orders/import-orders';
import { bytesSource } from '../../electron/core/orders/text-input';
import {
  OrderCsvPresetSchema,
  SHOPIFY_PRESET,
  TEMPLATE_PRESETS,
  looksLikeShopifyExport,
  type OrderCsvPresetInput,
} from '../../shared/domain/order-csv-presets';
import { describeAttention, describeImportProblem } from '../../shared/domain/order-import';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/orders', name);

/** As the mapping screen would save it: a European spreadsheet, one row per line, `;`, decimal comma, grams. */
const EU_LINES: OrderCsvPresetInput = {
  name: 'Warehouse sheet (EU)',
  source: 'eu-sheet',
  layout: 'line-per-row',
  decimalSeparator: ',',
  weightUnit: 'g',
  groupBy: ['Order'],
  required: ['Order', 'Quantity'],
  columns: {
    orderNumber: ['Order'],
    recipientName: ['Name'],
    company: ['Company'],
    street1: ['Address 1'],
    street2: ['Address 2'],
    city: ['City'],
    state: ['State'],
    postalCode: ['Postal code'],
    countryCode: ['Country'],
    phone: ['Phone'],
    email: ['Email'],
    currency: ['Currency'],
    lineSku: ['SKU'],
    lineName: ['Item'],
    lineQuantity: ['Quantity'],
    linePrice: ['Price'],
    lineUnitWeight: ['Weight (g)'],
  },
};

describe('mapped CSV, one row per line', async () => {
  const preset = OrderCsvPresetSchema.parse(EU_LINES);
  const { report, orders } = await importOrderFile(fixture('spreadsheet-lines-semicolon.csv'), { preset });
  const order = (n: string) => orders.find((o) => o.order.orderNumber === n)!;

  it('reads every order with the mapping, detecting the ; delimiter', () => {
    expect(report).toMatchObject({ format: 'mapped-csv', preset: 'Warehouse sheet (EU)', accepted: true, rows: 5, problems: [] });
    expect(orders.map((o) => [o.order.source, o.order.externalId, o.row])).toEqual([
      ['eu-sheet', 'B-2001', 2],
      ['eu-sheet', 'B-2002', 4],
      ['eu-sheet', 'B-2003', 6],
    ]);
  });

  it('continues an order on rows whose order cell is blank, and gathers a later row of the same order', () => {
    expect(order('B-2001').order.lines.map((l) => [l.sku, l.quantity, l.unitPrice?.amount, l.unitWeightKg])).toEqual([
      ['MUG-BLU', 2, 12.5, 0.35],
      ['TOTE-1', 1, 19.9, 0.2],
    ]);
    expect(order('B-2002').order.lines.map((l) => [l.sku, l.name, l.unitWeightKg])).toEqual([
      ['CANDLE-S', 'Candela', null],
      ['TOTE-2', 'Tasca "Harbour"', 0.2],
    ]);
  });

  it('reads decimal commas, grouped thousands and a quoted ; in a cell', () => {
    expect(order('B-2003').order.lines[0]).toMatchObject({
      name: 'Servetter; 4 st',
      unitPrice: { amount: 1234, currency: 'EUR' },
      unitWeightKg: 0.3,
    });
  });

  it('lists a country written as a name, offering (not applying) its code', () => {
    const item = order('B-2001').attention.find((a) => a.reason === 'country-not-iso')!;
    expect(item).toEqual({ field: 'shipTo.address.countryCode', reason: 'country-not-iso', detail: 'Germany', suggestion: 'DE' });
    expect(order('B-2001').order.shipTo.address.countryCode).toBe('Germany');
    expect(describeAttention('en', item)).toBe('the country "Germany" is not a two-letter ISO code (did you mean DE?)');
  });

  it('says per field what is missing, and which line has no weight', () => {
    expect(order('B-2002').attention.map((a) => [a.field, a.reason])).toEqual([['lines.0.unitWeightKg', 'no-weight']]);
    expect(order('B-2003').attention.map((a) => [a.field, a.reason])).toEqual([['shipTo.contact.phone', 'missing']]);
  });

  it('keeps the company beside the address for the slip', () => {
    expect(order('B-2002').order.shipTo).toMatchObject({
      company: 'Rossi S.r.l.',
      address: { streetLines: ['Via Roma 1', 'Scala B'], state: 'MI' },
    });
  });
});

describe('mapped CSV, one row per order with numbered items', async () => {
  const preset = TEMPLATE_PRESETS.find((p) => p.layout === 'order-per-row')!;
  const { report, orders } = await importOrderFile(fixture('spreadsheet-orders-numbered.csv'), { preset });

  it('reads Item 1…n as lines, stopping at the blank ones', () => {
    expect(
      orders.map((o) => [
        o.order.orderNumber,
        o.order.lines.map((l) => `${l.quantity}×${l.sku || l.name}@${l.unitPrice?.amount}${l.unitPrice?.currency}`),
      ]),
    ).toEqual([
      ['R-1', ['1×MUG-BLU@12.5USD', '2×TOTE-1@20USD']],
      ['R-2', ['4×CANDLE-S@900JPY']],
      ['R-4', ['1×Gift wrap@10AED', '1×NAPKIN-4@80AED', '2×CANDLE-S@30AED']],
    ]);
    expect(orders[0]!.order.shipTo.address.streetLines).toEqual(['1 Pine St, Unit 2']);
    expect(orders[2]!.order.shipTo.address.streetLines).toEqual(['Apt 3, 14 Cedar Rd']);
  });

  it('reports the bad quantity by row and column, and skips the second copy of an order', () => {
    expect(report.problems.map((p) => describeImportProblem('en', report.file, p))).toEqual([
      'spreadsheet-orders-numbered.csv, row 4, column "Item 1 quantity": the quantity "1.5" is not a whole number. Enter a whole number of items.',
    ]);
    expect(report.skipped.map((s) => [s.orderNumber, s.reason, s.row])).toEqual([['R-2', 'duplicate', 5]]);
  });

  it('previews the first two orders only', async () => {
    const preview = await previewOrders('x.csv', bytesSource(readFileSync(fixture('spreadsheet-orders-numbered.csv'))), {
      preset,
      limit: 2,
    });
    expect(preview.orders.map((o) => o.order.orderNumber)).toEqual(['R-1', 'R-2']);
    expect(preview.report.problems).toEqual([]);
  });
});

describe('mapped CSV: rows that say something is off', () => {
  const preset = TEMPLATE_PRESETS.find((p) => p.layout === 'line-per-row')!;
  const HEADER = 'Order,Name,Address 1,City,Postal code,Country,Phone,Currency,SKU,Item,Quantity,Price';
  const read = (...rows: string[]) =>
    importOrders('sheet.csv', bytesSource(new TextEncoder().encode([HEADER, ...rows].join('\n') + '\n')), { preset });

  it.each([
    [
      'a first row without an order number',
      [',Ann Lee,1 Elm St,Leeds,LS1 4AP,GB,0113 496 0000,GBP,MUG-BLU,Mug,1,9.50'],
      [['error', 'no-order-id', 2, 'Order', '']],
    ],
    [
      'a currency that is not a code',
      ['S-1,Ann Lee,1 Elm St,Leeds,LS1 4AP,GB,0113 496 0000,£,MUG-BLU,Mug,1,9.50'],
      [['error', 'invalid-currency', 2, 'Currency', '£']],
    ],
    [
      'a line with neither SKU nor name',
      ['S-1,Ann Lee,1 Elm St,Leeds,LS1 4AP,GB,0113 496 0000,GBP,MUG-BLU,Mug,1,9.50', 'S-1,,,,,,,,,,2,3.00'],
      [['error', 'missing-line-name', 3, null, '']],
    ],
    [
      'a quantity of 0 (the line is left out)',
      ['S-1,Ann Lee,1 Elm St,Leeds,LS1 4AP,GB,0113 496 0000,GBP,MUG-BLU,Mug,1,9.50', 'S-1,,,,,,,,TOTE-1,Tote,0,20'],
      [['warning', 'zero-quantity', 3, 'Quantity', '0']],
    ],
    [
      'a negative price',
      ['S-1,Ann Lee,1 Elm St,Leeds,LS1 4AP,GB,0113 496 0000,GBP,MUG-BLU,Mug,1,-9.50'],
      [['error', 'invalid-number', 2, 'Price', '-9.50']],
    ],
  ])('%s', async (_what, rows, expected) => {
    const { report } = await read(...rows);
    expect(report.problems.map((p) => [p.severity, p.code, p.row, p.column, p.value])).toEqual(expected);
    for (const p of report.problems) expect(describeImportProblem('zh-TW', report.file, p)).toMatch(/^sheet\.csv，第 \d+ 列/);
  });

  it('warns about a partly fulfilled line, whose remaining quantity the file does not give', async () => {
    const lineStatus = OrderCsvPresetSchema.parse({ ...preset, columns: { ...preset.columns, lineFulfillmentStatus: ['Status'] } });
    const csv = 'Order,Item,Quantity,Status\nS-9,Mug,3,partial\n';
    const { report, orders } = await importOrders('s.csv', bytesSource(new TextEncoder().encode(csv)), { preset: lineStatus });
    expect(report.problems.map((p) => [p.severity, p.code, p.row, p.column])).toEqual([['warning', 'line-partly-fulfilled', 2, 'Status']]);
    expect(orders.map((o) => o.order.lines[0]!.fulfillmentStatus)).toEqual(['partial']);
  });
});

describe('presets as data', () => {
  it('are valid as shipped, and Shopify is told by its header', () => {
    for (const p of [SHOPIFY_PRESET, ...TEMPLATE_PRESETS]) expect(OrderCsvPresetSchema.parse(p)).toEqual(p);
    expect(looksLikeShopifyExport(['Name', 'Email', 'Lineitem quantity', 'Lineitem name'])).toBe(true);
    expect(looksLikeShopifyExport(['Order', 'Quantity'])).toBe(false);
  });

  it.each([
    [{ columns: { lineQuantity: ['Qty'], lineSku: ['SKU'] } }, 'columns.orderNumber', 'Choose the column that holds the order number.'],
    [{ columns: { orderNumber: ['Order'], lineSku: ['SKU'] } }, 'columns.lineQuantity', 'Choose the column that holds the quantity.'],
    [
      { columns: { orderNumber: ['Order'], lineSku: ['Item {n} SKU'], lineQuantity: ['Qty'] } },
      'columns.lineSku',
      'Numbered columns ({n}) are for the one-row-per-order layout.',
    ],
    [
      { source: 'My Shop!', columns: { orderNumber: ['Order'], lineSku: ['SKU'], lineQuantity: ['Qty'] } },
      'source',
      expect.stringContaining('lower-case'),
    ],
  ])('a preset the screen must not save says why (%#)', (partial, path, message) => {
    const parsed = OrderCsvPresetSchema.safeParse({ name: 'x', source: 'x', layout: 'line-per-row', ...partial });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([path, message]);
  });
});
