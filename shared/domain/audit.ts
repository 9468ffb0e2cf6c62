/**
 * The audit log as the renderer and other parts see it (issue 13): what
 * happened, when, at which station, with which packer on duty, about which
 * order and shipment. Append-only.
 *
 * Actions:
 * - `import`         an order file was read (one entry per order stored or changed, one for the file)
 * - `label-created`  the courier made the label (tracking number known)
 * - `print`          the label printed by itself after it was made (detail: printer, or why it failed)
 * - `reprint`        printed again; `reason` from REPRINT_REASONS, or `rescan` (a scan or command barcode)
 * - `void`           the label was voided
 * - `retry`          a failed label tried again
 * - `cancellation`   an order cancelled in the shop (after or before its label), a wave cancelled
 * - `setting-change` a setting, print profile, station default or the packers list changed
 * - `shift`          a packer went on duty (or nobody is)
 */
import { z } from 'zod';

export const AUDIT_ACTIONS = [
  'import',
  'label-created',
  'print',
  'reprint',
  'void',
  'retry',
  'cancellation',
  'setting-change',
  'shift',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** What the packer picks when reprinting from a button. */
export const REPRINT_REASONS = ['damaged', 'not-printed', 'wrong-printer', 'lost', 'other'] as const;
/** A reprint nobody was asked about: a scan or the REPRINT command barcode (`rescan`), a wave's held print (`held`). */
export const REPRINT_SYSTEM_REASONS = ['rescan', 'held'] as const;
export const ReprintReasonSchema = z.enum([...REPRINT_REASONS, ...REPRINT_SYSTEM_REASONS]);
export type ReprintReason = z.infer<typeof ReprintReasonSchema>;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  /** ISO 8601 (UTC). */
  at: z.string(),
  station: z.string(),
  /** The packer on duty then (their name as it was), or null. */
  packer: z.string().nullable(),
  action: AuditActionSchema,
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  shipmentId: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  /** A reprint's reason (ReprintReason), or another action's short code. */
  reason: z.string().nullable(),
  /** A short English note (file name and counts, printer, fields changed). */
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Newest first. An order's entries include those of its shipment; a shipment's those of its order. */
export const MAX_AUDIT_PAGE = 500;
export const AuditQuerySchema = z
  .object({
    orderId: z.string().min(1).optional(),
    shipmentId: z.string().min(1).optional(),
    /** ISO 8601 times, half-open [from, to). */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    action: AuditActionSchema.optional(),
    /** The next page: entries older than this id. */
    beforeId: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(MAX_AUDIT_PAGE).default(100),
  })
  .strict();
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  /** More entries are older than the last one shown. */
  more: z.boolean(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** A range for the CSV export: every entry in [from, to), oldest first. */
export const AuditExportArgsSchema = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  })
  .strict()
  .refine((a) => Date.parse(a.to) > Date.parse(a.from), { message: 'The end of the range must be after its start.', path: ['to'] });

export const AuditExportSchema = z.object({ fileName: z.string(), csv: z.string(), entries: z.number().int() });
