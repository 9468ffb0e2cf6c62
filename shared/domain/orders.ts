/**
 * Orders as the station holds them once imported (issue 12), whatever they
 * came from: Shopify's order export, another shop's CSV through a column
 * mapping, or the station's own JSON. An order is keyed by (source, external
 * id); its recipient has the label request's party shape (contact + address)
 * so the label is filled from it field by field, but every field may be
 * empty: an imported order may lack what a label needs, and that is listed
 * under "Needs attention" (see `order-attention.ts`), never guessed.
 *
 * Absent text is `''` (not `undefined`), as in the label form, so the shape
 * is uniform and maps onto the label's schema unchanged.
 */
import { z } from 'zod';
import { sayIn, type Say } from './label-request';
import { checkOrderNumber, ORDER_NUMBER_MAX_CHARS, ORDER_NUMBER_MIN_CHARS } from './order-number';
import type { Language } from './settings';

/** Where an order came from: `shopify`, a mapping preset's source name, or a JSON file's `source`. */
export const ORDER_SOURCE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,39}$/;
export const OrderSourceSchema = z
  .string()
  .regex(
    ORDER_SOURCE_PATTERN,
    'Name the order source with 1–40 lower-case letters, digits, dots, dashes or underscores, e.g. "shopify" or "erp".',
  );

/** Longest external id we keep; Shopify ids are 13 digits, ERP keys rarely pass 40. */
export const MAX_EXTERNAL_ID_CHARS = 100;

/**
 * The order's own fulfilment state in its source. Shopify's order-level
 * values are exactly these four; a mapped CSV's values are translated to them
 * by its preset (see `order-csv-presets.ts`).
 */
export const ORDER_FULFILLMENT_STATUSES = ['unfulfilled', 'partial', 'fulfilled', 'restocked'] as const;
export const OrderFulfillmentStatusSchema = z.enum(ORDER_FULFILLMENT_STATUSES);
export type OrderFulfillmentStatus = z.infer<typeof OrderFulfillmentStatusSchema>;

/** A line's state: Shopify writes `pending` for a line still to ship, which we read as `unfulfilled`. */
export const LINE_FULFILLMENT_STATUSES = ['unfulfilled', 'partial', 'fulfilled', 'restocked'] as const;
export const LineFulfillmentStatusSchema = z.enum(LINE_FULFILLMENT_STATUSES);
export type LineFulfillmentStatus = z.infer<typeof LineFulfillmentStatusSchema>;

export const MoneySchema = z.object({
  amount: z
    .number()
    .refine(Number.isFinite)
    .refine((v) => v >= 0),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
export type Money = z.infer<typeof MoneySchema>;

export const OrderLineSchema = z.object({
  /** `''` when the source has none (a custom line, a gift card without one). */
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int().min(1),
  /** Per unit, in the order's currency; null when the source does not say. */
  unitPrice: MoneySchema.nullable(),
  /** False for what needs no parcel (gift cards, digital goods, services). */
  requiresShipping: z.boolean(),
  fulfillmentStatus: LineFulfillmentStatusSchema,
  /** Only when the source states it (JSON, a mapped column); otherwise the SKU catalogue's. */
  unitWeightKg: z.number().positive().nullable(),
});
export type OrderLine = z.infer<typeof OrderLineSchema>;

/** The label's `PartySchema` shape, every field possibly empty, plus the company the label has no field for. */
export const OrderShipToSchema = z.object({
  contact: z.object({ firstName: z.string(), lastName: z.string(), phone: z.string(), email: z.string() }),
  /** Kept for the packing slip; `shipToParty` puts it on the first street line when there is room. */
  company: z.string(),
  address: z.object({
    streetLines: z.array(z.string()),
    city: z.string(),
    state: z.string(),
    postalCode: z.string(),
    countryCode: z.string(),
  }),
});
export type OrderShipTo = z.infer<typeof OrderShipToSchema>;

export const OrderSchema = z.object({
  source: OrderSourceSchema,
  externalId: z.string().min(1).max(MAX_EXTERNAL_ID_CHARS),
  /** As the shop shows it (Shopify: `#1001`), never rewritten; checked by `orderNumberProblem`. */
  orderNumber: z.string(),
  email: z.string(),
  shipTo: OrderShipToSchema,
  /** ISO 4217 code of the line prices, `''` when the source does not say. */
  currency: z.string(),
  lines: z.array(OrderLineSchema),
  notes: z.string(),
  /** ISO 8601 when the source's timestamp could be read, else the source's text; null when not cancelled. */
  cancelledAt: z.string().nullable(),
  fulfillmentStatus: OrderFulfillmentStatusSchema,
});
export type Order = z.infer<typeof OrderSchema>;

export interface OrderKey {
  source: string;
  externalId: string;
}

export function orderKey(order: Pick<Order, 'source' | 'externalId'>): OrderKey {
  return { source: order.source, externalId: order.externalId };
}

/** One string per key for maps and sets (the unit separator cannot occur in either part). */
export function orderKeyString(key: OrderKey): string {
  return `${key.source}\u001f${key.externalId}`;
}

/** Lines that need a parcel and have not shipped yet: the ones a label is for. */
export function shippableLines(order: Pick<Order, 'lines'>): OrderLine[] {
  return order.lines.filter((l) => l.requiresShipping && l.fulfillmentStatus !== 'fulfilled' && l.fulfillmentStatus !== 'restocked');
}

const sayers = new Map<Language, Say>();
/** One `Say` per language: orders are checked by the ten thousand on import. */
function sayFor(language: Language): Say {
  let say = sayers.get(language);
  if (!say) sayers.set(language, (say = sayIn(language)));
  return say;
}

/**
 * Why this order number cannot go on a label as it is, in `language` (the
 * label form's own words), or null. The rule is the one in ./order-number.ts;
 * a number that breaks it is reported, never rewritten.
 */
export function orderNumberProblem(orderNumber: string, language: Language = 'en'): string | null {
  const say = sayFor(language);
  const value = orderNumber.trim();
  if (value === '') return say('required', { what: 'orderNumber' });
  switch (checkOrderNumber(value)) {
    case null:
      return null;
    case 'characters':
      return say('orderNumberChars');
    case 'tooShort':
      return say('orderNumberShort', { min: ORDER_NUMBER_MIN_CHARS });
    case 'tooLong':
      return say('tooLong', { what: 'orderNumber', max: ORDER_NUMBER_MAX_CHARS });
  }
}

/** The label schema's limit on street lines. */
const LABEL_MAX_STREET_LINES = 3;

/** The label request's `shipment.shipTo`, as far as the order can fill it (validate with `PartySchema`). */
export function shipToParty(shipTo: OrderShipTo): {
  contact: OrderShipTo['contact'];
  address: OrderShipTo['address'];
} {
  const street = shipTo.address.streetLines.filter((l) => l.trim() !== '');
  const company = shipTo.company.trim();
  // The API's address has no company field; couriers print the street lines,
  // so a company goes on the first one when a line is free (max 3, label schema).
  const streetLines =
    company !== '' && street.length > 0 && street.length < LABEL_MAX_STREET_LINES && !street.includes(company)
      ? [company, ...street]
      : street;
  return { contact: { ...shipTo.contact }, address: { ...shipTo.address, streetLines } };
}
