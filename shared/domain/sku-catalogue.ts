/**
 * What the label needs that orders do not carry: per SKU the customs
 * description, weight and declared value (the SKU catalogue), and the box a
 * parcel goes in. `fillParcel` turns an order's lines into the label
 * request's parcel (items, weight, dimensions), in the API's units (KG, CM),
 * and lists what is missing instead of guessing it.
 *
 * HS code and origin country are kept for the packing slip and commercial
 * documents but never put into the request: the API's item has no field for
 * them and its body is strict (additionalProperties: false), see
 * /work/shared/reference/flexforward-api.md §4.3 and label-request.ts.
 */
import { z } from 'zod';
import { isCountryCode } from './countries';
import type { ParcelSchema } from './label-request';
import { MoneySchema, shippableLines, type Money, type Order } from './orders';

/** 6 digits (the international HS), up to 10 with national subdivisions; dots and spaces as people write them. */
export const HS_CODE_PATTERN = /^\d{4}(\.?\d{2}){1,3}$/;

export const SkuEntrySchema = z.object({
  sku: z.string().trim().min(1, 'Enter the SKU.').max(100, 'Keep the SKU to 100 characters or fewer.'),
  /** For customs: what the goods are, in English. '' when not known yet. */
  descriptionEn: z.string().trim().max(200),
  descriptionLocal: z.string().trim().max(200),
  /** Per unit, packed as sold (without the shipping box). */
  unitWeightKg: z.number().positive('Enter a unit weight above 0 kg, or leave it empty.').nullable(),
  /** Declared value per unit when it must differ from the shop's price (samples, bundles). */
  unitValue: MoneySchema.nullable(),
  /** Kept for slips and commercial documents; never sent to the API. */
  hsCode: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || HS_CODE_PATTERN.test(v.replace(/\s/g, '')),
      'Enter an HS code of 6 to 10 digits (e.g. 6912.00), or leave it empty.',
    ),
  originCountry: z
    .string()
    .trim()
    .refine((v) => v === '' || isCountryCode(v), 'Use a two-letter ISO country code (e.g. CN, DE), or leave it empty.'),
});
export type SkuEntry = z.infer<typeof SkuEntrySchema>;

export const BoxSchema = z.object({
  name: z.string().trim().min(1, 'Name the box, e.g. "Small".').max(60, 'Keep the name to 60 characters or fewer.'),
  /** Inside measures in cm: the only ones the station is given, sent as the parcel's dimensions. */
  innerCm: z.object({
    length: z.number().positive('Enter the inside length in cm (above 0).'),
    width: z.number().positive('Enter the inside width in cm (above 0).'),
    height: z.number().positive('Enter the inside height in cm (above 0).'),
  }),
  tareKg: z.number().min(0, 'Enter the empty box weight in kg (0 or more).'),
  /** Printed on the box shelf so the packer can scan the box used; '' when none. */
  barcode: z.string().trim().max(60, 'Keep the barcode to 60 characters or fewer.'),
});
export type Box = z.infer<typeof BoxSchema>;

export const LENGTH_UNITS = ['cm', 'mm', 'm', 'in'] as const;
export type LengthUnit = (typeof LENGTH_UNITS)[number];
export const CM_PER_INCH = 2.54;

export function lengthToCm(value: number, unit: LengthUnit): number {
  switch (unit) {
    case 'cm':
      return value;
    case 'mm':
      return value / 10;
    case 'm':
      return value * 100;
    case 'in':
      return value * CM_PER_INCH;
  }
}

/** The API's weights are kg; to the gram is finer than any parcel scale. */
export const roundKg = (kg: number): number => Math.round(kg * 1000) / 1000;

export type ParcelGap =
  | { field: 'sku'; line: number; sku: string; name: string }
  | { field: 'descriptionEn' | 'unitWeight' | 'unitPrice'; line: number; sku: string; name: string }
  | { field: 'box' };

export interface CustomsLine {
  sku: string;
  descriptionEn: string;
  quantity: number;
  hsCode: string;
  originCountry: string;
}

/** A label item as far as it is known: null where a gap is (listed in `gaps`). */
export interface ParcelItemDraft {
  descriptionEn: string;
  descriptionLocal?: string;
  quantity: number;
  unitPrice: { amount: number; currency: string } | null;
  unitWeight: number | null;
}

export interface ParcelFill {
  /** One per line to ship, in the label's item shape. */
  items: ParcelItemDraft[];
  /** kg: the scale reading if given, else catalogue weight × quantity + box tare; null while a weight is missing. */
  weightKg: number | null;
  /** Whether `weightKg` is the scale's reading or computed. */
  weightFrom: 'scale' | 'catalogue' | null;
  dimensionCm: { length: number; width: number; height: number } | null;
  /** What the packer must supply before a label, per line and field. Empty: ready. */
  gaps: ParcelGap[];
  /** For the packing slip and commercial invoice only. */
  customs: CustomsLine[];
}

export interface FillOptions {
  catalogue: (sku: string) => SkuEntry | undefined;
  box: Box | null;
  /** A connected scale's reading in kg (the devices issue plugs in here); it wins over the computed weight. */
  scaleWeightKg?: number | null;
}

/** The label's parcel for this order: items from its lines and the catalogue, weight and box. */
export function fillParcel(order: Pick<Order, 'lines'>, options: FillOptions): ParcelFill {
  const gaps: ParcelGap[] = [];
  const items: ParcelFill['items'] = [];
  const customs: CustomsLine[] = [];
  let goodsKg = 0;
  let weightKnown = true;
  const toShip = new Set(shippableLines(order));
  order.lines.forEach((line, index) => {
    if (!toShip.has(line)) return;
    const at = { line: index, sku: line.sku, name: line.name };
    const entry = line.sku !== '' ? options.catalogue(line.sku) : undefined;
    if (!entry) gaps.push({ field: 'sku', ...at });
    const descriptionEn = entry?.descriptionEn ?? '';
    if (entry && descriptionEn === '') gaps.push({ field: 'descriptionEn', ...at });
    const unitWeight = line.unitWeightKg ?? entry?.unitWeightKg ?? null;
    if (unitWeight === null) {
      weightKnown = false;
      if (entry) gaps.push({ field: 'unitWeight', ...at });
    } else {
      goodsKg += unitWeight * line.quantity;
    }
    const price: Money | null = entry?.unitValue ?? line.unitPrice;
    if (price === null && entry) gaps.push({ field: 'unitPrice', ...at });
    items.push({
      descriptionEn,
      ...(entry?.descriptionLocal ? { descriptionLocal: entry.descriptionLocal } : {}),
      quantity: line.quantity,
      unitPrice: price ? { amount: price.amount, currency: price.currency } : null,
      unitWeight,
    });
    customs.push({
      sku: line.sku,
      descriptionEn,
      quantity: line.quantity,
      hsCode: entry?.hsCode ?? '',
      originCountry: entry?.originCountry ?? '',
    });
  });
  if (!options.box) gaps.push({ field: 'box' });
  const scale = options.scaleWeightKg ?? null;
  const computed = weightKnown && options.box ? roundKg(goodsKg + options.box.tareKg) : null;
  const weightKg = scale !== null && scale > 0 ? roundKg(scale) : computed;
  return {
    items,
    weightKg,
    weightFrom: scale !== null && scale > 0 ? 'scale' : computed !== null ? 'catalogue' : null,
    dimensionCm: options.box ? { ...options.box.innerCm } : null,
    gaps,
    customs,
  };
}

/** The label request's parcel (`ParcelSchema` input, KG/CM), or null while anything is missing. */
export function labelParcel(fill: ParcelFill): z.input<typeof ParcelSchema> | null {
  if (fill.gaps.length > 0 || fill.weightKg === null) return null;
  return {
    weight: fill.weightKg,
    ...(fill.dimensionCm ? { dimension: fill.dimensionCm } : {}),
    items: fill.items.map((i) => ({
      descriptionEn: i.descriptionEn,
      ...(i.descriptionLocal ? { descriptionLocal: i.descriptionLocal } : {}),
      quantity: i.quantity,
      unitPrice: i.unitPrice!,
      unitWeight: i.unitWeight!,
    })),
  };
}
