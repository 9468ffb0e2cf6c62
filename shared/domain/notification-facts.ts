import { z } from 'zod';
import { TAGS, TagSchema, type Tag } from './tags';

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

/** The words a shell supplies in its language; courier text in the facts is used as sent. */
export interface NotificationWords {
  tagTitle(tag: Tag): string;
  digestTitle(count: number): string;
  someShipment: string;
  order(orderNumber: string): string;
  to(recipientName: string): string;
}

/**
 * One notification as title and body: "YT123 · order A-1 · to Pat — Held at
 * customs" for a change, "Exception: 1 · Delivered: 12" for a digest.
 */
export function describeNotification(facts: NotificationFacts, tag: Tag | null, words: NotificationWords): { title: string; body: string } {
  if (facts.kind === 'digest') {
    const total = Object.values(facts.counts).reduce((sum, n) => sum + (n ?? 0), 0);
    const body = TAGS.filter((t) => facts.counts[t])
      .map((t) => `${words.tagTitle(t)}: ${facts.counts[t]}`)
      .join(' · ');
    return { title: words.digestTitle(total), body };
  }
  const who = facts.trackingNumber ?? facts.orderNumber ?? words.someShipment;
  const extra = [
    facts.orderNumber && facts.trackingNumber ? words.order(facts.orderNumber) : null,
    facts.recipientName ? words.to(facts.recipientName) : null,
  ].filter((x): x is string => x !== null);
  return {
    title: words.tagTitle(tag ?? 'Unknown'),
    body: [who, ...extra].join(' · ') + (facts.detail ? ` — ${facts.detail}` : ''),
  };
}
