/**
 * The audit log (issue 13). On a real database of each dialect: entries are
 * written with the time, the station's name and the packer on duty as they
 * were, the database refuses to change or remove one, and the list and CSV
 * export filter as the screens ask. Then through a whole station on the
 * sandbox: an import, a label created for an order, its print, a reprint
 * from a button (with its reason) and one by scan ("rescan"), a retry, a
 * cancellation, setting changes and shifts, each shown per order and per
 * shipment with the packer who was on duty.
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/core/audit/audit-log';
import type { StationDb } from '../../../electron/core/db/open';
import type { AuditEntry, AuditPage } from '../../../shared/domain/audit';
import type { PackersView } from '../../../shared/domain/packers';
import { testDialects, testStore, type TestStore } from '../../helpers/dialects';
import { ManualClock } from '../../helpers/manual-clock';
import { caller, fileArg, fixture, setUpPacking, value, type Call } from '../../helpers/orders';
import { startTestStation, type TestStation } from '../../helpers/station';

describe.each(await testDialects())('audit log on %s', (dialect) => {
  let store: TestStore;
  let db: StationDb;
  const clock = new ManualClock(Date.parse('2026-03-01T08:00:00Z'));
  let station = 'Bench 3';
  let packer: { id: string; name: string } | null = null;
  let log: AuditLog;
  beforeAll(async () => {
    store = await testStore(dialect);
    db = await store.open();
    log = new AuditLog({ db: db.db, clock, station: () => station, packer: () => packer });
  });
  afterAll(async () => {
    await db.close();
    await store.dispose();
  });

  it('writes when, where and who as they were then, and lists newest first by shipment or order', async () => {
    packer = { id: 'p1', name: 'Li Wei' };
    await log.record({ action: 'label-created', shipmentId: 'shp-1', trackingNumber: 'YT1', orderNumber: '#1001' });
    clock.advance(60_000);
    station = 'Bench 4';
    packer = { id: 'p2', name: 'Ana Costa' };
    await log.record({ action: 'reprint', shipmentId: 'shp-1', trackingNumber: 'YT1', reason: 'damaged' });
    await log.record({ action: 'label-created', shipmentId: 'shp-2', trackingNumber: 'YT2' });
    const page = await log.list({ shipmentId: 'shp-1', limit: 10 });
    expect(page.more).toBe(false);
    expect(page.entries.map((e) => [e.action, e.packer, e.station, e.reason])).toEqual([
      ['reprint', 'Ana Costa', 'Bench 4', 'damaged'],
      ['label-created', 'Li Wei', 'Bench 3', null],
    ]);
    expect(page.entries[1]!.at).toBe('2026-03-01T08:00:00.000Z');
    const first = await log.list({ limit: 1 });
    expect(first.more).toBe(true);
    const next = await log.list({ limit: 10, beforeId: first.entries[0]!.id });
    expect(next.entries.map((e) => e.shipmentId)).toEqual(['shp-1', 'shp-1']);
  });

  it('refuses to change or remove an entry, whoever asks', async () => {
    await expect(sql`UPDATE audit_log SET packer_name = ${'Someone else'}`.execute(db.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db.db)).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(sql`TRUNCATE audit_log`.execute(db.db)).rejects.toThrow(/append-only/);
    expect((await log.list({ limit: 100 })).entries).toHaveLength(3);
  });

  it("exports a range as CSV, oldest first, times with the station's offset, in the packer's language", async () => {
    const { csv, entries } = await log.exportCsv({ from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' }, 'zh-CN', 'Asia/Shanghai');
    expect(entries).toBe(3);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('时间,工作站,打包员,操作,订单,运单号,原因,详情,货件 ID,订单 ID');
    expect(lines[1]).toBe('2026-03-01T16:00:00+08:00,Bench 3,Li Wei,label-created,#1001,YT1,,,shp-1,');
    expect(lines[2]).toContain(',Ana Costa,reprint,,YT1,damaged,');
    const none = await log.exportCsv({ from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' }, 'en');
    expect(none.entries).toBe(0);
  });
});

function erpOrder(cancelledAt: string | null): string {
  return JSON.stringify({
    format: 'shipping-station.orders',
    version: 1,
    source: 'erp',
    orders: [
      {
        externalId: 'SO-1',
        orderNumber: 'SO-10023',
        shipTo: {
          contact: { firstName: 'Ana', lastName: 'Buyer', phone: '+44 113 496 0000' },
          address: { streetLines: ['22 High Street'], city: 'Leeds', postalCode: 'LS1 4AP', countryCode: 'GB' },
        },
        currency: 'USD',
        lines: [{ sku: 'MUG-BLU', name: 'Speckled Mug', quantity: 2, unitPrice: 12.5 }],
        cancelledAt,
      },
    ],
  });
}

describe('audit log through a station', () => {
  let t: TestStation;
  let call: Call;
  afterEach(async () => t?.dispose());
  const list = (args: object) => value(call<AuditPage>('audit:list', args)).then((p) => p.entries);
  const actions = (entries: AuditEntry[]) => entries.map((e) => e.action);

  it('records an order from import to label, print and reprints, with the packer on duty and the station', async () => {
    t = await startTestStation({ settings: { autoPrint: false, stationName: 'Bench 7' } });
    call = caller(t.station);
    await setUpPacking(call);
    const li = await value(call<PackersView>('packers:save', { packer: { name: 'Li Wei', badge: '0001' } }));
    await value(call('packers:save', { packer: { name: 'Ana Costa', badge: '0002' } }));
    await value(call('scan:resolve', { code: '%BADGE-0001' }));
    await value(call('orders:import', { file: fileArg('orders_export.csv', fixture('shopify-orders-export.csv')) }));
    const orders = await value(call<{ items: Array<{ id: string; orderNumber: string }> }>('orders:list', { search: '#1001' }));
    const ada = orders.items.find((o) => o.orderNumber === '#1001')!;
    const shipped = await value(call<{ label: { shipmentId: string; trackingNumber: string } }>('orders:ship', { id: ada.id }));
    const shipmentId = shipped.label.shipmentId;
    // Ana takes over with one scan; she reprints from a button (damaged), then by scan (no question asked).
    await value(call('scan:resolve', { code: '%badge:0002' }));
    await value(call('labels:reprint', { shipmentId, reason: 'damaged' }));
    await value(call('labels:reprint', { shipmentId, reason: 'rescan' }));

    const byShipment = await list({ shipmentId });
    expect(actions(byShipment)).toEqual(['reprint', 'reprint', 'label-created', 'import']);
    expect(byShipment.map((e) => [e.packer, e.reason])).toEqual([
      ['Ana Costa', 'rescan'],
      ['Ana Costa', 'damaged'],
      ['Li Wei', null],
      ['Li Wei', null],
    ]);
    expect(byShipment.every((e) => e.station === 'Bench 7')).toBe(true);
    expect(byShipment[2]).toMatchObject({ trackingNumber: shipped.label.trackingNumber, orderNumber: '#1001' });
    expect(byShipment[2]!.detail).toMatch(/yunexpress YEXP01, 1 parcel/);
    // The order's history is the same story.
    expect(actions(await list({ orderId: ada.id }))).toEqual(actions(byShipment));
    // Shifts and the packers list are in the log too.
    const all = await list({ limit: 500 });
    const shifts = all.filter((e) => e.action === 'shift').map((e) => e.detail);
    expect(shifts).toEqual([
      expect.stringMatching(/^Ana Costa on duty \(badge 0002\), after Li Wei/),
      expect.stringMatching(/^Li Wei on duty \(badge 0001\)/),
    ]);
    expect(all.some((e) => e.action === 'setting-change' && e.detail === `packer added: Li Wei, badge ${li.packers[0]!.badge}`)).toBe(true);
    expect(all.some((e) => e.action === 'import' && e.reason === 'file' && /orders_export\.csv: 9 new/.test(e.detail ?? ''))).toBe(true);
  });

  it('records setting changes (secrets as saved only), print profiles, station defaults and a shop cancellation', async () => {
    t = await startTestStation({ settings: { autoPrint: false } });
    call = caller(t.station);
    await value(call('settings:update', { scanReprint: true, stationName: 'Dock 2' }));
    await value(call('settings:setApiToken', { token: 'ff_test_0123456789' }));
    await value(call('stationDefaults:update', { shipOnScan: true }));
    const entries = await list({ action: 'setting-change' });
    expect(entries.map((e) => e.detail)).toEqual([
      'station defaults changed: shipOnScan',
      'API token saved',
      'stationName: "Packing bench" → "Dock 2"; scanReprint: false → true',
    ]);
    expect(JSON.stringify(entries)).not.toContain('0123456789');
    // Written with the name the station had then: the rename applies from the next entry on.
    expect(entries[0]!.station).toBe('Dock 2');

    await setUpPacking(call);
    await value(call('orders:import', { file: fileArg('erp.json', erpOrder(null)) }));
    const [order] = (await value(call<{ items: Array<{ id: string }> }>('orders:list', { search: 'SO-10023' }))).items;
    await value(call('orders:ship', { id: order!.id }));
    const again = await value(
      call<{ stored: { cancelledAfterLabelling: unknown[] } }>('orders:import', {
        file: fileArg('erp.json', erpOrder('2026-03-03T09:00:00Z')),
      }),
    );
    expect(again.stored.cancelledAfterLabelling).toHaveLength(1);
    const trail = await list({ orderId: order!.id });
    expect(trail[0]).toMatchObject({ action: 'cancellation', reason: 'cancelled-after-label', orderNumber: 'SO-10023' });
    expect(actions(trail)).toEqual(['cancellation', 'label-created', 'import']);
  });
});
