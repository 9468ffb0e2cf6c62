/**
 * Documents to their printers, through a real CUPS scheduler: a thermal queue
 * and a laser queue, each a raw queue whose device is a TCP listener owned by
 * the test, so the test sees what each "printer" received. A label and its
 * packing slip go to two printers in the order the label profile asks for
 * (slip before, after, or not at all); a commercial invoice page delivered
 * with a label goes whole to the documents printer; with no profile for a
 * type, the label printer takes it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PDFNumber } from 'pdf-lib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE, type PrintOutcome, type PrintProfile, type PrintProfileDraft } from '../../shared/domain/printing';
import { DocumentRouter, type PlannedJob, type PrintJobRecorder, type RoutedJob } from '../../electron/core/printing/document-router';
import { PrintProfiles, type ProfileSettings } from '../../electron/core/printing/profiles';
import { PrintService } from '../../electron/core/printing/print-service';
import { execFileRunner } from '../../electron/core/printing/runner';
import { printServicePrinter } from '../../electron/core/labels/print-adapter';
import { printJobsRecorder } from '../../electron/core/labels/print-history';
import { openShipmentDb } from '../../electron/core/db/open';
import { insertShipment } from '../../electron/core/db/queries/shipments';
import { getShipmentDetail } from '../../electron/core/shipments/detail';
import { systemClock } from '../../electron/core/util/clock';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { renderLabelPdf } from '../../electron/sandbox/documents/label-document';
import { needSystem } from '../helpers/ci';
import { CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../helpers/cups';
import { sampleSlip } from '../helpers/document-data';
import { sampleLabelData } from '../helpers/label-data';
import { pdfText, popplerAvailable, POPPLER_REQUIREMENT } from '../helpers/pdf-check';
import { readBarcodesFrom, renderZpl } from '../helpers/zpl-check';

const RUN =
  needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install) &&
  needSystem(popplerAvailable(), POPPLER_REQUIREMENT.what, POPPLER_REQUIREMENT.install);
const FIXTURES = join(import.meta.dirname, '../fixtures/labels');
/** Raster, render and scan on a shared 2-core machine. */
const PRINT_TIMEOUT_MS = 60_000;

const label = sampleLabelData({ trackingNumber: 'YT2503010088CN', labelId: 'lbl_0088', orderNumber: 'SO-2026-000123' });
const slip = sampleSlip({ orderNumber: 'SO-2026-000123' });

type Draft = Omit<PrintProfile, 'id'>;

function thermal(overrides: Partial<PrintProfile> = {}): Draft {
  const { id: _id, ...base } = DEFAULT_PRINT_PROFILE;
  return { ...base, name: 'Zebra', mode: 'zpl-queue', printer: 'Zebra', ...overrides } as Draft;
}

function laser(overrides: Partial<PrintProfile>): Draft {
  const { id: _id, ...base } = DEFAULT_PRINT_PROFILE;
  return { ...base, name: 'Laser', mode: 'system', printer: 'Laser', media: { preset: 'A4' }, ...overrides } as Draft;
}

/** The CUPS job number, from "Queue-42". */
function jobNumber(job: RoutedJob): number {
  if (job.outcome.status !== 'sent') throw new Error(`${job.document} did not print: ${job.outcome.message}`);
  return Number(/-(\d+)$/.exec(job.outcome.jobId ?? '')?.[1]);
}

async function pageSizes(pdf: Uint8Array): Promise<Array<{ width: number; height: number }>> {
  return (await PDFDocument.load(pdf)).getPages().map((p) => {
    const { width, height } = p.getSize();
    return { width: Math.round(width), height: Math.round(height) };
  });
}

/**
 * The part of its source page each media page draws, in points (the BBox of the page's one form XObject): the
 * whole sheet (792 × 612 for Letter landscape), or the label found on it.
 */
async function drawnRegions(pdf: Uint8Array): Promise<Array<{ width: number; height: number }>> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((page) => {
    const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
    const form = xobjects?.entries().map(([, ref]) => doc.context.lookup(ref))[0];
    if (!(form instanceof PDFRawStream)) throw new Error('a fitted page draws one form');
    const box = form.dict
      .lookup(PDFName.of('BBox'), PDFArray)
      .asArray()
      .map((n) => (n as PDFNumber).asNumber());
    return { width: box[2]! - box[0]!, height: box[3]! - box[1]! };
  });
}

async function scanZpl(zpl: string): Promise<string[]> {
  const [render] = await renderZpl(zpl, 101.6, 152.4, 8);
  return (await readBarcodesFrom(render!)).map((b) => b.text);
}

/** The print history as a recorder sees it: each job begun before it is sent, and ended with its outcome. */
function memoryRecorder(): { recorder: PrintJobRecorder; events: Array<{ begun: PlannedJob; ended?: PrintOutcome }> } {
  const events: Array<{ begun: PlannedJob; ended?: PrintOutcome }> = [];
  return {
    events,
    recorder: {
      async begin(job) {
        const entry: { begun: PlannedJob; ended?: PrintOutcome } = { begun: structuredClone(job) };
        events.push(entry);
        return async (outcome) => {
          entry.ended = outcome;
        };
      },
    },
  };
}

describe.runIf(RUN)('documents routed to their printers through CUPS', () => {
  let cups: CupsInstance;
  let zebra: RawQueue;
  let office: RawQueue;
  let labelPdf: Uint8Array;
  /** The USPS 4×6 label followed by FedEx's Letter commercial invoice, as a carrier delivers a label with its forms. */
  let labelWithInvoice: Uint8Array;
  let service: PrintService;
  let profiles: PrintProfiles;
  let history: ReturnType<typeof memoryRecorder>;
  let router: DocumentRouter;

  /** A fresh set of profiles: the first one saved is the label profile (the default). */
  function setUp(...drafts: Draft[]): void {
    setUpWith(undefined, ...drafts);
  }

  function setUpWith(recorder: PrintJobRecorder | undefined, ...drafts: Draft[]): void {
    let state: { printProfiles: PrintProfile[]; defaultPrintProfileId: string | null } = { printProfiles: [], defaultPrintProfileId: null };
    const settings: ProfileSettings = { get: () => state, update: (patch) => (state = { ...state, ...patch }) };
    profiles = new PrintProfiles(settings, silentLoggerFactory('print-profiles'));
    for (const draft of drafts) profiles.save(draft as PrintProfileDraft);
    history = memoryRecorder();
    router = new DocumentRouter({
      service,
      profiles,
      clock: systemClock,
      log: silentLoggerFactory('document-router'),
      recorder: recorder ?? history.recorder,
      timeZone: 'UTC',
    });
  }

  beforeAll(async () => {
    cups = await startCups();
    zebra = await cups.addRawQueue('Zebra', { makeDefault: true });
    office = await cups.addRawQueue('Laser');
    labelPdf = await renderLabelPdf(label);
    const combined = await PDFDocument.create();
    for (const file of ['usps-4x6.pdf', 'fedex-commercial-invoice-letter.pdf']) {
      const source = await PDFDocument.load(readFileSync(join(FIXTURES, file)));
      for (const page of await combined.copyPages(source, source.getPageIndices())) combined.addPage(page);
    }
    labelWithInvoice = await combined.save();
    service = new PrintService({
      run: execFileRunner,
      platform: 'linux',
      logger: silentLoggerFactory,
      clock: systemClock,
      tempDir: cups.dir,
      cups: { server: cups.server },
    });
  });
  afterAll(async () => {
    await cups?.stop();
  });
  beforeEach(() => {
    zebra.listener.deliveries.length = 0;
    office.listener.deliveries.length = 0;
  });

  it(
    'slip after the label: the label as ZPL to the thermal queue, then the A4 slip to the laser queue',
    async () => {
      setUp(thermal({ packingSlip: 'after' }), laser({ documentType: 'packing-slip' }));
      const result = await router.printLabelAndSlip({
        label: { bytes: labelPdf, format: 'pdf' },
        title: label.trackingNumber,
        slip,
        language: 'en',
        context: { shipmentId: 'shp_88', orderNumber: slip.orderNumber, reason: 'auto' },
      });
      expect(result.slip).toBe('after');
      expect(result.jobs.map((j) => [j.document, j.outcome.status, j.outcome.target])).toEqual([
        ['label', 'sent', 'Zebra'],
        ['packing-slip', 'sent', 'Laser'],
      ]);
      // CUPS numbers jobs as it accepts them: the label was in the spooler before the slip.
      expect(jobNumber(result.jobs[0]!)).toBeLessThan(jobNumber(result.jobs[1]!));

      const zpl = (await zebra.listener.waitForDelivery(0)).toString('latin1');
      expect(zpl).toMatch(/^\^XA\^PW812\^LL1218/);
      expect(await scanZpl(zpl)).toContain(label.trackingNumber);
      const slipPdf = await office.listener.waitForDelivery(0);
      expect(await pageSizes(slipPdf)).toEqual([{ width: 595, height: 842 }]);
      expect(await pdfText(slipPdf)).toContain(slip.orderNumber);
      expect(zebra.listener.deliveries).toHaveLength(1);
      expect(office.listener.deliveries).toHaveLength(1);

      // Each job recorded, begun before it was sent, with what it was about.
      expect(history.events.map((e) => [e.begun.document, e.begun.profileName, e.begun.context.shipmentId, e.ended?.status])).toEqual([
        ['label', 'Zebra', 'shp_88', 'sent'],
        ['packing-slip', 'Laser', 'shp_88', 'sent'],
      ]);
    },
    PRINT_TIMEOUT_MS,
  );

  it(
    "each job goes into the shipment's print history (print_jobs), with what it printed, where, and how it ended",
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'station-print-history-'));
      const shipmentDb = await openShipmentDb(dataDir);
      try {
        await insertShipment(shipmentDb.db, {
          id: 'shp_88',
          provider: 'flexforward',
          remoteId: 'lbl_0088',
          trackingNumber: label.trackingNumber,
          orderNumber: slip.orderNumber,
          recipientName: 'Pat Buyer',
          destination: 'TW',
          currentAttempt: 1,
          at: systemClock.now(),
        });
        setUpWith(
          printJobsRecorder(shipmentDb.db, systemClock),
          thermal({ packingSlip: 'after' }),
          laser({ documentType: 'packing-slip' }),
        );
        const request = {
          label: { bytes: labelPdf, format: 'pdf' as const },
          title: label.trackingNumber,
          slip,
          language: 'en' as const,
          context: { shipmentId: 'shp_88', attempt: 1, orderNumber: slip.orderNumber, reason: 'auto' as const },
        };
        await router.printLabelAndSlip(request);
        // The laser stops taking jobs: the reprint's slip fails, and the history says why.
        await cups.admin('cupsreject', ['-r', 'Toner out', 'Laser']);
        try {
          await router.printLabelAndSlip({ ...request, context: { ...request.context, reason: 'reprint' } });
        } finally {
          await cups.admin('cupsaccept', ['Laser']);
        }
        const detail = await getShipmentDetail(shipmentDb.db, 'shp_88');
        // Newest first: the reprint's slip, its label, then the first slip and label.
        expect(detail!.printJobs.map((j) => [j.document, j.reason, j.outcome, j.printer])).toEqual([
          ['packing-slip', 'reprint', 'failed', 'Laser'],
          ['label', 'reprint', 'printed', 'Zebra'],
          ['packing-slip', 'auto', 'printed', 'Laser'],
          ['label', 'auto', 'printed', 'Zebra'],
        ]);
        expect(detail!.printJobs[0]!.error).toMatch(/refusing new jobs.*then reprint/);
        expect(detail!.printJobs.every((j) => j.finishedAt !== null)).toBe(true);
      } finally {
        await shipmentDb.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    PRINT_TIMEOUT_MS,
  );

  it(
    'slip before the label: the slip reaches the spooler first',
    async () => {
      setUp(thermal({ packingSlip: 'before' }), laser({ documentType: 'packing-slip' }));
      const result = await router.printLabelAndSlip({
        label: { bytes: labelPdf, format: 'pdf' },
        title: label.trackingNumber,
        slip,
        language: 'zh-CN',
      });
      expect(result.jobs.map((j) => [j.document, j.outcome.target])).toEqual([
        ['packing-slip', 'Laser'],
        ['label', 'Zebra'],
      ]);
      expect(jobNumber(result.jobs[0]!)).toBeLessThan(jobNumber(result.jobs[1]!));
      expect(await pdfText(await office.listener.waitForDelivery(0))).toContain('装箱单');
      expect(await scanZpl((await zebra.listener.waitForDelivery(0)).toString('latin1'))).toContain(label.trackingNumber);
    },
    PRINT_TIMEOUT_MS,
  );

  it(
    'no slip: only the label prints, and nothing reaches the laser',
    async () => {
      setUp(thermal({ packingSlip: 'none' }), laser({ documentType: 'packing-slip' }));
      const result = await router.printLabelAndSlip({
        label: { bytes: labelPdf, format: 'pdf' },
        title: label.trackingNumber,
        slip,
        language: 'en',
      });
      expect(result).toMatchObject({ slip: 'none', jobs: [{ document: 'label', outcome: { status: 'sent', target: 'Zebra' } }] });
      await zebra.listener.waitForDelivery(0);
      expect(office.listener.deliveries).toHaveLength(0);
      expect(history.events.map((e) => e.begun.document)).toEqual(['label']);
    },
    PRINT_TIMEOUT_MS,
  );

  it(
    'no slip profile: the slip falls back to the label printer, written for 4×6 in, after the label',
    async () => {
      setUp(thermal({ mode: 'system', packingSlip: 'after' }), laser({ documentType: 'document' }));
      const result = await router.printLabelAndSlip({
        label: { bytes: labelPdf, format: 'pdf' },
        title: label.trackingNumber,
        slip,
        language: 'en',
      });
      expect(result.jobs.map((j) => [j.document, j.fallback, j.outcome.target])).toEqual([
        ['label', false, 'Zebra'],
        ['packing-slip', true, 'Zebra'],
      ]);
      expect(Buffer.compare(await zebra.listener.waitForDelivery(0), Buffer.from(labelPdf))).toBe(0);
      const slipPdf = await zebra.listener.waitForDelivery(1);
      expect((await pageSizes(slipPdf)).every((s) => s.width === 288 && s.height === 432)).toBe(true);
      expect(await pdfText(slipPdf)).toContain(slip.orderNumber);
      expect(office.listener.deliveries).toHaveLength(0);
    },
    PRINT_TIMEOUT_MS,
  );

  it(
    'a slip that cannot be written is a failed job in the history; the label prints all the same',
    async () => {
      setUp(thermal({ packingSlip: 'before' }), laser({ documentType: 'packing-slip' }));
      const emoji = sampleSlip({ notes: 'Thanks! 🎉' });
      const result = await router.printLabelAndSlip({
        label: { bytes: labelPdf, format: 'pdf' },
        title: label.trackingNumber,
        slip: emoji,
        language: 'en',
      });
      expect(result.jobs.map((j) => [j.document, j.outcome.status])).toEqual([
        ['packing-slip', 'failed'],
        ['label', 'sent'],
      ]);
      expect(result.jobs[0]!.outcome).toMatchObject({ code: 'DOCUMENT', target: 'Laser', message: expect.stringMatching(/U\+1F389/) });
      expect(history.events.map((e) => e.ended?.status)).toEqual(['failed', 'sent']);
      await zebra.listener.waitForDelivery(0);
      expect(office.listener.deliveries).toHaveLength(0);
    },
    PRINT_TIMEOUT_MS,
  );

  it(
    'a label delivered with its commercial invoice: the label to the thermal queue, the invoice page whole to the documents laser',
    async () => {
      setUp(thermal({ mode: 'system' }), laser({ documentType: 'document', media: { preset: 'Letter' } }));
      const jobs = await router.print('label', { bytes: labelWithInvoice, format: 'pdf' }, { title: '9400100000000000000000' });
      expect(jobs.map((j) => [j.document, j.part, j.sourcePages, j.outcome.status, j.outcome.target])).toEqual([
        ['label', 'label-pages', [1], 'sent', 'Zebra'],
        ['document', 'document-pages', [2], 'sent', 'Laser'],
      ]);
      const labelOut = await zebra.listener.waitForDelivery(0);
      expect(await pageSizes(labelOut)).toEqual([{ width: 288, height: 432 }]);
      expect(await pdfText(labelOut)).toContain('USPS GROUND ADVANTAGE');
      expect(await pdfText(labelOut)).not.toContain('Name of Broker');
      const invoiceOut = await office.listener.waitForDelivery(0);
      expect(await pageSizes(invoiceOut)).toEqual([{ width: 612, height: 792 }]);
      expect(await pdfText(invoiceOut)).toContain('Name of Broker');
      expect(await pdfText(invoiceOut)).not.toContain('USPS GROUND ADVANTAGE');
    },
    PRINT_TIMEOUT_MS,
  );

  it(
    "the label workflow's printer: label and invoice both sent, one result naming the label printer",
    async () => {
      setUp(thermal({ mode: 'system' }), laser({ documentType: 'document', media: { preset: 'Letter' } }));
      const result = await printServicePrinter(router).print({ bytes: labelWithInvoice, format: 'pdf' }, '9400100000000000000000');
      expect(result).toEqual({ ok: true, printer: 'Zebra' });
      await zebra.listener.waitForDelivery(0);
      await office.listener.waitForDelivery(0);
      // The laser refuses jobs: the label printed, the invoice did not, and the result says which.
      await cups.admin('cupsreject', ['-r', 'Toner out', 'Laser']);
      try {
        const failed = await printServicePrinter(router).print({ bytes: labelWithInvoice, format: 'pdf' }, '9400100000000000000000');
        expect(failed).toMatchObject({ ok: false, printer: 'Zebra' });
        expect(!failed.ok && failed.message).toMatch(/^The label printed on Zebra, but its document page 2 did not print on Laser: /);
      } finally {
        await cups.admin('cupsaccept', ['Laser']);
      }
    },
    PRINT_TIMEOUT_MS,
  );

  it(
    'no documents profile: the invoice page stays with the label, as before (both pages on the label printer)',
    async () => {
      setUp(thermal({ mode: 'system' }), laser({ documentType: 'packing-slip' }));
      const jobs = await router.print('label', { bytes: labelWithInvoice, format: 'pdf' }, { title: '9400100000000000000000' });
      expect(jobs.map((j) => [j.document, j.part, j.outcome.target])).toEqual([['label', 'whole', 'Zebra']]);
      const out = await zebra.listener.waitForDelivery(0);
      expect(await pageSizes(out)).toEqual([
        { width: 288, height: 432 },
        { width: 288, height: 432 },
      ]);
      expect(await pdfText(out)).toContain('Name of Broker');
      expect(office.listener.deliveries).toHaveLength(0);
    },
    PRINT_TIMEOUT_MS,
  );

  it(
    'an invoice printed on its own goes to the documents profile, else to the label printer',
    async () => {
      const invoice = { bytes: readFileSync(join(FIXTURES, 'fedex-commercial-invoice-letter.pdf')), format: 'pdf' as const };
      setUp(thermal({ mode: 'system' }), laser({ documentType: 'document', media: { preset: 'Letter' } }));
      expect((await router.print('document', invoice, { title: 'Invoice' })).map((j) => [j.fallback, j.outcome.target])).toEqual([
        [false, 'Laser'],
      ]);
      expect(await pageSizes(await office.listener.waitForDelivery(0))).toEqual([{ width: 612, height: 792 }]);

      setUp(thermal({ mode: 'system' }));
      expect((await router.print('document', invoice, { title: 'Invoice' })).map((j) => [j.fallback, j.outcome.target])).toEqual([
        [true, 'Zebra'],
      ]);
      expect(await pageSizes(await zebra.listener.waitForDelivery(0))).toEqual([{ width: 288, height: 432 }]);
    },
    PRINT_TIMEOUT_MS,
  );

  it(
    'a document on the label printer prints whole; only a label is cropped to the label found on the sheet',
    async () => {
      // USPS's Letter sheet: a label in the left half, instructions in the right.
      const sheet = { bytes: readFileSync(join(FIXTURES, 'usps-letter-landscape.pdf')), format: 'pdf' as const };
      setUp(thermal({ mode: 'system', findLabel: true }));
      expect((await router.print('document', sheet))[0]!.fallback).toBe(true);
      const [whole] = await drawnRegions(await zebra.listener.waitForDelivery(0));
      expect(whole!.width).toBeGreaterThanOrEqual(792);
      expect(whole!.height).toBeGreaterThanOrEqual(612);
      await router.print('label', sheet);
      const [cropped] = await drawnRegions(await zebra.listener.waitForDelivery(1));
      expect(cropped!.width).toBeLessThan(792 / 2);
    },
    PRINT_TIMEOUT_MS,
  );

  it(
    'test page and report: each to its own profile, else to the label printer',
    async () => {
      const report = { bytes: readFileSync(join(FIXTURES, 'ups-invoice-letter-3pages.pdf')), format: 'pdf' as const };
      setUp(thermal({ mode: 'system' }), laser({ name: 'Reports', documentType: 'report', media: { preset: 'Letter' } }));
      expect((await router.print('report', report, { title: 'Handover' }))[0]!.outcome).toMatchObject({
        status: 'sent',
        target: 'Laser',
        pages: 3,
      });
      expect(await pageSizes(await office.listener.waitForDelivery(0))).toHaveLength(3);
      const test = await router.printTestPage();
      expect(test).toMatchObject({ document: 'test-page', fallback: true, outcome: { status: 'sent', target: 'Zebra' } });
      await zebra.listener.waitForDelivery(0);

      setUp(thermal({ mode: 'system' }), laser({ name: 'Tests', documentType: 'test-page', media: { preset: 'Letter' } }));
      expect(await router.printTestPage()).toMatchObject({ fallback: false, outcome: { status: 'sent', target: 'Laser' } });
      expect(await pageSizes(await office.listener.waitForDelivery(1))).toEqual([{ width: 612, height: 792 }]);
      const fallback = await router.print('report', report, { title: 'Handover' });
      expect(fallback[0]).toMatchObject({ fallback: true, outcome: { status: 'sent', target: 'Zebra', pages: 3 } });
      expect(await pageSizes(await zebra.listener.waitForDelivery(1))).toHaveLength(3);
    },
    PRINT_TIMEOUT_MS,
  );
});
