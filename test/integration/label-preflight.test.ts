/**
 * The check before a label is bought, through the station's contract, with a
 * private CUPS scheduler and the embedded sandbox: a fresh station's label
 * profile is pointed at a real queue, a ready printer gets its label, and a
 * printer reporting a fault (the CUPS test back end's media-empty-error, a
 * stopped queue) means nothing is bought unless the packer says "buy now,
 * print later".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/contract';
import { invoke } from '../../electron/core/invoke';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { needSystem } from '../helpers/ci';
import { CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../helpers/cups';
import { sampleLabelInput } from '../helpers/flexforward';
import { startTestStation, type TestStation } from '../helpers/station';

const RUN = needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install);

describe.runIf(RUN)('the printer is checked before a label is bought', () => {
  let cups: CupsInstance;
  let zebra: RawQueue;
  let t: TestStation;
  const events: StationEvent[] = [];
  const call = async <T = unknown>(channel: string, args?: unknown) =>
    invoke(t.station.handlers, channel, args, silentLoggerFactory('test')) as Promise<
      { ok: true; value: T } | { ok: false; error: { code: string; message: string } }
    >;
  const shipmentCount = async () => {
    const r = await call<{ total: number }>('shipments:list', {});
    return r.ok ? r.value.total : -1;
  };
  const useQueue = async (printer: string) => {
    const saved = await call('printProfiles:save', {
      profile: {
        name: printer,
        mode: 'system',
        printer,
        media: { preset: '4x6in' },
        dpi: 203,
        copies: 1,
        orientation: 'auto',
        darkness: null,
        findLabel: true,
      },
      makeDefault: true,
    });
    expect(saved.ok).toBe(true);
  };

  beforeAll(async () => {
    cups = await startCups();
    // No system default; an office laser listed first, the label printer second.
    await cups.addRawQueue('Office_Laser');
    zebra = await cups.addRawQueue('Zebra_GK420d');
    await cups.addStateQueue('Empty_Printer', ['media-empty-error']);
    t = await startTestStation({ printing: { cupsServer: cups.server } });
    t.station.events.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await t?.dispose();
    await cups?.stop();
  });

  it('first launch: the label profile names a real queue (the label printer, not "system default")', async () => {
    const status = await call<{ profileId: string; status: { target: string; level: string } }>('printers:status');
    expect(status).toMatchObject({ ok: true, value: { profileId: 'default', status: { target: 'Zebra_GK420d', level: 'ready' } } });
    const profiles = await call<{ profiles: Array<{ id: string; printer: string | null }> }>('printProfiles:list');
    expect(profiles.ok && profiles.value.profiles.find((p) => p.id === 'default')?.printer).toBe('Zebra_GK420d');
  });

  it('a ready printer: the label is bought and printed on it', async () => {
    const r = await call<{ state: string; trackingNumber: string }>('labels:create', sampleLabelInput({ orderNumber: 'READY-1' }));
    expect(r).toMatchObject({ ok: true, value: { state: 'printed' } });
    expect((await zebra.listener.waitForDelivery(0)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('a printer out of labels: PRINTER_NOT_READY, one message with one instruction, and nothing bought or saved', async () => {
    await useQueue('Empty_Printer');
    const before = await shipmentCount();
    events.length = 0;
    const r = await call('labels:create', sampleLabelInput({ orderNumber: 'EMPTY-1' }));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'PRINTER_NOT_READY', message: 'Empty_Printer: out of labels. Load labels into the printer.' },
    });
    expect(await shipmentCount()).toBe(before);
    // The status bar heard the check.
    expect(events.find((e) => e.type === 'printers:status')).toMatchObject({
      payload: { status: { target: 'Empty_Printer', faults: ['paper-out'] } },
    });
  });

  it('"buy now, print later": bought and kept unprinted, no print job', async () => {
    const before = await shipmentCount();
    const r = await call<{ shipmentId: string; state: string; trackingNumber: string | null; error: null }>('labels:create', {
      ...sampleLabelInput({ orderNumber: 'EMPTY-2' }),
      confirm: { printLater: true },
    });
    expect(r).toMatchObject({ ok: true, value: { state: 'document_ready', error: null } });
    expect(r.ok && r.value.trackingNumber).toMatch(/\w{8,}/);
    expect(await shipmentCount()).toBe(before + 1);
    const detail = await call<{ printJobs: unknown[] }>('shipments:get', { id: r.ok ? r.value.shipmentId : '' });
    expect(detail.ok && detail.value.printJobs).toEqual([]);
  });

  it('a stopped queue is refused too, in the packer’s language', async () => {
    await useQueue('Zebra_GK420d');
    await cups.admin('cupsdisable', ['Zebra_GK420d']);
    t.store.update({ language: 'zh-CN' });
    try {
      const r = await call('labels:create', sampleLabelInput({ orderNumber: 'STOPPED-1' }));
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'PRINTER_NOT_READY', message: 'Zebra_GK420d：打印队列已停止。请在打印机设置中恢复该队列。' },
      });
    } finally {
      t.store.update({ language: null });
      await cups.admin('cupsenable', ['Zebra_GK420d']);
    }
  });

  it('an unknown key in the confirmation is refused like any other', async () => {
    const r = await call('labels:create', { ...sampleLabelInput(), confirm: { printLater: true, whatever: 1 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
