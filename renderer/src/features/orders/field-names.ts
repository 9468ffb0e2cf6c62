import type { TFunction } from 'i18next';
import type { ShipGap } from '../../../../shared/domain/order-desk';

/** Names the catalogue has for the last part of a field path (shared with the import report). */
const IMPORT_FIELD_NAMES = new Set([
  'orderNumber',
  'address',
  'firstName',
  'lastName',
  'phone',
  'email',
  'streetLines',
  'city',
  'state',
  'postalCode',
  'countryCode',
  'unitWeightKg',
]);
const OWN_FIELD_NAMES = new Set(['sku', 'descriptionEn', 'unitPrice', 'box', 'weightKg', 'courier', 'productCode', 'shipFrom', 'company']);

/** A field path as "Needs attention" names it (`shipTo.address.postalCode`, `lines.2.unitWeightKg`), in words. */
export function fieldName(t: TFunction, path: string): string {
  const parts = path.split('.');
  const last = parts.at(-1) ?? path;
  const name = IMPORT_FIELD_NAMES.has(last)
    ? t(`orderImport.fields.${last}`)
    : OWN_FIELD_NAMES.has(last)
      ? t(`orders.fieldNames.${last}`)
      : last;
  if (parts[0] === 'lines' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    return t('orders.fieldNames.line', { n: Number(parts[1]) + 1, field: name });
  }
  return name;
}

/** "postal code, country": each field once, in the order given. */
export function missingFieldNames(t: TFunction, missing: readonly Pick<ShipGap, 'field'>[]): string {
  return [...new Set(missing.map((m) => fieldName(t, m.field)))].join(t('orders.fieldNames.separator'));
}
