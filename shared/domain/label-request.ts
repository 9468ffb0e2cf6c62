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
import { localeOf, translate, type Messages } from '../i18n';
import { isCountryCode } from './countries';
import { checkOrderNumber, ORDER_NUMBER_MAX_CHARS, ORDER_NUMBER_MIN_CHARS } from './order-number';
import type { Language } from './settings';

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

/** Postal code shapes we can check without a courier; other countries get a length/charset check only. Examples carry no words: they are shown in every language. */
const POSTAL_PATTERNS: Readonly<Record<string, { pattern: RegExp; example: string }>> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: '90001 / 90001-1234' },
  CA: { pattern: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i, example: 'K1A 0B1' },
  JP: { pattern: /^\d{3}-?\d{4}$/, example: '100-0001' },
  CN: { pattern: /^\d{6}$/, example: '518000' },
  AU: { pattern: /^\d{4}$/, example: '2000' },
  DE: { pattern: /^\d{5}$/, example: '10115' },
};

export const LABEL_FORMATS = ['PDF', 'PNG'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

/** Longest text the form accepts in a free-text field; courier systems truncate silently beyond this. */
const MAX_TEXT_CHARS = 100;
const MAX_STREET_LINE_CHARS = 100;
const MAX_STREET_LINES = 3;
/** Platform and reference numbers share the order number's length limit (./order-number.ts). */
const MAX_ORDER_NUMBER_CHARS = ORDER_NUMBER_MAX_CHARS;
const MIN_PHONE_DIGITS = 5;

/**
 * Bounds the API does not publish (docs/flexforward-gaps.md, "Bounds"):
 * wide enough for any parcel a packing bench ships, tight enough that a
 * scanner burst or a slipped key (quantity 99,999,999,999, 5,000 parcels)
 * is an error on the field instead of a label bought and a customs form
 * nobody can clear.
 */
export const MAX_ITEM_QUANTITY = 9_999;
export const MAX_ITEMS_PER_PARCEL = 50;
export const MAX_PARCELS_PER_LABEL = 20;
/** Per unit, in the item's currency. */
export const MAX_UNIT_PRICE = 100_000;
/** Per currency, over every item of every parcel of one label. */
export const MAX_DECLARED_VALUE = 1_000_000;

/** The catalogue's `validation.nouns` a message can name. */
export type ValidationNoun = keyof Messages['validation']['nouns'];
/** The catalogue's `validation` messages (every key but the nouns). */
export type ValidationKey = Exclude<keyof Messages['validation'], 'nouns'>;
/** Writes one message: its key, the noun it is about, its numbers and codes. */
export type Say = (key: ValidationKey, params?: { what?: ValidationNoun } & Record<string, string | number>) => string;

/** Messages in `language` from the shared catalogue, numbers in its digits, the first letter a capital (English). */
export function sayIn(language: Language): Say {
  const numbers = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 2 });
  return (key, params = {}) => {
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(params)) {
      values[name] =
        name === 'what'
          ? translate(language, `validation.nouns.${String(value)}`)
          : typeof value === 'number'
            ? numbers.format(value)
            : value;
    }
    const text = translate(language, `validation.${key}`, values);
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
}

/** The parts of the label request schema; one set per language (see `labelSchemas`). */
function buildLabelSchemas(say: Say) {
  const text = (what: ValidationNoun, max = MAX_TEXT_CHARS) =>
    z
      .string({ error: say('required', { what }) })
      .trim()
      .min(1, say('required', { what }))
      .max(max, say('tooLong', { what, max }));

  const optionalText = (what: ValidationNoun, max = MAX_TEXT_CHARS) =>
    z
      .string({ error: say('notText', { what }) })
      .trim()
      .max(max, say('tooLong', { what, max }))
      .optional()
      .transform((v) => (v === '' ? undefined : v));

  const positive = (what: ValidationNoun, unit: string) =>
    z
      .number({ error: say('number', { what, unit }) })
      .refine(Number.isFinite, say('number', { what, unit }))
      .refine((v) => v > 0, say('positive', { what, unit }));

  const LabelFormatSchema = z.enum(LABEL_FORMATS, { error: say('labelFormat') });

  /**
   * Gap 2: examples send `phone` as a string and as a bare number. We always
   * send a string (a number loses a leading `+` or `0`). At least 5 digits,
   * made of digits, spaces and `+ - ( ) .`.
   */
  const PhoneSchema = z
    .string({ error: say('required', { what: 'phone' }) })
    .trim()
    .min(1, say('required', { what: 'phone' }))
    .max(30, say('tooLong', { what: 'phone', max: 30 }))
    .regex(/^\+?[0-9 ()./-]+$/, say('phoneChars'))
    .refine((v) => v.replace(/\D/g, '').length >= MIN_PHONE_DIGITS, say('phoneDigits', { min: MIN_PHONE_DIGITS }));

  const EmailSchema = z
    .union([z.literal(''), z.email({ error: say('email') })], { error: say('email') })
    .optional()
    .transform((v) => (v === '' ? undefined : v));

  const ContactSchema = z.object({
    firstName: text('firstName', 50),
    lastName: text('lastName', 50),
    phone: PhoneSchema,
    email: EmailSchema,
  });

  const CountryCodeSchema = z
    .string({ error: say('choose', { what: 'country' }) })
    .trim()
    .toUpperCase()
    .refine(isCountryCode, say('country'));

  const AddressSchema = z
    .object({
      streetLines: z
        .array(text('street', MAX_STREET_LINE_CHARS), { error: say('required', { what: 'street' }) })
        .min(1, say('required', { what: 'street' }))
        .max(MAX_STREET_LINES, say('streetLinesMax', { max: MAX_STREET_LINES })),
      city: text('city'),
      state: optionalText('state', 50),
      // Gap 2: always a string, never a number, so `08817` keeps its leading zero.
      postalCode: z
        .string({ error: say('postalCodeText') })
        .trim()
        .min(1, say('required', { what: 'postalCode' }))
        .max(12, say('tooLong', { what: 'postalCode', max: 12 }))
        .regex(/^[A-Za-z0-9 -]+$/, say('postalCodeChars')),
      countryCode: CountryCodeSchema,
    })
    .superRefine((address, ctx) => {
      const country = address.countryCode;
      if (STATE_REQUIRED_COUNTRIES.has(country)) {
        if (!address.state) {
          ctx.addIssue({ code: 'custom', path: ['state'], message: say('stateRequired', { country }) });
        } else if (country === 'US' && !US_STATE_CODES.has(address.state.toUpperCase())) {
          ctx.addIssue({ code: 'custom', path: ['state'], message: say('usState') });
        } else if (country === 'CA' && !CA_PROVINCE_CODES.has(address.state.toUpperCase())) {
          ctx.addIssue({ code: 'custom', path: ['state'], message: say('caProvince') });
        }
      }
      const postal = POSTAL_PATTERNS[country];
      if (postal && !postal.pattern.test(address.postalCode)) {
        ctx.addIssue({ code: 'custom', path: ['postalCode'], message: say('postalCodeShape', { country, example: postal.example }) });
      }
    })
    .transform((address) =>
      // Codes are upper-case on the wire; free-text states are left as typed.
      STATE_REQUIRED_COUNTRIES.has(address.countryCode) && address.state && address.state.length <= 3
        ? { ...address, state: address.state.toUpperCase() }
        : address,
    );

  const PartySchema = z.object({ contact: ContactSchema, address: AddressSchema });

  const CurrencySchema = z
    .string({ error: say('choose', { what: 'currency' }) })
    .trim()
    .toUpperCase()
    .refine(isCurrencyCode, say('currency'));

  const ItemSchema = z.object({
    descriptionEn: text('descriptionEn', 200),
    descriptionLocal: optionalText('descriptionLocal', 200),
    quantity: z
      .number({ error: say('wholeNumber', { what: 'quantity' }) })
      .int(say('wholeNumber', { what: 'quantity' }))
      .min(1, say('atLeast', { what: 'quantity', min: 1 }))
      .max(MAX_ITEM_QUANTITY, say('atMost', { what: 'quantity', max: MAX_ITEM_QUANTITY })),
    unitPrice: z.object({
      amount: z
        .number({ error: say('numberPlain', { what: 'unitPrice' }) })
        .refine(Number.isFinite, say('numberPlain', { what: 'unitPrice' }))
        .refine((v) => v >= 0, say('notNegative', { what: 'unitPrice' }))
        .refine((v) => v <= MAX_UNIT_PRICE, say('atMost', { what: 'unitPrice', max: MAX_UNIT_PRICE })),
      currency: CurrencySchema,
    }),
    unitWeight: positive('unitWeight', 'kg'),
  });

  const DimensionSchema = z.object({
    length: positive('length', 'cm'),
    width: positive('width', 'cm'),
    height: positive('height', 'cm'),
  });

  const ParcelSchema = z.object({
    weight: positive('weight', 'kg'),
    dimension: DimensionSchema.optional(),
    items: z
      .array(ItemSchema, { error: say('itemsList') })
      .max(MAX_ITEMS_PER_PARCEL, say('itemsMax', { max: MAX_ITEMS_PER_PARCEL }))
      .default([]),
  });

  const LabelRequestSchema = z
    .object({
      courier: text('courier', 50),
      // Gap 6: `shipperAccountId` was removed in May 2026 and the body is
      // additionalProperties:false, so `.strict()` here refuses it rather than send it.
      service: z
        .object({
          productCode: text('product', 50),
          serviceCode: optionalText('service', 50),
        })
        .strict(),
      // Gap 7: `shipFrom` is in every current example; the warehouse address is
      // printed as the return address, so we require it.
      shipment: z.object({
        shipFrom: PartySchema,
        shipTo: PartySchema,
        parcels: z
          .array(ParcelSchema, { error: say('parcelsMin') })
          .min(1, say('parcelsMin'))
          .max(MAX_PARCELS_PER_LABEL, say('parcelsMax', { max: MAX_PARCELS_PER_LABEL })),
      }),
      label: z.object({ format: LabelFormatSchema.default('PDF') }).default({ format: 'PDF' }),
      // Only KG and CM appear in the docs (gap 8); the form's numbers are in these units.
      units: z
        .object({
          weight: z.literal('KG', { error: say('weightUnit') }).default('KG'),
          dimension: z.literal('CM', { error: say('dimensionUnit') }).default('CM'),
        })
        .default({ weight: 'KG', dimension: 'CM' }),
      order: z
        .object({
          // Gap 11: the order number is a lookup key in `GET /labels/a,b,c`. The one
          // order-number rule (./order-number.ts) also decides what the scan box offers;
          // a wrong character is said first, then the length.
          customerOrderNumber: optionalText('orderNumber', MAX_ORDER_NUMBER_CHARS)
            .refine((v) => v === undefined || checkOrderNumber(v) !== 'characters', { message: say('orderNumberChars'), abort: true })
            .refine((v) => v === undefined || v.length >= ORDER_NUMBER_MIN_CHARS, say('orderNumberShort', { min: ORDER_NUMBER_MIN_CHARS })),
          orderNumbers: z
            .object({
              platformOrderNumber: optionalText('platformOrderNumber', MAX_ORDER_NUMBER_CHARS),
              referenceNumbers: z.array(text('referenceNumber', MAX_ORDER_NUMBER_CHARS)).optional(),
            })
            .optional(),
        })
        .optional(),
    })
    .strict()
    .superRefine((request, ctx) => {
      const { shipFrom, shipTo, parcels } = request.shipment;
      // The International Shipment guide: description, unit price and unit
      // weight are mandatory for cross-border shipments (customs).
      if (shipFrom.address.countryCode !== shipTo.address.countryCode) {
        parcels.forEach((parcel, index) => {
          if (parcel.items.length === 0) {
            ctx.addIssue({ code: 'custom', path: ['shipment', 'parcels', index, 'items'], message: say('customsItems') });
          }
        });
      }
      // A quantity or price already out of bounds has its own message on its field; the total would only repeat it.
      const itemsInBounds = parcels.every((p) =>
        p.items.every((i) => i.quantity <= MAX_ITEM_QUANTITY && i.unitPrice.amount <= MAX_UNIT_PRICE),
      );
      for (const [currency, value] of itemsInBounds ? declaredValues(request) : []) {
        if (value > MAX_DECLARED_VALUE) {
          ctx.addIssue({
            code: 'custom',
            path: ['shipment', 'parcels'],
            message: say('declaredValueMax', { value, currency, max: MAX_DECLARED_VALUE }),
          });
        }
      }
    });

  return { ContactSchema, AddressSchema, PartySchema, ItemSchema, DimensionSchema, ParcelSchema, LabelRequestSchema, LabelFormatSchema };
}

export type LabelSchemas = ReturnType<typeof buildLabelSchemas>;

const schemasByLanguage = new Map<Language, LabelSchemas>();

/**
 * The label request schema with its messages in `language` (built once per
 * language). The form validates in the packer's language; the contract,
 * core and the sandbox use the English set exported below: the rules are
 * the same, only the words differ.
 */
export function labelSchemas(language: Language): LabelSchemas {
  let schemas = schemasByLanguage.get(language);
  if (!schemas) {
    schemas = buildLabelSchemas(sayIn(language));
    schemasByLanguage.set(language, schemas);
  }
  return schemas;
}

/** For tests that need to see which message key each rule uses. */
export const labelSchemasSaying = (say: Say): LabelSchemas => buildLabelSchemas(say);

export const {
  ContactSchema,
  AddressSchema,
  PartySchema,
  ItemSchema,
  DimensionSchema,
  ParcelSchema,
  LabelRequestSchema,
  LabelFormatSchema,
} = labelSchemas('en');

/**
 * What one label declares to customs, per currency: quantity × unit price
 * over every item of every parcel. Works on the form's raw input as well
 * (anything not a finite number counts as 0), so the form can ask before
 * the label is bought.
 */
export function declaredValues(request: {
  shipment?: { parcels?: readonly { items?: readonly { quantity?: unknown; unitPrice?: { amount?: unknown; currency?: unknown } }[] }[] };
}): Map<string, number> {
  const totals = new Map<string, number>();
  for (const parcel of request.shipment?.parcels ?? []) {
    for (const item of parcel.items ?? []) {
      const quantity = typeof item.quantity === 'number' && Number.isFinite(item.quantity) ? item.quantity : 0;
      const amount = typeof item.unitPrice?.amount === 'number' && Number.isFinite(item.unitPrice.amount) ? item.unitPrice.amount : 0;
      const currency = typeof item.unitPrice?.currency === 'string' ? item.unitPrice.currency.trim().toUpperCase() : '';
      if (quantity * amount === 0) continue;
      // Cents, so 0.1 + 0.2 items add up to what the invoice says.
      totals.set(currency, Math.round(((totals.get(currency) ?? 0) + quantity * amount) * 100) / 100);
    }
  }
  return totals;
}

/**
 * The packer's explicit say-so on `labels:create`. `printLater`: buy the
 * label even though the printer reports a fault, keep it unprinted, reprint
 * it later (without it the station refuses with PRINTER_NOT_READY and buys
 * nothing). `duplicateOrder`: see below.
 */
export const LabelCreateConfirmSchema = z
  .object({
    printLater: z.literal(true).optional(),
    /**
     * Buy another label for an order number that already has one (without it the station refuses with
     * DUPLICATE_ORDER naming that label, and buys nothing).
     */
    duplicateOrder: z.literal(true).optional(),
  })
  .strict();

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

/** Validates a form's request; the renderer shows `fields` (in the packer's language) next to the inputs with those paths. */
export function validateLabelRequest(
  input: unknown,
  language: Language = 'en',
): { ok: true; value: LabelRequest } | { ok: false; fields: LabelFieldError[] } {
  const parsed = labelSchemas(language).LabelRequestSchema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, fields: issuesToFieldErrors(parsed.error.issues) };
}

function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  // Every runtime we ship on (Node 22, Chromium) has the ISO 4217 list in ICU.
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : null;
  return supported === null || supported.includes(code);
}
