/**
 * The label workflow against a real SQLite file and the real embedded
 * sandbox over HTTP: every state, every resume point, and what the packer sees.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getLabel, listLabelAttempts } from '../../../electron/core/db/queries/labels';
import { insertPrintJob, listPrintJobs } from '../../../electron/core/db/queries/print_jobs';
import { getShipment } from '../../../electron/core/db/queries/shipments';
import { getTracking } from '../../../electron/core/db/queries/tracking';
import { INLINE_DOCUMENT_MAX_BYTES, loadDocument, saveDocument, sha256Hex } from '../../../electron/core/labels/document-store';
import type { LabelApi, LabelPrinter, LabelPrintResult } from '../../../electron/core/labels/ports';
import { AUTO_RESUME_DELAY_MS, LabelWorkflow, type LabelWorkflowDeps } from '../../../electron/core/labels/workflow';
import { systemClock } from '../../../electron/core/util/clock';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import type { LabelRequest } from '../../../shared/domain/label-request';
import type { LabelProgress } from '../../../shared/domain/shipment-detail';
import { ManualClock } from '../../helpers/manual-clock';
import { sampleLabelRequest, startSandboxClient, type SandboxClient } from '../../helpers/flexforward';
import { testDialects } from '../../helpers/dialects';
import { tempDb, type TempDb } from '../tracking/seed';

const HOUR = 3_600_000;

class RecordingPrinter implements LabelPrinter {
  printed: Array<{ format: string; size: number; title: string }> = [];
  next: LabelPrintResult = { ok: true, printer: 'Zebra ZD421' };
  async print(document: { bytes: Uint8Array; format: 'pdf' | 'png' }, title: string): Promise<LabelPrintResult> {
    this.printed.push({ format: document.format, size: document.bytes.byteLength, title });
    return this.next;
  }
}

describe.each(await testDialects())('%s', (dialect) => {
  let t: TempDb;
  let s: SandboxClient;
  let printer: RecordingPrinter;
  let progress: LabelProgress[];
  let autoPrint: boolean;

  let made: LabelWorkflow[] = [];

  function workflow(api: LabelApi = s.client, extra: Partial<LabelWorkflowDeps> = {}): LabelWorkflow {
    const w = new LabelWorkflow({
      db: t.db,
      documentsDir: t.documentsDir,
      api,
      printer,
      clock: systemClock,
      logger: silentLoggerFactory('labels'),
      autoPrint: () => autoPrint,
      random: () => 0,
      onProgress: (p) => progress.push(p),
      ...extra,
    });
    made.push(w);
    return w;
  }

  const sandboxLabels = () => s.sandbox.flexforward.labels();

  beforeEach(async () => {
    t = await tempDb(dialect);
    s = await startSandboxClient();
    printer = new RecordingPrinter();
    progress = [];
    autoPrint = true;
  });
  afterEach(async () => {
    // No automatic resume may outlive its database.
    await Promise.all(made.map((w) => w.stop()));
    made = [];
    await s.stop();
    await t.dispose();
  });

  describe('label workflow', () => {
    it('creates, stores the document, prints and schedules tracking, reporting each step', async () => {
      const before = Date.now();
      const result = await workflow().create(sampleLabelRequest({ orderNumber: 'N-1' }));
      expect(result).toMatchObject({ state: 'printed', error: null });
      expect(result.trackingNumber).toMatch(/^YT\d+/);
      expect(progress.map((p) => p.step)).toEqual(['creating', 'fetching_document', 'printing', 'done']);

      const shipment = (await getShipment(t.db, result.shipmentId))!;
      expect(shipment).toMatchObject({
        orderNumber: 'N-1',
        recipientName: 'Pat Buyer',
        destination: 'Los Angeles, US',
        trackingNumber: result.trackingNumber,
      });
      const label = (await getLabel(t.db, result.shipmentId, 1))!;
      expect(sandboxLabels().map((l) => l.id)).toEqual([label.labelId]);
      const { meta, bytes } = await loadDocument(t.db, t.documentsDir, result.shipmentId, 1);
      expect(meta.format).toBe('pdf');
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(meta.sha256).toBe(sha256Hex(bytes));
      expect(printer.printed).toEqual([{ format: 'pdf', size: bytes.byteLength, title: result.trackingNumber }]);
      expect((await listPrintJobs(t.db, result.shipmentId)).map((j) => [j.reason, j.outcome, j.printer])).toEqual([
        ['auto', 'printed', 'Zebra ZD421'],
      ]);
      const tracking = (await getTracking(t.db, result.shipmentId))!;
      expect(tracking.tag).toBe('Pending');
      expect(tracking.nextPollAt! - before).toBeGreaterThanOrEqual(4 * HOUR);
    });

    it('returns the API’s 400 field errors with paths and keeps the request as an invalid label', async () => {
      const bad = sampleLabelRequest();
      (bad.shipment.parcels[0] as { weight: number }).weight = -1;
      const result = await workflow().create(bad as LabelRequest);
      expect(result.state).toBe('invalid');
      expect(result.error?.code).toBe('VALIDATION');
      expect(result.error?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'shipment.parcels.0.weight' })]));
      expect(sandboxLabels()).toHaveLength(0);
      expect(progress.at(-1)).toMatchObject({ step: 'failed', state: 'invalid' });
      // Corrected, it is tried again on the same shipment as a new attempt with a new key; the refused one stays.
      const fixed = await workflow().retry(result.shipmentId, sampleLabelRequest());
      expect(fixed).toMatchObject({ shipmentId: result.shipmentId, state: 'printed', error: null });
      const attempts = await listLabelAttempts(t.db, result.shipmentId);
      expect(attempts.map((a) => [a.attempt, a.state])).toEqual([
        [1, 'invalid'],
        [2, 'printed'],
      ]);
      expect(new Set(attempts.map((a) => a.idempotencyKey)).size).toBe(2);
    });

    it('retries a courier rejection with the corrected request: same shipment row, new key, the old attempt kept', async () => {
      const w = workflow();
      const rejected = await w.create(sampleLabelRequest({ orderNumber: 'FIX-1', postalCode: '00000' }));
      expect(rejected.state).toBe('failed');
      const corrected = sampleLabelRequest({ orderNumber: 'FIX-1', postalCode: '90001' });
      corrected.shipment.shipTo.contact.firstName = 'Robin';
      const again = await w.retry(rejected.shipmentId, corrected);
      expect(again).toMatchObject({ shipmentId: rejected.shipmentId, state: 'printed', error: null });
      const attempts = await listLabelAttempts(t.db, rejected.shipmentId);
      expect(attempts.map((a) => [a.attempt, a.state, a.errorCode])).toEqual([
        [1, 'failed', 'COURIER_REJECTED'],
        [2, 'printed', null],
      ]);
      expect(attempts[0]!.idempotencyKey).not.toBe(attempts[1]!.idempotencyKey);
      // The courier got the correction, not the stored request.
      expect(sandboxLabels().map((l) => l.request.shipment.shipTo.address.postalCode)).toEqual(['00000', '90001']);
      expect(await getShipment(t.db, rejected.shipmentId)).toMatchObject({ currentAttempt: 2, recipientName: 'Robin Buyer' });
      expect((await t.db.selectFrom('shipments').select('id').execute()).map((r) => r.id)).toEqual([rejected.shipmentId]);
      // A label at rest that was made cannot be "corrected" into another.
      await expect(w.retry(rejected.shipmentId, corrected)).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it.each([
      ['502 rejection', { productCode: 'REJECT01' }],
      ['201 with status failed', { postalCode: '00000' }],
    ])('keeps a courier rejection (%s) as a failed label; a retry is a new attempt with a new key', async (_name, patch) => {
      const w = workflow();
      const result = await w.create(sampleLabelRequest(patch));
      expect(result.state).toBe('failed');
      expect(result.error).toMatchObject({ code: 'COURIER_REJECTED' });
      expect(sandboxLabels()).toHaveLength(1);

      const again = await w.retry(result.shipmentId);
      expect(again.state).toBe('failed');
      const attempts = await listLabelAttempts(t.db, result.shipmentId);
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
      expect(new Set(attempts.map((a) => a.idempotencyKey)).size).toBe(2);
      expect((await getShipment(t.db, result.shipmentId))!.currentAttempt).toBe(2);
      // The sandbox saw two distinct attempts, not a replay.
      expect(sandboxLabels()).toHaveLength(2);
    });

    it('keeps a label whose create answer was lost at submitting, and resumes it with the same key into exactly one label', async () => {
      // The label is made, then every answer (first try and the client's retries) dies with a 500.
      s.sandbox.faults.script(
        ...Array.from({ length: 5 }, () => ({ kind: 'error' as const, status: 500, when: 'after' as const, match: 'POST /labels' })),
      );
      const w = workflow();
      const first = await w.create(sampleLabelRequest());
      expect(first.state).toBe('submitting');
      expect(first.error?.code).toBe('UPSTREAM');
      expect(sandboxLabels()).toHaveLength(1);
      const resumed = await w.retry(first.shipmentId);
      expect(resumed).toMatchObject({ state: 'printed', error: null });
      expect(sandboxLabels()).toHaveLength(1);
      expect((await getLabel(t.db, first.shipmentId, 1))!.labelId).toBe(sandboxLabels()[0]!.id);
    });

    it('leaves another station’s unfinished label alone until an admin takes it over, then finishes it with the same key', async () => {
      s.sandbox.faults.script(
        ...Array.from({ length: 5 }, () => ({ kind: 'error' as const, status: 500, when: 'after' as const, match: 'POST /labels' })),
      );
      const benchA = { id: 'station-a', resumesUnowned: false };
      const benchB = { id: 'station-b', resumesUnowned: false };
      const a = workflow(s.client, { station: benchA });
      const first = await a.create(sampleLabelRequest());
      expect(first.state).toBe('submitting');
      expect((await getLabel(t.db, first.shipmentId, 1))!.stationId).toBe('station-a');
      // Station B restarts: the label is A's, so B neither resumes nor prints it, and a packer's retry at B is refused.
      const b = workflow(s.client, { station: benchB });
      expect(await b.resumeAll()).toBe(0);
      await expect(b.retry(first.shipmentId)).rejects.toMatchObject({ code: 'CONFLICT', message: /another station/ });
      expect(printer.printed).toHaveLength(0);
      // The admin moves it: B replays the same key (no second label), prints once, and owns it.
      const taken = await b.takeOver(first.shipmentId);
      expect(taken).toMatchObject({ state: 'printed', error: null });
      expect(sandboxLabels()).toHaveLength(1);
      expect(printer.printed).toHaveLength(1);
      expect((await getLabel(t.db, first.shipmentId, 1))!.stationId).toBe('station-b');
      // A restarting now finds nothing of its own to resume; a finished label cannot be taken over.
      expect(await workflow(s.client, { station: benchA }).resumeAll()).toBe(0);
      await expect(a.takeOver(first.shipmentId)).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(printer.printed).toHaveLength(1);
    });

    it('tries a label left unfinished by an outage again by itself, a minute later', async () => {
      s.sandbox.faults.script(
        ...Array.from({ length: 5 }, () => ({ kind: 'error' as const, status: 502, when: 'before' as const, match: 'POST /labels' })),
      );
      const clock = new ManualClock();
      const w = workflow(s.client, { clock });
      const first = await w.create(sampleLabelRequest());
      expect(first).toMatchObject({ state: 'submitting', error: { code: 'UPSTREAM' } });
      expect(sandboxLabels()).toHaveLength(0);
      await clock.tick(AUTO_RESUME_DELAY_MS - 1);
      expect((await getLabel(t.db, first.shipmentId, 1))!.state).toBe('submitting');
      await clock.tick(1);
      await w.stop();
      expect(await getLabel(t.db, first.shipmentId, 1)).toMatchObject({ state: 'printed', errorCode: null });
      expect(sandboxLabels()).toHaveLength(1);
    });

    it('resumes each unfinished state on start-up: submitting, created and document_ready', async () => {
      // A "crash" after each step: the API wrapper throws once at the chosen call, after the real call ran.
      const crashAt = (call: keyof LabelApi): LabelApi => ({
        createLabel: async (...a) => {
          const r = await s.client.createLabel(...a);
          if (call === 'createLabel') throw new Error('station killed');
          return r;
        },
        getLabel: async (...a) => {
          if (call === 'getLabel') throw new Error('station killed');
          return s.client.getLabel(...a);
        },
        downloadDocument: (...a) => s.client.downloadDocument(...a),
      });
      const a = await workflow(crashAt('createLabel')).create(sampleLabelRequest({ orderNumber: 'ORD-A' }));
      const b = await workflow(crashAt('getLabel')).create(sampleLabelRequest({ orderNumber: 'ORD-B' }));
      autoPrint = false;
      const c = await workflow().create(sampleLabelRequest({ orderNumber: 'ORD-C' }));
      expect([a.state, b.state, c.state]).toEqual(['submitting', 'created', 'document_ready']);

      autoPrint = true;
      const resumed = await workflow().resumeAll();
      expect(resumed).toBe(3);
      for (const id of [a.shipmentId, b.shipmentId, c.shipmentId]) expect((await getLabel(t.db, id, 1))!.state).toBe('printed');
      expect(
        sandboxLabels()
          .map((l) => l.request.order?.customerOrderNumber)
          .sort(),
      ).toEqual(['ORD-A', 'ORD-B', 'ORD-C']);
      expect(printer.printed).toHaveLength(3);
    });

    it('does not print twice after a crash mid-print: the job is marked interrupted and the label waits for a reprint', async () => {
      autoPrint = false;
      const r = await workflow().create(sampleLabelRequest());
      await insertPrintJob(t.db, { shipmentId: r.shipmentId, attempt: 1, reason: 'auto', at: Date.now() });
      autoPrint = true;
      await workflow().resumeAll();
      expect(printer.printed).toHaveLength(0);
      const label = (await getLabel(t.db, r.shipmentId, 1))!;
      expect(label.state).toBe('print_failed');
      expect(label.errorMessage).toMatch(/interrupted/);
      expect((await listPrintJobs(t.db, r.shipmentId))[0]!.outcome).toBe('interrupted');
      const job = await workflow().reprint(r.shipmentId);
      expect(job).toMatchObject({ reason: 'reprint', outcome: 'printed' });
      expect((await getLabel(t.db, r.shipmentId, 1))!.state).toBe('printed');
    });

    it('keeps the label when printing fails, and a reprint prints it', async () => {
      printer.next = { ok: false, printer: 'Zebra ZD421', message: 'The printer is out of labels.' };
      const r = await workflow().create(sampleLabelRequest());
      expect(r).toMatchObject({ state: 'print_failed', error: { code: 'PRINTER', message: 'The printer is out of labels.' } });
      expect((await loadDocument(t.db, t.documentsDir, r.shipmentId, 1)).bytes.byteLength).toBeGreaterThan(0);
      await expect(workflow().retry(r.shipmentId)).rejects.toMatchObject({ code: 'CONFLICT' });
      printer.next = { ok: true, printer: 'Zebra ZD421' };
      await workflow().reprint(r.shipmentId);
      expect(await getLabel(t.db, r.shipmentId, 1)).toMatchObject({ state: 'printed', errorCode: null });
      expect((await listPrintJobs(t.db, r.shipmentId)).map((j) => j.outcome)).toEqual(['printed', 'failed']);
    });

    it('refuses a second label for an order that has one (DUPLICATE_ORDER naming it), buying and saving nothing, unless confirmed', async () => {
      const w = workflow();
      const first = await w.create(sampleLabelRequest({ orderNumber: 'DUP-7' }));
      expect(first.state).toBe('printed');
      const shipmentsBefore = await t.db.selectFrom('shipments').select('id').execute();

      // Same order number, another case: still the same order.
      const again = w.create(sampleLabelRequest({ orderNumber: 'dup-7' }));
      await expect(again).rejects.toMatchObject({
        code: 'DUPLICATE_ORDER',
        existing: { shipmentId: first.shipmentId, orderNumber: 'DUP-7', trackingNumber: first.trackingNumber },
      });
      await expect(again).rejects.toThrow(`Order DUP-7 already has label ${first.trackingNumber}`);
      expect(sandboxLabels()).toHaveLength(1);
      expect(printer.printed).toHaveLength(1);
      expect(await t.db.selectFrom('shipments').select('id').execute()).toEqual(shipmentsBefore);

      const confirmed = await w.create(sampleLabelRequest({ orderNumber: 'DUP-7' }), { duplicateOrder: true });
      expect(confirmed).toMatchObject({ state: 'printed', error: null });
      expect(confirmed.shipmentId).not.toBe(first.shipmentId);
      expect(sandboxLabels()).toHaveLength(2);
      // The newest label is the one named from now on.
      await expect(w.create(sampleLabelRequest({ orderNumber: 'DUP-7' }))).rejects.toMatchObject({
        existing: { shipmentId: confirmed.shipmentId },
      });
    });

    it('does not count a label the courier rejected or the API refused: the order can be labelled again', async () => {
      const w = workflow();
      const rejected = await w.create(sampleLabelRequest({ orderNumber: 'DUP-8', postalCode: '00000' }));
      expect(rejected.state).toBe('failed');
      const bad = sampleLabelRequest({ orderNumber: 'DUP-8' });
      (bad.shipment.parcels[0] as { weight: number }).weight = -1;
      expect((await w.create(bad)).state).toBe('invalid');
      const made = await w.create(sampleLabelRequest({ orderNumber: 'DUP-8' }));
      expect(made.state).toBe('printed');
    });

    it('checks again inside the transaction that saves the shipment: a label bought meanwhile by another path is caught', async () => {
      const w = workflow();
      // Another station's label for the order lands between the first look and the save.
      let other: Promise<unknown> | null = null;
      const racing = workflow(s.client, {
        preflight: async () => {
          other ??= w.create(sampleLabelRequest({ orderNumber: 'DUP-9' }));
          await other;
          return { ok: true, message: null };
        },
      });
      await expect(racing.create(sampleLabelRequest({ orderNumber: 'DUP-9' }))).rejects.toMatchObject({ code: 'DUPLICATE_ORDER' });
      expect(sandboxLabels()).toHaveLength(1);
    });

    it('counts a label still being made: a second create while the first waits for the API is refused, naming it', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const slow: LabelApi = {
        ...s.client,
        createLabel: async (...a) => {
          await held;
          return s.client.createLabel(...a);
        },
        getLabel: (...a) => s.client.getLabel(...a),
        downloadDocument: (...a) => s.client.downloadDocument(...a),
      };
      const w = workflow(slow);
      const first = w.create(sampleLabelRequest({ orderNumber: 'DUP-11' }));
      try {
        await expect
          .poll(async () => (await t.db.selectFrom('labels').select('state').execute()).map((l) => l.state))
          .toEqual(['submitting']);
        const again = workflow().create(sampleLabelRequest({ orderNumber: 'dup-11' }));
        await expect(again).rejects.toMatchObject({ code: 'DUPLICATE_ORDER', existing: { orderNumber: 'DUP-11', trackingNumber: null } });
        await expect(again).rejects.toThrow(/already has label being made/);
      } finally {
        release();
      }
      expect((await first).state).toBe('printed');
      expect(sandboxLabels()).toHaveLength(1);
    });

    it('two stations’ first labels for one order at the same instant: one is bought, the other refused', async () => {
      // Each station holds its transaction open after saving (as a slow disk or network would), so without a lock
      // each would check before the other saved.
      const holdOpen = { onSaved: () => new Promise<void>((resolve) => setTimeout(resolve, 300)) };
      const benchA = workflow();
      const benchB = workflow();
      const results = await Promise.allSettled([
        benchA.create(sampleLabelRequest({ orderNumber: 'DUP-12' }), holdOpen),
        benchB.create(sampleLabelRequest({ orderNumber: 'Dup-12' }), holdOpen),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'DUPLICATE_ORDER' });
      expect(sandboxLabels()).toHaveLength(1);
      expect(await t.db.selectFrom('shipments').select('id').execute()).toHaveLength(1);
    });

    it('rests at document_ready when auto-print is off', async () => {
      autoPrint = false;
      const r = await workflow().create(sampleLabelRequest({ format: 'PNG' }));
      expect(r.state).toBe('document_ready');
      expect(printer.printed).toHaveLength(0);
      expect((await loadDocument(t.db, t.documentsDir, r.shipmentId, 1)).meta.format).toBe('png');
    });
  });

  describe('document store', () => {
    if (dialect === 'sqlite')
      it('keeps a large document in a file beside the database and refuses a damaged one', async () => {
        const dir = t.documentsDir!;
        await t.db.insertInto('shipments').values({ id: 'big', provider: 'flexforward', created_at: 1, activity_at: 1 }).execute();
        const bytes = new Uint8Array(INLINE_DOCUMENT_MAX_BYTES + 1).fill(7);
        const meta = await saveDocument(t.db, dir, {
          shipmentId: 'big',
          attempt: 1,
          format: 'png',
          url: 'http://x/y.png',
          bytes,
          at: 1,
        });
        expect(meta.fileName).toBe('big-1.png');
        expect((await loadDocument(t.db, dir, 'big', 1)).bytes.equals(Buffer.from(bytes))).toBe(true);
        writeFileSync(join(dir, 'big-1.png'), 'truncated');
        await expect(loadDocument(t.db, dir, 'big', 1)).rejects.toThrow(/damaged/);
        rmSync(join(dir, 'big-1.png'));
        await expect(loadDocument(t.db, dir, 'big', 1)).rejects.toThrow(/damaged/);
      });

    if (dialect === 'postgres')
      it('keeps every document in its row whatever its size, so any station can read it, and refuses a damaged one', async () => {
        expect(t.documentsDir).toBeNull();
        await t.db.insertInto('shipments').values({ id: 'big', provider: 'flexforward', created_at: 1, activity_at: 1 }).execute();
        // A multi-page label: well past the size SQLite would put in a file.
        const bytes = Uint8Array.from({ length: 8 * INLINE_DOCUMENT_MAX_BYTES }, (_, i) => (i * 7919) % 251);
        const meta = await saveDocument(t.db, t.documentsDir, {
          shipmentId: 'big',
          attempt: 1,
          format: 'png',
          url: 'http://x/y.png',
          bytes,
          at: 1,
        });
        expect(meta.fileName).toBeNull();
        // Another station: its own connection to the same database, no folder of documents.
        const other = await t.store.open();
        try {
          expect((await loadDocument(other.db, other.documentsDir, 'big', 1)).bytes.equals(Buffer.from(bytes))).toBe(true);
          const { rows } = await sql<{ n: number }>`SELECT octet_length(bytes) AS n FROM documents WHERE shipment_id = 'big'`.execute(
            other.db,
          );
          expect(rows).toEqual([{ n: bytes.byteLength }]);
          await sql`UPDATE documents SET bytes = substring(bytes from 1 for 100) WHERE shipment_id = 'big'`.execute(other.db);
          await expect(loadDocument(t.db, t.documentsDir, 'big', 1)).rejects.toThrow(/damaged/);
        } finally {
          await other.close();
        }
      });
  });
});
