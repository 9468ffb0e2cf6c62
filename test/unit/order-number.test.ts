import { describe, expect, it } from 'vitest';
import {
  checkOrderNumber,
  COMMAND_BARCODE_PREFIX,
  isCommandBarcode,
  isOrderNumber,
  type OrderNumberProblem,
} from '../../shared/domain/order-number';
import { labelSchemas, LabelRequestSchema } from '../../shared/domain/label-request';
import type { Language } from '../../shared/domain/settings';

/** Order numbers as shops and marketplaces write them. */
const ORDER_NUMBERS = [
  '#1001', // Shopify order name
  '113-4567890-1234567', // Amazon
  'E2E-ORDER-1',
  'SO_2026.0042',
  'A-77',
  'ORD',
  'x'.repeat(50),
];

/** What a scan box sees when the scan is not an order number, and why. */
const NOT_ORDER_NUMBERS: Array<[string, OrderNumberProblem]> = [
  ['A,B', 'characters'], // splits a GET /labels/a,b,c lookup
  ['A/B', 'characters'], // ends the path segment
  ['A\\B', 'characters'],
  ['ORDER 12', 'characters'],
  ['&é"\'(', 'characters'], // 12345 typed by a scanner under an AZERTY layout
  ['订单123', 'characters'],
  ['Dear customer, thank you for your order', 'characters'], // a pasted paragraph
  ['AB', 'tooShort'],
  ['7', 'tooShort'],
  ['x'.repeat(51), 'tooLong'],
  [`${COMMAND_BARCODE_PREFIX}SHIP`, 'characters'],
];

/** The label request's order-number field in a language: what the form and `labels:create` check. */
const orderNumberField = (language: Language) => labelSchemas(language).LabelRequestSchema.shape.order.unwrap().shape.customerOrderNumber;
const messages = (language: Language, value: string) =>
  orderNumberField(language)
    .safeParse(value)
    .error?.issues.map((i) => i.message);

describe('the one order-number rule', () => {
  it.each(ORDER_NUMBERS)('%s is an order number, for the scan box and for the label request alike', (value) => {
    expect(checkOrderNumber(value)).toBeNull();
    expect(isOrderNumber(value)).toBe(true);
    expect(orderNumberField('en').safeParse(value).success).toBe(true);
  });

  it.each(NOT_ORDER_NUMBERS)('%s is not an order number (%s), for either', (value, problem) => {
    expect(checkOrderNumber(value)).toBe(problem);
    expect(isOrderNumber(value)).toBe(false);
    expect(messages('en', value)).toHaveLength(1);
  });

  it('the reserved command prefix can never start an order number', () => {
    expect(isCommandBarcode('%SHIP')).toBe(true);
    expect(isCommandBarcode('  %BADGE-0042 ')).toBe(true);
    expect(isCommandBarcode('#1001')).toBe(false);
    for (const n of ORDER_NUMBERS) expect(isOrderNumber(`${COMMAND_BARCODE_PREFIX}${n}`)).toBe(false);
  });

  it('the label request trims it, treats empty as none, and says one thing per mistake in the packer’s language', () => {
    expect(orderNumberField('en').parse('  #1001 ')).toBe('#1001');
    expect(orderNumberField('en').parse('')).toBeUndefined();
    expect(orderNumberField('en').parse(undefined)).toBeUndefined();
    expect(messages('en', ',')).toEqual(['Use only letters, digits and - _ # . in an order number (no spaces, commas or slashes).']);
    expect(messages('en', 'AB')).toEqual(['An order number has at least 3 characters.']);
    expect(messages('en', 'x'.repeat(51))).toEqual(['Shorten the order number to 50 characters or fewer.']);
    expect(messages('zh-CN', 'A B')).toEqual(['订单号只能包含字母、数字和 - _ # .（不能有空格、逗号或斜杠）。']);
    expect(messages('zh-TW', 'AB')).toEqual(['訂單編號至少需要 3 個字元。']);
  });

  it('the exported English schema is the contract’s', () => {
    expect(LabelRequestSchema.shape.order.unwrap().shape.customerOrderNumber.safeParse('A,B').success).toBe(false);
  });
});
