/**
 * A station made ready to ship orders, through its contract, for code that
 * runs outside vitest (the kill test's child, benches, the e2e seeding):
 * the fixture SKU catalogue, a box, a default ship-from and YunExpress
 * YEXP01 as the station's service. (test/helpers/orders.ts does the same
 * inside tests, with vitest's assertions.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type PlainCall = (channel: string, args?: unknown) => Promise<unknown>;

export const fileOf = (name: string, bytes: Buffer | string) => ({ name, base64: Buffer.from(bytes).toString('base64') });

/** The sender the fixtures ship from: a Hong Kong warehouse. */
export const WAREHOUSE_PARTY = {
  contact: { firstName: 'Ware', lastName: 'House', phone: '+852-3000-0000', email: '' },
  address: { streetLines: ['8 Cargo Road'], city: 'Hong Kong', postalCode: '999077', countryCode: 'HK' },
};

export async function setUpPackingPlain(call: PlainCall): Promise<{ boxId: string }> {
  const catalogue = readFileSync(join(import.meta.dirname, '../fixtures/orders/sku-catalogue.csv'));
  await call('skus:import', { file: fileOf('sku-catalogue.csv', catalogue) });
  const boxes = (await call('boxes:save', {
    box: { name: 'Small', innerCm: { length: 30, width: 20, height: 10 }, tareKg: 0.2, barcode: 'BOX-S' },
  })) as Array<{ id: string }>;
  await call('shipFrom:save', {
    address: {
      name: 'Hong Kong warehouse',
      makeDefault: true,
      party: WAREHOUSE_PARTY,
    },
  });
  await call('stationDefaults:update', { courier: 'yunexpress', productCode: 'YEXP01', boxId: boxes[0]!.id });
  return { boxId: boxes[0]!.id };
}
