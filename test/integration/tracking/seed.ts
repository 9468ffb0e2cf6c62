import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openShipmentDb, type ShipmentDb } from '../../../electron/core/db/open';
import { insertShipment } from '../../../electron/core/db/queries/shipments';
import { insertTracking } from '../../../electron/core/db/queries/tracking';
import type { Tag } from '../../../shared/domain/tags';
import type { TrackingSnapshot } from '../../../electron/core/tracking/ports';

export interface TempDb extends ShipmentDb {
  dispose(): Promise<void>;
}

/** A migrated database in a fresh temporary folder; `dispose` closes it and removes the folder. */
export async function tempDb(): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), 'station-tracking-'));
  const s = await openShipmentDb(dir);
  return {
    ...s,
    async dispose() {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Flex Forward shipment with tracking scheduled at `nextPollAt`. */
export async function seedShipment(
  db: ShipmentDb['db'],
  p: { id: string; tag?: Tag; at: number; nextPollAt: number; orderNumber?: string; recipientName?: string; trackingNumber?: string },
): Promise<void> {
  await insertShipment(db, {
    id: p.id,
    provider: 'flexforward',
    remoteId: `label-${p.id}`,
    trackingNumber: p.trackingNumber ?? null,
    orderNumber: p.orderNumber ?? `ORDER-${p.id}`,
    recipientName: p.recipientName ?? 'Pat Buyer',
    destination: 'US',
    currentAttempt: null,
    at: p.at,
  });
  await insertTracking(db, { shipmentId: p.id, provider: 'flexforward', tag: p.tag ?? 'Pending', at: p.at, nextPollAt: p.nextPollAt });
}

export function snapshot(tag: Tag, checkpoints: TrackingSnapshot['checkpoints'] = [], trackingNumber = 'YT2503010001CN'): TrackingSnapshot {
  return { trackingNumber, tag, subtag: `${tag}_001`, subtagMessage: `${tag} message`, checkpoints };
}

export function checkpoint(at: number, tag: Tag, message: string): TrackingSnapshot['checkpoints'][number] {
  return { at, tag, subtag: `${tag}_001`, message, location: null, city: 'Los Angeles', state: 'CA', country: 'US' };
}

/** An error shaped like the API client's (retryable / kind). */
export function apiError(message: string, props: { retryable: boolean; kind: string }): Error {
  return Object.assign(new Error(message), props);
}
