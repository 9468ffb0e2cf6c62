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

export const TrackingNumberSchema = z
  .string()
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
