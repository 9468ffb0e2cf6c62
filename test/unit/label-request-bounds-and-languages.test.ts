/**
 * Issue 11, "Bounds and messages": the documented maxima (docs/flexforward-gaps.md,
 * "Bounds") are field errors, and every message of the label request schema is in
 * the packer's language. The walk below triggers every message key the schema has
 * (checked: a key no case reaches fails the test), then reads each message in
 * zh-CN and zh-TW and fails on English words.
 */
import { describe, expect, it } from 'vitest';
import {
  declaredValues,
  labelSchemasSaying,
  MAX_DECLARED_VALUE,
  MAX_ITEM_QUANTITY,
  MAX_ITEMS_PER_PARCEL,
  MAX_PARCELS_PER_LABEL,
  validateLabelRequest,
  type LabelRequestInput,
  type ValidationKey,
} from '../../shared/domain/label-request';
import { en } from '../../shared/i18n/en';
import { englishWords } from '../helpers/english';
import { sampleLabelInput } from '../helpers/flexforward';

type Mutable = LabelRequestInput & Record<string, unknown>;
const edit = (mutate: (r: Mutable) => void): unknown => {
  const r = structuredClone(sampleLabelInput()) as Mutable;
  mutate(r);
  return r;
};
const parcel0 = (r: LabelRequestInput) => r.shipment.parcels[0]!;
const item0 = (r: LabelRequestInput) => parcel0(r).items![0]!;
const shipTo = (r: LabelRequestInput) =>
  r.shipment.shipTo as unknown as { contact: Record<string, unknown>; address: Record<string, unknown> };
const item = (quantity: number, amount: number) => ({
  descriptionEn: 'Ink pen',
  quantity,
  unitPrice: { amount, currency: 'USD' },
  unitWeight: 0.1,
});

function fieldsOf(input: unknown, language: 'en' | 'zh-CN' | 'zh-TW' = 'en'): Record<string, string> {
  const result = validateLabelRequest(input, language);
  if (result.ok) return {};
  const out: Record<string, string> = {};
  for (const f of result.fields) out[f.field] ??= f.message;
  return out;
}

describe('bounds: what the form used to send', () => {
  it('refuses quantity 99,999,999,999 on the quantity field, with the maximum', () => {
    expect(fieldsOf(edit((r) => (item0(r).quantity = 99_999_999_999)))).toEqual({
      'shipment.parcels.0.items.0.quantity': `The quantity can be at most ${MAX_ITEM_QUANTITY.toLocaleString('en')}.`,
    });
    expect(fieldsOf(edit((r) => (item0(r).quantity = MAX_ITEM_QUANTITY)))).toEqual({});
  });

  it('refuses 5,000 parcels (and one over the maximum), not the maximum itself', () => {
    const parcels = (n: number) => edit((r) => (r.shipment.parcels = Array.from({ length: n }, () => structuredClone(parcel0(r)))));
    const message = `One label can carry at most ${MAX_PARCELS_PER_LABEL} parcels: split the shipment over several labels.`;
    expect(fieldsOf(parcels(5_000))).toEqual({ 'shipment.parcels': message });
    expect(fieldsOf(parcels(MAX_PARCELS_PER_LABEL + 1))).toEqual({ 'shipment.parcels': message });
    expect(fieldsOf(parcels(MAX_PARCELS_PER_LABEL))).toEqual({});
  });

  it('refuses more items in a parcel than a customs form lists', () => {
    const items = (n: number) => edit((r) => (parcel0(r).items = Array.from({ length: n }, () => item(1, 1))));
    expect(fieldsOf(items(MAX_ITEMS_PER_PARCEL + 1))).toEqual({
      'shipment.parcels.0.items': `A parcel can list at most ${MAX_ITEMS_PER_PARCEL} items: put lines of the same goods together.`,
    });
    expect(fieldsOf(items(MAX_ITEMS_PER_PARCEL))).toEqual({});
  });

  it('caps the declared value per unit and per label, adding every parcel per currency', () => {
    expect(fieldsOf(edit((r) => (item0(r).unitPrice.amount = 100_000.01)))).toEqual({
      'shipment.parcels.0.items.0.unitPrice.amount': 'The unit price can be at most 100,000.',
    });
    // 2 parcels × 9,999 × 60 USD = 1,199,880 USD: each item is fine, the label is not.
    const big = edit((r) => (r.shipment.parcels = [0, 1].map(() => ({ weight: 1, items: [item(9_999, 60)] }))));
    expect(fieldsOf(big)).toEqual({
      'shipment.parcels': `This shipment declares 1,199,880 USD; one label can declare at most ${MAX_DECLARED_VALUE.toLocaleString('en')} USD.`,
    });
    expect(declaredValues(big as LabelRequestInput)).toEqual(new Map([['USD', 1_199_880]]));
    // Currencies are never added together.
    const mixed = edit(
      (r) => (parcel0(r).items = [item(1, 0.1), item(2, 0.1), { ...item(1, 5), unitPrice: { amount: 5, currency: 'eur' } }]),
    );
    expect(declaredValues(mixed as LabelRequestInput)).toEqual(
      new Map([
        ['USD', 0.3],
        ['EUR', 5],
      ]),
    );
  });
});

/** One request per message key, each wrong in exactly the way that key is about. */
const CASES: Readonly<Record<ValidationKey, unknown>> = {
  required: edit((r) => (shipTo(r).contact.firstName = ' ')),
  choose: edit((r) => (shipTo(r).address.countryCode = 7)),
  tooLong: edit((r) => (shipTo(r).address.city = 'x'.repeat(101))),
  notText: edit((r) => (shipTo(r).address.state = 5)),
  number: edit((r) => (parcel0(r).weight = Number.NaN)),
  numberPlain: edit((r) => (item0(r).unitPrice.amount = Number.NaN)),
  positive: edit((r) => (parcel0(r).weight = 0)),
  wholeNumber: edit((r) => (item0(r).quantity = 1.5)),
  atLeast: edit((r) => (item0(r).quantity = 0)),
  atMost: edit((r) => (item0(r).quantity = 99_999_999_999)),
  notNegative: edit((r) => (item0(r).unitPrice.amount = -1)),
  labelFormat: edit((r) => (r.label = { format: 'GIF' as 'PDF' })),
  phoneChars: edit((r) => (shipTo(r).contact.phone = 'call me 12345')),
  phoneDigits: edit((r) => (shipTo(r).contact.phone = '12-3')),
  email: edit((r) => (shipTo(r).contact.email = 'pat@')),
  country: edit((r) => (shipTo(r).address.countryCode = 'XX')),
  streetLinesMax: edit((r) => (shipTo(r).address.streetLines = ['1', '2', '3', '4'])),
  postalCodeText: edit((r) => (shipTo(r).address.postalCode = 8817)),
  postalCodeChars: edit((r) => (shipTo(r).address.postalCode = '900#1')),
  postalCodeShape: edit((r) => (shipTo(r).address.postalCode = '9000')),
  stateRequired: edit((r) => delete shipTo(r).address.state),
  usState: edit((r) => (shipTo(r).address.state = 'California')),
  caProvince: edit((r) => Object.assign(shipTo(r).address, { countryCode: 'CA', state: 'XX', postalCode: 'K1A 0B1' })),
  currency: edit((r) => (item0(r).unitPrice.currency = 'XYZ')),
  itemsList: edit((r) => ((parcel0(r) as Record<string, unknown>).items = 'pens')),
  itemsMax: edit((r) => (parcel0(r).items = Array.from({ length: MAX_ITEMS_PER_PARCEL + 1 }, () => item(1, 1)))),
  parcelsMin: edit((r) => (r.shipment.parcels = [])),
  parcelsMax: edit((r) => (r.shipment.parcels = Array.from({ length: 5_000 }, () => ({ weight: 1, items: [item(1, 1)] })))),
  customsItems: edit((r) => (parcel0(r).items = [])),
  declaredValueMax: edit((r) => (r.shipment.parcels = [0, 1].map(() => ({ weight: 1, items: [item(9_999, 60)] })))),
  weightUnit: edit((r) => (r.units = { weight: 'LB' as 'KG', dimension: 'CM' })),
  dimensionUnit: edit((r) => (r.units = { weight: 'KG', dimension: 'IN' as 'CM' })),
  orderNumberChars: edit((r) => (r.order = { customerOrderNumber: 'A/1' })),
  orderNumberShort: edit((r) => (r.order = { customerOrderNumber: 'A1' })),
};

describe('every validation message of the label form, in the packer’s language', () => {
  const marked = labelSchemasSaying((key, params) => `⟦${key}${params?.what ? `:${params.what}` : ''}⟧`).LabelRequestSchema;
  const keysOf = (input: unknown) => {
    const parsed = marked.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  };

  it('each case triggers its own key, every key has a case, and no message is zod’s own (English) text', () => {
    const all = Object.keys(en.validation).filter((k) => k !== 'nouns');
    expect(Object.keys(CASES).sort()).toEqual(all.sort());
    for (const [key, input] of Object.entries(CASES)) {
      const messages = keysOf(input);
      expect(
        messages.some((m) => m === `⟦${key}⟧` || m.startsWith(`⟦${key}:`)),
        `${key}: got ${messages.join(', ')}`,
      ).toBe(true);
      for (const m of messages) expect(m, `a message not from the catalogue for case ${key}`).toMatch(/^⟦\w+(:\w+)?⟧$/);
    }
  });

  it('a full form of wrong answers speaks Chinese in zh-CN and zh-TW, English in English', () => {
    for (const language of ['zh-CN', 'zh-TW'] as const) {
      for (const [key, input] of Object.entries(CASES)) {
        const result = validateLabelRequest(input, language);
        expect(result.ok, key).toBe(false);
        if (result.ok) continue;
        for (const { field, message } of result.fields)
          expect(englishWords(message), `${language} ${key} ${field}: ${message}`).toEqual([]);
      }
    }
    // The two the issue names.
    const phone = CASES.phoneDigits;
    expect(fieldsOf(phone, 'zh-CN')['shipment.shipTo.contact.phone']).toBe('电话号码至少需要 5 位数字。');
    expect(fieldsOf(phone, 'zh-TW')['shipment.shipTo.contact.phone']).toBe('電話號碼至少需要 5 位數字。');
    expect(fieldsOf(CASES.country, 'zh-CN')['shipment.shipTo.address.countryCode']).toBe(
      '请从列表中选择国家/地区（两个字母的 ISO 代码，如 US、JP、GB）。',
    );
    expect(fieldsOf(phone, 'en')['shipment.shipTo.contact.phone']).toBe('The phone number needs at least 5 digits.');
  });
});
