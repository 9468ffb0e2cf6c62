/**
 * Orders for wave tests, in the station's own JSON order format
 * (docs/orders-json.md): `count` ready orders with the fixture catalogue's
 * SKUs, couriers' destinations spread over a few countries, and order
 * numbers that sort differently as text and as numbers (W-2 before W-10).
 */
export interface WaveOrderSpec {
  count: number;
  /** Order number prefix (unique per test, so the sandbox can be counted per order). */
  prefix?: string;
  /** Orders (by index) whose ship-to postal code the sandbox's courier refuses ("00000"); take US ones (index % 3 === 0), whose ZIP format 00000 passes the station's own checks. */
  rejected?: readonly number[];
}

const SKUS = ['MUG-BLU', 'TOTE-1', 'MUG-GRN', 'TOTE-2'] as const;
const PLACES = [
  { city: 'Los Angeles', state: 'CA', postalCode: '90001', countryCode: 'US' },
  { city: 'Leeds', state: '', postalCode: 'LS1 4AP', countryCode: 'GB' },
  { city: 'Osaka', state: '', postalCode: '530-0001', countryCode: 'JP' },
] as const;

export function waveOrderNumber(prefix: string, i: number): string {
  return `${prefix}-${i + 1}`;
}

export function waveOrdersJson(spec: WaveOrderSpec): string {
  const prefix = spec.prefix ?? 'W';
  const rejected = new Set(spec.rejected ?? []);
  const orders = Array.from({ length: spec.count }, (_, i) => {
    const place = PLACES[i % PLACES.length]!;
    return {
      externalId: `${prefix}-ext-${i + 1}`,
      orderNumber: waveOrderNumber(prefix, i),
      shipTo: {
        contact: { firstName: `Buyer${i + 1}`, lastName: 'Wave', phone: '+1 555 0100' },
        address: {
          streetLines: [`${i + 1} Harbour Street`],
          city: place.city,
          ...(place.state ? { state: place.state } : {}),
          postalCode: rejected.has(i) ? '00000' : place.postalCode,
          countryCode: place.countryCode,
        },
      },
      currency: 'USD',
      lines: [{ sku: SKUS[i % SKUS.length], quantity: 1, unitPrice: 9.5 }],
    };
  });
  return JSON.stringify({ format: 'shipping-station.orders', version: 1, source: 'wave-test', orders });
}
