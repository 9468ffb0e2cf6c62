/**
 * "Needs attention": what stops an imported order from becoming a label, one
 * entry per field with its reason. The recipient is checked with the label's
 * own `PartySchema`, so the list and the label form can never disagree; the
 * order number with the one order-number rule; weights against the lines and
 * the SKU catalogue. Pure, so the pack screen can re-run it while the packer
 * fills a field in.
 */
import type { z } from 'zod';
import { COUNTRIES } from './countries';
import { labelSchemas } from './label-request';
import type { Language } from './settings';
import { orderNumberProblem, shipToParty, shippableLines, type Order } from './orders';

export const ATTENTION_REASONS = [
  /** The order has no shipping address at all. */
  'no-address',
  /** A field the label needs is empty. */
  'missing',
  /** The country is not an ISO 3166-1 alpha-2 code (a name, a typo). */
  'country-not-iso',
  /** The field is there but the label's rules refuse it (`detail` says why). */
  'invalid',
  /** A line to ship has no unit weight, neither from the order nor from the SKU catalogue. */
  'no-weight',
  /** The order number breaks the order-number rule (`detail` says how); it is reported, never rewritten. */
  'order-number-rule',
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export interface AttentionItem {
  /** Dotted path in the order: `shipTo.address.countryCode`, `lines.2.unitWeightKg`, `orderNumber`. */
  field: string;
  reason: AttentionReason;
  /** The rule's words (in `AttentionOptions.language`) for `invalid` / `order-number-rule`; the SKU or line name for `no-weight`; else ''. */
  detail: string;
  /** For `country-not-iso`: the ISO code whose English name matches the text exactly, offered, never applied. */
  suggestion?: string;
}

export interface AttentionOptions {
  /** Unit weight in kg the SKU catalogue knows for this SKU, or null. */
  catalogueUnitWeightKg?: (sku: string) => number | null;
  /** Language of the rules' words in `detail` (the label form's own); English by default. */
  language?: Language;
}

const COUNTRY_BY_NAME: ReadonlyMap<string, string> = new Map(COUNTRIES.map((c) => [c.name.toLowerCase(), c.code]));

function addressIsEmpty(order: Order): boolean {
  const a = order.shipTo.address;
  return a.streetLines.every((l) => l.trim() === '') && [a.city, a.postalCode, a.countryCode].every((v) => v.trim() === '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

const isBlank = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

function recipientItems(order: Order, skipAddress: boolean, language: Language): AttentionItem[] {
  const party = shipToParty(order.shipTo);
  const parsed = labelSchemas(language).PartySchema.safeParse(party);
  if (parsed.success) return [];
  const items: AttentionItem[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues as z.core.$ZodIssue[]) {
    // `streetLines.0` and `streetLines` are one field for the packer.
    const path = issue.path.filter((p) => typeof p === 'string');
    if (skipAddress && path[0] === 'address') continue;
    const field = `shipTo.${path.join('.')}`;
    if (seen.has(field)) continue;
    seen.add(field);
    const value = valueAt(party, issue.path);
    if (isBlank(value)) {
      items.push({ field, reason: 'missing', detail: '' });
    } else if (field === 'shipTo.address.countryCode') {
      const suggestion = COUNTRY_BY_NAME.get(String(value).trim().toLowerCase());
      items.push({ field, reason: 'country-not-iso', detail: String(value), ...(suggestion ? { suggestion } : {}) });
    } else {
      items.push({ field, reason: 'invalid', detail: issue.message });
    }
  }
  return items;
}

/** Everything that keeps this order from a label, in the order a packer fills the form in. */
export function orderAttention(order: Order, options: AttentionOptions = {}): AttentionItem[] {
  const items: AttentionItem[] = [];
  const language = options.language ?? 'en';
  const numberProblem = orderNumberProblem(order.orderNumber, language);
  if (numberProblem !== null) items.push({ field: 'orderNumber', reason: 'order-number-rule', detail: numberProblem });
  const noAddress = addressIsEmpty(order);
  if (noAddress) items.push({ field: 'shipTo.address', reason: 'no-address', detail: '' });
  items.push(...recipientItems(order, noAddress, language));
  const toShip = new Set(shippableLines(order));
  order.lines.forEach((line, index) => {
    if (!toShip.has(line)) return;
    const weight = line.unitWeightKg ?? (line.sku !== '' ? (options.catalogueUnitWeightKg?.(line.sku) ?? null) : null);
    if (weight === null) items.push({ field: `lines.${index}.unitWeightKg`, reason: 'no-weight', detail: line.sku || line.name });
  });
  return items;
}
