/**
 * Zod schemas for the Flash Americas tracking API (reference §1.3, §5, §6.3).
 *
 * Responses are parsed leniently where the docs are loose (most fields are
 * optional; unknown statuses are kept as strings and read as `Unknown` by the
 * mapping) and strictly where a wrong shape would make us lose news (event
 * ids, timestamps, the pagination block).
 */
import { z } from 'zod';

export const FA_STATUSES = [
  'LABEL_CREATED',
  'PICKUP_SCHEDULED',
  'PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'EXCEPTION',
  'RETURNED',
] as const;
export type FaStatus = (typeof FA_STATUSES)[number];

export const FA_EVENT_TYPES = ['PICKUP', 'TRANSIT', 'DELIVERY_ATTEMPT', 'DELIVERY', 'EXCEPTION', 'CUSTOMS', 'RETURN'] as const;
export type FaEventType = (typeof FA_EVENT_TYPES)[number];

/**
 * Gap 12: the docs' exception table shows a stray back-tick after reasons
 * 002–008; the samples send the bare words, so that is what we expect. A
 * reason that still arrives with a back-tick is cleaned by `cleanReason`.
 */
export const FA_EXCEPTION_CODES = {
  '001': 'RECIPIENT_NOT_AVAILABLE',
  '002': 'INCORRECT_ADDRESS',
  '003': 'BUSINESS_CLOSED',
  '004': 'WEATHER_DELAY',
  '005': 'MECHANICAL_DELAY',
  '006': 'CUSTOMS_HOLD',
  '007': 'REFUSED_BY_RECIPIENT',
  '008': 'DAMAGED_PACKAGE',
} as const;
export type FaExceptionCode = keyof typeof FA_EXCEPTION_CODES;

/** Gap 13: the code is a zero-padded string; a number (1) is accepted and padded ("001"). */
const ExceptionCodeSchema = z
  .union([z.string(), z.number().int()])
  .transform((v) => (typeof v === 'number' ? String(v).padStart(3, '0') : v));

const Iso = z.string().min(1);
const opt = <T extends z.ZodType>(s: T) => s.nullish().transform((v) => v ?? undefined);

export const FaCoordinatesSchema = z.object({ latitude: z.number(), longitude: z.number() });

export const FaLocationSchema = z.object({
  address: opt(z.string()),
  city: opt(z.string()),
  state: opt(z.string()),
  postalCode: opt(z.string()),
  country: opt(z.string()),
  coordinates: opt(FaCoordinatesSchema),
});
export type FaLocation = z.infer<typeof FaLocationSchema>;

/** One event as it appears in `/track/shipment`'s `events[]` or in `/tracking/events`' `data[]`. */
export const FaEventSchema = z.object({
  eventId: z.string().min(1),
  shipmentId: opt(z.string()),
  trackingNumber: opt(z.string()),
  timestamp: Iso,
  status: z.string().min(1),
  eventType: opt(z.string()),
  description: opt(z.string()),
  location: opt(FaLocationSchema),
  facilityType: opt(z.string()),
  recipient: opt(z.string()),
  signature: opt(z.string()),
  exceptionCode: opt(ExceptionCodeSchema),
  exceptionReason: opt(z.string()),
});
export type FaEvent = z.infer<typeof FaEventSchema>;

const PlaceSchema = z.object({ city: opt(z.string()), state: opt(z.string()), country: opt(z.string()) });

export const FaTrackingSchema = z.object({
  shipmentId: z.string().min(1),
  trackingNumber: z.string().min(1),
  proNumber: opt(z.string()),
  provider: opt(z.string()),
  service: opt(z.string()),
  status: z.string().min(1),
  statusDescription: opt(z.string()),
  estimatedDelivery: opt(Iso),
  actualDelivery: opt(Iso),
  weight: opt(z.number()),
  origin: opt(PlaceSchema),
  destination: opt(PlaceSchema),
  /** Newest first (the docs' sample code reads `events[0]` as the latest); we sort anyway. */
  events: opt(z.array(FaEventSchema)).transform((v) => v ?? []),
  lastUpdated: opt(Iso),
  reference: opt(z.string()),
  shipmentInfo: opt(
    z.object({
      totalCost: opt(z.number()),
      currency: opt(z.string()),
      createdAt: opt(Iso),
      estimatedDelivery: opt(Iso),
    }),
  ),
});
export type FaTracking = z.infer<typeof FaTrackingSchema>;

export const FaPaginationSchema = z.object({
  page: z.number().int().min(1),
  limit: z.number().int().min(1),
  total: z.number().int().min(0),
  hasNext: z.boolean(),
  hasPrev: z.boolean(),
});
export type FaPagination = z.infer<typeof FaPaginationSchema>;

export const FaMetaSchema = z
  .object({
    requestId: opt(z.string()),
    timestamp: opt(z.string()),
    version: opt(z.string()),
    pagination: opt(FaPaginationSchema),
  })
  .nullish()
  .transform((v) => v ?? { requestId: undefined, timestamp: undefined, version: undefined, pagination: undefined });

export const FaErrorBodySchema = z.object({
  code: z.string().min(1),
  message: z.string().default(''),
  details: z.record(z.string(), z.unknown()).nullish(),
});
export type FaErrorBody = z.infer<typeof FaErrorBodySchema>;

/** Gap 9: error and webhook bodies may come without `meta`; the envelope tolerates that. */
export const FaEnvelopeSchema = z.object({
  success: z.boolean(),
  data: z.unknown(),
  error: FaErrorBodySchema.nullish(),
  meta: FaMetaSchema,
});

export const FaWebhookPayloadSchema = z.object({
  eventId: z.string().min(1).max(200),
  eventType: z.string().min(1),
  timestamp: Iso,
  data: z.object({
    shipmentId: opt(z.string()),
    trackingNumber: z.string().min(1),
    status: z.string().min(1),
    description: opt(z.string()),
    location: opt(FaLocationSchema),
    recipient: opt(z.string()),
    deliveredAt: opt(Iso),
    signature: opt(z.string()),
    exceptionCode: opt(ExceptionCodeSchema),
    exceptionReason: opt(z.string()),
  }),
  /** Gap 6: also inside the signed body, which is circular; only the header is trusted. */
  signature: opt(z.string()),
});
export type FaWebhookPayload = z.infer<typeof FaWebhookPayloadSchema>;
