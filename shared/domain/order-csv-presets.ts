/**
 * Column mappings for order CSVs, kept as data: a preset says which column
 * holds which order field, how rows make orders (one row per order, or one
 * row per line grouped by an order column) and how the file spells numbers,
 * booleans and statuses. Shopify's "Export orders" file is the built-in
 * preset `shopify`; the mapping screen saves others under their own names.
 * The one reader core in electron/core/orders applies any of them.
 */
import { z } from 'zod';
import { LINE_FULFILLMENT_STATUSES, ORDER_FULFILLMENT_STATUSES, OrderSourceSchema } from './orders';

/** Order-level fields a column can fill. */
export const ORDER_FIELDS = [
  'externalId',
  'orderNumber',
  'email',
  'recipientName',
  'recipientFirstName',
  'recipientLastName',
  'company',
  'street1',
  'street2',
  'street3',
  'city',
  'state',
  'postalCode',
  'countryCode',
  'phone',
  'notes',
  'cancelledAt',
  'fulfillmentStatus',
  'currency',
] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

/** Line-level fields; in the one-row-per-order layout their column names may hold `{n}` for numbered items. */
export const LINE_FIELDS = [
  'lineSku',
  'lineName',
  'lineQuantity',
  'linePrice',
  'lineRequiresShipping',
  'lineFulfillmentStatus',
  'lineUnitWeight',
] as const;
export type LineField = (typeof LINE_FIELDS)[number];
export type MappedField = OrderField | LineField;

export const ORDER_CSV_LAYOUTS = ['line-per-row', 'order-per-row'] as const;
export const CSV_DELIMITERS = ['auto', ',', ';', '\t'] as const;
/**
 * UTF-8 is the default and is checked strictly (a file that is not valid
 * UTF-8 is refused, not guessed at). The others are there for files a
 * spreadsheet saved in a Windows code page: Western (Excel's "CSV (Comma
 * delimited)" on a Western Windows), Simplified and Traditional Chinese,
 * Japanese. UTF-16 with a byte-order mark is recognised whatever the preset says.
 */
export const CSV_ENCODINGS = ['utf-8', 'windows-1252', 'gb18030', 'big5', 'shift_jis'] as const;
export const WEIGHT_UNITS = ['kg', 'g', 'lb', 'oz'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

/** Longest list of numbered items (`Item {n} SKU`) read from one row. */
export const MAX_NUMBERED_ITEMS = 50;
export const NUMBERED_ITEM_PLACEHOLDER = '{n}';

const ColumnList = z.array(z.string().trim().min(1).max(200)).min(1).max(5);

export const OrderCsvPresetSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the preset.').max(60, 'Shorten the preset name to 60 characters or fewer.'),
    /** The source half of each order's key: orders from two presets with one source name are one set. */
    source: OrderSourceSchema,
    layout: z.enum(ORDER_CSV_LAYOUTS),
    delimiter: z.enum(CSV_DELIMITERS).default('auto'),
    encoding: z.enum(CSV_ENCODINGS).default('utf-8'),
    decimalSeparator: z.enum(['.', ',']).default('.'),
    /** Per field, the columns that may hold it, first non-blank cell wins (a fallback chain). */
    columns: z.partialRecord(z.enum([...ORDER_FIELDS, ...LINE_FIELDS]), ColumnList),
    /**
     * Line-per-row layout: the columns that tell one order's rows from the
     * next, strongest first. A row whose non-blank group cells all equal the
     * current order's continues it; a row with all of them blank continues it
     * too (spreadsheets often fill the order columns on the first row only).
     */
    groupBy: z.array(z.string().trim().min(1)).max(3).default([]),
    /** Columns that must be in the header for the file to be read at all. */
    required: z.array(z.string().trim().min(1)).default([]),
    /** Source values (lower-case) → our statuses, on top of the built-in words. */
    statusValues: z.record(z.string(), z.enum(ORDER_FULFILLMENT_STATUSES)).default({}),
    lineStatusValues: z.record(z.string(), z.enum(LINE_FULFILLMENT_STATUSES)).default({}),
    weightUnit: z.enum(WEIGHT_UNITS).default('kg'),
    defaults: z
      .object({
        currency: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^([A-Z]{3})?$/, 'Use a three-letter currency code or leave it empty.')
          .default(''),
        countryCode: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^([A-Z]{2})?$/, 'Use a two-letter country code or leave it empty.')
          .default(''),
        requiresShipping: z.boolean().default(true),
      })
      .default({ currency: '', countryCode: '', requiresShipping: true }),
  })
  .strict()
  .superRefine((preset, ctx) => {
    if (!preset.columns.externalId && !preset.columns.orderNumber) {
      ctx.addIssue({ code: 'custom', path: ['columns', 'orderNumber'], message: 'Choose the column that holds the order number.' });
    }
    if (!preset.columns.lineName && !preset.columns.lineSku) {
      ctx.addIssue({ code: 'custom', path: ['columns', 'lineSku'], message: 'Choose the column that holds the SKU or the item name.' });
    }
    if (!preset.columns.lineQuantity) {
      ctx.addIssue({ code: 'custom', path: ['columns', 'lineQuantity'], message: 'Choose the column that holds the quantity.' });
    }
    if (preset.layout === 'line-per-row') {
      for (const [field, list] of Object.entries(preset.columns)) {
        if (list.some((c) => c.includes(NUMBERED_ITEM_PLACEHOLDER))) {
          ctx.addIssue({
            code: 'custom',
            path: ['columns', field],
            message: `Numbered columns (${NUMBERED_ITEM_PLACEHOLDER}) are for the one-row-per-order layout.`,
          });
        }
      }
    }
  });
export type OrderCsvPresetInput = z.input<typeof OrderCsvPresetSchema>;
export type OrderCsvPreset = z.output<typeof OrderCsvPresetSchema>;

/**
 * Shopify admin → Orders → Export (CSV for Excel, Numbers or other
 * spreadsheet programs). One row per line item; rows of an order share
 * `Name`, and `Id` (first row only) tells apart orders whose names repeat.
 * Order-level cells are filled on the first row of each order only.
 */
export const SHOPIFY_PRESET: OrderCsvPreset = OrderCsvPresetSchema.parse({
  name: 'Shopify order export',
  source: 'shopify',
  layout: 'line-per-row',
  delimiter: 'auto',
  encoding: 'utf-8',
  decimalSeparator: '.',
  groupBy: ['Id', 'Name'],
  required: ['Name', 'Lineitem quantity', 'Lineitem name'],
  columns: {
    externalId: ['Id', 'Name'],
    orderNumber: ['Name'],
    email: ['Email'],
    recipientName: ['Shipping Name'],
    company: ['Shipping Company'],
    // `Shipping Street` is Address1 and Address2 joined: only for files without the split columns.
    street1: ['Shipping Address1', 'Shipping Street'],
    street2: ['Shipping Address2'],
    city: ['Shipping City'],
    state: ['Shipping Province', 'Shipping Province Name'],
    postalCode: ['Shipping Zip'],
    countryCode: ['Shipping Country'],
    // Shipping phone first; the customer's and the billing phone reach the same person.
    phone: ['Shipping Phone', 'Phone', 'Billing Phone'],
    notes: ['Notes'],
    cancelledAt: ['Cancelled at'],
    fulfillmentStatus: ['Fulfillment Status'],
    currency: ['Currency'],
    lineSku: ['Lineitem sku'],
    lineName: ['Lineitem name'],
    lineQuantity: ['Lineitem quantity'],
    linePrice: ['Lineitem price'],
    lineRequiresShipping: ['Lineitem requires shipping'],
    lineFulfillmentStatus: ['Lineitem fulfillment status'],
  },
  statusValues: {},
  lineStatusValues: {},
  weightUnit: 'kg',
  defaults: { currency: '', countryCode: '', requiresShipping: true },
} satisfies OrderCsvPresetInput);

/** Starting points for the mapping screen (copied, then edited and saved under a new name). */
export const TEMPLATE_PRESETS: readonly OrderCsvPreset[] = [
  OrderCsvPresetSchema.parse({
    name: 'Spreadsheet: one row per line',
    source: 'spreadsheet',
    layout: 'line-per-row',
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
    },
  } satisfies OrderCsvPresetInput),
  OrderCsvPresetSchema.parse({
    name: 'Spreadsheet: one row per order',
    source: 'spreadsheet',
    layout: 'order-per-row',
    required: ['Order', 'Item 1 quantity'],
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
      lineSku: ['Item {n} SKU'],
      lineName: ['Item {n}'],
      lineQuantity: ['Item {n} quantity'],
      linePrice: ['Item {n} price'],
    },
  } satisfies OrderCsvPresetInput),
];

/** Whether a header row is Shopify's order export (its three columns an order cannot be read without). */
export function looksLikeShopifyExport(header: readonly string[]): boolean {
  const names = new Set(header.map((h) => h.trim()));
  return SHOPIFY_PRESET.required.every((c) => names.has(c));
}
