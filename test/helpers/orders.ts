/**
 * Setting a station up for scan to ship through its contract, as the
 * screens will: the SKU catalogue from the fixture CSV, a box, a ship-from
 * address and the station's courier/product, then an order file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { invoke } from '../../electron/core/invoke';
import type { Station } from '../../electron/core/station';
import { silentLoggerFactory } from '../../electron/core/util/log';
import type { Result } from '../../shared/result';

export const ORDER_FIXTURES = join(import.meta.dirname, '../fixtures/orders');

export type Call = <T = unknown>(channel: string, args?: unknown) => Promise<Result<T>>;

export function caller(station: Station): Call {
  return (channel, args) => invoke(station.handlers, channel, args, silentLoggerFactory('test')) as never;
}

/** The value of a call that must succeed (the error in the failure message otherwise). */
export async function value<T>(result: Promise<Result<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) expect.fail(`call failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

export function fileArg(name: string, bytes: Buffer | string): { name: string; base64: string } {
  return { name, base64: Buffer.from(bytes).toString('base64') };
}

export function fixture(name: string): Buffer {
  return readFileSync(join(ORDER_FIXTURES, name));
}

export const WAREHOUSE = {
  contact: { firstName: 'Ware', lastName: 'House', phone: '+852-3000-0000', email: '' },
  address: { streetLines: ['8 Cargo Road'], city: 'Hong Kong', postalCode: '999077', countryCode: 'HK' },
};

/** Catalogue, a default box with a shelf barcode, a default ship-from, YunExpress YEXP01 as the default service. */
export async function setUpPacking(call: Call): Promise<{ boxId: string }> {
  const catalogue = await value(
    call<{ added: number }>('skus:import', { file: fileArg('sku-catalogue.csv', fixture('sku-catalogue.csv')) }),
  );
  expect(catalogue.added).toBeGreaterThan(5);
  const boxes = await value(
    call<Array<{ id: string }>>('boxes:save', {
      box: { name: 'Small', innerCm: { length: 30, width: 20, height: 10 }, tareKg: 0.2, barcode: 'BOX-S' },
    }),
  );
  await value(call('shipFrom:save', { address: { name: 'Hong Kong warehouse', party: WAREHOUSE, makeDefault: true } }));
  await value(call('stationDefaults:update', { courier: 'yunexpress', productCode: 'YEXP01', boxId: boxes[0]!.id }));
  return { boxId: boxes[0]!.id };
}
