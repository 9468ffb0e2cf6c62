/**
 * Waves (issue 13): many ready orders labelled and printed in one run, in a
 * chosen sequence. The shapes the contract carries: which orders (a filter),
 * in what order (a sequence), and a wave's progress with its failures.
 * Storage and the runner live in electron/core/waves.
 */
import { z } from 'zod';
import { FieldErrorSchema, ERROR_CODES } from '../result';
import { OrderEditsSchema } from './order-desk';

/** At most this many orders in one wave: a day's work at a busy bench, and a bound on every list below. */
export const WAVE_MAX_ORDERS = 2_000;
/** Orders a preview lists (the count covers them all). */
export const WAVE_PREVIEW_ROWS = 200;

/** The order labels are made and printed in. */
export const WAVE_SEQUENCES = ['order-number', 'sku', 'courier', 'import'] as const;
export const WaveSequenceSchema = z.enum(WAVE_SEQUENCES);
export type WaveSequence = z.infer<typeof WaveSequenceSchema>;

const isoInstant = z.iso.datetime({ offset: true, message: 'Give a date and time, e.g. 2026-03-02T00:00:00+08:00.' });

/** Which ready orders: all of them, or those of one courier, country, SKU, or imported in a period. */
export const WaveFilterSchema = z
  .object({
    courier: z.string().trim().min(1).max(40).optional(),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Give the country as its two-letter code, e.g. US.')
      .optional(),
    sku: z.string().trim().min(1).max(100).optional(),
    /** Imported at or after this instant. */
    importedFrom: isoInstant.optional(),
    /** Imported before this instant. */
    importedTo: isoInstant.optional(),
  })
  .strict();
export type WaveFilter = z.infer<typeof WaveFilterSchema>;

export const WavePreviewArgsSchema = z
  .object({ filter: WaveFilterSchema.default({}), sequence: WaveSequenceSchema.default('order-number') })
  .strict();

/** One order as a wave lists it. */
export const WaveOrderSchema = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  recipientName: z.string(),
  destination: z.string(),
  country: z.string(),
  courier: z.string(),
  productCode: z.string(),
  /** The first shippable line's SKU (what "by SKU" sorts on). */
  sku: z.string(),
  importedAt: z.string(),
});
export type WaveOrder = z.infer<typeof WaveOrderSchema>;

export const WavePreviewSchema = z.object({
  /** The first WAVE_PREVIEW_ROWS orders, in the chosen sequence. */
  orders: z.array(WaveOrderSchema),
  total: z.number().int(),
  /** More than one wave may take: only the first WAVE_MAX_ORDERS go in. */
  capped: z.boolean(),
  /** What the filter can choose from among all ready orders. */
  couriers: z.array(z.string()),
  countries: z.array(z.string()),
});
export type WavePreview = z.infer<typeof WavePreviewSchema>;

export const WaveCreateArgsSchema = z
  .object({
    filter: WaveFilterSchema.default({}),
    sequence: WaveSequenceSchema.default('order-number'),
    /** Orders the packer unticked in the preview. */
    exclude: z.array(z.string().min(1).max(100)).max(WAVE_MAX_ORDERS).default([]),
    /** Starts at once (the default) or waits for `waves:resume`. */
    start: z.boolean().default(true),
  })
  .strict();

export const WAVE_STATES = ['running', 'paused', 'cancelled', 'finished'] as const;
export const WaveStateSchema = z.enum(WAVE_STATES);
export type WaveState = z.infer<typeof WaveStateSchema>;

/**
 * Why a wave is paused: the packer said so; the printer cannot print (preflight or a failed print: no label is
 * bought that cannot be printed); the station restarted mid-wave (it finishes the label in flight and waits).
 */
export const WAVE_PAUSE_REASONS = ['packer', 'printer', 'restart', 'created'] as const;
export const WavePauseReasonSchema = z.enum(WAVE_PAUSE_REASONS);
export type WavePauseReason = z.infer<typeof WavePauseReasonSchema>;

export const WAVE_ITEM_STATES = ['pending', 'buying', 'done', 'failed', 'skipped'] as const;
export const WaveItemStateSchema = z.enum(WAVE_ITEM_STATES);
export type WaveItemState = z.infer<typeof WaveItemStateSchema>;

/**
 * What went wrong with an item: the label was refused (by the API, with fields, or the courier); the order was
 * not ready (fields named); the label exists but did not print (reprint it); the order got its label elsewhere or
 * was closed meanwhile (skipped: nothing to do); anything else (the API down: retry).
 */
export const WAVE_FAILURES = ['label', 'not-ready', 'print', 'skipped', 'error'] as const;
export const WaveFailureSchema = z.enum(WAVE_FAILURES);
export type WaveFailure = z.infer<typeof WaveFailureSchema>;

export const WaveItemSchema = z.object({
  position: z.number().int(),
  orderId: z.string(),
  orderNumber: z.string(),
  state: WaveItemStateSchema,
  failure: WaveFailureSchema.nullable(),
  shipmentId: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), fields: z.array(FieldErrorSchema) }).nullable(),
  /** The order's ship-to as it is now, for fixing it in place. */
  shipTo: z
    .object({
      firstName: z.string(),
      lastName: z.string(),
      phone: z.string(),
      streetLines: z.array(z.string()),
      city: z.string(),
      state: z.string(),
      postalCode: z.string(),
      countryCode: z.string(),
    })
    .nullable(),
  tries: z.number().int(),
});
export type WaveItem = z.infer<typeof WaveItemSchema>;

export const WaveCountsSchema = z.object({
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  /** Not started yet, or being bought now. */
  remaining: z.number().int(),
  inFlight: z.number().int(),
});
export type WaveCounts = z.infer<typeof WaveCountsSchema>;

export const WaveSummarySchema = z.object({
  id: z.string(),
  state: WaveStateSchema,
  pause: z.object({ reason: WavePauseReasonSchema, message: z.string().nullable() }).nullable(),
  sequence: WaveSequenceSchema,
  filter: WaveFilterSchema,
  counts: WaveCountsSchema,
  /** From the pace of the last labels; null until there is one to go by, or when nothing is left. */
  secondsLeft: z.number().nullable(),
  labelsPerMinute: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type WaveSummary = z.infer<typeof WaveSummarySchema>;

export const WaveViewSchema = WaveSummarySchema.extend({
  /** Failed and skipped items, in sequence. */
  failures: z.array(WaveItemSchema),
  /** The item being bought or printed now, if any. */
  current: z.object({ position: z.number().int(), orderNumber: z.string() }).nullable(),
});
export type WaveView = z.infer<typeof WaveViewSchema>;

export const WaveIdArgsSchema = z.object({ id: z.string().min(1).max(100) }).strict();

/** Failed items tried again together, each order first corrected where the packer fixed it. */
export const WaveRetryArgsSchema = z
  .object({
    id: z.string().min(1).max(100),
    /** Positions to retry; absent: every failed item. */
    positions: z.array(z.number().int().min(0)).max(WAVE_MAX_ORDERS).optional(),
    fixes: z
      .array(z.object({ orderId: z.string().min(1).max(100), edits: OrderEditsSchema }).strict())
      .max(WAVE_MAX_ORDERS)
      .default([]),
  })
  .strict();
export type WaveRetryArgs = z.output<typeof WaveRetryArgsSchema>;

/**
 * The order field a label error names, for fixing it on the order: the API's
 * `shipment.shipTo.address.postalCode` is the order's `shipTo.address.postalCode`;
 * `streetLines.0` is the street lines. Null when the error is about something
 * the order does not carry (the service, the ship-from).
 */
export function orderFieldOf(field: string): string | null {
  const path = field.replace(/^shipment\./, '');
  if (!path.startsWith('shipTo.')) return null;
  return path.replace(/^shipTo\.address\.streetLines(\.\d+)?$/, 'shipTo.address.streetLines');
}
