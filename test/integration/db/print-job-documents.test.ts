/**
 * 0060: print jobs say what they printed and on which profile, in both dialects. A database with print history
 * from before keeps every job (each a label, profile unknown); new jobs carry their document type, and a type the
 * station does not know is refused by the database itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db/migrate';
import { finishPrintJob, insertPrintJob, listPrintJobs } from '../../../electron/core/db/queries/print_jobs';
import type { DocumentType } from '../../../shared/domain/printing';
import { testDialects, testStore, type TestStore } from '../../helpers/dialects';

const dialects = await testDialects();

const shipment = {
  id: 'shp_1',
  provider: 'flexforward',
  remoteId: 'lbl_1',
  trackingNumber: 'YT2503010001CN',
  orderNumber: 'SO-1',
  recipientName: 'Pat',
  destination: 'US',
  currentAttempt: 1,
  at: 1_000,
} as const;

describe.each(dialects)('0060 print job documents, from 0050 with data in place (%s)', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await testStore(dialect, { migrated: false });
  });
  afterEach(() => store.dispose());

  it('keeps every earlier job as a label with no profile, and records the type and profile of new ones', async () => {
    const old = await store.open({ upTo: 50 });
    // Today's insertShipment writes columns later migrations added; write the 0050 ones.
    await old.db
      .insertInto('shipments')
      .values({
        id: shipment.id,
        provider: shipment.provider,
        remote_id: shipment.remoteId,
        tracking_number: shipment.trackingNumber,
        order_number: shipment.orderNumber,
        recipient_name: shipment.recipientName,
        destination: shipment.destination,
        tag: 'Pending',
        current_attempt: shipment.currentAttempt,
        created_at: shipment.at,
        activity_at: shipment.at,
      })
      .execute();
    // The 0050 columns only: what a station wrote before this step.
    await old.db
      .insertInto('print_jobs')
      .values({
        shipment_id: 'shp_1',
        attempt: 1,
        reason: 'auto',
        outcome: 'printed',
        printer: 'Zebra',
        requested_at: 2_000,
        finished_at: 2_100,
      })
      .execute();
    await old.close();

    const s = await store.open({ upTo: 60 });
    try {
      expect(await schemaVersion(s.db)).toBe(60);
      expect(await listPrintJobs(s.db, 'shp_1')).toEqual([
        expect.objectContaining({ reason: 'auto', outcome: 'printed', printer: 'Zebra', document: 'label', profileId: null }),
      ]);

      const slip = await insertPrintJob(s.db, {
        shipmentId: 'shp_1',
        attempt: 1,
        reason: 'auto',
        at: 3_000,
        document: 'packing-slip',
        profileId: 'laser',
      });
      await finishPrintJob(s.db, slip, { outcome: 'failed', printer: 'Laser', error: 'Toner out', at: 3_100 });
      expect((await listPrintJobs(s.db, 'shp_1'))[0]).toMatchObject({
        document: 'packing-slip',
        profileId: 'laser',
        outcome: 'failed',
        printer: 'Laser',
        error: 'Toner out',
      });
      await expect(
        insertPrintJob(s.db, { shipmentId: 'shp_1', attempt: 1, reason: 'auto', at: 4_000, document: 'invoice' as DocumentType }),
      ).rejects.toThrow(dialect === 'sqlite' ? /CHECK constraint failed/ : /violates check constraint/);
      expect(await listPrintJobs(s.db, 'shp_1')).toHaveLength(2);
    } finally {
      await s.close();
    }
  });
});
