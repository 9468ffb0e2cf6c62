/**
 * The create-label request as the packer's form fills it (reference §4), the
 * one schema both the renderer form and the main process validate with. The
 * workflow adds `idempotencyKey` before the call (see `CreateLabelBody`).
 *
 * Field paths are dotted with numeric array indexes
 * (`shipment.parcels.0.weight`): what a zod issue path joined with dots gives,
 * and what `normaliseFieldPath` turns the API's bracket style
 * (`shipment.parcels[0].weight`, reference §8.2) into, so a 400 from the API
 * and a local check mark the very same form field.
 *
 * Required flags inside contact/address/parcels/items are inferred from the
 * published examples (gap 7); where the docs are silent we pick the stricter
 * side when it costs the packer one field, because a courier rejection costs
 * a label and a customs delay costs more.
 */
import { z } from 'zod';
import { isCountryCode } from './countries';

/** Countries whose couriers route on a state/province; the address must name one (reference §3.4). */
export const STATE_REQUIRED_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA', 'AU', 'MX', 'BR', 'IN']);

/**
 * Gap 3 (state format): Core Concepts asks for codes (`CA`, `NY`), older examples
 * send names (`New jersey`, `Osaka`). For the US and Canada, where couriers sort on
 * the two-letter code, we require the code; elsewhere the field is free text.
 */
export const US_STATE_CODES: ReadonlySet<string> = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY ' +
    'AS GU MP PR VI UM AA AE AP'
  ).split(' '),
);
export const CA_PROVINCE_CODES: ReadonlySet<string> = new Set('AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' '));

/** Postal code shapes we can check without a courier; other countries get a length/charset check only. */
const POSTAL_PATTERNS: Readonly<Record<string, { pattern: RegExp; example: string }>> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: '90001 or 90001-1234' },
  CA: { pattern: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i, example: 'K1A 0B1' },
  JP: { pattern: /^\d{3}-?\d{4}$/, example: '100-0001' },
  CN: { pattern: /^\d{6}$/, example: '518000' },
  AU: { pattern: /^\d{4}$/, example: '2000' },
  DE: { pattern: /^\d{5}$/, example: '10115' },
};

export const LABEL_FORMATS = ['PDF', 'PNG'] as const;
export const LabelFormatSchema = z.enum(LABEL_FORMATS, { error: 'Choose PDF or PNG as the label format.' });
export type LabelFormat = z.infer<typeof LabelFormatSchema>;

/** Longest text the form accepts in a free-text field; courier systems truncate silently beyond this. */
const MAX_TEXT_CHARS = 100;
const MAX_STREET_LINE_CHARS = 100;
const MAX_STREET_LINES = 3;
/** The API's own limit on order/reference numbers is unpublished; 50 fits every courier we know. */
const MAX_ORDER_NUMBER_CHARS = 50;

const text = (what: string, max = MAX_TEXT_CHARS) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, `Enter ${what}.`)
    .max(max, `Shorten ${what} to ${max} characters or fewer.`);

const optionalText = (what: string, max = MAX_TEXT_CHARS) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .max(max, `Shorten ${what} to ${max} characters or fewer.`)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

const positive = (what: string, unit: string) =>
  z
    .number({ error: `Enter ${what} as a number (${unit}).` })
    .refine(Number.isFinite, `Enter ${what} as a number (${unit}).`)
    .refine((v) => v > 0, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be greater than 0 ${unit}.`);

/**
 * Gap 2: examples send `phone` as a string and as a bare number. We always
 * send a string (a number loses a leading `+` or `0`). At least 5 digits,
 * made of digits, spaces and `+ - ( ) .`.
 */
const PhoneSchema = z
  .string({ error: 'Enter a phone number.' })
  .trim()
  .min(1, 'Enter a phone number.')
  .max(30, 'Shorten the phone number to 30 characters or fewer.')
  .regex(/^\+?[0-9 ()./-]+$/, 'Use only digits, spaces and + - ( ) . in the phone number.')
  .refine((v) => v.replace(/\D/g, '').length >= 5, 'The phone number needs at least 5 digits.');

const EmailSchema = z
  .union([z.literal(''), z.email({ error: 'Enter an e-mail address like name@example.com, or leave it empty.' })])
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const ContactSchema = z.object({
  firstName: text('a first name', 50),
  lastName: text('a last name', 50),
  phone: PhoneSchema,
  email: EmailSchema,
});

const CountryCodeSchema = z
  .string({ error: 'Choose a country.' })
  .trim()
  .toUpperCase()
  .refine(isCountryCode, 'Choose a country from the list (two-letter ISO code such as US, JP, GB).');

export const AddressSchema = z
  .object({
    streetLines: z
      .array(text('the street address', MAX_STREET_LINE_CHARS), { error: 'Enter the street address.' })
      .min(1, 'Enter the street address.')
      .max(MAX_STREET_LINES, `Use at most ${MAX_STREET_LINES} street lines.`),
    city: text('a city'),
    state: optionalText('The state or province', 50),
    // Gap 2: always a string, never a number, so `08817` keeps its leading zero.
    postalCode: z
      .string({ error: 'Enter a postal code (as text, so leading zeros are kept).' })
      .trim()
      .min(1, 'Enter a postal code.')
      .max(12, 'Shorten the postal code to 12 characters or fewer.')
      .regex(/^[A-Za-z0-9 -]+$/, 'Use only letters, digits, spaces and - in the postal code.'),
    countryCode: CountryCodeSchema,
  })
  .superRefine((address, ctx) => {
    const country = address.countryCode;
    if (STATE_REQUIRED_COUNTRIES.has(country)) {
      if (!address.state) {
        ctx.addIssue({
          code: 'custom',
          path: ['state'],
          message: `Enter the state or province: couriers need it for ${country} addresses.`,
        });
      } else if (country === 'US' && !US_STATE_CODES.has(address.state.toUpperCase())) {
        ctx.addIssue({ code: 'custom', path: ['state'], message: 'Enter the two-letter US state code, e.g. CA, NY, TX.' });
      } else if (country === 'CA' && !CA_PROVINCE_CODES.has(address.state.toUpperCase())) {
        ctx.addIssue({ code: 'custom', path: ['state'], message: 'Enter the two-letter Canadian province code, e.g. ON, QC, BC.' });
      }
    }
    const postal = POSTAL_PATTERNS[country];
    if (postal && !postal.pattern.test(address.postalCode)) {
      ctx.addIssue({
        code: 'custom',
        path: ['postalCode'],
        message: `This is not a ${country} postal code; expected e.g. ${postal.example}.`,
      });
    }
  })
  .transform((address) =>
    // Codes are upper-case on the wire; free-text states are left as typed.
    STATE_REQUIRED_COUNTRIES.has(address.countryCode) && address.state && address.state.length <= 3
      ? { ...address, state: address.state.toUpperCase() }
      : address,
  );

export const PartySchema = z.object({ contact: ContactSchema, address: AddressSchema });

const CurrencySchema = z
  .string({ error: 'Choose a currency.' })
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, 'Use a three-letter ISO 4217 currency code, e.g. USD, EUR, JPY.');

export const ItemSchema = z.object({
  descriptionEn: text('an English description of the goods (customs reads it)', 200),
  descriptionLocal: optionalText('The local-language description', 200),
  quantity: z
    .number({ error: 'Enter the quantity as a whole number.' })
    .int('Enter the quantity as a whole number.')
    .min(1, 'The quantity must be at least 1.'),
  unitPrice: z.object({
    amount: z
      .number({ error: 'Enter the unit price as a number.' })
      .refine(Number.isFinite, 'Enter the unit price as a number.')
      .refine((v) => v >= 0, 'The unit price cannot be negative.'),
    currency: CurrencySchema,
  }),
  unitWeight: positive('the unit weight', 'kg'),
});

export const DimensionSchema = z.object({
  length: positive('the length', 'cm'),
  width: positive('the width', 'cm'),
  height: positive('the height', 'cm'),
});

export const ParcelSchema = z.object({
  weight: positive('the parcel weight', 'kg'),
  dimension: DimensionSchema.optional(),
  items: z.array(ItemSchema, { error: 'Add the items in this parcel.' }).default([]),
});

export const LabelRequestSchema = z
  .object({
    courier: text('a courier', 50),
    // Gap 6: `shipperAccountId` was removed in May 2026 and the body is
    // additionalProperties:false, so `.strict()` here refuses it rather than send it.
    service: z
      .object({
        productCode: text('a product code', 50),
        serviceCode: optionalText('The service code', 50),
      })
      .strict(),
    // Gap 7: `shipFrom` is in every current example; the warehouse address is
    // printed as the return address, so we require it.
    shipment: z.object({
      shipFrom: PartySchema,
      shipTo: PartySchema,
      parcels: z.array(ParcelSchema, { error: 'Add at least one parcel.' }).min(1, 'Add at least one parcel.'),
    }),
    label: z.object({ format: LabelFormatSchema.default('PDF') }).default({ format: 'PDF' }),
    // Only KG and CM appear in the docs (gap 8); the form's numbers are in these units.
    units: z
      .object({
        weight: z.literal('KG', { error: 'Weights are in kilograms (KG).' }).default('KG'),
        dimension: z.literal('CM', { error: 'Dimensions are in centimetres (CM).' }).default('CM'),
      })
      .default({ weight: 'KG', dimension: 'CM' }),
    order: z
      .object({
        // Gap 11: the order number is a lookup key in `GET /labels/a,b,c`, so a
        // comma (or a slash, which ends the path segment) would break the lookup.
        customerOrderNumber: optionalText('The order number', MAX_ORDER_NUMBER_CHARS).refine(
          (v) => v === undefined || !/[,/\\]/.test(v),
          'An order number cannot contain a comma or a slash.',
        ),
        orderNumbers: z
          .object({
            platformOrderNumber: optionalText('The platform order number', MAX_ORDER_NUMBER_CHARS),
            referenceNumbers: z.array(text('a reference number', MAX_ORDER_NUMBER_CHARS)).optional(),
          })
          .optional(),
      })
      .optional(),
  })
  .strict()
  .superRefine((request, ctx) => {
    // The International Shipment guide: description, unit price and unit
    // weight are mandatory for cross-border shipments (customs).
    const { shipFrom, shipTo, parcels } = request.shipment;
    if (shipFrom.address.countryCode === shipTo.address.countryCode) return;
    parcels.forEach((parcel, index) => {
      if (parcel.items.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['shipment', 'parcels', index, 'items'],
          message: 'Add at least one item (description, quantity, unit price, unit weight): customs needs it for a shipment abroad.',
        });
      }
    });
  });

/**
 * The packer's explicit say-so on `labels:create`. `printLater`: buy the
 * label even though the printer reports a fault, keep it unprinted, reprint
 * it later (without it the station refuses with PRINTER_NOT_READY and buys
 * nothing).
 */
export const LabelCreateConfirmSchema = z.object({ printLater: z.literal(true).optional() }).strict();

/** `labels:create`: the request the form validated, plus the confirmations the packer gave. */
export const LabelCreateArgsSchema = LabelRequestSchema.safeExtend({ confirm: LabelCreateConfirmSchema.optional() });
export type LabelCreateArgs = z.input<typeof LabelCreateArgsSchema>;

/** What the form passes in (defaults still optional). */
export type LabelRequestInput = z.input<typeof LabelRequestSchema>;
/** What the workflow and the API client get: trimmed, defaults filled, codes upper-cased. */
export type LabelRequest = z.output<typeof LabelRequestSchema>;
/** The POST /labels body: the form's request plus the workflow's key (1–100 chars, reference §4.1). */
export type CreateLabelBody = LabelRequest & { idempotencyKey: string };

export const IDEMPOTENCY_KEY_MAX_CHARS = 100;

export interface LabelFieldError {
  field: string;
  message: string;
}

/** `shipment.parcels[0].weight` → `shipment.parcels.0.weight` (the one path style of the app). */
export function normaliseFieldPath(field: string): string {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '')
    .replace(/\.{2,}/g, '.');
}

export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): LabelFieldError[] {
  return issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

/** Validates a form's request; the renderer shows `fields` next to the inputs with those paths. */
export function validateLabelRequest(input: unknown): { ok: true; value: LabelRequest } | { ok: false; fields: LabelFieldError[] } {
  const parsed = LabelRequestSchema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, fields: issuesToFieldErrors(parsed.error.issues) };
}

function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  // Every runtime we ship on (Node 22, Chromium) has the ISO 4217 list in ICU.
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : null;
  return supported === null || supported.includes(code);
}
