import { describe, expect, it, vi } from 'vitest';
import { FlashAmericasError } from '../../electron/core/api/flashamericas/errors';
import { FlashAmericasTrackingSource } from '../../electron/core/api/flashamericas/tracking-source';
import { FaTrackingSchema, type FaTracking } from '../../electron/core/api/flashamericas/schemas';
import { classifyFailure } from '../../electron/core/tracking/ports';
import { silentLoggerFactory } from '../../electron/core/util/log';

const tracking = (trackingNumber: string, status = 'IN_TRANSIT'): FaTracking =>
  FaTrackingSchema.parse({
    shipmentId: `id-${trackingNumber}`,
    trackingNumber,
    status,
    events: [{ eventId: `e-${trackingNumber}`, timestamp: '2025-02-21T09:15:00Z', status }],
  });

function source(client: {
  trackShipment: (tn: string) => Promise<FaTracking>;
  trackShipments: (tns: readonly string[]) => Promise<FaTracking[]>;
}) {
  const one = vi.fn(client.trackShipment);
  const many = vi.fn(client.trackShipments);
  return {
    one,
    many,
    src: new FlashAmericasTrackingSource({ client: { trackShipment: one, trackShipments: many }, logger: silentLoggerFactory('t') }),
  };
}

describe('Flash Americas tracking source', () => {
  it('a packer’s request goes alone; background polls started together share one batch call', async () => {
    const { one, many, src } = source({
      trackShipment: async (tn) => tracking(tn),
      trackShipments: async (tns) => tns.map((t) => tracking(t)),
    });
    await src.getTracking('U1', { priority: 'user' });
    expect(one).toHaveBeenCalledTimes(1);
    const snaps = await Promise.all(['A', 'B', 'C'].map((tn) => src.getTracking(tn, { priority: 'background' })));
    expect(many).toHaveBeenCalledTimes(1);
    expect(many.mock.calls[0]![0]).toEqual(['A', 'B', 'C']);
    expect(snaps.map((s) => [s.trackingNumber, s.tag, s.checkpoints[0]!.at])).toEqual([
      ['A', 'InTransit', Date.parse('2025-02-21T09:15:00Z')],
      ['B', 'InTransit', Date.parse('2025-02-21T09:15:00Z')],
      ['C', 'InTransit', Date.parse('2025-02-21T09:15:00Z')],
    ]);
  });

  it('a number left out of the batch answer is asked alone and gets its own error', async () => {
    const { one, src } = source({
      trackShipment: async (tn) => {
        throw new FlashAmericasError('not_found', `unknown ${tn}`, { apiCode: 'TRACKING_NOT_FOUND' });
      },
      trackShipments: async (tns) => tns.filter((t) => t !== 'GONE').map((t) => tracking(t)),
    });
    const [ok, gone] = await Promise.allSettled([
      src.getTracking('OK', { priority: 'background' }),
      src.getTracking('GONE', { priority: 'background' }),
    ]);
    expect(ok.status).toBe('fulfilled');
    expect(gone.status).toBe('rejected');
    expect(one).toHaveBeenCalledWith('GONE', 'background');
    // The poller stops a shipment after repeated "gone" answers, like a Flex Forward 404.
    expect(classifyFailure((gone as PromiseRejectedResult).reason)).toBe('gone');
  });

  it('a failed batch fails every poll in it, as transient when it is', async () => {
    const { src } = source({
      trackShipment: async (tn) => tracking(tn),
      trackShipments: async () => {
        throw new FlashAmericasError('upstream', 'boom', { status: 503 });
      },
    });
    const results = await Promise.allSettled(['A', 'B'].map((tn) => src.getTracking(tn, { priority: 'background' })));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(classifyFailure((results[0] as PromiseRejectedResult).reason)).toBe('transient');
  });

  it('TRACKING_NOT_AVAILABLE reads as Pending, not as a failure', async () => {
    const { src } = source({
      trackShipment: async () => {
        throw new FlashAmericasError('not_available', 'later', { retryAfterMs: 3_600_000 });
      },
      trackShipments: async () => [],
    });
    await expect(src.getTracking('NEW1', { priority: 'user' })).resolves.toMatchObject({
      tag: 'Pending',
      subtag: 'Pending_FA_NOT_AVAILABLE',
      checkpoints: [],
    });
  });
});
