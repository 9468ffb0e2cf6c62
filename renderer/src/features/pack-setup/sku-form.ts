/**
 * The SKU form's text fields to a catalogue entry and back, with a message
 * per field that says what to fix (checked before anything is sent; the
 * station checks again).
 */
import type { TFunction } from 'i18next';
import { isCountryCode } from '../../../../shared/domain/countries';
import { WEIGHT_UNITS, type WeightUnit } from '../../../../shared/domain/order-csv-presets';
import { HS_CODE_PATTERN, type SkuEntry } from '../../../../shared/domain/sku-catalogue';
import { parseNumberText, type FieldErrors } from './setup-fields';

export const GRAMS_PER_KG = 1000;
export const KG_PER_LB = 0.45359237;
export const OZ_PER_LB = 16;
/** Stored to the milligram: an ounce in kg keeps its precision, and no scale reads finer. */
const KG_DECIMALS = 6;

export function toKg(value: number, unit: WeightUnit): number {
  const kg =
    unit === 'kg' ? value : unit === 'g' ? value / GRAMS_PER_KG : unit === 'lb' ? value * KG_PER_LB : (value * KG_PER_LB) / OZ_PER_LB;
  return Number(kg.toFixed(KG_DECIMALS));
}

export interface SkuDraft {
  sku: string;
  descriptionEn: string;
  descriptionLocal: string;
  unitWeight: string;
  weightUnit: WeightUnit;
  unitValue: string;
  currency: string;
  hsCode: string;
  originCountry: string;
}
export type SkuField = keyof SkuDraft;
export const SKU_FORM_FIELDS: readonly SkuField[] = [
  'sku',
  'descriptionEn',
  'descriptionLocal',
  'unitWeight',
  'unitValue',
  'currency',
  'hsCode',
  'originCountry',
];

export const emptySkuDraft = (currency = 'USD'): SkuDraft => ({
  sku: '',
  descriptionEn: '',
  descriptionLocal: '',
  unitWeight: '',
  weightUnit: 'kg',
  unitValue: '',
  currency,
  hsCode: '',
  originCountry: '',
});

export function draftOfEntry(e: SkuEntry): SkuDraft {
  return {
    sku: e.sku,
    descriptionEn: e.descriptionEn,
    descriptionLocal: e.descriptionLocal,
    unitWeight: e.unitWeightKg === null ? '' : String(e.unitWeightKg),
    weightUnit: 'kg',
    unitValue: e.unitValue === null ? '' : String(e.unitValue.amount),
    currency: e.unitValue?.currency ?? 'USD',
    hsCode: e.hsCode,
    originCountry: e.originCountry,
  };
}

/** The entry, or the fields to fix. */
export function entryOfDraft(
  d: SkuDraft,
  t: TFunction,
): { entry: SkuEntry; errors: null } | { entry: null; errors: FieldErrors<SkuField> } {
  const errors: FieldErrors<SkuField> = {};
  const sku = d.sku.trim();
  if (sku === '' || sku.length > 100) errors.sku = t('catalogue.errors.sku');
  const descriptionEn = d.descriptionEn.trim();
  if (descriptionEn === '' || descriptionEn.length > 200) errors.descriptionEn = t('catalogue.errors.descriptionEn');
  const weight = parseNumberText(d.unitWeight);
  if (weight !== null && !(weight > 0)) errors.unitWeight = t('catalogue.errors.weight');
  const value = parseNumberText(d.unitValue);
  if (value !== null && !(value >= 0)) errors.unitValue = t('catalogue.errors.value');
  const currency = d.currency.trim().toUpperCase();
  if (value !== null && !/^[A-Z]{3}$/.test(currency)) errors.currency = t('catalogue.errors.currency');
  const hsCode = d.hsCode.trim();
  if (hsCode !== '' && !HS_CODE_PATTERN.test(hsCode.replace(/\s/g, ''))) errors.hsCode = t('catalogue.errors.hsCode');
  const origin = d.originCountry.trim().toUpperCase();
  if (origin !== '' && !isCountryCode(origin)) errors.originCountry = t('catalogue.errors.originCountry');
  if (Object.keys(errors).length > 0) return { entry: null, errors };
  return {
    entry: {
      sku,
      descriptionEn,
      descriptionLocal: d.descriptionLocal.trim(),
      unitWeightKg: weight === null ? null : toKg(weight, d.weightUnit),
      unitValue: value === null ? null : { amount: value, currency },
      hsCode,
      originCountry: origin,
    },
    errors: null,
  };
}

export const isWeightUnit = (v: string): v is WeightUnit => (WEIGHT_UNITS as readonly string[]).includes(v);

/** A station error's field (`entry.unitWeightKg`) as the form's field. */
export function formFieldOf(path: string): SkuField | null {
  const key = path.replace(/^entry\./, '').split('.')[0];
  if (key === 'unitWeightKg') return 'unitWeight';
  if (key === 'unitValue') return path.endsWith('currency') ? 'currency' : 'unitValue';
  return (SKU_FORM_FIELDS as readonly string[]).includes(key ?? '') ? (key as SkuField) : null;
}

/** The catalogue as a CSV the import reads back (same column names; weights with their unit). */
const CSV_HEADER = [
  'SKU',
  'English description',
  'Local description',
  'Unit weight',
  'Unit value',
  'Currency',
  'HS code',
  'Origin country',
];

function csvCell(value: string): string {
  // Quoting per RFC 4180; values are written as stored (a prefix against spreadsheet formulas would change the SKU read back).
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export function catalogueCsv(entries: readonly SkuEntry[]): string {
  const rows = entries.map((e) =>
    [
      e.sku,
      e.descriptionEn,
      e.descriptionLocal,
      e.unitWeightKg === null ? '' : `${e.unitWeightKg} kg`,
      e.unitValue === null ? '' : String(e.unitValue.amount),
      e.unitValue?.currency ?? '',
      e.hsCode,
      e.originCountry,
    ]
      .map(csvCell)
      .join(','),
  );
  // A BOM so Excel opens the local descriptions as UTF-8.
  return '\uFEFF' + [CSV_HEADER.join(','), ...rows].join('\r\n') + '\r\n';
}

/** A declared value as the catalogue shows it: at least two decimals (12.50 USD), up to four (unit prices of small parts). */
export function moneyText(locale: string, value: { amount: number; currency: string }): string {
  return `${value.amount.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 4 })} ${value.currency}`;
}
