/**
 * End of day through a whole station on the sandbox (issue 13): labels made
 * by two packers, one of them voided, give a handover list per courier
 * without the voided one (parcels, weight, tracking numbers) and a count per
 * packer with it; the CSV lists each label with its packer; a range that ends
 * before the labels holds none; the PDF is a PDF.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EndOfDayView } from '../../../shared/domain/end-of-day';
import { caller, value, type Call } from '../../helpers/orders';
import { startTestStation, type TestStation } from '../../helpers/station';

const party = (firstName: string) => ({
  contact: { firstName, lastName: 'Buyer', phone: '+1-555-0100' },
  address: { streetLines: ['1 Main St'], city: 'Los Angeles', state: 'CA', postalCode: '90001', countryCode: 'US' },
});
const label = (order: string, parcels: number[]) => ({
  courier: 'yunexpress',
  service: { productCode: 'YEXP01' },
  shipment: {
    shipFrom: party('Ware'),
    shipTo: party('Pat'),
    parcels: parcels.map((weight) => ({
      weight,
      dimension: { length: 30, width: 20, height: 10 },
      items: [{ descriptionEn: 'Ink pen', quantity: 1, unitPrice: { amount: 3.5, currency: 'USD' }, unitWeight: 0.2 }],
    })),
  },
  order: { customerOrderNumber: order },
  confirm: { printLater: true },
});

describe('end of day', () => {
  let t: TestStation;
  let call: Call;
  afterEach(async () => t?.dispose());

  it('lists the day per courier without voided labels, counts per packer with them, and writes CSV and PDF', async () => {
    t = await startTestStation({ settings: { autoPrint: false, stationName: 'Bench 7' } });
    call = caller(t.station);
    await value(call('packers:save', { packer: { name: 'Li Wei', badge: '0001' } }));
    await value(call('packers:save', { packer: { name: 'Ana Costa', badge: '0002' } }));
    await value(call('scan:resolve', { code: '%BADGE-0001' }));
    const a = await value(call<{ shipmentId: string; trackingNumber: string }>('labels:create', label('ORD-1', [0.5, 1.25])));
    const b = await value(call<{ shipmentId: string; trackingNumber: string }>('labels:create', label('ORD-2', [2])));
    await value(call('scan:resolve', { code: '%BADGE-0002' }));
    const c = await value(call<{ shipmentId: string; trackingNumber: string }>('labels:create', label('ORD-3', [0.75])));
    // Ana voids Li's second label (a duplicate): it leaves the handover, stays in Li's count, and the log says who.
    await value(call('labels:void', { shipmentId: b.shipmentId, reason: 'duplicate' }));
    const voidEntry = (
      await value(call<{ entries: Array<{ action: string; packer: string; reason: string }> }>('audit:list', { shipmentId: b.shipmentId }))
    ).entries[0];
    expect(voidEntry).toMatchObject({ action: 'void', packer: 'Ana Costa', reason: 'duplicate' });

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const view = await value(call<EndOfDayView>('endOfDay:view', { from, to }));
    expect(view.station).toBe('Bench 7');
    expect(view.couriers).toHaveLength(1);
    // The driver reads the courier's name from the account's list, not its code.
    expect(view.couriers[0]).toMatchObject({ courierCode: 'yunexpress', courierName: 'YunExpress' });
    expect(view.couriers[0]!.labels.map((l) => [l.trackingNumber, l.orderNumber, l.parcels, l.weightKg, l.packer])).toEqual([
      [a.trackingNumber, 'ORD-1', 2, 1.75, 'Li Wei'],
      [c.trackingNumber, 'ORD-3', 1, 0.75, 'Ana Costa'],
    ]);
    expect(view.totals).toEqual({ labels: 2, parcels: 3, weightKg: 2.5, voided: 1 });
    expect(view.packers.map((p) => [p.packer, p.labels, p.voided])).toEqual([
      ['Ana Costa', 1, 0],
      ['Li Wei', 1, 1],
    ]);

    const csv = await value(call<{ base64: string; fileName: string }>('endOfDay:file', { from, to, document: 'handover', format: 'csv' }));
    const rows = Buffer.from(csv.base64, 'base64')
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^YunExpress,yunexpress,/);
    expect(rows[1]).toContain(`${a.trackingNumber},ORD-1,2,1.75,`);
    expect(rows[1]).toMatch(/,Li Wei,Bench 7$/);
    expect(rows.join('\n')).not.toContain(b.trackingNumber);
    const pdf = await value(
      call<{ base64: string; mimeType: string }>('endOfDay:file', { from, to, document: 'handover', format: 'pdf', paper: 'A4' }),
    );
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const packers = await value(call<{ base64: string }>('endOfDay:file', { from, to, document: 'packers', format: 'csv' }));
    expect(Buffer.from(packers.base64, 'base64').toString('utf8')).toMatch(/Li Wei,1,1,/);

    const before = await value(call<EndOfDayView>('endOfDay:view', { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }));
    expect(before.couriers).toEqual([]);
    const backwards = await call('endOfDay:view', { from: to, to: from });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ field: 'to' }] } });
  });
});
