/**
 * Packers (issue 13, "who packed what"): the people who work the benches.
 * A packer is added once (name and badge code), renamed, or retired (kept for
 * the history, no longer offered). Which packer is on duty is the station's
 * own: chosen from the list at the start of a shift, or by scanning their
 * badge, and changed the same way.
 *
 * Badge barcodes use the reserved prefix of the command barcodes
 * (./order-number.ts): `%BADGE-<code>`, so a badge can never be read as an
 * order, a tracking number or a command. Reading accepts `-` or `:` after
 * BADGE and any case (a scanner with Caps Lock on).
 */
import { z } from 'zod';
import { COMMAND_BARCODE_PREFIX } from './order-number';

export const MAX_PACKER_NAME_CHARS = 60;
export const MAX_BADGE_CODE_CHARS = 20;
/** Enough for every packer a warehouse has had; retired ones count. */
export const MAX_PACKERS = 500;
export const BADGE_WORD = 'BADGE';

/** Letters, digits and `-`, as Code 128 prints them and a scanner types them under any keyboard layout. */
export const BadgeCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .min(1, 'Give the badge a code, e.g. 0042.')
  .max(MAX_BADGE_CODE_CHARS, `Keep a badge code to ${MAX_BADGE_CODE_CHARS} characters or fewer.`)
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, 'A badge code has letters, digits and "-" only, e.g. 0042 or LI-WEI.');

export const PackerNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the packer’s name.')
  .max(MAX_PACKER_NAME_CHARS, `Keep a packer’s name to ${MAX_PACKER_NAME_CHARS} characters or fewer.`);

export const PackerSchema = z.object({
  id: z.string(),
  name: z.string(),
  badge: z.string(),
  /** Retired packers stay in the history but are not offered at the start of a shift, and their badge is refused. */
  retired: z.boolean(),
});
export type Packer = z.infer<typeof PackerSchema>;

/** A new packer (no id) or a change to one; a new packer without a badge code gets the next free number. */
export const PackerDraftSchema = z
  .object({
    id: z.string().min(1).optional(),
    name: PackerNameSchema,
    badge: BadgeCodeSchema.optional(),
  })
  .strict();
export type PackerDraft = z.input<typeof PackerDraftSchema>;

/** Every packer (active first, by name) and the one on duty at this station. */
export const PackersViewSchema = z.object({
  packers: z.array(PackerSchema),
  onDuty: PackerSchema.nullable(),
});
export type PackersView = z.infer<typeof PackersViewSchema>;

/** The exact text a badge's barcode carries. */
export function badgePayload(code: string): string {
  return `${COMMAND_BARCODE_PREFIX}${BADGE_WORD}-${code}`;
}

/** The badge code a scan carries (upper case), or null when it is not a badge. */
export function parseBadgeBarcode(scan: string): string | null {
  const text = scan.trim().toUpperCase();
  const head = `${COMMAND_BARCODE_PREFIX}${BADGE_WORD}`;
  if (!text.startsWith(head)) return null;
  const rest = text.slice(head.length);
  if (!rest.startsWith('-') && !rest.startsWith(':')) return null;
  const code = rest.slice(1).trim();
  return BadgeCodeSchema.safeParse(code).success ? code : null;
}
