/**
 * Orders as the station keeps them (issue 12), in the shapes the contract
 * carries: the list and its statuses, one order with what it still needs,
 * the packer's local edits, what an import did to the stored orders, the
 * ship call and the scan resolution. Storage lives in electron/core; these
 * are plain data and zod schemas.
 */
import { z } from 'zod';
import { ATTENTION_REASONS } from './order-attention';
import { OrderCsvPresetSchema } from './order-csv-presets';
import { IMPORT_FORMATS, IMPORT_POLICIES, IMPORT_PROBLEM_CODES, SKIP_REASONS } from './order-import';
import { MoneySchema, OrderLineSchema, OrderSchema } from './orders';
import { SavedBoxSchema } from './packing';
import { PackerSchema } from './packers';
import { LabelStateSchema } from './shipment';
import { LabelCreateResultSchema } from './shipment-detail';
import { TagSchema } from './tags';
import { STATION_COMMANDS } from '../scan/commands';
import { FieldErrorSchema } from '../result';
import { translate } from '../i18n';
import type { Language } from './settings';

/**
 * Where an order stands, as the orders list filters it:
 * - `needs-attention`: the order lacks what only the office can fix (no address,
 *   a country that is not ISO, a SKU missing from the catalogue, no weight…);
 * - `new`: the order is complete, but the station cannot label it without the
 *   packer (no box chosen and no default box, no default ship-from, no courier
 *   or product from the defaults or a rule);
 * - `ready`: a label can be made now from what the station knows (ship on scan works);
 * - `labelled`: a label exists (or is being made) and has not printed yet;
 * - `printed`: its label printed;
 * - `cancelled-after-labelling`: the shop cancelled it after its label was
 *   made: do not ship (void the label with the courier);
 * - `closed`: cancelled, fulfilled or restocked in the shop before any label: nothing to do.
 */
export const ORDER_STATUSES = ['new', 'needs-attention', 'ready', 'labelled', 'printed', 'cancelled-after-labelling', 'closed'] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** The statuses an order has before any label (kept in the row; the others come from its label). */
export const READINESS_STATUSES = ['new', 'needs-attention', 'ready'] as const satisfies readonly OrderStatus[];
export type Readiness = (typeof READINESS_STATUSES)[number];

export const AttentionItemSchema = z.object({
  field: z.string(),
  reason: z.enum(ATTENTION_REASONS),
  detail: z.string(),
  suggestion: z.string().optional(),
});

// ---------------------------------------------------------------------------
// Local edits

/**
 * What a packer may correct on an imported order, as dotted paths (the same
 * paths "Needs attention" names). Each edited field is kept apart from the
 * imported value, so a re-import can tell a change in the file from the
 * packer's correction: local edits win and the difference is reported.
 */
export const EDITABLE_ORDER_FIELDS = [
  'email',
  'notes',
  'shipTo.contact.firstName',
  'shipTo.contact.lastName',
  'shipTo.contact.phone',
  'shipTo.contact.email',
  'shipTo.company',
  'shipTo.address.streetLines',
  'shipTo.address.city',
  'shipTo.address.state',
  'shipTo.address.postalCode',
  'shipTo.address.countryCode',
  'lines',
] as const;
export type EditableOrderField = (typeof EDITABLE_ORDER_FIELDS)[number];

const EditText = (max: number) => z.string().trim().max(max, `Keep this to ${max} characters or fewer.`);
export const OrderEditsSchema = z
  .object({
    email: EditText(200).optional(),
    notes: z.string().max(2000, 'Keep the notes to 2,000 characters or fewer.').optional(),
    'shipTo.contact.firstName': EditText(100).optional(),
    'shipTo.contact.lastName': EditText(100).optional(),
    'shipTo.contact.phone': EditText(30).optional(),
    'shipTo.contact.email': EditText(200).optional(),
    'shipTo.company': EditText(100).optional(),
    'shipTo.address.streetLines': z.array(EditText(100)).max(3, 'An address has at most 3 street lines.').optional(),
    'shipTo.address.city': EditText(100).optional(),
    'shipTo.address.state': EditText(50).optional(),
    'shipTo.address.postalCode': EditText(12).optional(),
    'shipTo.address.countryCode': EditText(2).toUpperCase().optional(),
    lines: z.array(OrderLineSchema).min(1, 'An order keeps at least one line.').max(200).optional(),
  })
  .strict();
export type OrderEdits = z.output<typeof OrderEditsSchema>;

export const OrderUpdateArgsSchema = z
  .object({
    id: z.string().min(1),
    /** Fields to set here (they win over the file from now on). */
    edits: OrderEditsSchema.default({}),
    /** Fields to give back to the file: the imported value applies again. */
    revert: z.array(z.enum(EDITABLE_ORDER_FIELDS)).default([]),
    /** The box for this order; null: the station's default box. Absent: unchanged. */
    boxId: z.string().min(1).nullable().optional(),
    /** A weight typed by the packer, in kg; null: computed (catalogue + box tare). Absent: unchanged. */
    weightKg: z.number().positive('Enter a weight above 0 kg.').max(1000, 'Enter at most 1,000 kg.').nullable().optional(),
  })
  .strict();

/** A field both the packer and the file changed: the packer's value was kept. */
export const OrderConflictSchema = z.object({
  field: z.enum(EDITABLE_ORDER_FIELDS),
  /** JSON of the value the file now has, and of the packer's value that was kept. */
  fileValue: z.string(),
  keptValue: z.string(),
  /** When the import that found it ran (ISO 8601). */
  at: z.string(),
  file: z.string(),
});
export type OrderConflict = z.infer<typeof OrderConflictSchema>;

// ---------------------------------------------------------------------------
// List and detail

/** One thing that keeps an order from its label: a field of the label request or of the order, and why. */
export const ShipGapSchema = FieldErrorSchema.extend({
  /** Who can fix it: the order (edit it, or the catalogue), the packer at the bench (box, weight), or the station set-up. */
  fix: z.enum(['order', 'catalogue', 'bench', 'setup']),
});
export type ShipGap = z.infer<typeof ShipGapSchema>;

export const OrderSummarySchema = z.object({
  id: z.string(),
  source: z.string(),
  externalId: z.string(),
  orderNumber: z.string(),
  status: OrderStatusSchema,
  recipientName: z.string(),
  /** "City, CC" as far as known. */
  destination: z.string(),
  lineCount: z.number().int(),
  units: z.number().int(),
  /** The order's label (its shipment), if it has one. */
  shipmentId: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  hasEdits: z.boolean(),
  hasConflicts: z.boolean(),
  importedAt: z.string(),
  updatedAt: z.string(),
  /** In `orders:list`, for an order that needs attention: what the office must fix (order or catalogue), per field. */
  missing: z.array(ShipGapSchema).optional(),
});
export type OrderSummary = z.infer<typeof OrderSummarySchema>;

export const ORDER_PAGE_MAX = 500;
export const OrderQuerySchema = z
  .object({
    status: OrderStatusSchema.optional(),
    /** Order number, recipient name or SKU (case-insensitive, part of it). */
    search: z.string().trim().max(100).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(ORDER_PAGE_MAX).default(100),
  })
  .strict()
  .default({ offset: 0, limit: 100 });

export const OrderCountsSchema = z.object(
  Object.fromEntries(ORDER_STATUSES.map((s) => [s, z.number().int()])) as {
    [S in OrderStatus]: z.ZodNumber;
  },
);
export type OrderCounts = z.infer<typeof OrderCountsSchema>;

export const OrderPageSchema = z.object({
  items: z.array(OrderSummarySchema),
  total: z.number().int(),
  offset: z.number().int(),
  /** Orders per status, for the filter chips. */
  counts: OrderCountsSchema,
});

export const ParcelPlanSchema = z.object({
  items: z.array(
    z.object({
      sku: z.string(),
      descriptionEn: z.string(),
      quantity: z.number().int(),
      unitPrice: MoneySchema.nullable(),
      unitWeightKg: z.number().nullable(),
      hsCode: z.string(),
      originCountry: z.string(),
    }),
  ),
  weightKg: z.number().nullable(),
  /** `scale` and `manual` are the packer's; `catalogue` is unit weights × quantity + box tare. */
  weightFrom: z.enum(['scale', 'manual', 'catalogue']).nullable(),
  box: SavedBoxSchema.nullable(),
  /** Whether the box is the order's own choice or the station's default. */
  boxFrom: z.enum(['order', 'scan', 'default']).nullable(),
  courier: z.string(),
  productCode: z.string(),
  shipFrom: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type ParcelPlan = z.infer<typeof ParcelPlanSchema>;

export const OrderDetailSchema = OrderSummarySchema.extend({
  /** The order as it ships: the file's values with the packer's edits on top. */
  order: OrderSchema,
  /** As the file last said it. */
  imported: OrderSchema,
  editedFields: z.array(z.enum(EDITABLE_ORDER_FIELDS)),
  conflicts: z.array(OrderConflictSchema),
  attention: z.array(AttentionItemSchema),
  /** What the label would be made from now, and what is still missing (empty: ready). */
  plan: ParcelPlanSchema,
  missing: z.array(ShipGapSchema),
  boxId: z.string().nullable(),
  weightKg: z.number().nullable(),
  labelState: LabelStateSchema.nullable(),
  /** The shop's cancellation time when it was cancelled after its label (ISO 8601 or the shop's text). */
  cancelledAt: z.string().nullable(),
  closedReason: z.enum(['cancelled', 'fulfilled', 'restocked']).nullable(),
});
export type OrderDetail = z.infer<typeof OrderDetailSchema>;

// ---------------------------------------------------------------------------
// Ship

export const ShipArgsSchema = z
  .object({
    id: z.string().min(1),
    /** The box the packer scanned or picked; absent: the order's choice, else the station's default. */
    boxId: z.string().min(1).optional(),
    /** A scale reading or a typed weight in kg (wins over the computed one). */
    weightKg: z.number().positive('Enter a weight above 0 kg.').max(1000, 'Enter at most 1,000 kg.').optional(),
    weightFrom: z.enum(['scale', 'manual']).default('manual'),
    /** Who packed it, when known (recorded in the log). */
    packer: z.string().trim().max(60).optional(),
    /**
     * The packer confirmed a second label for an order that already has one made elsewhere at the station; and/or
     * to buy it although the label printer cannot print now (PRINTER_NOT_READY otherwise), leaving it unprinted.
     */
    confirm: z
      .object({ duplicateOrder: z.boolean().default(false), printLater: z.literal(true).optional() })
      .strict()
      .optional(),
  })
  .strict();
export type ShipArgs = z.input<typeof ShipArgsSchema>;

export const SlipOutcomeSchema = z.object({
  status: z.enum(['printed', 'failed', 'not-configured', 'not-printed']),
  message: z.string().nullable(),
});
export type SlipOutcome = z.infer<typeof SlipOutcomeSchema>;

export const ShipResultSchema = z.object({
  order: OrderSummarySchema,
  label: LabelCreateResultSchema,
  slip: SlipOutcomeSchema,
});
export type ShipResult = z.infer<typeof ShipResultSchema>;

// ---------------------------------------------------------------------------
// Scan

export const ScanArgsSchema = z
  .object({
    code: z.string().max(200, 'A scan is a short code; this is too long to be one.'),
    /** The order open on the pack screen, if any: a second scan of it ships it. */
    openOrderId: z.string().min(1).optional(),
  })
  .strict();

export const ScanCandidateSchema = z.object({
  value: z.string(),
  kind: z.enum(['raw', 'spaced', 'gs1', 'usps-impb', 'fedex-34', 'shopify-name']),
});

/**
 * What the pack screen does with a matched order: `open` it, `ship` it now
 * (ship on scan, or a second scan of the open order), say it is
 * `already-labelled` (scan REPRINT to reprint), or warn `do-not-ship`
 * (cancelled after labelling).
 */
export const SCAN_NEXT_STEPS = ['open', 'ship', 'already-labelled', 'do-not-ship'] as const;

export const ScanResolutionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('command'), command: z.enum(STATION_COMMANDS), code: z.string() }),
  /** A packer's badge (`%BADGE-…`): that packer is now on duty at this station. */
  z.object({ kind: z.literal('packer'), packer: PackerSchema, code: z.string() }),
  /** Reserved prefix, but not a command this station knows (a newer station's command). */
  z.object({ kind: z.literal('reserved'), code: z.string() }),
  z.object({ kind: z.literal('order'), order: OrderSummarySchema, candidate: ScanCandidateSchema, next: z.enum(SCAN_NEXT_STEPS) }),
  /** One number, several orders (two shops with the same numbering): the packer picks. */
  z.object({ kind: z.literal('orders'), orders: z.array(OrderSummarySchema), candidate: ScanCandidateSchema }),
  z.object({ kind: z.literal('box'), box: SavedBoxSchema }),
  z.object({ kind: z.literal('shipment'), shipment: z.object({ id: z.string(), tag: TagSchema }), candidate: ScanCandidateSchema }),
  /** Nothing matched; `orderNumber` is set when the scan is a valid order number ("create a label for order X"). */
  z.object({ kind: z.literal('unknown'), code: z.string(), orderNumber: z.string().nullable() }),
]);
export type ScanResolution = z.infer<typeof ScanResolutionSchema>;

// ---------------------------------------------------------------------------
// Files in (import screen, SKU catalogue)

/**
 * Browser mode caps a request body at 1 MB (electron/browser/server.ts), and
 * a 50,000-line export is tens of MB: a larger file is sent in pieces with
 * `imports:upload` and then named by its upload id.
 */
export const MAX_INLINE_FILE_BASE64_CHARS = 700_000;
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Send the file as base64.');
const FileName = z.string().trim().min(1, 'Name the file.').max(255);

export const ImportFileSchema = z.union([
  z.object({ name: FileName, base64: Base64.max(MAX_INLINE_FILE_BASE64_CHARS, 'Send a file this large with imports:upload.') }).strict(),
  z.object({ name: FileName, uploadId: z.string().regex(/^[a-f0-9]{32}$/, 'Unknown upload id.') }).strict(),
]);
export type ImportFile = z.infer<typeof ImportFileSchema>;

export const UploadArgsSchema = z
  .object({
    /** Absent for the first piece: a new upload starts. */
    uploadId: z
      .string()
      .regex(/^[a-f0-9]{32}$/)
      .optional(),
    /** Where this piece goes: the bytes received so far (a piece sent twice is taken once). */
    offset: z.number().int().min(0),
    base64: Base64.max(MAX_INLINE_FILE_BASE64_CHARS, 'Send pieces of at most 512 KB.'),
  })
  .strict();

export const ImportArgsSchema = z
  .object({
    file: ImportFileSchema,
    /** A saved preset by name (`shopify` for Shopify's export); absent: Shopify's export is recognised. */
    presetName: z.string().trim().min(1).max(60).optional(),
    /** An unsaved mapping straight from the mapping screen (wins over `presetName`). */
    preset: OrderCsvPresetSchema.optional(),
    policy: z.enum(IMPORT_POLICIES).optional(),
  })
  .strict();

export const PreviewArgsSchema = ImportArgsSchema.extend({ limit: z.number().int().min(1).max(50).default(10) }).strict();

export const ImportProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.enum(IMPORT_PROBLEM_CODES),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  value: z.string(),
  order: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
const KeySchema = z.object({ source: z.string(), externalId: z.string() });

export const OrderImportReportSchema = z.object({
  file: z.string(),
  format: z.enum(IMPORT_FORMATS).nullable(),
  preset: z.string().nullable(),
  policy: z.enum(IMPORT_POLICIES),
  accepted: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int(),
  skipped: z.array(
    z.object({
      key: KeySchema,
      orderNumber: z.string(),
      reason: z.enum(SKIP_REASONS),
      row: z.number().int(),
      cancelledAt: z.string().nullable(),
    }),
  ),
  problems: z.array(ImportProblemSchema),
  needsAttention: z.array(
    z.object({ key: KeySchema, orderNumber: z.string(), row: z.number().int(), items: z.array(AttentionItemSchema) }),
  ),
});

/** What one import did to the stored orders (nothing when the file was refused). */
export const StoredImportSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Already stored exactly so: the same file twice changes nothing. */
  unchanged: z.number().int(),
  /** Changed in the file but already labelled: never changed. */
  keptLabelled: z.array(z.object({ orderId: z.string(), orderNumber: z.string() })),
  /** Changed in the file where the packer had edited the same field: the packer's value kept. */
  conflicts: z.array(z.object({ orderId: z.string(), orderNumber: z.string(), fields: z.array(OrderConflictSchema) })),
  /** Cancelled in the shop after the label was made: "cancelled after labelling — do not ship". */
  cancelledAfterLabelling: z.array(z.object({ orderId: z.string(), orderNumber: z.string(), trackingNumber: z.string().nullable() })),
  /** Stored orders without a label that the shop has since cancelled, fulfilled or restocked. */
  closed: z.array(z.object({ orderId: z.string(), orderNumber: z.string(), reason: z.enum(['cancelled', 'fulfilled', 'restocked']) })),
});
export type StoredImport = z.infer<typeof StoredImportSchema>;

export const ImportOutcomeSchema = z.object({ report: OrderImportReportSchema, stored: StoredImportSchema });
export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>;

export const PreviewOutcomeSchema = z.object({
  report: OrderImportReportSchema,
  orders: z.array(z.object({ order: OrderSchema, row: z.number().int(), attention: z.array(AttentionItemSchema) })),
});

// ---------------------------------------------------------------------------
// Presets and the SKU catalogue

export const SavedPresetSchema = z.object({
  preset: OrderCsvPresetSchema,
  /** Built in (Shopify's export, the spreadsheet templates): not editable, copied to a new name instead. */
  builtIn: z.boolean(),
  updatedAt: z.string().nullable(),
});
export const PresetListSchema = z.array(SavedPresetSchema);

export const SkuEntryViewSchema = z.object({
  sku: z.string(),
  descriptionEn: z.string(),
  descriptionLocal: z.string(),
  unitWeightKg: z.number().nullable(),
  unitValue: MoneySchema.nullable(),
  hsCode: z.string(),
  originCountry: z.string(),
  updatedAt: z.string(),
});
export const SkuPageSchema = z.object({ items: z.array(SkuEntryViewSchema), total: z.number().int(), offset: z.number().int() });
export const SkuQuerySchema = z
  .object({
    search: z.string().trim().max(100).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(ORDER_PAGE_MAX).default(100),
  })
  .strict()
  .default({ offset: 0, limit: 100 });

/** SKUs a dry run shows before anything is saved. */
export const SKU_PREVIEW_MAX = 20;
export const SkuImportArgsSchema = z
  .object({
    file: ImportFileSchema,
    decimalSeparator: z.enum(['.', ',']).default('.'),
    /** Read and compare only: the outcome says what an import would do, nothing is stored. */
    dryRun: z.boolean().default(false),
  })
  .strict();
export const SkuImportOutcomeSchema = z.object({
  file: z.string(),
  accepted: z.boolean(),
  rows: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  problems: z.array(ImportProblemSchema),
  /** The first SKUs read, as they will be stored, and what the import does to each (a dry run's preview). */
  preview: z.array(
    z.object({
      row: z.number().int(),
      change: z.enum(['new', 'changed', 'same']),
      entry: SkuEntryViewSchema.omit({ updatedAt: true }),
    }),
  ),
});
export type SkuImportOutcome = z.infer<typeof SkuImportOutcomeSchema>;

/** What an import did to the stored orders, as text (the watched folder's report file, after the import report). */
export function formatStoredImport(language: Language, stored: StoredImport): string {
  const say = (key: string, params: Record<string, string | number> = {}) => translate(language, `orderDesk.stored.${key}`, params);
  const lines = [say('summary', { created: stored.created, updated: stored.updated, unchanged: stored.unchanged })];
  for (const k of stored.keptLabelled) lines.push(`- ${say('keptLabelled', { order: k.orderNumber })}`);
  for (const c of stored.conflicts) {
    for (const f of c.fields)
      lines.push(`- ${say('conflict', { order: c.orderNumber, field: f.field, fileValue: f.fileValue, keptValue: f.keptValue })}`);
  }
  for (const c of stored.cancelledAfterLabelling)
    lines.push(`- ${say('cancelledAfterLabelling', { order: c.orderNumber, tracking: c.trackingNumber ?? '' })}`);
  for (const c of stored.closed) {
    lines.push(`- ${say('closed', { order: c.orderNumber, reason: translate(language, `orderDesk.ship.reasons.${c.reason}`) })}`);
  }
  return lines.join('\n') + '\n';
}
