import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db/migrate';
import { findFaShipmentId, getFaDetails, listFaEvents, saveFaSnapshot } from '../../../electron/core/db/queries/fa_details';
import { insertShipment, getShipment } from '../../../electron/core/db/queries/shipments';
import { snapshotFromTracking } from '../../../electron/core/api/flashamericas/mapping';
import { FaTrackingSchema } from '../../../electron/core/api/flashamericas/schemas';
import { testDialects, testStore, type TestStore } from '../../helpers/dialects';

const AT = Date.parse('2025-02-21T10:00:00Z');
const tracking = FaTrackingSchema.parse({
  shipmentId: '660e8400-e29b-41d4-a716-446655440001',
  trackingNumber: '1234567890',
  provider: 'FEDEX',
  service: 'FEDEX_GROUND',
  status: 'DELIVERED',
  estimatedDelivery: '2025-02-21T17:00:00Z',
  events: [
    {
      eventId: 'evt_2',
      timestamp: '2025-02-21T16:45:00Z',
      status: 'DELIVERED',
      recipient: 'J. DOE',
      signature: 'https://api.flashamericas.com/documents/signature_123.png',
    },
    {
      eventId: 'evt_1',
      timestamp: '2025-02-21T09:15:00Z',
      status: 'OUT_FOR_DELIVERY',
      facilityType: 'DELIVERY_VEHICLE',
      location: { city: 'Houston', state: 'TX', country: 'US', coordinates: { latitude: 29.7604, longitude: -95.3698 } },
    },
  ],
});

describe.each(await testDialects())('migration 30: Flash Americas details (%s)', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await testStore(dialect, { migrated: false });
  });
  afterEach(() => store.dispose());

  it('migrates a version-20 database with shipments in place, and keeps them', async () => {
    const old = await store.open({ upTo: 20 });
    expect(await schemaVersion(old.db)).toBe(20);
    // Raw insert with the version-20 columns only: today's insertShipment
    // writes columns later migrations added.
    await old.db
      .insertInto('shipments')
      .values({
        id: 's1',
        provider: 'flashamericas',
        remote_id: '1234567890',
        tracking_number: '1234567890',
        tag: 'Pending',
        created_at: AT,
        activity_at: AT,
      })
      .execute();
    await old.close();

    const s = await store.open();
    expect(await schemaVersion(s.db)).toBeGreaterThanOrEqual(30);
    expect((await getShipment(s.db, 's1'))?.trackingNumber).toBe('1234567890');
    expect(await findFaShipmentId(s.db, '1234567890')).toBe('s1');
    await s.close();
  });

  it('keeps ETA, carrier, recipient, proof of delivery, facility types and coordinates; each event once', async () => {
    const s = await store.open();
    await insertShipment(s.db, {
      id: 's1',
      provider: 'flashamericas',
      remoteId: '1234567890',
      trackingNumber: '1234567890',
      orderNumber: null,
      recipientName: null,
      destination: null,
      currentAttempt: null,
      at: AT,
    });
    const snap = snapshotFromTracking(tracking);
    expect(await saveFaSnapshot(s.db, 's1', snap, AT)).toBe(2);
    expect(await saveFaSnapshot(s.db, 's1', snap, AT + 1)).toBe(0);
    expect(await getFaDetails(s.db, 's1')).toMatchObject({
      carrier: 'FEDEX',
      service: 'FEDEX_GROUND',
      estimatedDeliveryAt: Date.parse('2025-02-21T17:00:00Z'),
      deliveredAt: Date.parse('2025-02-21T16:45:00Z'),
      recipient: 'J. DOE',
      proofOfDeliveryUrl: 'https://api.flashamericas.com/documents/signature_123.png',
      updatedAt: AT + 1,
    });
    const events = await listFaEvents(s.db, 's1');
    expect(events.map((e) => e.eventId)).toEqual(['evt_2', 'evt_1']);
    expect(events[1]).toMatchObject({ facilityType: 'DELIVERY_VEHICLE', latitude: 29.7604, longitude: -95.3698, eventType: 'TRANSIT' });
    await s.close();
  });

  it('deleting a shipment deletes its Flash Americas details', async () => {
    const s = await store.open();
    await insertShipment(s.db, {
      id: 's1',
      provider: 'flashamericas',
      remoteId: '1234567890',
      trackingNumber: '1234567890',
      orderNumber: null,
      recipientName: null,
      destination: null,
      currentAttempt: null,
      at: AT,
    });
    await saveFaSnapshot(s.db, 's1', snapshotFromTracking(tracking), AT);
    await s.db.deleteFrom('shipments').where('id', '=', 's1').execute();
    expect(await getFaDetails(s.db, 's1')).toBeUndefined();
    expect(await listFaEvents(s.db, 's1')).toEqual([]);
    await s.close();
  });
});
