/**
 * "Needs attention" per field, against the label's own rules: the order
 * number (the one rule in shared/domain/order-number.ts, reported, never
 * rewritten) and the recipient (the label's PartySchema), in the packer's language.
 */
import { describe, expect, it } from 'vitest';
import { orderAttention } from '../../shared/domain/order-attention';
import { COMMAND_BARCODE_PREFIX } from '../../shared/domain/order-number';
import { orderNumberProblem, type Order } from '../../shared/domain/orders';

const READY: Order = {
  source: 'shopify',
  externalId: '5871234500001',
  orderNumber: '#1001',
  email: 'ada@example.com',
  shipTo: {
    contact: { firstName: 'Ada', lastName: 'Lovelace', phone: '+1 617-555-0101', email: 'ada@example.com' },
    company: '',
    address: { streetLines: ['12 Beacon Street'], city: 'Boston', state: 'MA', postalCode: '02134', countryCode: 'US' },
  },
  currency: 'USD',
  lines: [
    {
      sku: 'MUG-BLU',
      name: 'Mug',
      quantity: 1,
      unitPrice: { amount: 12.5, currency: 'USD' },
      requiresShipping: true,
      fulfillmentStatus: 'unfulfilled',
      unitWeightKg: 0.35,
    },
  ],
  notes: '',
  cancelledAt: null,
  fulfillmentStatus: 'unfulfilled',
};

describe('order number rule', () => {
  it.each([
    ['#1001', null],
    ['SO-10023', null],
    ['B2C_2026.03', null],
    ['SO-4/B', 'Use only letters, digits and - _ # . in an order number (no spaces, commas or slashes).'],
    ['1001,1002', 'Use only letters, digits and - _ # . in an order number (no spaces, commas or slashes).'],
    ['订单1001', 'Use only letters, digits and - _ # . in an order number (no spaces, commas or slashes).'],
    [`${COMMAND_BARCODE_PREFIX}SHIP`, 'Use only letters, digits and - _ # . in an order number (no spaces, commas or slashes).'],
    ['A1', 'An order number has at least 3 characters.'],
    ['X'.repeat(51), 'Shorten the order number to 50 characters or fewer.'],
    ['  ', 'Enter the order number.'],
  ])('%j → %j', (number, problem) => expect(orderNumberProblem(number)).toBe(problem));

  it("is worded in the packer's language", () => {
    expect(orderNumberProblem('A1', 'zh-CN')).not.toBe(orderNumberProblem('A1', 'en'));
    expect(orderNumberProblem('A1', 'zh-CN')).toMatch(/3/);
  });
});

describe('orderAttention', () => {
  it('has nothing to say about a ready order', () => {
    expect(orderAttention(READY)).toEqual([]);
  });

  it.each([
    ['an order number that breaks the rule', (o: Order) => (o.orderNumber = 'SO-4/B'), [['orderNumber', 'order-number-rule']]],
    [
      'no address at all',
      (o: Order) => (o.shipTo.address = { streetLines: [], city: '', state: '', postalCode: '', countryCode: '' }),
      [['shipTo.address', 'no-address']],
    ],
    ['a country name', (o: Order) => (o.shipTo.address.countryCode = 'United States'), [['shipTo.address.countryCode', 'country-not-iso']]],
    [
      'a state name where the US needs its code',
      (o: Order) => (o.shipTo.address.state = 'Massachusetts'),
      [['shipTo.address.state', 'invalid']],
    ],
    ['no phone', (o: Order) => (o.shipTo.contact.phone = ''), [['shipTo.contact.phone', 'missing']]],
    ['one name only', (o: Order) => (o.shipTo.contact.firstName = ''), [['shipTo.contact.firstName', 'missing']]],
    ['no weight, and no catalogue', (o: Order) => (o.lines[0]!.unitWeightKg = null), [['lines.0.unitWeightKg', 'no-weight']]],
    [
      'a gift card without weight (needs no parcel)',
      (o: Order) => o.lines.push({ ...o.lines[0]!, sku: '', name: 'Gift card', requiresShipping: false, unitWeightKg: null }),
      [],
    ],
  ])('lists %s', (_what, edit, expected) => {
    const order = structuredClone(READY);
    edit(order);
    expect(orderAttention(order).map((a) => [a.field, a.reason])).toEqual(expected);
  });

  it("takes a line's weight from the catalogue when the order has none", () => {
    const order = structuredClone(READY);
    order.lines[0]!.unitWeightKg = null;
    expect(orderAttention(order, { catalogueUnitWeightKg: (sku) => (sku === 'MUG-BLU' ? 0.35 : null) })).toEqual([]);
  });

  it("words the rule in the packer's language", () => {
    const order = structuredClone(READY);
    order.shipTo.address.state = 'Massachusetts';
    const [en] = orderAttention(order);
    const [zh] = orderAttention(order, { language: 'zh-TW' });
    expect(en!.detail).toBe('Enter the two-letter US state code, e.g. CA, NY, TX.');
    expect(zh!.detail).not.toBe(en!.detail);
    expect(zh!.field).toBe(en!.field);
  });
});
