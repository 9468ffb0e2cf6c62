/**
 * What a courier's rejection is about, read from its message (issue 11). The
 * courier's words come through Flex Forward wrapped in prefixes ("The courier
 * refused the label: YunExpress API returned HTTP 400: …"); the packer reads
 * the reason once, plainly, and the form marks the field it names. A message
 * no rule knows marks no field: guessing would send the packer to the wrong box.
 */

/** Wrappers around the courier's own words, removed wherever they repeat. */
const PREFIXES: readonly RegExp[] = [
  /^the courier refused (?:the|this) label:\s*/i,
  /^[\p{L}\p{N} .&-]{1,40}? api returned http \d{3}:\s*/iu,
  /^(?:http\s*)?\d{3} (?:bad request|error):\s*/i,
  /^http \d{3}:\s*/i,
  /^courier (?:rejected|error):\s*/i,
  /^error:\s*/i,
];

export interface RejectionRule {
  /** What the message says. */
  test: RegExp;
  /** The form field it is about (the request's dotted path). */
  field: string;
}

/** The ship-from side when the courier names the sender; otherwise the recipient's. */
const SENDER = /\b(?:sender|shipper|ship[- ]from|origin|return address)\b/i;

/** Known rejections, most specific first (a "postal code" message also says "address"). */
export const REJECTION_RULES: readonly RejectionRule[] = [
  { test: /\b(?:postal|post|zip)\s*code\b|\bpostcode\b|\bzip\b/i, field: 'address.postalCode' },
  { test: /\b(?:phone|telephone|mobile)\b/i, field: 'contact.phone' },
  { test: /\be-?mail\b/i, field: 'contact.email' },
  { test: /\bcountry\b/i, field: 'address.countryCode' },
  { test: /\b(?:state|province|region)\b/i, field: 'address.state' },
  { test: /\b(?:city|town|suburb)\b/i, field: 'address.city' },
  { test: /\b(?:street|address line|address)\b/i, field: 'address.streetLines.0' },
  { test: /\b(?:name|consignee)\b/i, field: 'contact.firstName' },
  { test: /\b(?:product|service|lane)\b/i, field: 'service.productCode' },
  { test: /\bweight\b/i, field: 'shipment.parcels.0.weight' },
];

export interface RejectionReading {
  /** The courier's reason alone, without "HTTP 400" or repeated prefixes, without a final full stop. */
  reason: string;
  /** The form field it is about, or null when no rule knows the message. */
  field: string | null;
}

export function readRejection(message: string): RejectionReading {
  let reason = message.trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const prefix of PREFIXES) {
      const next = reason.replace(prefix, '');
      if (next !== reason) {
        reason = next.trim();
        changed = true;
      }
    }
  }
  reason = reason.replace(/[.。]\s*$/u, '') || message.trim();
  const rule = REJECTION_RULES.find((r) => r.test.test(reason));
  if (!rule) return { reason, field: null };
  const party = SENDER.test(reason) ? 'shipment.shipFrom' : 'shipment.shipTo';
  const field = rule.field.startsWith('address.') || rule.field.startsWith('contact.') ? `${party}.${rule.field}` : rule.field;
  return { reason, field };
}
