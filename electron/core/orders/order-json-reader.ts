/**
 * The station's own JSON order file (docs/orders-json.md), for order systems
 * that integrate with it. Versioned and strict: an unknown field is refused
 * by name (a typo such as `postcode` must not silently drop a postal code),
 * yet a field left out is not an error, it is what "Needs attention" lists,
 * exactly as for a CSV. Each order is checked on its own, so one bad order
 * does not hold back the others (unless the policy says all or nothing).
 */
import { z } from 'zod';
import type { AttentionOptions } from '../../../shared/domain/order-attention';
import {
  PROBLEM_VALUE_MAX_CHARS,
  type ImportPolicy,
  type ImportProblem,
  type OrderImportResult,
} from '../../../shared/domain/order-import';
import {
  LINE_FULFILLMENT_STATUSES,
  MAX_EXTERNAL_ID_CHARS,
  ORDER_FULFILLMENT_STATUSES,
  OrderSourceSchema,
  type Order,
} from '../../../shared/domain/orders';
import { excerpt } from './cell-values';
import { settleOrders, type DraftOrder } from './settle-orders';

export const ORDERS_JSON_FORMAT = 'shipping-station.orders';
export const ORDERS_JSON_VERSION = 1;

const text = (what: string, max = 200) =>
  z
    .string({ error: `${what} must be text (in quotes).` })
    .trim()
    .max(max, `Shorten ${what} to ${max} characters.`);

const JsonLineSchema = z
  .object({
    sku: text('sku', 100).default(''),
    name: text('name').default(''),
    quantity: z
      .number({ error: 'quantity must be a whole number.' })
      .int('quantity must be a whole number.')
      .min(1, 'quantity must be at least 1.'),
    unitPrice: z.number({ error: 'unitPrice must be a number.' }).min(0, 'unitPrice cannot be negative.').optional(),
    requiresShipping: z.boolean({ error: 'requiresShipping must be true or false.' }).default(true),
    fulfillmentStatus: z
      .enum(LINE_FULFILLMENT_STATUSES, { error: `fulfillmentStatus must be one of ${LINE_FULFILLMENT_STATUSES.join(', ')}.` })
      .default('unfulfilled'),
    unitWeightKg: z
      .number({ error: 'unitWeightKg must be a number (kilograms).' })
      .positive('unitWeightKg must be greater than 0.')
      .optional(),
  })
  .strict()
  .refine((l) => l.sku !== '' || l.name !== '', { message: 'Give the line a sku or a name.', path: ['name'] });

const JsonOrderSchema = z
  .object({
    externalId: text('externalId', MAX_EXTERNAL_ID_CHARS).min(1, 'externalId is required: the order system’s own key for this order.'),
    orderNumber: text('orderNumber', MAX_EXTERNAL_ID_CHARS).min(1, 'orderNumber is required.'),
    email: text('email').default(''),
    shipTo: z
      .object({
        contact: z
          .object({ firstName: text('firstName'), lastName: text('lastName'), phone: text('phone', 30), email: text('email') })
          .strict()
          .partial()
          .default({}),
        company: text('company').default(''),
        address: z
          .object({
            streetLines: z
              .array(text('a street line'), { error: 'streetLines must be a list of text lines.' })
              .max(3, 'Use at most 3 street lines.'),
            city: text('city'),
            state: text('state', 50),
            postalCode: text('postalCode', 12),
            countryCode: text('countryCode', 60),
          })
          .strict()
          .partial()
          .default({}),
      })
      .strict()
      .default({ contact: {}, company: '', address: {} }),
    currency: z
      .string({ error: 'currency must be text.' })
      .regex(/^[A-Z]{3}$/, 'currency must be a three-letter ISO 4217 code such as USD.')
      .optional(),
    lines: z.array(JsonLineSchema, { error: 'lines must be a list.' }).min(1, 'Add at least one line.'),
    notes: z.string({ error: 'notes must be text.' }).default(''),
    cancelledAt: z.iso
      .datetime({ offset: true, error: 'cancelledAt must be an ISO 8601 time such as 2026-03-01T09:30:00Z, or null.' })
      .nullable()
      .default(null),
    fulfillmentStatus: z
      .enum(ORDER_FULFILLMENT_STATUSES, { error: `fulfillmentStatus must be one of ${ORDER_FULFILLMENT_STATUSES.join(', ')}.` })
      .default('unfulfilled'),
  })
  .strict()
  .superRefine((order, ctx) => {
    order.lines.forEach((line, i) => {
      if (line.unitPrice !== undefined && !order.currency) {
        ctx.addIssue({ code: 'custom', path: ['currency'], message: `Give the order's currency: line ${i + 1} has a unitPrice.` });
      }
    });
  });
export type JsonOrder = z.input<typeof JsonOrderSchema>;

/** The document around the orders; `orders` items are checked one by one. */
const JsonDocumentSchema = z
  .object({
    format: z.literal(ORDERS_JSON_FORMAT),
    version: z.literal(ORDERS_JSON_VERSION),
    source: OrderSourceSchema,
    orders: z.array(z.unknown(), { error: 'orders must be a list.' }),
  })
  .strict();

export interface ReadOrderJsonOptions extends AttentionOptions {
  file: string;
  policy: ImportPolicy;
}

function toOrder(source: string, o: z.output<typeof JsonOrderSchema>): Order {
  const c = o.shipTo.contact;
  const a = o.shipTo.address;
  const currency = o.currency ?? '';
  return {
    source,
    externalId: o.externalId,
    orderNumber: o.orderNumber,
    email: o.email,
    shipTo: {
      contact: { firstName: c.firstName ?? '', lastName: c.lastName ?? '', phone: c.phone ?? '', email: c.email ?? o.email },
      company: o.shipTo.company,
      address: {
        streetLines: (a.streetLines ?? []).filter((l) => l !== ''),
        city: a.city ?? '',
        state: a.state ?? '',
        postalCode: a.postalCode ?? '',
        countryCode: a.countryCode ?? '',
      },
    },
    currency,
    lines: o.lines.map((l) => ({
      sku: l.sku,
      name: l.name || l.sku,
      quantity: l.quantity,
      unitPrice: l.unitPrice !== undefined ? { amount: l.unitPrice, currency } : null,
      requiresShipping: l.requiresShipping,
      fulfillmentStatus: l.fulfillmentStatus,
      unitWeightKg: l.unitWeightKg ?? null,
    })),
    notes: o.notes,
    cancelledAt: o.cancelledAt === null ? null : new Date(o.cancelledAt).toISOString(),
    fulfillmentStatus: o.fulfillmentStatus,
  };
}

const fileProblem = (
  code: ImportProblem['code'],
  params: Record<string, string | number> = {},
  column: string | null = null,
): ImportProblem => ({
  severity: 'error',
  code,
  row: null,
  column,
  value: '',
  order: '',
  params,
});

export function readOrderJson(textContent: string, options: ReadOrderJsonOptions): OrderImportResult {
  const settle = (drafts: DraftOrder[], rows: number, problems: ImportProblem[]) =>
    settleOrders(drafts, { ...options, format: 'json', preset: null, rows, problems });
  let data: unknown;
  try {
    data = JSON.parse(textContent);
  } catch (error) {
    return settle([], 0, [fileProblem('invalid-json', { detail: error instanceof Error ? error.message : String(error) })]);
  }
  const head = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (head['format'] !== ORDERS_JSON_FORMAT) return settle([], 0, [fileProblem('json-not-ours', { format: ORDERS_JSON_FORMAT }, 'format')]);
  if (typeof head['version'] === 'number' && head['version'] > ORDERS_JSON_VERSION) {
    return settle([], 0, [fileProblem('json-newer-version', { version: head['version'], supported: ORDERS_JSON_VERSION }, 'version')]);
  }
  const doc = JsonDocumentSchema.safeParse(data);
  if (!doc.success) {
    return settle(
      [],
      0,
      doc.error.issues.map((issue) => fileProblem('invalid-field', { detail: issueText(issue) }, issue.path.join('.') || null)),
    );
  }
  const drafts: DraftOrder[] = [];
  const problems: ImportProblem[] = [];
  doc.data.orders.forEach((raw, i) => {
    const row = i + 1;
    const parsed = JsonOrderSchema.safeParse(raw);
    const ref = typeof raw === 'object' && raw !== null ? String((raw as Record<string, unknown>)['orderNumber'] ?? '') : '';
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const value = valueAt(raw, issue.path);
        problems.push({
          severity: 'error',
          code: 'invalid-field',
          row,
          column: issue.path.join('.') || null,
          value: value === undefined ? '' : excerpt(typeof value === 'string' ? value : JSON.stringify(value), PROBLEM_VALUE_MAX_CHARS),
          order: excerpt(ref, PROBLEM_VALUE_MAX_CHARS),
          params: { detail: issueText(issue) },
        });
      }
      return;
    }
    drafts.push({ order: toOrder(doc.data.source, parsed.data), row, problems: [] });
  });
  return settle(drafts, doc.data.orders.length, problems);
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `Unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}: see docs/orders-json.md for the fields.`;
  return issue.message;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}
