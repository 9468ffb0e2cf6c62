import { z } from 'zod';
import { StationErrorSchema } from '../result';
import { DocumentTypeSchema } from './printing';
import { LabelStateSchema, ProviderSchema, VoidRecordSchema } from './shipment';
import { TagSchema } from './tags';
import { ProviderDetailsSchema } from './track';

/** One label attempt (the first POST, or a deliberate retry of a rejected label with a new key). */
export const LabelAttemptSchema = z.object({
  attempt: z.number().int(),
  state: LabelStateSchema,
  labelId: z.string().nullable(),
  courierOrderNumber: z.string().nullable(),
  courierTrackingNumber: z.string().nullable(),
  error: StationErrorSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LabelAttempt = z.infer<typeof LabelAttemptSchema>;

/** One parcel as the label declared it: weight, box and the customs lines. */
export const ParcelSummarySchema = z.object({
  weightKg: z.number(),
  dimensionCm: z.object({ length: z.number(), width: z.number(), height: z.number() }).nullable(),
  items: z.array(
    z.object({
      description: z.string(),
      quantity: z.number().int(),
      unitPrice: z.number(),
      currency: z.string(),
      unitWeightKg: z.number(),
    }),
  ),
});
export type ParcelSummary = z.infer<typeof ParcelSummarySchema>;

/** What was asked for, in the words the packer used (no idempotency key, no phone numbers). */
export const RequestSummarySchema = z.object({
  courier: z.string(),
  productCode: z.string(),
  format: z.string(),
  shipTo: z.string(),
  parcels: z.number().int(),
  weightKg: z.number(),
  /** Each parcel and its items (optional: a summary written before it existed has none). */
  parcelList: z.array(ParcelSummarySchema).optional(),
});

export const TrackingDetailSchema = z.object({
  tag: TagSchema,
  subtag: z.string().nullable(),
  subtagMessage: z.string().nullable(),
  lastCheckpointAt: z.string().nullable(),
  lastPolledAt: z.string().nullable(),
  /** Null when polling stopped; `stoppedReason` says why. */
  nextPollAt: z.string().nullable(),
  stoppedReason: z.enum(['terminal', 'stale', 'not_found']).nullable(),
  failureCount: z.number().int(),
  lastError: z.string().nullable(),
});

export const CheckpointViewSchema = z.object({
  time: z.string(),
  tag: TagSchema,
  message: z.string(),
  location: z.string().nullable(),
});

export const StatusChangeSchema = z.object({ from: TagSchema.nullable(), to: TagSchema, message: z.string().nullable(), at: z.string() });

export const PrintJobViewSchema = z.object({
  id: z.number().int(),
  /** What the job printed: the label, its packing slip, its invoice pages (`document`)… */
  document: DocumentTypeSchema,
  reason: z.enum(['auto', 'reprint']),
  outcome: z.enum(['pending', 'printed', 'failed', 'interrupted']),
  printer: z.string().nullable(),
  error: z.string().nullable(),
  requestedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type PrintJobView = z.infer<typeof PrintJobViewSchema>;

export const DocumentMetaSchema = z.object({
  format: z.enum(['pdf', 'png']),
  size: z.number().int(),
  sha256: z.string(),
  fetchedAt: z.string(),
});

export const ShipmentDetailSchema = z.object({
  id: z.string(),
  provider: ProviderSchema,
  trackingNumber: z.string().nullable(),
  orderNumber: z.string().nullable(),
  recipientName: z.string().nullable(),
  destination: z.string().nullable(),
  createdAt: z.string(),
  activityAt: z.string(),
  /** The current attempt; null for shipments tracked from another provider. */
  label: LabelAttemptSchema.nullable(),
  /** Every attempt, oldest first (more than one after a retry). */
  attempts: z.array(LabelAttemptSchema),
  request: RequestSummarySchema.nullable(),
  tracking: TrackingDetailSchema.nullable(),
  /** Newest first. */
  checkpoints: z.array(CheckpointViewSchema),
  /** Oldest first. */
  history: z.array(StatusChangeSchema),
  /** Newest first. */
  printJobs: z.array(PrintJobViewSchema),
  document: DocumentMetaSchema.nullable(),
  /** Set when the label was voided here (optional: older stations send none). */
  voided: VoidRecordSchema.nullable().optional(),
  /** Shipments tracked from Flash Americas: carrier, ETA, proof of delivery, and per event its type, facility and coordinates. */
  providerDetails: ProviderDetailsSchema.nullable().optional(),
});
export type ShipmentDetail = z.infer<typeof ShipmentDetailSchema>;

/**
 * The chips' counts. `byTag` and `total` count active shipments and those needing action (voided ones are apart);
 * a shipment needing action is counted in `needsAction`, not under its tag.
 */
export const ShipmentCountsSchema = z.object({
  total: z.number().int(),
  byTag: z.record(TagSchema, z.number().int()),
  needsAction: z.number().int().optional(),
  voided: z.number().int().optional(),
});
export type ShipmentCounts = z.infer<typeof ShipmentCountsSchema>;

/** The answer to labels:create / labels:retry: the shipment exists (even when the API refused it) unless the args were invalid. */
export const LabelCreateResultSchema = z.object({
  shipmentId: z.string(),
  state: LabelStateSchema,
  trackingNumber: z.string().nullable(),
  /** Why the label is not (yet) done: VALIDATION carries `fields` for the form; COURIER_REJECTED can be retried. */
  error: StationErrorSchema.nullable(),
});
export type LabelCreateResult = z.infer<typeof LabelCreateResultSchema>;

export const LabelDocumentSchema = z.object({ format: z.enum(['pdf', 'png']), base64: z.string(), sha256: z.string() });

export const LABEL_PROGRESS_STEPS = ['creating', 'fetching_document', 'printing', 'done', 'failed'] as const;
export const LabelProgressSchema = z.object({
  shipmentId: z.string(),
  step: z.enum(LABEL_PROGRESS_STEPS),
  state: LabelStateSchema,
  message: z.string().nullable(),
});
export type LabelProgress = z.infer<typeof LabelProgressSchema>;

export const POLLER_STATES = ['running', 'paused', 'backing_off', 'stopped'] as const;
export const TrackingStatusSchema = z.object({
  state: z.enum(POLLER_STATES),
  /** When the next background poll is due (null: none scheduled). */
  nextPollAt: z.string().nullable(),
  activeShipments: z.number().int(),
  /** `down` while the breaker holds polling back; `resumeAt` says until when. */
  apiHealth: z.enum(['ok', 'degraded', 'down']),
  resumeAt: z.string().nullable(),
});
export type TrackingStatus = z.infer<typeof TrackingStatusSchema>;

export const TrackingRefreshResultSchema = z.object({
  /** False when the last poll was under 15 minutes ago and the caller did not force. */
  polled: z.boolean(),
  tag: TagSchema,
  nextPollAt: z.string().nullable(),
  message: z.string().nullable(),
});
export type TrackingRefreshResult = z.infer<typeof TrackingRefreshResultSchema>;
