/**
 * A label voided here and labels needing action, on both dialects (issue 11):
 * the void is recorded with who, why and when, polling stops and stays
 * stopped (a poll in flight does not revive it), and the chips' counts and
 * filters keep voided labels out of the active counts and refused or unprinted
 * ones out of Pending, under their own "Needs action" count.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getShipmentVoid, countShipmentsByTag, listShipments, type ShipmentListQuery } from '../../../electron/core/db/queries/shipments';
import { claimDueTracking, getTracking, updateTrackingAfterPoll } from '../../../electron/core/db/queries/tracking';
import type { LabelPrinter, LabelPrintResult } from '../../../electron/core/labels/ports';
import { voidLabel } from '../../../electron/core/labels/void-label';
import { LabelWorkflow } from '../../../electron/core/labels/workflow';
import { systemClock } from '../../../electron/core/util/clock';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import type { LabelRequest } from '../../../shared/domain/label-request';
import { sampleLabelRequest, startSandboxClient, type SandboxClient } from '../../helpers/flexforward';
import { testDialects } from '../../helpers/dialects';
import { tempDb, type TempDb } from '../tracking/seed';

const DAY = 86_400_000;

class Printer implements LabelPrinter {
  next: LabelPrintResult = { ok: true, printer: 'Zebra' };
  async print(): Promise<LabelPrintResult> {
    return this.next;
  }
}

describe.each(await testDialects())('%s', (dialect) => {
  let t: TempDb;
  let s: SandboxClient;
  let printer: Printer;
  let w: LabelWorkflow;

  beforeEach(async () => {
    t = await tempDb(dialect);
    s = await startSandboxClient();
    printer = new Printer();
    w = new LabelWorkflow({
      db: t.db,
      documentsDir: t.documentsDir,
      api: s.client,
      printer,
      clock: systemClock,
      logger: silentLoggerFactory('labels'),
      autoPrint: () => true,
      random: () => 0,
    });
  });
  afterEach(async () => {
    await w.stop();
    await s.stop();
    await t.dispose();
  });

  const voiding = (who = 'Ana') => ({ db: t.db, clock: systemClock, logger: silentLoggerFactory('labels'), who: async () => who });
  const list = async (q: Partial<ShipmentListQuery>) => {
    const page = await listShipments(t.db, { sort: 'activity_desc', offset: 0, limit: 100, ...q });
    // The total the scroll bar shows agrees with the rows.
    expect(page.total).toBe(page.items.length);
    return page.items.map((i) => i.orderNumber);
  };

  it('voids a label here with who, why and when; polling stops and a poll in flight does not restart it', async () => {
    const made = await w.create(sampleLabelRequest({ orderNumber: 'V-1' }));
    const other = await w.create(sampleLabelRequest({ orderNumber: 'V-2' }));
    expect((await getTracking(t.db, made.shipmentId))!.nextPollAt).not.toBeNull();
    // A poll of V-1 is in flight when the packer voids it.
    const claimed = await claimDueTracking(t.db, { now: Date.now() + 30 * DAY, limit: 10, leaseUntil: Date.now() + 60_000 });
    expect(claimed.map((c) => c.shipmentId).sort()).toEqual([made.shipmentId, other.shipmentId].sort());

    const record = await voidLabel(voiding('Ana'), { shipmentId: made.shipmentId, reason: 'wrong-address', note: '  flat 4 missing ' });
    expect(record).toMatchObject({ reason: 'wrong-address', note: 'flat 4 missing', by: 'Ana' });
    expect(Date.now() - Date.parse(record.at)).toBeLessThan(60_000);
    expect(await getShipmentVoid(t.db, made.shipmentId)).toMatchObject({ reason: 'wrong-address', by: 'Ana' });
    expect((await getTracking(t.db, made.shipmentId))!.nextPollAt).toBeNull();

    // The poll in flight lands: it records nothing that would poll again.
    await updateTrackingAfterPoll(t.db, {
      shipmentId: made.shipmentId,
      tag: 'InTransit',
      subtag: null,
      subtagMessage: null,
      lastCheckpointAt: null,
      lastNewsAt: Date.now(),
      polledAt: Date.now(),
      nextPollAt: Date.now() + 1000,
      stoppedReason: null,
    });
    expect((await getTracking(t.db, made.shipmentId))!.nextPollAt).toBeNull();
    const due = await claimDueTracking(t.db, { now: Date.now() + 365 * DAY, limit: 10, leaseUntil: Date.now() + 60_000 });
    expect(due.map((c) => c.shipmentId)).toEqual([other.shipmentId]);

    // Twice is refused; a label never bought cannot be voided.
    await expect(voidLabel(voiding(), { shipmentId: made.shipmentId, reason: 'other' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const rejected = await w.create(sampleLabelRequest({ orderNumber: 'V-3', postalCode: '00000' }));
    await expect(voidLabel(voiding(), { shipmentId: rejected.shipmentId, reason: 'other' })).rejects.toMatchObject({ code: 'CONFLICT' });

    // The order of a voided label can be labelled again without the duplicate question.
    expect((await w.create(sampleLabelRequest({ orderNumber: 'V-1' }))).state).toBe('printed');
  });

  it('counts: voided apart from the active ones; refused, invalid and unprinted labels under Needs action, not Pending', async () => {
    const good = await w.create(sampleLabelRequest({ orderNumber: 'C-1' }));
    await w.create(sampleLabelRequest({ orderNumber: 'C-2' }));
    const rejected = await w.create(sampleLabelRequest({ orderNumber: 'C-3', postalCode: '00000' }));
    const bad = sampleLabelRequest({ orderNumber: 'C-4' });
    (bad.shipment.parcels[0] as { weight: number }).weight = -1;
    await w.create(bad as LabelRequest);
    printer.next = { ok: false, printer: 'Zebra', message: 'Out of labels.' };
    const unprinted = await w.create(sampleLabelRequest({ orderNumber: 'C-5' }));
    expect(unprinted.state).toBe('print_failed');

    expect(await countShipmentsByTag(t.db)).toMatchObject({ total: 5, needsAction: 3, voided: 0, byTag: { Pending: 2 } });
    expect((await list({ standing: 'needs_action' })).sort()).toEqual(['C-3', 'C-4', 'C-5']);
    expect((await list({ tag: 'Pending' })).sort()).toEqual(['C-1', 'C-2']);

    await voidLabel(voiding(), { shipmentId: good.shipmentId, reason: 'duplicate' });
    expect(await countShipmentsByTag(t.db)).toMatchObject({ total: 4, needsAction: 3, voided: 1, byTag: { Pending: 1 } });
    expect(await list({ standing: 'voided' })).toEqual(['C-1']);
    expect(await list({ tag: 'Pending' })).toEqual(['C-2']);
    // The whole list still shows every row, each with where it stands.
    const all = (await listShipments(t.db, { sort: 'activity_desc', offset: 0, limit: 100 })).items;
    expect(Object.fromEntries(all.map((i) => [i.orderNumber, i.standing]))).toEqual({
      'C-1': 'voided',
      'C-2': 'active',
      'C-3': 'needs_action',
      'C-4': 'needs_action',
      'C-5': 'needs_action',
    });

    // A reprint that prints moves it back; a retry of the rejected one is active while it runs, needs action again after.
    printer.next = { ok: true, printer: 'Zebra' };
    await w.reprint(unprinted.shipmentId);
    expect(await countShipmentsByTag(t.db)).toMatchObject({ needsAction: 2, byTag: { Pending: 2 } });
    await w.retry(rejected.shipmentId);
    expect(await countShipmentsByTag(t.db)).toMatchObject({ total: 4, needsAction: 2, voided: 1, byTag: { Pending: 2 } });
  });
});
