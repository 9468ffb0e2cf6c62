import type { StationDb, WarehouseDb } from '../../../electron/core/db/open';
import type { DialectName } from '../../../electron/core/db/types';
import { insertShipment } from '../../../electron/core/db/queries/shipments';
import { insertTracking } from '../../../electron/core/db/queries/tracking';
import type { Tag } from '../../../shared/domain/tags';
import type { TrackingSnapshot } from '../../../electron/core/tracking/ports';
import { testStore, type TestStore } from '../../helpers/dialects';
import { flushPromises } from '../../helpers/manual-clock';

export interface TempDb extends StationDb {
  store: TestStore;
  /**
   * Resolves once the code under test has gone quiet: promise callbacks
   * settled and (PostgreSQL) no statement in flight or waiting for a
   * connection, twice in a row. For ManualClock.settle.
   */
  settle(): Promise<void>;
  dispose(): Promise<void>;
}

/** A test that never goes quiet is a failure, not a hang. */
const SETTLE_TIMEOUT_MS = 10_000;

/**
 * A migrated database of the test's own (SQLite: a fresh folder; PostgreSQL:
 * a fresh database); `dispose` closes it and removes it.
 */
export async function tempDb(dialect: DialectName = 'sqlite'): Promise<TempDb> {
  const store = await testStore(dialect);
  const s = await store.open();
  const busy = (): boolean => {
    if (!('connections' in s)) return false;
    const c = (s as WarehouseDb).connections();
    return c.open > c.idle || c.waiting > 0;
  };
  return {
    ...s,
    store,
    async settle() {
      const started = Date.now();
      for (let quiet = 0; quiet < 2;) {
        await flushPromises();
        if (busy()) {
          quiet = 0;
          if (Date.now() - started > SETTLE_TIMEOUT_MS) throw new Error(`the database did not go quiet within ${SETTLE_TIMEOUT_MS} ms`);
          await new Promise((r) => setTimeout(r, 1));
        } else {
          quiet++;
        }
      }
    },
    async dispose() {
      await s.close();
      await store.dispose();
    },
  };
}

/** A Flex Forward shipment with tracking scheduled at `nextPollAt`. */
export async function seedShipment(
  db: StationDb['db'],
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
