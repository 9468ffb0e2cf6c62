/**
 * Waves storage (migration 0070 and queries/waves.ts) on SQLite and on a real
 * PostgreSQL: the step from 0060 with orders in place, items in sequence, the
 * label read through the item's shipment, counts and failures at one instant,
 * the start-up reset of items that never saved a shipment, and the orders of
 * open waves kept out of a second one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db/migrate';
import type { StationDb } from '../../../electron/core/db/open';
import { insertLabel, updateLabel } from '../../../electron/core/db/queries/labels';
import { insertOrders, listReadyOrders } from '../../../electron/core/db/queries/orders';
import { insertShipment } from '../../../electron/core/db/queries/shipments';
import {
  finishItem,
  getWave,
  insertWave,
  listBuyingItems,
  listOrdersInOpenWaves,
  listWaveItems,
  listWaves,
  listWavesInState,
  markItemBuying,
  readWaveProgress,
  resetUnsavedBuying,
  setItemShipment,
  setWaveState,
} from '../../../electron/core/db/queries/waves';
import { inTransaction, type WritableDb } from '../../../electron/core/db/types';
import { testDialects, testStore, type TestStore } from '../../helpers/dialects';

const dialects = await testDialects();

async function addOrder(db: WritableDb, id: string, at: number, sku = 'MUG-BLU', readiness: 'ready' | 'new' = 'ready'): Promise<void> {
  await insertOrders(db, [{
    id,
    source: 'test',
    externalId: id,
    orderNumber: `#${id}`,
    recipientName: 'Pat Buyer',
    destination: 'Leeds, GB',
    lines: [{ sku, name: sku, quantity: 1 }],
    importedJson: '{}',
    editsJson: null,
    orderJson: '{}',
    conflictsJson: null,
    readiness,
    closedReason: null,
    sourceFile: 'orders.json',
    at,
  }]);
}

async function addShipment(db: WritableDb, id: string, state: 'submitting' | 'printed' | 'failed'): Promise<void> {
  await insertShipment(db, { id, provider: 'flexforward', remoteId: null, trackingNumber: `T-${id}`, orderNumber: null, recipientName: null, destination: null, currentAttempt: 1, at: 1 });
  await insertLabel(db, { shipmentId: id, attempt: 1, idempotencyKey: `k-${id}`, requestJson: '{}', at: 1 });
  if (state !== 'submitting') await updateLabel(db, id, 1, { state, at: 2 });
}

describe.each(dialects)('0070 waves, from 0060 with orders in place (%s)', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await testStore(dialect, { migrated: false });
  });
  afterEach(() => store.dispose());

  it('adds waves beside the orders already imported, which a wave can then take', async () => {
    const old = await store.open({ upTo: 60 });
    await addOrder(old.db, 'o1', 10);
    await old.close();
    const s = await store.open({ upTo: 70 });
    expect(await schemaVersion(s.db)).toBe(70);
    await insertWave(s.db, { id: 'w', station: 'local', state: 'running', pauseReason: null, sequence: 'import', filterJson: '{}', at: 20 }, [
      { orderId: 'o1', orderNumber: '#o1' },
    ]);
    expect(await listWaveItems(s.db, 'w', { states: ['pending'], limit: 10 })).toMatchObject([{ position: 0, orderId: 'o1', tries: 0, fieldErrors: [] }]);
    // An item must name an order that exists.
    await expect(
      insertWave(s.db, { id: 'w2', station: 'local', state: 'running', pauseReason: null, sequence: 'import', filterJson: '{}', at: 20 }, [
        { orderId: 'nope', orderNumber: '#nope' },
      ]),
    ).rejects.toThrow();
    await s.close();
  });
});

describe.each(dialects)('wave queries (%s)', (dialect) => {
  let store: TestStore;
  let s: StationDb;
  beforeEach(async () => {
    store = await testStore(dialect);
    s = await store.open();
    for (let i = 0; i < 6; i++) await addOrder(s.db, `o${i}`, 100 + i, i % 2 === 0 ? 'MUG-BLU' : 'TOTE-1');
    await addOrder(s.db, 'unready', 50, 'MUG-BLU', 'new');
  });
  afterEach(async () => {
    await s.close();
    await store.dispose();
  });

  const wave = (id: string, orders: string[], at = 1_000) =>
    insertWave(
      s.db,
      { id, station: 'local', state: 'running', pauseReason: null, sequence: 'order-number', filterJson: '{"sku":"MUG-BLU"}', at },
      orders.map((o) => ({ orderId: o, orderNumber: `#${o}` })),
    );

  it('finds ready orders by SKU and import period, oldest import first', async () => {
    expect((await listReadyOrders(s.db, { limit: 100 })).map((o) => o.id)).toEqual(['o0', 'o1', 'o2', 'o3', 'o4', 'o5']);
    expect((await listReadyOrders(s.db, { sku: 'tote-1', limit: 100 })).map((o) => o.id)).toEqual(['o1', 'o3', 'o5']);
    expect((await listReadyOrders(s.db, { importedFrom: 102, importedTo: 104, limit: 100 })).map((o) => o.id)).toEqual(['o2', 'o3']);
  });

  it('keeps items in sequence, reads each label through its shipment, and counts and lists failures at one instant', async () => {
    await wave('w', ['o3', 'o0', 'o5', 'o1']);
    expect((await getWave(s.db, 'w'))!).toMatchObject({ state: 'running', sequence: 'order-number', filterJson: '{"sku":"MUG-BLU"}', createdAt: 1_000, finishedAt: null });
    await markItemBuying(s.db, 'w', 0, 1_100);
    await inTransaction(s.db, async (tx) => {
      await addShipment(tx, 's-printed', 'printed');
      await setItemShipment(tx, 'w', 0, 's-printed');
    });
    await finishItem(s.db, 'w', 0, { state: 'done', failure: null, error: null, at: 1_200 });
    await markItemBuying(s.db, 'w', 1, 1_300);
    await addShipment(s.db, 's-failed', 'failed');
    await setItemShipment(s.db, 'w', 1, 's-failed');
    const fields = [{ field: 'shipment.shipTo.address.postalCode', message: 'not serviceable' }];
    await finishItem(s.db, 'w', 1, { state: 'failed', failure: 'label', error: { code: 'COURIER_REJECTED', message: 'refused', fields }, at: 1_500 });
    await markItemBuying(s.db, 'w', 2, 1_600);

    const progress = await readWaveProgress(s.db, 'w', { recent: 10, failures: 10 });
    expect(progress.counts).toEqual({ pending: 1, buying: 1, done: 1, failed: 1, skipped: 0 });
    expect(progress.recent).toEqual([1_500, 1_200]);
    expect(progress.failures).toMatchObject([
      { position: 1, orderId: 'o0', state: 'failed', failure: 'label', errorCode: 'COURIER_REJECTED', fieldErrors: fields, tries: 1, labelState: 'failed', trackingNumber: 'T-s-failed' },
    ]);
    expect(progress.buying.map((i) => i.orderId)).toEqual(['o5']);
    const [first] = await listWaveItems(s.db, 'w', { states: ['done'], limit: 5 });
    expect(first).toMatchObject({ labelState: 'printed', shipmentId: 's-printed', startedAt: 1_100, finishedAt: 1_200 });
    // A retry keeps a bought label's shipment; a new attempt at a refused one starts without.
    await markItemBuying(s.db, 'w', 0, 2_000, true);
    expect((await listWaveItems(s.db, 'w', { states: ['buying'], limit: 5 }))[0]).toMatchObject({ position: 0, shipmentId: 's-printed', tries: 2 });
    await markItemBuying(s.db, 'w', 1, 2_000);
    expect((await listWaveItems(s.db, 'w', { states: ['buying'], fromPosition: 1, limit: 1 }))[0]).toMatchObject({ position: 1, shipmentId: null });
  });

  it('at start-up, an item whose shipment was never saved waits again; one with its shipment is left to finish', async () => {
    await wave('w', ['o0', 'o1', 'o2']);
    await markItemBuying(s.db, 'w', 0, 10);
    await markItemBuying(s.db, 'w', 1, 10);
    await addShipment(s.db, 's-flight', 'submitting');
    await setItemShipment(s.db, 'w', 1, 's-flight');
    expect(await resetUnsavedBuying(s.db)).toBe(1);
    expect((await listBuyingItems(s.db)).map((i) => [i.position, i.shipmentId, i.labelState])).toEqual([[1, 's-flight', 'submitting']]);
    expect((await listWaveItems(s.db, 'w', { states: ['pending'], limit: 5 })).map((i) => i.position)).toEqual([0, 2]);
  });

  it('keeps the orders of open waves out of another, lists the newest first and records when a wave ended', async () => {
    await wave('w1', ['o0', 'o1'], 1_000);
    await wave('w2', ['o2'], 2_000);
    await finishItem(s.db, 'w1', 0, { state: 'done', failure: null, error: null, at: 5 });
    expect((await listOrdersInOpenWaves(s.db)).sort()).toEqual(['o1', 'o2']);
    await setWaveState(s.db, 'w2', { state: 'paused', pauseReason: 'printer', pauseMessage: 'Zebra: paper-out.', at: 3_000 });
    expect(await getWave(s.db, 'w2')).toMatchObject({ state: 'paused', pauseReason: 'printer', pauseMessage: 'Zebra: paper-out.', updatedAt: 3_000 });
    expect((await listWavesInState(s.db, 'running')).map((w) => w.id)).toEqual(['w1']);
    await setWaveState(s.db, 'w1', { state: 'cancelled', pauseReason: null, pauseMessage: null, at: 4_000 });
    expect(await listOrdersInOpenWaves(s.db)).toEqual(['o2']);
    expect((await listWaves(s.db, 10)).map((w) => [w.id, w.finishedAt])).toEqual([
      ['w2', null],
      ['w1', 4_000],
    ]);
  });
});
