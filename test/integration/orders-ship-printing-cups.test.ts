/**
 * Shipping an imported order at the bench, through the station's contract, a
 * real private CUPS (a thermal and a laser raw queue whose devices are TCP
 * listeners owned by the test), the sandbox and a real SQLite file: the label
 * goes to the label printer and the order's packing slip to the slip printer,
 * in the label profile's order; the ship result says the slip printed, and
 * the shipment's print history lists both. A reprint is the label alone.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE, type PrintProfileDraft } from '../../shared/domain/printing';
import type { ShipmentDetail } from '../../shared/domain/shipment-detail';
import { needSystem } from '../helpers/ci';
import { CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../helpers/cups';
import { caller, fileArg, fixture, setUpPacking, value, type Call } from '../helpers/orders';
import { pdfText, popplerAvailable, POPPLER_REQUIREMENT } from '../helpers/pdf-check';
import { startTestStation, type TestStation } from '../helpers/station';

const RUN =
  needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install) &&
  needSystem(popplerAvailable(), POPPLER_REQUIREMENT.what, POPPLER_REQUIREMENT.install);
/** Label purchase in the sandbox, fitting, two spoolers and a slip with CJK fonts on a shared 2-core machine. */
const SHIP_TIMEOUT_MS = 90_000;

type Summary = { id: string; orderNumber: string; shipmentId: string | null };
type Shipped = {
  label: { state: string; shipmentId: string; trackingNumber: string | null };
  slip: { status: string; message: string | null };
};

describe.runIf(RUN)('an order shipped at the bench: label and packing slip, each to its printer', () => {
  let cups: CupsInstance;
  let zebra: RawQueue;
  let laser: RawQueue;
  let t: TestStation;
  let call: Call;

  beforeAll(async () => {
    cups = await startCups();
    zebra = await cups.addRawQueue('Zebra', { makeDefault: true });
    laser = await cups.addRawQueue('Laser');
  });
  afterAll(async () => {
    await cups?.stop();
  });
  beforeEach(async () => {
    await t?.dispose();
    zebra.listener.deliveries.length = 0;
    laser.listener.deliveries.length = 0;
    t = await startTestStation({ settings: { autoPrint: true }, printing: { cupsServer: cups.server } });
    call = caller(t.station);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function profiles(packingSlip: 'before' | 'after' | 'none'): Promise<void> {
    const { id: _id, ...base } = DEFAULT_PRINT_PROFILE;
    const label: PrintProfileDraft = { ...base, id: DEFAULT_PRINT_PROFILE.id, name: 'Zebra', printer: 'Zebra', packingSlip };
    await value(call('printProfiles:save', { profile: label, makeDefault: true }));
    const slips: PrintProfileDraft = {
      ...base,
      name: 'Office laser',
      printer: 'Laser',
      media: { preset: 'A4' },
      documentType: 'packing-slip',
    };
    await value(call('printProfiles:save', { profile: slips }));
  }

  async function shipOrder(number: string): Promise<Shipped> {
    await setUpPacking(call);
    await value(call('orders:import', { file: fileArg('orders_export.csv', fixture('shopify-orders-export.csv')) }));
    const found = await value(call<{ items: Summary[] }>('orders:list', { search: number }));
    const order = found.items.find((i) => i.orderNumber === number)!;
    return value(call<Shipped>('orders:ship', { id: order.id }));
  }

  it(
    'slip after the label: the label to the thermal queue, the A4 slip to the laser, both in the print history',
    async () => {
      await profiles('after');
      const shipped = await shipOrder('#1001');
      expect(shipped.label.state).toBe('printed');
      expect(shipped.slip).toEqual({ status: 'printed', message: null });

      const labelPdf = await zebra.listener.waitForDelivery(0);
      expect(await pdfText(labelPdf)).toContain(shipped.label.trackingNumber!);
      const slipPdf = await laser.listener.waitForDelivery(0);
      expect(await pdfText(slipPdf)).toContain('#1001');
      expect(zebra.listener.deliveries).toHaveLength(1);

      const detail = await value(call<ShipmentDetail>('shipments:get', { id: shipped.label.shipmentId }));
      expect(detail.printJobs.map((j) => [j.document, j.reason, j.outcome, j.printer]).sort()).toEqual([
        ['label', 'auto', 'printed', 'Zebra'],
        ['packing-slip', 'auto', 'printed', 'Laser'],
      ]);

      // A reprint is the label alone: no second slip.
      await value(call('labels:reprint', { shipmentId: shipped.label.shipmentId }));
      await zebra.listener.waitForDelivery(1);
      expect(laser.listener.deliveries).toHaveLength(1);
    },
    SHIP_TIMEOUT_MS,
  );

  it(
    'no slip: the label alone, and the ship result says the slip is not set to print',
    async () => {
      await profiles('none');
      const shipped = await shipOrder('#1001');
      expect(shipped.label.state).toBe('printed');
      expect(shipped.slip).toEqual({ status: 'not-configured', message: null });
      await zebra.listener.waitForDelivery(0);
      expect(laser.listener.deliveries).toHaveLength(0);
      const detail = await value(call<ShipmentDetail>('shipments:get', { id: shipped.label.shipmentId }));
      expect(detail.printJobs.map((j) => j.document)).toEqual(['label']);
    },
    SHIP_TIMEOUT_MS,
  );

  it(
    'the laser refuses jobs: the label prints, the slip fails with the reason, and the history keeps both',
    async () => {
      await profiles('before');
      await cups.admin('cupsreject', ['-r', 'Toner out', 'Laser']);
      try {
        const shipped = await shipOrder('#1001');
        expect(shipped.label.state).toBe('printed');
        expect(shipped.slip).toMatchObject({ status: 'failed', message: expect.stringMatching(/refusing new jobs/) });
        await zebra.listener.waitForDelivery(0);
        const detail = await value(call<ShipmentDetail>('shipments:get', { id: shipped.label.shipmentId }));
        expect(detail.printJobs.map((j) => [j.document, j.outcome]).sort()).toEqual([
          ['label', 'printed'],
          ['packing-slip', 'failed'],
        ]);
      } finally {
        await cups.admin('cupsaccept', ['Laser']);
      }
    },
    SHIP_TIMEOUT_MS,
  );
});
