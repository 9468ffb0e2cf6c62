import { z } from 'zod';
import { ProviderSchema } from './shipment';

/**
 * Tracking numbers across the carriers Flash Americas brokers (FedEx 12–22
 * digits, UPS 1Z…, LTL PRO numbers) and Flex Forward label ids / order
 * numbers: letters, digits and dashes. Spaces a scanner or a paste adds are
 * removed before checking, so "1234 5678 9012" tracks as 123456789012.
 */
export const TRACKING_NUMBER_MIN = 4;
export const TRACKING_NUMBER_MAX = 64;
/**
 * What is taken before spaces are removed: the longest number with a space
 * every four characters (as printed on labels) fits; a pasted page of text
 * that happens to hold a short number does not become a shipment.
 */
export const TRACKING_NUMBER_INPUT_MAX = TRACKING_NUMBER_MAX + 16;

export const TrackingNumberSchema = z
  .string()
  .max(
    TRACKING_NUMBER_INPUT_MAX,
    `That is too long for a tracking number (at most ${TRACKING_NUMBER_MAX} characters): scan or paste only the number.`,
  )
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(
    z
      .string()
      .min(TRACKING_NUMBER_MIN, `A tracking number has at least ${TRACKING_NUMBER_MIN} characters.`)
      .max(TRACKING_NUMBER_MAX, `A tracking number has at most ${TRACKING_NUMBER_MAX} characters.`)
      .regex(/^[A-Za-z0-9-]+$/, 'Use only letters, digits and dashes (check for a stray character from the scanner).'),
  );

export const TrackShipmentArgsSchema = z
  .object({
    provider: ProviderSchema,
    trackingNumber: TrackingNumberSchema,
  })
  .strict();
export type TrackShipmentArgs = z.input<typeof TrackShipmentArgsSchema>;

/** One event as the provider told it, with what the common checkpoint has no room for. */
export const ProviderEventSchema = z.object({
  eventId: z.string(),
  time: z.string(),
  /** The provider's own status word, e.g. OUT_FOR_DELIVERY. */
  status: z.string(),
  /** PICKUP, TRANSIT, DELIVERY_ATTEMPT, DELIVERY, EXCEPTION, CUSTOMS, RETURN. */
  eventType: z.string().nullable(),
  /** e.g. DELIVERY_VEHICLE, DELIVERY_FACILITY, PICKUP_LOCATION. */
  facilityType: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  exceptionCode: z.string().nullable(),
  exceptionReason: z.string().nullable(),
  recipient: z.string().nullable(),
  proofOfDeliveryUrl: z.string().nullable(),
});
export type ProviderEvent = z.infer<typeof ProviderEventSchema>;

/** What Flash Americas tells beyond the common tracking model, for the detail view and its timeline. */
export const ProviderDetailsSchema = z.object({
  carrier: z.string().nullable(),
  service: z.string().nullable(),
  estimatedDelivery: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  recipient: z.string().nullable(),
  proofOfDeliveryUrl: z.string().nullable(),
  /** Newest first, like the checkpoints. */
  events: z.array(ProviderEventSchema),
});
export type ProviderDetails = z.infer<typeof ProviderDetailsSchema>;
