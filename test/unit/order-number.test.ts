import { describe, expect, it } from 'vitest';
import {
  COMMAND_BARCODE_PREFIX,
  isCommandBarcode,
  isOrderNumber,
  orderNumberProblem,
  OrderNumberSchema,
} from '../../shared/domain/order-number';
import { LabelRequestSchema, type LabelRequestInput } from '../../shared/domain/label-request';

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
const NOT_ORDER_NUMBERS: Array<[string, ReturnType<typeof orderNumberProblem>]> = [
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

describe('the one order-number rule', () => {
  it.each(ORDER_NUMBERS)('%s is an order number', (value) => {
    expect(orderNumberProblem(value)).toBeNull();
    expect(isOrderNumber(value)).toBe(true);
    expect(OrderNumberSchema.safeParse(value).success).toBe(true);
  });

  it.each(NOT_ORDER_NUMBERS)('%s is not an order number (%s)', (value, problem) => {
    expect(orderNumberProblem(value)).toBe(problem);
    expect(isOrderNumber(value)).toBe(false);
    expect(OrderNumberSchema.safeParse(value).success).toBe(false);
  });

  it('the reserved command prefix can never start an order number', () => {
    expect(isCommandBarcode('%SHIP')).toBe(true);
    expect(isCommandBarcode('  %BADGE-0042 ')).toBe(true);
    expect(isCommandBarcode('#1001')).toBe(false);
    for (const n of ORDER_NUMBERS) expect(isOrderNumber(`${COMMAND_BARCODE_PREFIX}${n}`)).toBe(false);
  });

  it('the schema trims, treats empty as none and says one thing per mistake', () => {
    expect(OrderNumberSchema.parse('  #1001 ')).toBe('#1001');
    expect(OrderNumberSchema.parse('')).toBeUndefined();
    expect(OrderNumberSchema.parse(undefined)).toBeUndefined();
    const messages = (v: string) => OrderNumberSchema.safeParse(v).error?.issues.map((i) => i.message);
    expect(messages(',')).toEqual(['Use only letters, digits and - _ # . in an order number (no spaces, commas or slashes).']);
    expect(messages('AB')).toEqual(['An order number has at least 3 characters.']);
    expect(messages('x'.repeat(51))).toEqual(['Shorten the order number to 50 characters or fewer.']);
  });

  it('is the rule the label request uses', () => {
    const request = (customerOrderNumber: string): LabelRequestInput =>
      ({ order: { customerOrderNumber } }) as unknown as LabelRequestInput;
    const orderIssues = (v: string) =>
      (LabelRequestSchema.safeParse(request(v)).error?.issues ?? []).filter((i) => i.path.join('.') === 'order.customerOrderNumber');
    expect(orderIssues('#1001')).toEqual([]);
    for (const [value] of NOT_ORDER_NUMBERS) expect(orderIssues(value).length, value).toBe(1);
  });
});
