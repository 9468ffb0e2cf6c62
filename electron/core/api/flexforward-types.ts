/**
 * Response shapes of the Flex Forward API (reference §4.9, §5, §6, §7),
 * validated with zod. Objects are non-strict, so fields added later are
 * ignored (reference §12); an unknown `tag` reads as `Unknown` and the raw
 * value is kept for the log.
 */
import { z } from 'zod';
import { toTag, type Tag } from '../../../shared/domain/tags';

/**
 * Who is waiting for a request, most urgent first: the packer's single action
 * at the bench, a wave of labels (issue 13), background polls.
 */
export type Priority = 'user' | 'wave' | 'background';
/** The limiter serves its queues in this order. */
export const PRIORITIES: readonly Priority[] = ['user', 'wave', 'background'];

const nullableString = z
  .string()
  .nullable()
  .optional()
  .transform((v) => v ?? null);

export const LabelSchema = z
  .object({
    id: z.string().min(1),
    status: z.string(),
    courier: z.string(),
    customerOrderNumber: nullableString,
    courierOrderNumber: nullableString,
    courierTrackingNumber: nullableString,
    error: z
      .object({ code: z.string(), message: z.string() })
      .nullable()
      .optional()
      .transform((v) => v ?? null),
  })
  .transform((label) => ({ ...label, status: labelStatus(label.status, label.error !== null) }));

/**
 * Reference §12: a status added later must not lose a label the courier may
 * have made. Unknown values read as failed when an error is attached, else created.
 */
function labelStatus(raw: string, hasError: boolean): 'created' | 'failed' {
  if (raw === 'created' || raw === 'failed') return raw;
  return hasError ? 'failed' : 'created';
}
export type Label = z.output<typeof LabelSchema>;

/** A label that came back with a result: `replayed` when the key had been used before (200, not 201). */
export interface CreateLabelOutcome {
  label: Label;
  replayed: boolean;
}

export const DOCUMENT_FORMATS = ['pdf', 'png'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const LabelDocumentRefSchema = z.object({
  id: z.string().min(1),
  customerOrderNumber: nullableString,
  url: z.string().min(1),
  // Documented lower-case; tolerate `PDF` from a courier that echoes the request.
  labelFormat: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(DOCUMENT_FORMATS)),
});
export type LabelDocumentRef = z.output<typeof LabelDocumentRefSchema>;

export const LabelBatchSchema = z.object({ labels: z.array(LabelDocumentRefSchema) });

export interface LabelBatch {
  documents: LabelDocumentRef[];
  /** Asked-for ids (label ids or order numbers) that did not come back: missing, failed or not ours. */
  missing: string[];
}

export interface LabelDocument {
  bytes: Uint8Array;
  /** What the bytes really are (checked), not what the URL or header claimed. */
  format: DocumentFormat;
  url: string;
}

const checkpointTag = z
  .unknown()
  .optional()
  .transform((raw): Tag => toTag(raw));

export const CheckpointSchema = z.object({
  checkpointTime: z.string(),
  city: nullableString,
  state: nullableString,
  countryRegion: nullableString,
  location: nullableString,
  message: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? ''),
  tag: checkpointTag,
  subtag: nullableString,
  subtagMessage: nullableString,
  slug: nullableString,
});
export type Checkpoint = z.output<typeof CheckpointSchema>;

export const TrackingSchema = z.object({
  id: z.string().min(1),
  trackingNumber: nullableString,
  tag: z.unknown(),
  subtag: nullableString,
  subtagMessage: nullableString,
  slug: nullableString,
  checkpoints: z.array(z.unknown()).nullable().optional(),
});

export interface Tracking {
  id: string;
  trackingNumber: string | null;
  tag: Tag;
  /** The tag as sent, when it was not one we know (kept for the log). */
  unknownTag: string | null;
  subtag: string | null;
  subtagMessage: string | null;
  slug: string | null;
  /** Newest first, times normalised to ISO 8601 UTC. */
  checkpoints: Checkpoint[];
}

/**
 * Gap 16: the /products and /couriers response bodies are not published. We
 * accept `{products|couriers|data: [...]}` or a bare array, and items with
 * `code` (or `productCode`) plus optional names; the embedded sandbox serves
 * the `{products: [...]}` / `{couriers: [...]}` form.
 */
export const ProductSchema = z
  .object({
    code: z.string().min(1).optional(),
    productCode: z.string().min(1).optional(),
    name: z.string().nullable().optional(),
    description: z.string().nullable().optional(),
    courier: z.string().nullable().optional(),
  })
  .refine((p) => p.code !== undefined || p.productCode !== undefined, 'a product needs a code')
  .transform((p) => ({
    code: (p.code ?? p.productCode) as string,
    name: p.name ?? ((p.code ?? p.productCode) as string),
    description: p.description ?? null,
  }));
export type Product = z.output<typeof ProductSchema>;

export const CourierSchema = z
  .union([
    z
      .string()
      .min(1)
      .transform((code) => ({ code, name: code })),
    z.object({ code: z.string().min(1), name: z.string().nullable().optional() }),
  ])
  .transform((c) => ({ code: c.code, name: c.name ?? c.code }));
export type Courier = z.output<typeof CourierSchema>;

export function listOf<T extends z.ZodType>(item: T, key: string) {
  return z.union([
    z.array(item),
    z.object({ [key]: z.array(item) }).transform((o) => o[key] as z.output<T>[]),
    z.object({ data: z.array(item) }).transform((o) => o.data),
  ]);
}

/** The documented error bodies (reference §8). */
export const StandardErrorSchema = z.object({ error: z.string() });
export const ValidationErrorSchema = z.object({
  error: z.string(),
  details: z.array(z.object({ field: z.string(), message: z.string() })).default([]),
});
