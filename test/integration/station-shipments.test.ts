/**
 * The shipment, label and tracking contract entries through the one invoke
 * wrapper, on a real station (demo sandbox over HTTP, SQLite in a fresh folder).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/contract';
import { invoke } from '../../electron/core/invoke';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { sampleLabelInput } from '../helpers/flexforward';
import { startTestStation, type TestStation } from '../helpers/station';

let t: TestStation;
let events: StationEvent[];
const log = silentLoggerFactory('test');
const call = (channel: string, args?: unknown) => invoke(t.station.handlers, channel, args, log);

beforeEach(async () => {
  t = await startTestStation();
  t.store.update({ autoPrint: false });
  events = [];
  t.station.events.subscribe((e) => events.push(e));
});
afterEach(async () => {
  await t.dispose();
});

describe('shipments, labels and tracking over the contract', () => {
  it('creates a label, lists, searches, counts and shows it, and serves its document', async () => {
    const created = await call('labels:create', sampleLabelInput({ orderNumber: 'ORDER-77' }));
    expect(created).toMatchObject({ ok: true, value: { state: 'document_ready', error: null } });
    if (!created.ok) return;
    const { shipmentId, trackingNumber } = created.value as { shipmentId: string; trackingNumber: string };
    expect(events.filter((e) => e.type === 'labels:progress').map((e) => (e.payload as { step: string }).step)).toEqual([
      'creating',
      'fetching_document',
      'done',
    ]);

    const list = await call('shipments:list', { search: 'ORDER-77' });
    expect(list).toMatchObject({
      ok: true,
      value: { total: 1, items: [{ id: shipmentId, trackingNumber, labelState: 'document_ready', tag: 'Pending' }] },
    });
    expect(await call('shipments:list', { search: trackingNumber.slice(-6) })).toMatchObject({ value: { total: 1 } });
    expect(await call('shipments:list', { tag: 'Delivered' })).toMatchObject({ value: { total: 0 } });
    expect(await call('shipments:counts')).toMatchObject({ ok: true, value: { total: 1, byTag: { Pending: 1, Delivered: 0 } } });

    const detail = await call('shipments:get', { id: shipmentId });
    expect(detail).toMatchObject({
      ok: true,
      value: {
        orderNumber: 'ORDER-77',
        label: { attempt: 1, state: 'document_ready' },
        request: { courier: 'yunexpress', productCode: 'HKMUZXR', parcels: 1, weightKg: 0.5 },
        tracking: { tag: 'Pending', stoppedReason: null },
        document: { format: 'pdf' },
      },
    });
    // Nothing secret or internal in the detail: no idempotency key, no phone numbers.
    expect(JSON.stringify(detail)).not.toMatch(/station-|\+1-555/);

    const doc = await call('labels:document', { shipmentId });
    expect(doc.ok && Buffer.from((doc.value as { base64: string }).base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    // What will print on the default profile: the 4×6 airway bill is one label, whole and upright at real size.
    const fitted = await call('labels:fitted', { shipmentId });
    expect(fitted).toMatchObject({
      ok: true,
      value: { profileId: 'default', pages: [{ kind: 'label', sourcePage: 1, cropped: false, quarterTurns: 0, scale: 1 }] },
    });
    expect(await call('labels:fitted', { shipmentId, profileId: 'gone' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('labels:fitted', { shipmentId, extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('answers a bad form with field paths before anything is saved', async () => {
    const input = sampleLabelInput();
    input.shipment.parcels[0]!.weight = 0;
    const r = await call('labels:create', input);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(!r.ok && r.error.fields?.map((f) => f.field)).toContain('shipment.parcels.0.weight');
    expect(await call('shipments:counts')).toMatchObject({ value: { total: 0 } });
  });

  it('retries a courier-rejected label as a new attempt, and refuses to reprint a label without a document', async () => {
    const r = await call('labels:create', sampleLabelInput({ postalCode: '00000' }));
    expect(r).toMatchObject({ ok: true, value: { state: 'failed', error: { code: 'COURIER_REJECTED' } } });
    const id = r.ok ? (r.value as { shipmentId: string }).shipmentId : '';
    expect(await call('labels:reprint', { shipmentId: id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await call('labels:retry', { shipmentId: id });
    expect(await call('shipments:get', { id })).toMatchObject({ value: { attempts: [{ attempt: 1 }, { attempt: 2 }] } });
  });

  it('refreshes, pauses and resumes tracking, and reports the poller', async () => {
    const r = await call('labels:create', sampleLabelInput());
    const id = r.ok ? (r.value as { shipmentId: string }).shipmentId : '';
    expect(await call('tracking:refresh', { id })).toMatchObject({ ok: true, value: { polled: true } });
    // Within 15 minutes a plain refresh does not call the API again; a forced one does.
    expect(await call('tracking:refresh', { id })).toMatchObject({ ok: true, value: { polled: false } });
    expect(await call('tracking:refresh', { id, force: true })).toMatchObject({ ok: true, value: { polled: true } });
    expect(await call('tracking:pause')).toMatchObject({ ok: true, value: { state: 'paused', activeShipments: 1 } });
    expect(events.some((e) => e.type === 'tracking:statusChanged')).toBe(true);
    expect(await call('tracking:resume')).toMatchObject({ ok: true, value: { state: 'running', apiHealth: 'ok' } });
    expect(await call('shipments:get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a 20,000-character tracking number, even one that is mostly spaces, and adds no shipment', async () => {
    for (const trackingNumber of ['7'.repeat(20_000), `12345678${' '.repeat(19_992)}`]) {
      const r = await call('shipments:track', { provider: 'flashamericas', trackingNumber });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ field: 'trackingNumber' }] } });
      expect(!r.ok && r.error.message).toMatch(/too long for a tracking number.*only the number|at most 64 characters/);
    }
    expect(await call('shipments:counts')).toMatchObject({ value: { total: 0 } });
    // A number with the spaces a label prints still tracks.
    expect(await call('shipments:track', { provider: 'flashamericas', trackingNumber: '7712 3456 7890' })).toMatchObject({
      ok: true,
      value: { trackingNumber: '771234567890' },
    });
  });
});
