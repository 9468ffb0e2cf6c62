import { z } from 'zod';
import { TagSchema } from './tags';

/** Where a shipment's tracking comes from: labels made here, or tracked from another provider. */
export const PROVIDERS = ['flexforward', 'flashamericas'] as const;
export const ProviderSchema = z.enum(PROVIDERS);
export type Provider = z.infer<typeof ProviderSchema>;

/**
 * The label workflow's states (design §2, electron/core/labels/workflow.ts).
 * Unfinished, resumed on start-up: submitting, created, document_ready (when auto-print is on).
 * At rest: failed (courier rejected; a retry is a new attempt), invalid (400), printed,
 * print_failed (label kept; reprint). `tracked` is not produced by this version (tracking
 * starts with `created`); it stays accepted so rows and screens that know it keep working.
 */
export const LABEL_STATES = ['submitting', 'created', 'failed', 'invalid', 'document_ready', 'printed', 'print_failed', 'tracked'] as const;
export const LabelStateSchema = z.enum(LABEL_STATES);
export type LabelState = z.infer<typeof LabelStateSchema>;

/**
 * Where a shipment stands in the list, beside its tag: `needs_action` (its label was refused or did not print:
 * the packer has something to do), `voided` (its label was voided here), `active` (counted under its tag).
 */
export const STANDINGS = ['active', 'needs_action', 'voided'] as const;
export const StandingSchema = z.enum(STANDINGS);
export type ShipmentStanding = z.infer<typeof StandingSchema>;

/** Why a label was voided: a short list the reports can group by, plus the packer's own words. */
export const VOID_REASONS = ['wrong-address', 'wrong-service', 'duplicate', 'order-cancelled', 'damaged', 'other'] as const;
export const VoidReasonSchema = z.enum(VOID_REASONS);
export type VoidReason = z.infer<typeof VoidReasonSchema>;
export const VOID_NOTE_MAX_CHARS = 200;

export const VoidArgsSchema = z
  .object({
    shipmentId: z.string().min(1),
    reason: VoidReasonSchema,
    note: z.string().trim().max(VOID_NOTE_MAX_CHARS, `Keep the note to ${VOID_NOTE_MAX_CHARS} characters.`).optional(),
  })
  .strict();
export type VoidArgs = z.input<typeof VoidArgsSchema>;

/** A label voided here: the courier was not told (Flex Forward has no cancel). */
export const VoidRecordSchema = z.object({
  at: z.string(),
  reason: VoidReasonSchema,
  note: z.string().nullable(),
  /** The packer on duty when it was voided, else the station's name. */
  by: z.string(),
});
export type VoidRecord = z.infer<typeof VoidRecordSchema>;

/** One row of the shipments list: everything the list shows, nothing it does not. */
export const ShipmentSummarySchema = z.object({
  id: z.string(),
  provider: ProviderSchema,
  labelState: LabelStateSchema.nullable(),
  /** Needs action, voided, or active (optional: a row from an older station has none, and is active). */
  standing: StandingSchema.optional(),
  trackingNumber: z.string().nullable(),
  orderNumber: z.string().nullable(),
  recipientName: z.string().nullable(),
  destination: z.string().nullable(),
  tag: TagSchema,
  subtagMessage: z.string().nullable(),
  stale: z.boolean(),
  createdAt: z.string(),
  /** Last time anything happened to the shipment (label step or tracking news); the list sorts on it. */
  activityAt: z.string(),
});
export type ShipmentSummary = z.infer<typeof ShipmentSummarySchema>;

export const SHIPMENT_SORTS = [
  'activity_desc',
  'activity_asc',
  'created_desc',
  'tracking_asc',
  'tracking_desc',
  'order_asc',
  'order_desc',
  'recipient_asc',
  'recipient_desc',
  'destination_asc',
  'destination_desc',
  'status_asc',
  'status_desc',
] as const;
export type ShipmentSort = (typeof SHIPMENT_SORTS)[number];
export const MAX_PAGE_SIZE = 500;

export const ShipmentQuerySchema = z
  .object({
    /** Matches tracking number, order number or recipient name. */
    search: z.string().trim().max(200).optional(),
    tag: TagSchema.optional(),
    /** Only shipments that need action, or only voided ones (a `tag` filter shows active ones only). */
    standing: z.enum(['needs_action', 'voided']).optional(),
    sort: z.enum(SHIPMENT_SORTS).default('activity_desc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  })
  .strict();
export type ShipmentQuery = z.input<typeof ShipmentQuerySchema>;

export const ShipmentPageSchema = z.object({
  items: z.array(ShipmentSummarySchema),
  /** Rows matching the query (all pages); with `totalIsLowerBound`, at least this many (the list reaches this far). */
  total: z.number().int(),
  offset: z.number().int(),
  /**
   * A search on the warehouse database is counted up to a bound (a million shipments cannot be counted per
   * keystroke): true when more match than `total` says; the list shows "1,000+" and asks for a narrower search.
   */
  totalIsLowerBound: z.boolean().optional(),
});
export type ShipmentPage = z.infer<typeof ShipmentPageSchema>;
