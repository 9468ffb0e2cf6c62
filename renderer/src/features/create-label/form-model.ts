/**
 * The create-label form's state: every input as the string the packer typed,
 * so a half-typed "0." or an empty box is kept exactly as it is. It becomes a
 * request only in `toRequestInput`, which the shared schema then validates;
 * each input's `path` is the dotted path of its value in that request, so a
 * local zod issue and an API 400 (`details[].field`) land on the same box.
 */
import type { LabelFormat, LabelRequestInput } from '../../../../shared/domain/label-request';
import type { StationSettings } from '../../../../shared/domain/settings';

export interface PartyDraft {
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  street1: string;
  street2: string;
  city: string;
  state: string;
  postalCode: string;
  countryCode: string;
}
export interface ItemDraft {
  descriptionEn: string;
  descriptionLocal: string;
  quantity: string;
  unitPrice: string;
  currency: string;
  unitWeight: string;
}
export interface ParcelDraft {
  weight: string;
  length: string;
  width: string;
  height: string;
  items: ItemDraft[];
}
export interface LabelDraft {
  shipTo: PartyDraft;
  shipFrom: PartyDraft;
  courier: string;
  productCode: string;
  format: LabelFormat;
  customerOrderNumber: string;
  platformOrderNumber: string;
  referenceNumbers: string;
  parcels: ParcelDraft[];
}

export type PartyKey = 'shipTo' | 'shipFrom';

export const emptyParty = (): PartyDraft => ({
  firstName: '',
  lastName: '',
  phone: '',
  email: '',
  street1: '',
  street2: '',
  city: '',
  state: '',
  postalCode: '',
  countryCode: '',
});
export const emptyItem = (currency = 'USD'): ItemDraft => ({
  descriptionEn: '',
  descriptionLocal: '',
  quantity: '1',
  unitPrice: '',
  currency,
  unitWeight: '',
});
export const emptyParcel = (): ParcelDraft => ({ weight: '', length: '', width: '', height: '', items: [emptyItem()] });

export function partyFromSettings(party: StationSettings['shipFrom']): PartyDraft {
  if (!party) return emptyParty();
  const { contact, address } = party;
  return {
    firstName: contact.firstName,
    lastName: contact.lastName,
    phone: contact.phone,
    email: contact.email ?? '',
    street1: address.streetLines[0] ?? '',
    street2: address.streetLines.slice(1).join(', '),
    city: address.city,
    state: address.state ?? '',
    postalCode: address.postalCode,
    countryCode: address.countryCode,
  };
}

export function emptyDraft(shipFrom: PartyDraft = emptyParty(), orderNumber = ''): LabelDraft {
  return {
    shipTo: emptyParty(),
    shipFrom,
    courier: '',
    productCode: '',
    format: 'PDF',
    customerOrderNumber: orderNumber,
    platformOrderNumber: '',
    referenceNumbers: '',
    parcels: [emptyParcel()],
  };
}

/**
 * What Ctrl+D brings back: the last shipment without anything that belongs
 * to its recipient or its order (name, address, order numbers), so the next
 * parcel of the same kind is only a new address away.
 */
export function templateOf(draft: LabelDraft): LabelDraft {
  return { ...draft, shipTo: emptyParty(), customerOrderNumber: '', platformOrderNumber: '', referenceNumbers: '' };
}

/** Empty box → absent; anything else → a number (NaN included: the schema says "enter a number"). */
function num(s: string): number | undefined {
  const t = s.trim().replace(',', '.');
  return t === '' ? undefined : Number(t);
}

function partyInput(p: PartyDraft) {
  return {
    contact: { firstName: p.firstName, lastName: p.lastName, phone: p.phone, email: p.email },
    address: {
      streetLines: p.street2.trim() ? [p.street1, p.street2] : [p.street1],
      city: p.city,
      state: p.state,
      postalCode: p.postalCode,
      countryCode: p.countryCode,
    },
  };
}

export function toRequestInput(d: LabelDraft): LabelRequestInput {
  const refs = d.referenceNumbers
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const hasOrderNumbers = d.platformOrderNumber.trim() !== '' || refs.length > 0;
  return {
    courier: d.courier,
    service: { productCode: d.productCode },
    label: { format: d.format },
    units: { weight: 'KG', dimension: 'CM' },
    order: {
      customerOrderNumber: d.customerOrderNumber,
      ...(hasOrderNumbers
        ? { orderNumbers: { platformOrderNumber: d.platformOrderNumber, ...(refs.length ? { referenceNumbers: refs } : {}) } }
        : {}),
    },
    shipment: {
      shipFrom: partyInput(d.shipFrom),
      shipTo: partyInput(d.shipTo),
      parcels: d.parcels.map((p) => {
        const hasDimension = [p.length, p.width, p.height].some((v) => v.trim() !== '');
        return {
          weight: num(p.weight) as number,
          ...(hasDimension
            ? { dimension: { length: num(p.length) as number, width: num(p.width) as number, height: num(p.height) as number } }
            : {}),
          items: p.items.map((i) => ({
            descriptionEn: i.descriptionEn,
            descriptionLocal: i.descriptionLocal,
            quantity: num(i.quantity) as number,
            unitPrice: { amount: num(i.unitPrice) as number, currency: i.currency },
            unitWeight: num(i.unitWeight) as number,
          })),
        };
      }),
    },
  } as LabelRequestInput;
}

/** Request path of each party input. */
export const PARTY_PATHS: Readonly<Record<keyof PartyDraft, string>> = {
  firstName: 'contact.firstName',
  lastName: 'contact.lastName',
  phone: 'contact.phone',
  email: 'contact.email',
  street1: 'address.streetLines.0',
  street2: 'address.streetLines.1',
  city: 'address.city',
  state: 'address.state',
  postalCode: 'address.postalCode',
  countryCode: 'address.countryCode',
};
export const partyPath = (party: PartyKey, key: keyof PartyDraft) => `shipment.${party}.${PARTY_PATHS[key]}`;
export const parcelPath = (i: number, key: 'weight' | 'length' | 'width' | 'height') =>
  key === 'weight' ? `shipment.parcels.${i}.weight` : `shipment.parcels.${i}.dimension.${key}`;
const ITEM_PATHS: Readonly<Record<keyof ItemDraft, string>> = {
  descriptionEn: 'descriptionEn',
  descriptionLocal: 'descriptionLocal',
  quantity: 'quantity',
  unitPrice: 'unitPrice.amount',
  currency: 'unitPrice.currency',
  unitWeight: 'unitWeight',
};
export const itemPath = (i: number, j: number, key: keyof ItemDraft) => `shipment.parcels.${i}.items.${j}.${ITEM_PATHS[key]}`;
export const FIELD_PATHS = {
  courier: 'courier',
  productCode: 'service.productCode',
  format: 'label.format',
  customerOrderNumber: 'order.customerOrderNumber',
  platformOrderNumber: 'order.orderNumbers.platformOrderNumber',
  referenceNumbers: 'order.orderNumbers.referenceNumbers',
} as const;

/** Every place an error can be shown, in the order the inputs appear on screen (tab order). */
export function placesOf(d: LabelDraft): string[] {
  const party = (k: PartyKey) => (Object.keys(PARTY_PATHS) as (keyof PartyDraft)[]).map((key) => partyPath(k, key));
  const parcels = d.parcels.flatMap((p, i) => [
    `shipment.parcels.${i}`,
    parcelPath(i, 'weight'),
    parcelPath(i, 'length'),
    parcelPath(i, 'width'),
    parcelPath(i, 'height'),
    `shipment.parcels.${i}.dimension`,
    `shipment.parcels.${i}.items`,
    ...p.items.flatMap((_, j) => (Object.keys(ITEM_PATHS) as (keyof ItemDraft)[]).map((key) => itemPath(i, j, key))),
  ]);
  return [
    ...party('shipTo'),
    FIELD_PATHS.courier,
    FIELD_PATHS.productCode,
    FIELD_PATHS.format,
    FIELD_PATHS.customerOrderNumber,
    FIELD_PATHS.platformOrderNumber,
    FIELD_PATHS.referenceNumbers,
    'shipment.parcels',
    ...parcels,
    ...party('shipFrom'),
  ];
}

export interface PlacedErrors {
  /** place (input path) → messages shown under it */
  at: Map<string, string[]>;
  /** Errors that fit no input (an API field we do not have a box for): listed at the top. */
  unplaced: { field: string; message: string }[];
}

/**
 * Puts each error at the input whose path it names; an error about a whole
 * array (`…streetLines`) goes to its first input; one about an element of a
 * list typed into one box (`…referenceNumbers.2`) goes to that box.
 */
export function placeErrors(fields: readonly { field: string; message: string }[], places: readonly string[]): PlacedErrors {
  const at = new Map<string, string[]>();
  const unplaced: PlacedErrors['unplaced'] = [];
  const add = (place: string, message: string) => at.set(place, [...(at.get(place) ?? []), message]);
  for (const { field, message } of fields) {
    const place =
      places.find((p) => p === field) ??
      places.find((p) => p.startsWith(`${field}.`)) ??
      [...places].sort((a, b) => b.length - a.length).find((p) => field.startsWith(`${p}.`));
    if (place) add(place, message);
    else unplaced.push({ field, message });
  }
  return { at, unplaced };
}
