/**
 * Cell text → typed values, for every order file the station reads. Each
 * parser either gives the value or says the cell is wrong (null); it never
 * guesses a value the cell does not state.
 */
import type { LineFulfillmentStatus, OrderFulfillmentStatus } from '../../../shared/domain/orders';
import type { WeightUnit } from '../../../shared/domain/order-csv-presets';

/**
 * Spreadsheets mark a cell "text, not a number" with a leading apostrophe
 * (`'02134`), and exports that are meant to survive Excel write it into zip
 * codes and phone numbers to keep their leading zeros. It is never part of them.
 */
export function withoutTextMarker(value: string): string {
  const v = value.trim();
  return v.startsWith("'") ? v.slice(1).trim() : v;
}

/** A whole number of items; `2.0` (a spreadsheet's float) counts as 2. Null when it is not one. */
export function parseQuantity(value: string): number | null {
  const v = value.trim();
  if (!/^\d+(\.0+)?$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * A decimal number with the file's decimal separator; thousands separators
 * are accepted only in their one unambiguous shape (`1,234.50` / `1.234,50`).
 */
export function parseDecimal(value: string, decimalSeparator: '.' | ','): number | null {
  let v = value.trim().replace(/\s/g, '');
  if (v === '') return null;
  const thousands = decimalSeparator === '.' ? ',' : '.';
  const grouped = decimalSeparator === '.' ? /^-?\d{1,3}(,\d{3})+(\.\d+)?$/ : /^-?\d{1,3}(\.\d{3})+(,\d+)?$/;
  if (grouped.test(v)) v = v.split(thousands).join('');
  if (decimalSeparator === ',') v = v.replace(',', '.');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', 'no', 'n', '0']);

export function parseBoolean(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return null;
}

/** Shopify's order-level words, and the obvious synonyms; a blank cell is an order not yet fulfilled. */
const ORDER_STATUS_WORDS: Readonly<Record<string, OrderFulfillmentStatus>> = {
  '': 'unfulfilled',
  unfulfilled: 'unfulfilled',
  pending: 'unfulfilled',
  open: 'unfulfilled',
  partial: 'partial',
  'partially fulfilled': 'partial',
  partially_fulfilled: 'partial',
  fulfilled: 'fulfilled',
  shipped: 'fulfilled',
  restocked: 'restocked',
};

/** Shopify writes `pending` for each line still to ship. */
const LINE_STATUS_WORDS: Readonly<Record<string, LineFulfillmentStatus>> = {
  '': 'unfulfilled',
  pending: 'unfulfilled',
  unfulfilled: 'unfulfilled',
  partial: 'partial',
  fulfilled: 'fulfilled',
  shipped: 'fulfilled',
  restocked: 'restocked',
};

export function parseOrderStatus(
  value: string,
  extra: Readonly<Record<string, OrderFulfillmentStatus>> = {},
): OrderFulfillmentStatus | null {
  const v = value.trim().toLowerCase();
  return extra[v] ?? ORDER_STATUS_WORDS[v] ?? null;
}

export function parseLineStatus(value: string, extra: Readonly<Record<string, LineFulfillmentStatus>> = {}): LineFulfillmentStatus | null {
  const v = value.trim().toLowerCase();
  return extra[v] ?? LINE_STATUS_WORDS[v] ?? null;
}

/** Shopify's `2026-09-03 10:15:00 -0400`. */
const SHOPIFY_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?) ([+-])(\d{2}):?(\d{2})$/;

/** A timestamp as ISO 8601 UTC, or null when the text is not one we can read without guessing. */
export function parseTimestamp(value: string): string | null {
  const v = value.trim();
  const shopify = SHOPIFY_TIMESTAMP.exec(v);
  const iso = shopify ? `${shopify[1]}T${shopify[2]}${shopify[3]}${shopify[4]}:${shopify[5]}` : v;
  // Only full dates (with an offset or a Z, or a plain date read as UTC midnight): a bare local time is ambiguous.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * "First Last" → first and last name for the label's contact. Shopify's
 * `Shipping Name` is its first and last name joined by a space, so splitting
 * at the last space prints the same text in the same order. One word alone
 * is the last name (Shopify's checkout asks for the last name only by
 * default); the first name then stays empty and the order needs attention.
 */
export function splitName(full: string): { firstName: string; lastName: string } {
  const v = full.trim().replace(/\s+/g, ' ');
  const cut = v.lastIndexOf(' ');
  return cut < 0 ? { firstName: '', lastName: v } : { firstName: v.slice(0, cut), lastName: v.slice(cut + 1) };
}

export const GRAMS_PER_KG = 1000;
export const KG_PER_LB = 0.45359237;
export const KG_PER_OZ = KG_PER_LB / 16;

export function weightToKg(value: number, unit: WeightUnit): number {
  switch (unit) {
    case 'kg':
      return value;
    case 'g':
      return value / GRAMS_PER_KG;
    case 'lb':
      return value * KG_PER_LB;
    case 'oz':
      return value * KG_PER_OZ;
  }
}

/** A cell's text for a report: one line, at most `max` characters. */
export function excerpt(value: string, max: number): string {
  const v = value.replace(/\s+/g, ' ').trim();
  return v.length > max ? `${v.slice(0, max - 1)}…` : v;
}
