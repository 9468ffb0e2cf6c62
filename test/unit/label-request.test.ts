import { describe, expect, it } from 'vitest';
import { COUNTRIES, isCountryCode } from '../../shared/domain/countries';
import { LabelRequestSchema, normaliseFieldPath, validateLabelRequest, type LabelRequestInput } from '../../shared/domain/label-request';
import { sampleLabelInput } from '../helpers/flexforward';

function fieldsOf(input: unknown): Record<string, string> {
  const result = validateLabelRequest(input);
  if (result.ok) return {};
  // The form shows the first message of a field, so that is the one that must be right.
  const out: Record<string, string> = {};
  for (const f of result.fields) out[f.field] ??= f.message;
  return out;
}

function edit(mutate: (r: LabelRequestInput) => void): LabelRequestInput {
  const r = structuredClone(sampleLabelInput());
  mutate(r);
  return r;
}

describe('LabelRequestSchema', () => {
  it('accepts the reference minimal request and fills label/units defaults', () => {
    const r = edit((x) => {
      delete x.label;
      delete x.units;
    });
    const parsed = LabelRequestSchema.parse(r);
    expect(parsed.label).toEqual({ format: 'PDF' });
    expect(parsed.units).toEqual({ weight: 'KG', dimension: 'CM' });
  });

  it('keeps postal codes as text with their leading zeros, and upper-cases codes', () => {
    const parsed = LabelRequestSchema.parse(
      edit((x) => {
        x.shipment.shipTo.address = { streetLines: [' 9 Elm St '], city: 'Edison', state: 'nj', postalCode: '08817', countryCode: 'us' };
        x.shipment.parcels[0]!.items![0]!.unitPrice.currency = 'usd';
      }),
    );
    expect(parsed.shipment.shipTo.address).toEqual({
      streetLines: ['9 Elm St'],
      city: 'Edison',
      state: 'NJ',
      postalCode: '08817',
      countryCode: 'US',
    });
    expect(parsed.shipment.parcels[0]!.items[0]!.unitPrice.currency).toBe('USD');
    expect(fieldsOf(edit((x) => ((x.shipment.shipTo.address as { postalCode: unknown }).postalCode = 8817)))).toHaveProperty(
      'shipment.shipTo.address.postalCode',
    );
  });

  it('names each wrong field with the same dotted path the API uses, and says what to do', () => {
    const fields = fieldsOf(
      edit((x) => {
        x.shipment.parcels[0]!.weight = 0;
        x.shipment.parcels[0]!.items![0]!.quantity = 1.5;
        x.shipment.shipTo.contact.phone = 'call me';
        x.shipment.shipTo.contact.email = 'pat@';
        x.shipment.shipTo.address.countryCode = 'XX';
        x.service.productCode = ' ';
      }),
    );
    expect(fields).toEqual({
      'service.productCode': 'Enter the product code.',
      'shipment.shipTo.contact.phone': 'Use only digits, spaces and + - ( ) . in the phone number.',
      'shipment.shipTo.contact.email': 'Enter an e-mail address like name@example.com, or leave it empty.',
      'shipment.shipTo.address.countryCode': 'Choose a country from the list (two-letter ISO code such as US, JP, GB).',
      'shipment.parcels.0.weight': 'The parcel weight must be greater than 0 kg.',
      'shipment.parcels.0.items.0.quantity': 'Enter the quantity as a whole number.',
    });
  });

  it('requires a state where couriers route on one, as a code in the US and Canada', () => {
    expect(fieldsOf(edit((x) => delete x.shipment.shipTo.address.state))).toEqual({
      'shipment.shipTo.address.state': 'Enter the state or province: couriers need it for US addresses.',
    });
    expect(fieldsOf(edit((x) => (x.shipment.shipTo.address.state = 'California')))).toEqual({
      'shipment.shipTo.address.state': 'Enter the two-letter US state code, e.g. CA, NY, TX.',
    });
    // Japan: free text is fine (reference examples send "Osaka"), and none is needed.
    expect(
      fieldsOf(
        edit(
          (x) =>
            (x.shipment.shipFrom.address = {
              streetLines: ['1-1'],
              city: 'Osaka',
              state: 'Osaka',
              postalCode: '530-0001',
              countryCode: 'JP',
            }),
        ),
      ),
    ).toEqual({});
  });

  it('checks postal codes where the shape is known', () => {
    expect(fieldsOf(edit((x) => (x.shipment.shipTo.address.postalCode = '9000')))).toEqual({
      'shipment.shipTo.address.postalCode': 'This is not a US postal code; expected e.g. 90001 / 90001-1234.',
    });
  });

  it('requires items for a shipment abroad, not for a domestic one', () => {
    const noItems = (x: LabelRequestInput) => (x.shipment.parcels[0]!.items = []);
    expect(fieldsOf(edit(noItems))).toEqual({
      'shipment.parcels.0.items':
        'Add at least one item (description, quantity, unit price, unit weight): customs needs it for a shipment abroad.',
    });
    const domestic = edit((x) => {
      noItems(x);
      x.shipment.shipFrom.address = { streetLines: ['5 Dock Rd'], city: 'Newark', state: 'NJ', postalCode: '07101', countryCode: 'US' };
    });
    expect(fieldsOf(domestic)).toEqual({});
  });

  it('refuses shipperAccountId (removed in May 2026) and order numbers that would break batch lookups', () => {
    const fields = fieldsOf(
      edit((x) => {
        (x.service as Record<string, unknown>).shipperAccountId = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';
        x.order = { customerOrderNumber: 'A,B' };
      }),
    );
    expect(Object.keys(fields).sort()).toEqual(['order.customerOrderNumber', 'service']);
    expect(fields['order.customerOrderNumber']).toBe(
      'Use only letters, digits and - _ # . in an order number (no spaces, commas or slashes).',
    );
  });

  it('treats an empty optional field as absent', () => {
    const parsed = LabelRequestSchema.parse(edit((x) => (x.shipment.shipTo.contact.email = '')));
    expect(parsed.shipment.shipTo.contact.email).toBeUndefined();
  });
});

describe('normaliseFieldPath', () => {
  it('turns the API bracket style into the app dotted style', () => {
    expect(normaliseFieldPath('shipment.parcels[0].weight')).toBe('shipment.parcels.0.weight');
    expect(normaliseFieldPath('shipment.parcels[1].items[12].unitPrice.amount')).toBe('shipment.parcels.1.items.12.unitPrice.amount');
    expect(normaliseFieldPath('shipment.shipTo.address.postalCode')).toBe('shipment.shipTo.address.postalCode');
  });
});

describe('COUNTRIES', () => {
  it('holds the 249 ISO 3166-1 alpha-2 codes with English names, sorted by code', () => {
    expect(COUNTRIES).toHaveLength(249);
    expect(COUNTRIES.find((c) => c.code === 'JP')?.name).toBe('Japan');
    expect(isCountryCode('GB')).toBe(true);
    expect(isCountryCode('UK')).toBe(false);
    expect(isCountryCode('EU')).toBe(false);
    const codes = COUNTRIES.map((c) => c.code);
    expect(codes).toEqual([...codes].sort());
  });
});
