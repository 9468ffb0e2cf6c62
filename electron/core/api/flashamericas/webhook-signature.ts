import { createHmac, timingSafeEqual } from 'node:crypto';

/** §6.4: the header Flash Americas signs each delivery with. */
export const FA_SIGNATURE_HEADER = 'x-flash-americas-signature';
const PREFIX = 'sha256=';

/** `sha256=<lower-case hex HMAC-SHA256(secret, raw body)>`. */
export function signWebhookBody(secret: string, rawBody: Buffer | string): string {
  return PREFIX + createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * Verifies the header against the raw bytes, before any JSON parsing (§6.4).
 * The compare is constant-time over equal lengths; a header of another length
 * is refused without comparing (its length is not a secret).
 * Gap 6: the body's own `signature` field is ignored; it cannot sign itself.
 */
export function verifyWebhookSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header || !header.startsWith(PREFIX)) return false;
  const expected = Buffer.from(signWebhookBody(secret, rawBody), 'utf8');
  const given = Buffer.from(header.trim().toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
