import { z } from 'zod';
import { TagSchema } from './tags';

/**
 * What a tracking notification is about, as data: each shell (desktop
 * Notification, browser-mode toast) writes the sentence in the packer's
 * language from these facts. `detail` is courier text and stays as sent.
 */
export const NotificationFactsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('change'),
    trackingNumber: z.string().nullable(),
    orderNumber: z.string().nullable(),
    recipientName: z.string().nullable(),
    detail: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('digest'),
    counts: z.partialRecord(TagSchema, z.number().int().positive()),
  }),
]);
export type NotificationFacts = z.infer<typeof NotificationFactsSchema>;
