import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  checkpointFromWebhook,
  exceptionRow,
  FA_STATUS_TABLE,
  snapshotFromTracking,
  statusRow,
  toCheckpoint,
} from '../../electron/core/api/flashamericas/mapping';
import {
  FA_EXCEPTION_CODES,
  FA_STATUSES,
  FaEventSchema,
  FaTrackingSchema,
  FaWebhookPayloadSchema,
} from '../../electron/core/api/flashamericas/schemas';
import { TAG_CATALOGUE } from '../../shared/domain/tags';

const event = (over: Record<string, unknown>) =>
  FaEventSchema.parse({ eventId: 'evt_x', timestamp: '2025-02-21T09:15:00Z', status: 'IN_TRANSIT', description: 'Scan', ...over });

describe('Flash Americas status table', () => {
  // The table, written out independently of the code under test.
  const expected: Array<[string, string, string]> = [
    ['LABEL_CREATED', 'Pending', 'Label created; the carrier has not received the parcel yet'],
    ['PICKUP_SCHEDULED', 'InfoReceived', 'Carrier pickup scheduled'],
    ['PICKED_UP', 'InTransit', 'Picked up by the carrier'],
    ['IN_TRANSIT', 'InTransit', 'In transit'],
    ['OUT_FOR_DELIVERY', 'InTransit', 'Out for delivery'],
    ['DELIVERED', 'Delivered', 'Delivered'],
    ['EXCEPTION', 'Exception', 'Delivery exception'],
    ['RETURNED', 'Exception', 'Being returned to sender'],
  ];

  it.each(expected)('%s → %s', (status, tag, message) => {
    const row = statusRow(status);
    expect(row.tag).toBe(tag);
    expect(row.subtagMessage).toBe(message);
    expect(row.subtag.startsWith(`${tag}_FA_`)).toBe(true);
  });

  it('covers every documented status and nothing else', () => {
    expect(Object.keys(FA_STATUS_TABLE).sort()).toEqual([...FA_STATUSES].sort());
    expect(expected.map((r) => r[0]).sort()).toEqual([...FA_STATUSES].sort());
  });

  it('keeps out-for-delivery apart from plain in-transit', () => {
    expect(statusRow('OUT_FOR_DELIVERY').subtag).toBe('InTransit_FA_OUT_FOR_DELIVERY');
    expect(statusRow('OUT_FOR_DELIVERY').subtag).not.toBe(statusRow('IN_TRANSIT').subtag);
  });

  it('reads a status it does not know as Unknown, which never notifies', () => {
    const row = statusRow('LOST_IN_SPACE');
    expect(row.tag).toBe('Unknown');
    expect(TAG_CATALOGUE[row.tag].notifies).toBe(false);
  });

  it('notifies on the same tags a Flex Forward shipment would', () => {
    expect(TAG_CATALOGUE[statusRow('LABEL_CREATED').tag].notifies).toBe(false);
    expect(TAG_CATALOGUE[statusRow('OUT_FOR_DELIVERY').tag].notifies).toBe(true);
    expect(TAG_CATALOGUE[statusRow('DELIVERED').tag].terminal).toBe(true);
    expect(TAG_CATALOGUE[statusRow('RETURNED').tag].terminal).toBe(false);
  });
});

describe('Flash Americas exception codes', () => {
  const expected: Array<[string, string, string, string]> = [
    ['001', 'RECIPIENT_NOT_AVAILABLE', 'Nobody was available to receive the parcel', 'DELIVERY_ATTEMPT'],
    ['002', 'INCORRECT_ADDRESS', 'The address is incomplete or incorrect', 'DELIVERY_ATTEMPT'],
    ['003', 'BUSINESS_CLOSED', 'The business was closed at the delivery attempt', 'DELIVERY_ATTEMPT'],
    ['004', 'WEATHER_DELAY', 'Delayed by weather', 'EXCEPTION'],
    ['005', 'MECHANICAL_DELAY', 'Delayed by a vehicle or equipment problem', 'EXCEPTION'],
    ['006', 'CUSTOMS_HOLD', 'Held by customs', 'CUSTOMS'],
    ['007', 'REFUSED_BY_RECIPIENT', 'The recipient refused the parcel', 'DELIVERY_ATTEMPT'],
    ['008', 'DAMAGED_PACKAGE', 'The parcel was damaged in transit', 'EXCEPTION'],
  ];

  it.each(expected)('%s %s → Exception subtag with code and reason', (code, reason, message, eventType) => {
    const cp = toCheckpoint(event({ status: 'EXCEPTION', exceptionCode: code, exceptionReason: reason }));
    expect(cp.tag).toBe('Exception');
    expect(cp.subtag).toBe(`Exception_FA_${code}`);
    expect(cp.subtagMessage).toBe(`${message} (${code} ${reason})`);
    expect(cp.exceptionCode).toBe(code);
    expect(cp.exceptionReason).toBe(reason);
    expect(cp.eventType).toBe(eventType);
  });

  it('covers every documented code', () => {
    expect(expected.map((r) => r[0])).toEqual(Object.keys(FA_EXCEPTION_CODES));
  });

  it('strips the stray back-tick the docs show after reasons (gap 12) and pads numeric codes (gap 13)', () => {
    const cp = toCheckpoint(event({ status: 'EXCEPTION', exceptionCode: 4, exceptionReason: 'WEATHER_DELAY`' }));
    expect(cp.exceptionCode).toBe('004');
    expect(cp.exceptionReason).toBe('WEATHER_DELAY');
    expect(cp.subtag).toBe('Exception_FA_004');
  });

  it('keeps an undocumented code and its reason instead of dropping them', () => {
    const row = exceptionRow('042', 'ALIENS');
    expect(row).toMatchObject({ tag: 'Exception', subtag: 'Exception_FA_042', subtagMessage: 'Delivery exception (042 ALIENS)' });
  });
});

describe('snapshots, feed events and webhooks', () => {
  const tracking = FaTrackingSchema.parse({
    shipmentId: '660e8400-e29b-41d4-a716-446655440001',
    trackingNumber: '1234567890',
    provider: 'FEDEX',
    service: 'FEDEX_GROUND',
    status: 'OUT_FOR_DELIVERY',
    estimatedDelivery: '2025-02-21T17:00:00Z',
    actualDelivery: null,
    destination: { city: 'Houston', state: 'TX', country: 'US' },
    events: [
      {
        eventId: 'evt_003',
        timestamp: '2025-02-20T14:30:00Z',
        status: 'PICKED_UP',
        description: 'Picked up at origin',
        facilityType: 'PICKUP_LOCATION',
      },
      {
        eventId: 'evt_001',
        timestamp: '2025-02-21T09:15:00Z',
        status: 'OUT_FOR_DELIVERY',
        description: 'On FedEx vehicle for delivery',
        location: {
          city: 'Houston',
          state: 'TX',
          postalCode: '77001',
          country: 'US',
          coordinates: { latitude: 29.7604, longitude: -95.3698 },
        },
        facilityType: 'DELIVERY_VEHICLE',
      },
    ],
  });

  it('keeps carrier, ETA, facility types and coordinates, newest checkpoint first', () => {
    const s = snapshotFromTracking(tracking);
    expect(s).toMatchObject({
      tag: 'InTransit',
      subtag: 'InTransit_FA_OUT_FOR_DELIVERY',
      carrier: 'FEDEX',
      estimatedDelivery: '2025-02-21T17:00:00Z',
      destination: 'Houston, TX, US',
    });
    expect(s.checkpoints.map((c) => c.eventId)).toEqual(['evt_001', 'evt_003']);
    expect(s.checkpoints[0]).toMatchObject({
      facilityType: 'DELIVERY_VEHICLE',
      latitude: 29.7604,
      longitude: -95.3698,
      eventType: 'TRANSIT',
    });
    expect(s.checkpoints[1]).toMatchObject({ facilityType: 'PICKUP_LOCATION', eventType: 'PICKUP', latitude: null });
  });

  it('a delivery from the feed moves the snapshot to Delivered with recipient and proof of delivery', () => {
    const s = snapshotFromTracking(tracking);
    const delivered = toCheckpoint(
      event({
        eventId: 'evt_009',
        timestamp: '2025-02-21T16:45:00Z',
        status: 'DELIVERED',
        recipient: 'J. DOE',
        signature: 'https://api.flashamericas.com/documents/signature_123.png',
      }),
    );
    const next = applyEvents(s, [delivered]);
    expect(next).toMatchObject({
      tag: 'Delivered',
      subtagMessage: 'Delivered (signed by J. DOE)',
      recipient: 'J. DOE',
      proofOfDeliveryUrl: 'https://api.flashamericas.com/documents/signature_123.png',
      deliveredAt: '2025-02-21T16:45:00Z',
    });
    expect(applyEvents(next!, [delivered])).toBeNull();
  });

  it('an older event arriving late does not move the tag backwards', () => {
    const s = snapshotFromTracking(tracking);
    const late = toCheckpoint(event({ eventId: 'evt_late', timestamp: '2025-02-20T20:00:00Z', status: 'IN_TRANSIT' }));
    const next = applyEvents(s, [late])!;
    expect(next.tag).toBe('InTransit');
    expect(next.subtag).toBe('InTransit_FA_OUT_FOR_DELIVERY');
    expect(next.checkpoints).toHaveLength(3);
  });

  it('a shipment whose status is EXCEPTION takes the code from its latest exception event', () => {
    const s = snapshotFromTracking(
      FaTrackingSchema.parse({
        ...tracking,
        status: 'EXCEPTION',
        events: [
          { eventId: 'e1', timestamp: '2025-02-21T15:30:00Z', status: 'EXCEPTION', exceptionCode: '006', exceptionReason: 'CUSTOMS_HOLD' },
        ],
      }),
    );
    expect(s.subtag).toBe('Exception_FA_006');
  });

  it('webhook deliveries map like feed events; shipment.cancelled becomes Cancelled (gap 11)', () => {
    const base = {
      eventId: 'evt_1',
      timestamp: '2025-02-21T16:45:00Z',
      data: { trackingNumber: '1234567890', status: 'DELIVERED', recipient: 'J. DOE' },
    };
    expect(checkpointFromWebhook(FaWebhookPayloadSchema.parse({ ...base, eventType: 'shipment.delivered' }))).toMatchObject({
      tag: 'Delivered',
      recipient: 'J. DOE',
    });
    expect(
      checkpointFromWebhook(
        FaWebhookPayloadSchema.parse({ ...base, eventType: 'shipment.cancelled', data: { ...base.data, status: 'LABEL_CREATED' } }),
      ).tag,
    ).toBe('Cancelled');
  });
});
