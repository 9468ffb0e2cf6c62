/**
 * Shopify's "Export orders" CSV, read from real-shaped files (the 79 columns
 * of the admin's export, test/fixtures/orders/README.md) through the real
 * reader: grouping, first-row order fields, the fallbacks, what is skipped
 * and why, and what needs attention.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOrderFile, importOrders, previewOrders } from '../../electron/core/orders/import-orders';
import { bytesSource } from '../../electron/core/orders/text-input';
import { SHOPIFY_PRESET } from '../../shared/domain/order-csv-presets';
import { describeImportProblem, formatImportReport, type ImportedOrder } from '../../shared/domain/order-import';

const FIXTURES = join(import.meta.dirname, '../fixtures/orders');
const fixture = (name: string) => join(FIXTURES, name);
const CATALOGUE_KG: Record<string, number> = {
  'MUG-BLU': 0.35,
  'MUG-GRN': 0.35,
  'TOTE-1': 0.2,
  'TOTE-2': 0.2,
  'CANDLE-S': 0.15,
  'NAPKIN-4': 0.3,
};
const catalogueUnitWeightKg = (sku: string) => CATALOGUE_KG[sku] ?? null;

function byNumber(orders: readonly ImportedOrder[]): Map<string, ImportedOrder[]> {
  const map = new Map<string, ImportedOrder[]>();
  for (const o of orders) map.set(o.order.orderNumber, [...(map.get(o.order.orderNumber) ?? []), o]);
  return map;
}

describe('Shopify order export', async () => {
  const { report, orders } = await importOrderFile(fixture('shopify-orders-export.csv'), { catalogueUnitWeightKg });
  const read = byNumber(orders);

  it('reads the file as Shopify export, every row, without a problem', () => {
    expect(report).toMatchObject({ file: 'shopify-orders-export.csv', format: 'shopify-csv', accepted: true, rows: 17, problems: [] });
  });

  // One row per order in the file: what a packer sees afterwards.
  it.each([
    ['#1001', 'imported', 'two lines, notes with a comma and a newline, zip with leading zero'],
    ['#1002', 'no-shippable-line', 'a gift card only'],
    ['#1003', 'imported', 'gift card + candles: only the candles need a parcel'],
    ['#1004', 'imported', 'no shipping address (needs attention)'],
    ['#1005', 'imported', 'non-ASCII name, postal code with a space'],
    ['#1006', 'imported', 'Chinese name and address'],
    ['#1007', 'imported', 'company with a comma, postcode without a space, quoted quotes'],
    ['#1008', 'fulfilled', 'already fulfilled'],
    ['#1009', 'imported', 'partial: only the unfulfilled line'],
    ['#1010', 'cancelled', 'cancelled'],
    ['#1011', 'restocked', 'restocked'],
  ])('%s → %s (%s)', (number, outcome) => {
    const skipped = report.skipped.find((s) => s.orderNumber === number);
    if (outcome === 'imported') {
      expect(skipped).toBeUndefined();
      expect(read.get(number)).toHaveLength(1);
    } else {
      expect(read.has(number)).toBe(false);
      expect(skipped?.reason).toBe(outcome);
    }
  });

  it('keys orders on Id, so two orders named #1012 stay two orders', () => {
    const twins = read.get('#1012')!;
    expect(twins.map((o) => [o.order.source, o.order.externalId, o.order.shipTo.address.city])).toEqual([
      ['shopify', '5871234500012', 'Sydney'],
      ['shopify', '5871234500013', 'Burlington'],
    ]);
  });

  it('takes order fields from the first row; the second row adds its line only', () => {
    const o = read.get('#1001')![0]!;
    expect(o.row).toBe(2);
    expect(o.order).toMatchObject({
      email: 'ada@example.com',
      currency: 'USD',
      notes: 'Leave at the door, please.\nRing twice if no answer.',
      fulfillmentStatus: 'unfulfilled',
      cancelledAt: null,
      shipTo: {
        contact: { firstName: 'Ada', lastName: 'Lovelace', phone: '+1 617-555-0101', email: 'ada@example.com' },
        // Address1/Address2, not the joined `Shipping Street`; Excel's text marker (') off the zip.
        address: { streetLines: ['12 Beacon Street', 'Apt 4'], city: 'Boston', state: 'MA', postalCode: '02134', countryCode: 'US' },
      },
    });
    expect(o.order.lines).toEqual([
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
        unitWeightKg: null,
      },
    ]);
    expect(o.attention).toEqual([]);
  });

  it('keeps a gift card line on the order but needs no parcel for it', () => {
    const lines = read.get('#1003')![0]!.order.lines;
    expect(lines.map((l) => [l.name, l.requiresShipping])).toEqual([
      ['Gift Card - $25', false],
      ['Beeswax Candle', true],
    ]);
  });

  it('imports only the unfulfilled lines of a partial order', () => {
    expect(read.get('#1009')![0]!.order.lines.map((l) => [l.sku, l.quantity])).toEqual([['NAPKIN-4', 2]]);
  });

  it.each([
    ['#1005', { firstName: 'Zoë', lastName: 'Ångström' }, { city: 'Stockholm', postalCode: '118 46', countryCode: 'SE' }],
    [
      '#1006',
      { firstName: '小明', lastName: '王' },
      { streetLines: ['南山区科技园南区 8 栋'], city: '深圳市', state: 'GD', postalCode: '518057' },
    ],
    ['#1007', { firstName: 'Priya', lastName: 'Patel' }, { postalCode: 'SW1A2AA', countryCode: 'GB' }],
    ['#1009', { firstName: 'Fay', lastName: 'Tremblay' }, { city: 'Montréal', state: 'QC', postalCode: 'H3B 1K9' }],
    // `Shipping Province` blank: `Shipping Province Name` fills in.
    ['#1012', { firstName: 'Ivy', lastName: 'Nguyen' }, { state: 'New South Wales', postalCode: '2000', countryCode: 'AU' }],
  ])('%s: names and postal codes exactly as written', (number, contact, address) => {
    const o = read.get(number)![0]!.order;
    expect(o.shipTo.contact).toMatchObject(contact);
    expect(o.shipTo.address).toMatchObject(address);
  });

  it('keeps the company (with its comma) for the slip, and quotes inside a line name', () => {
    const o = read.get('#1007')![0]!.order;
    expect(o.shipTo.company).toBe('Acme Ltd, Imports');
    expect(o.lines[1]!.name).toBe('Canvas Tote Bag "Harbour" edition');
  });

  it('falls back to the order phone when the shipping phone is blank', () => {
    expect(read.get('#1012')![1]!.order.shipTo.contact.phone).toBe('+1 802-555-0177');
  });

  it('lists the order without an address under needs attention, field by field', () => {
    expect(report.needsAttention.map((a) => a.orderNumber)).toEqual(['#1004']);
    expect(read.get('#1004')![0]!.attention.map((a) => [a.field, a.reason])).toEqual([
      ['shipTo.address', 'no-address'],
      ['shipTo.contact.firstName', 'missing'],
      ['shipTo.contact.lastName', 'missing'],
      ['shipTo.contact.phone', 'missing'],
    ]);
  });

  it('names the cancelled order with its time, so a labelled one can be flagged "do not ship"', () => {
    expect(report.skipped.find((s) => s.reason === 'cancelled')).toEqual({
      key: { source: 'shopify', externalId: '5871234500010' },
      orderNumber: '#1010',
      reason: 'cancelled',
      row: 15,
      cancelledAt: '2026-03-05T14:12:00.000Z',
    });
  });

  it('reads the same orders from the LF, no-BOM copy of the file', async () => {
    const lf = await importOrderFile(fixture('shopify-orders-export-lf.csv'), { catalogueUnitWeightKg });
    expect(lf.orders).toEqual(orders);
    expect({ ...lf.report, file: '' }).toEqual({ ...report, file: '' });
  });

  it('reads Excel\'s "Unicode Text" (UTF-16 with a BOM, tab-separated) alike', async () => {
    const utf16 = await importOrderFile(fixture('shopify-orders-unicode-text.txt'), { catalogueUnitWeightKg });
    expect(utf16.report.problems).toEqual([]);
    expect(utf16.orders.map((o) => o.order)).toEqual(orders.filter((o) => o.order.orderNumber === '#1001').map((o) => o.order));
  });

  it('says which lines have no known weight when there is no catalogue entry', async () => {
    const bare = await importOrderFile(fixture('shopify-orders-export.csv'));
    const first = bare.orders.find((o) => o.order.orderNumber === '#1001')!;
    expect(first.attention).toEqual([
      { field: 'lines.0.unitWeightKg', reason: 'no-weight', detail: 'MUG-BLU' },
      { field: 'lines.1.unitWeightKg', reason: 'no-weight', detail: 'TOTE-1' },
    ]);
  });

  it('previews the first orders as they will be read, without reading on', async () => {
    const preview = await previewOrders('shopify-orders-export.csv', bytesSource(readFileSync(fixture('shopify-orders-export.csv'))), {
      limit: 3,
      catalogueUnitWeightKg,
    });
    expect(preview.orders.map((o) => o.order.orderNumber)).toEqual(['#1001', '#1003']);
    expect(preview.report.skipped.map((s) => s.orderNumber)).toEqual(['#1002']);
    expect(preview.orders[0]).toEqual(read.get('#1001')![0]);
  });
});

describe('Shopify export: bad input', () => {
  it('refuses a Windows-1252 re-save, naming the first bad cell and how to fix it', async () => {
    const { report, orders } = await importOrderFile(fixture('shopify-orders-windows-1252.csv'));
    expect(orders).toEqual([]);
    expect(report.accepted).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ severity: 'error', code: 'invalid-encoding', row: 4, column: 'Billing Name', params: { count: 1 } }),
    ]);
    expect(describeImportProblem('en', report.file, report.problems[0]!)).toBe(
      'shopify-orders-windows-1252.csv, row 4, column "Billing Name": the text is not valid UTF-8 ("Zo\uFFFD \uFFFDngstr\uFFFDm"; 1 rows affected), so nothing was imported. In Excel use Save As → "CSV UTF-8 (Comma delimited)", or choose the file\'s encoding in a column mapping.',
    );
  });

  it('reads the Windows-1252 file when a mapping says it is Windows-1252', async () => {
    const { report, orders } = await importOrderFile(fixture('shopify-orders-windows-1252.csv'), {
      preset: { ...SHOPIFY_PRESET, encoding: 'windows-1252' },
    });
    expect(report.problems).toEqual([]);
    expect(orders.find((o) => o.order.orderNumber === '#1005')!.order.shipTo.contact).toMatchObject({
      firstName: 'Zoë',
      lastName: 'Ångström',
    });
  });

  it('names a missing required column and lists the header it found', async () => {
    const { report } = await importOrderFile(fixture('shopify-orders-missing-column.csv'), { preset: SHOPIFY_PRESET });
    expect(report.accepted).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ code: 'missing-column', row: null, column: 'Lineitem quantity' });
    expect(describeImportProblem('en', report.file, report.problems[0]!)).toMatch(
      /^shopify-orders-missing-column\.csv: the column "Lineitem quantity" is missing \(the header has: Name, Email, Financial Status, .*\)\. Export again with that column, or fix the column mapping\.$/,
    );
  });

  it('without a mapping, asks for one rather than guessing what the columns mean', async () => {
    const { report } = await importOrderFile(fixture('shopify-orders-missing-column.csv'));
    expect(report.problems.map((p) => p.code)).toEqual(['unknown-layout']);
  });

  it('imports the good orders and reports each unreadable row by row and column', async () => {
    const { report, orders } = await importOrderFile(fixture('shopify-orders-bad-rows.csv'));
    expect(report.accepted).toBe(true);
    expect(orders.map((o) => o.order.orderNumber)).toEqual(['#1003', '#1012']);
    expect(report.problems.map((p) => [p.code, p.row, p.column, p.value, p.order])).toEqual([
      ['invalid-quantity', 2, 'Lineitem quantity', 'two', '#1001'],
      ['row-cell-count', 6, null, '', ''],
      ['invalid-boolean', 7, 'Lineitem requires shipping', 'maybe', '#1007'],
    ]);
    expect(report.problems.map((p) => describeImportProblem('en', report.file, p))).toEqual([
      'shopify-orders-bad-rows.csv, row 2, column "Lineitem quantity": the quantity "two" is not a whole number. Enter a whole number of items.',
      'shopify-orders-bad-rows.csv, row 6: this row has 80 cells where the header has 79, so it cannot be read. Check for a stray comma or a missing quote.',
      'shopify-orders-bad-rows.csv, row 7, column "Lineitem requires shipping": "maybe" is not true or false. Enter true or false.',
    ]);
  });

  it('with "all or nothing", imports none of a file that has a bad row', async () => {
    const { report, orders } = await importOrderFile(fixture('shopify-orders-bad-rows.csv'), { policy: 'all-or-nothing' });
    expect(orders).toEqual([]);
    expect(report).toMatchObject({ accepted: false, imported: 0 });
  });

  it.each([
    [
      'orders-workbook.xlsx',
      'not-a-table',
      'orders-workbook.xlsx: this is an Excel workbook or another zip archive, not a CSV or JSON file. Save or export it as CSV (UTF-8) and import that.',
    ],
  ])('%s is named for what it is', async (name, code, message) => {
    const { report } = await importOrderFile(fixture(name));
    expect(report.problems.map((p) => p.code)).toEqual([code]);
    expect(describeImportProblem('en', report.file, report.problems[0]!)).toBe(message);
  });

  it.each([
    ['empty', new Uint8Array(0), 'empty-file'],
    ['a PDF', new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'not-a-table'],
    ['UTF-16 without a BOM', new Uint8Array([...'Name,Email\r\n'].flatMap((c) => [c.charCodeAt(0), 0])), 'utf16-without-bom'],
    ['a header only', new TextEncoder().encode('Name,Lineitem quantity,Lineitem name\r\n'), 'no-rows'],
    [
      'an unclosed quote',
      new TextEncoder().encode('Name,Lineitem quantity,Lineitem name\r\n#1,1,"Mug\r\n#2,1,Tote\r\n'),
      'quote-not-closed',
    ],
  ])('refuses %s with a reason', async (_what, bytes, code) => {
    const { report, orders } = await importOrders('upload.csv', bytesSource(bytes));
    expect(orders).toEqual([]);
    expect(report.problems.map((p) => p.code)).toEqual([code]);
  });

  it('writes a report a person can read, in their language', async () => {
    const { report } = await importOrderFile(fixture('shopify-orders-bad-rows.csv'));
    const zh = formatImportReport('zh-CN', report);
    expect(zh).toContain('shopify-orders-bad-rows.csv，第 2 行，“Lineitem quantity”列：数量“two”不是整数。');
    const en = formatImportReport('en', (await importOrderFile(fixture('shopify-orders-export.csv'))).report);
    expect(en.split('\n').slice(0, 1)).toEqual([
      'shopify-orders-export.csv: 17 rows read, 9 orders imported, 4 skipped, 9 need attention.',
    ]);
    expect(en).toContain('- #1010 (row 15) is cancelled: skipped.');
    expect(en).toContain(
      '- #1004: no shipping address; first name is missing; last name is missing; phone is missing; no weight known for MUG-BLU (add it to the SKU catalogue)',
    );
  });
});
