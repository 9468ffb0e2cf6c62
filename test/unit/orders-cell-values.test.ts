/**
 * The cell parsers every order reader shares, table by table, from values
 * seen in real exports (Shopify, Excel in US and European locales).
 */
import { describe, expect, it } from 'vitest';
import {
  parseBoolean,
  parseDecimal,
  parseLineStatus,
  parseOrderStatus,
  parseQuantity,
  parseTimestamp,
  splitName,
  weightToKg,
  withoutTextMarker,
} from '../../electron/core/orders/cell-values';
import { detectDelimiter } from '../../electron/core/orders/csv-table';
import { sniffFileKind } from '../../electron/core/orders/text-input';

describe('order cell values', () => {
  it.each([
    ['1', 1],
    [' 12 ', 12],
    ['2.0', 2],
    ['0', 0],
    ['1.5', null],
    ['two', null],
    ['-1', null],
    ['', null],
  ])('quantity %j → %j', (cell, value) => expect(parseQuantity(cell)).toBe(value));

  it.each([
    ['12.50', '.', 12.5],
    ['1,234.50', '.', 1234.5],
    ['1234', '.', 1234],
    ['.5', '.', 0.5],
    ['12,50', ',', 12.5],
    ['1.234,50', ',', 1234.5],
    ['1 234,50', ',', 1234.5],
    ['12,50', '.', null],
    ['$12.50', '.', null],
    ['', '.', null],
  ] as const)('decimal %j with %j → %j', (cell, sep, value) => expect(parseDecimal(cell, sep)).toBe(value));

  it.each([
    ['true', true],
    ['FALSE', false],
    ['yes', true],
    ['0', false],
    ['maybe', null],
  ])('boolean %j → %j', (cell, value) => expect(parseBoolean(cell)).toBe(value));

  it.each([
    ['', 'unfulfilled'],
    ['unfulfilled', 'unfulfilled'],
    ['partial', 'partial'],
    ['Fulfilled', 'fulfilled'],
    ['restocked', 'restocked'],
    ['lost', null],
  ])('order status %j → %j', (cell, value) => expect(parseOrderStatus(cell)).toBe(value));

  it('line status: Shopify writes "pending" for a line still to ship; a preset can add words', () => {
    expect(parseLineStatus('pending')).toBe('unfulfilled');
    expect(parseLineStatus('dispatched')).toBeNull();
    expect(parseLineStatus('Dispatched', { dispatched: 'fulfilled' })).toBe('fulfilled');
  });

  it.each([
    ['2026-03-05 09:12:00 -0500', '2026-03-05T14:12:00.000Z'],
    ['2026-03-05 09:12 +0100', '2026-03-05T08:12:00.000Z'],
    ['2026-03-05T09:12:00Z', '2026-03-05T09:12:00.000Z'],
    ['2026-03-05', '2026-03-05T00:00:00.000Z'],
    ['2026-03-05 09:12:00', null],
    ['05/03/2026', null],
    ['yesterday', null],
  ])('timestamp %j → %j', (cell, value) => expect(parseTimestamp(cell)).toBe(value));

  it.each([
    ['Ada Lovelace', 'Ada', 'Lovelace'],
    ['Ludwig van Beethoven', 'Ludwig van', 'Beethoven'],
    ['  Zoë   Ångström ', 'Zoë', 'Ångström'],
    ['王小明', '', '王小明'],
    ['', '', ''],
  ])('name %j → %j + %j', (full, firstName, lastName) => expect(splitName(full)).toEqual({ firstName, lastName }));

  it.each([
    ["'02134", '02134'],
    ["'+1 617 555 0101", '+1 617 555 0101'],
    ['SW1A 1AA', 'SW1A 1AA'],
  ])('text marker %j → %j', (cell, value) => expect(withoutTextMarker(cell)).toBe(value));

  it.each([
    [350, 'g', 0.35],
    [1, 'lb', 0.45359237],
    [16, 'oz', 0.45359237],
    [2, 'kg', 2],
  ] as const)('%j %s → %j kg', (v, unit, kg) => expect(weightToKg(v, unit)).toBeCloseTo(kg, 10));

  it.each([
    ['Name,Email,"A;B"\r\n', ','],
    ['Order;Name;Price\n1;x;"1,5"', ';'],
    ['Name\tEmail\tTotal', '\t'],
    ['Name', ','],
  ])('delimiter of %j → %j', (text, d) => expect(detectDelimiter(text)).toBe(d));

  it.each([
    [[], 'empty'],
    [[0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'binary:xlsx'],
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'binary:xls'],
    [[...'%PDF-1.7'].map((c) => c.charCodeAt(0)), 'binary:pdf'],
    [[0xff, 0xfe, 0x4e, 0x00, 0x61, 0x00], 'text:utf-16le'],
    [[0xfe, 0xff, 0x00, 0x4e, 0x00, 0x61], 'text:utf-16be'],
    [[0xef, 0xbb, 0xbf, 0x4e, 0x61], 'text:utf-8'],
    [[0x4e, 0x61, 0x6d, 0x65], 'text:null'],
    [[0x4e, 0x00, 0x61, 0x00, 0x6d, 0x00], 'utf16-without-bom'],
    [[0x4e, 0x00, 0x00, 0x07, 0x61, 0x6d, 0x65, 0x01], 'binary:binary'],
    [[0x20, 0x0a, 0x20], 'empty'],
  ])('file kind of %j → %s', (bytes, kind) => {
    const k = sniffFileKind(new Uint8Array(bytes));
    expect(k.kind === 'binary' ? `binary:${k.what}` : k.kind === 'text' ? `text:${k.encoding}` : k.kind).toBe(kind);
  });

  it('tells JSON from CSV by its first character', () => {
    const k = sniffFileKind(new TextEncoder().encode('\uFEFF  {"format":1}'));
    expect(k).toEqual({ kind: 'text', encoding: 'utf-8', looksLikeJson: true });
  });
});
