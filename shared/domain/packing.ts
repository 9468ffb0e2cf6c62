/**
 * What the station knows that orders do not carry (issue 12), as the pack
 * screen, the ship service and the contract see it: the boxes on the shelf,
 * the ship-from addresses, and the station's defaults and rules for courier,
 * product and label format. Stored in the station's database (so warehouse
 * mode can share them per site through PostgreSQL), validated again when
 * read back.
 */
import { z } from 'zod';
import { isCountryCode } from './countries';
import { LABEL_FORMATS, PartySchema } from './label-request';
import { IMPORT_POLICIES } from './order-import';
import { BoxSchema } from './sku-catalogue';

/** A box on the shelf, as stored (an id, so a renamed box keeps its orders). */
export const SavedBoxSchema = BoxSchema.extend({ id: z.string().min(1) });
export type SavedBox = z.infer<typeof SavedBoxSchema>;
/** Creates (no id) or replaces (id) a box. */
export const BoxDraftSchema = BoxSchema.extend({ id: z.string().min(1).optional() }).strict();
export type BoxDraft = z.input<typeof BoxDraftSchema>;

export const MAX_SHIP_FROM_ADDRESSES = 50;

/** A return address labels can be made from; exactly one is the default while any exist. */
export const ShipFromAddressSchema = z.object({
  id: z.string().min(1),
  /** What the packer calls it ("Main warehouse", "Returns desk"). */
  name: z.string().trim().min(1, 'Name the address, e.g. "Main warehouse".').max(60, 'Keep the name to 60 characters or fewer.'),
  party: PartySchema,
  isDefault: z.boolean(),
});
export type ShipFromAddress = z.infer<typeof ShipFromAddressSchema>;
export const ShipFromDraftSchema = z
  .object({
    id: z.string().min(1).optional(),
    name: ShipFromAddressSchema.shape.name,
    party: PartySchema,
    makeDefault: z.boolean().default(false),
  })
  .strict();
export type ShipFromDraft = z.input<typeof ShipFromDraftSchema>;

const CourierCode = z.string().trim().max(50);

/**
 * Picks courier and product for a destination country or a weight band: the
 * first rule that matches wins, else the station's defaults. A rule with no
 * countries matches any; weights are [min, max) in kg, either open.
 */
export const PackRuleSchema = z
  .object({
    countries: z
      .array(z.string().trim().toUpperCase().refine(isCountryCode, 'Use two-letter ISO country codes, e.g. US, DE, CN.'))
      .max(250)
      .default([]),
    minWeightKg: z.number().min(0, 'Enter a weight of 0 kg or more.').nullable().default(null),
    maxWeightKg: z.number().positive('Enter a weight above 0 kg.').nullable().default(null),
    courier: CourierCode.min(1, 'Choose the courier this rule picks.'),
    productCode: CourierCode.min(1, 'Choose the product this rule picks.'),
  })
  .strict()
  .refine((r) => r.minWeightKg === null || r.maxWeightKg === null || r.minWeightKg < r.maxWeightKg, {
    message: 'The lower weight must be below the upper weight.',
    path: ['maxWeightKg'],
  });
export type PackRule = z.infer<typeof PackRuleSchema>;

export const MAX_PACK_RULES = 50;

/** Each default's own rule (without its default value), shared by the stored shape and the patch. */
const DefaultsFields = {
  /** '' until chosen: an order cannot ship before a courier and product are known (from here or a rule). */
  courier: CourierCode,
  productCode: CourierCode,
  labelFormat: z.enum(LABEL_FORMATS),
  /** The box used when the packer scans or picks none; null: the packer must pick one. */
  boxId: z.string().min(1).nullable(),
  /** This station's ship-from address; null (or one since deleted): the oldest address is the default. */
  shipFromId: z.string().min(1).nullable(),
  /** A scan of a ready order creates and prints its label at once (no second scan or key). */
  shipOnScan: z.boolean(),
  rules: z.array(PackRuleSchema).max(MAX_PACK_RULES, `Keep at most ${MAX_PACK_RULES} rules.`),
  /** The folder this station imports order files from; null: no watched folder. */
  watchedFolder: z.string().trim().min(1, 'Enter the folder, or turn the watched folder off.').max(1000).nullable(),
  /** The saved mapping preset watched CSV files are read with; null: Shopify's export is recognised, else the file fails. */
  watchedFolderPreset: z.string().trim().min(1).max(60).nullable(),
  /** What happens to the good rows of a file that also has bad ones. */
  importPolicy: z.enum(IMPORT_POLICIES),
};

/**
 * Per-station choices for labels made from orders. Kept in the database,
 * one row per station, so a second bench can differ.
 */
export const StationDefaultsSchema = z
  .object({
    courier: DefaultsFields.courier.default(''),
    productCode: DefaultsFields.productCode.default(''),
    labelFormat: DefaultsFields.labelFormat.default('PDF'),
    boxId: DefaultsFields.boxId.default(null),
    shipFromId: DefaultsFields.shipFromId.default(null),
    shipOnScan: DefaultsFields.shipOnScan.default(false),
    rules: DefaultsFields.rules.default([]),
    watchedFolder: DefaultsFields.watchedFolder.default(null),
    watchedFolderPreset: DefaultsFields.watchedFolderPreset.default(null),
    importPolicy: DefaultsFields.importPolicy.default('import-good-rows'),
  })
  .strict();
export type StationDefaults = z.infer<typeof StationDefaultsSchema>;
export const DEFAULT_STATION_DEFAULTS: StationDefaults = StationDefaultsSchema.parse({});

/** Any subset of the defaults; each field validated as above, absent fields left as they are. */
export const StationDefaultsPatchSchema = z.object(DefaultsFields).partial().strict();
export type StationDefaultsPatch = z.input<typeof StationDefaultsPatchSchema>;

/** Courier and product for a parcel to `countryCode` weighing `weightKg` (null while unknown). */
export function pickService(
  defaults: Pick<StationDefaults, 'courier' | 'productCode' | 'rules'>,
  countryCode: string,
  weightKg: number | null,
): { courier: string; productCode: string; rule: number | null } {
  const country = countryCode.trim().toUpperCase();
  const index = defaults.rules.findIndex((r) => {
    if (r.countries.length > 0 && !r.countries.includes(country)) return false;
    if (r.minWeightKg !== null && (weightKg === null || weightKg < r.minWeightKg)) return false;
    if (r.maxWeightKg !== null && (weightKg === null || weightKg >= r.maxWeightKg)) return false;
    return true;
  });
  const rule = index >= 0 ? defaults.rules[index]! : null;
  return rule
    ? { courier: rule.courier, productCode: rule.productCode, rule: index }
    : { courier: defaults.courier, productCode: defaults.productCode, rule: null };
}
