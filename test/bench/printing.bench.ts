/**
 * Printing speed, measured against the system's own tools in the same run:
 * - "print this label" → job accepted by CUPS, against `lp` of the same file
 *   alone (private scheduler, raw queue, a TCP listener as the printer);
 * - PDF → ZPL for one 4×6 page at 203 dpi (rasterize, 1-bit, Z64), and the
 *   ZPL's size against the same graphic as uncompressed `^GF` hex;
 * - print fidelity over the carrier label corpus: the share of the barcodes
 *   that read on the originals and still read after fitting to 4×6 at 203 dpi
 *   on each path, the named expected losses, and the time to find the label
 *   (layout, barcode boxes, reading direction) on each sheet page.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_PRINT_PROFILE, type PrintProfile } from '../../shared/domain/printing';
import { fitToMediaPdf } from '../../electron/core/printing/fit-pdf';
import { findLabels, lookAtPage } from '../../electron/core/printing/label-finder';
import { openLabelDocument } from '../../electron/core/printing/label-source';
import { PrintService } from '../../electron/core/printing/print-service';
import { rasterizeToMedia } from '../../electron/core/printing/raster';
import { execFileRunner } from '../../electron/core/printing/runner';
import { encodeLabels, graphicFieldHex } from '../../electron/core/printing/zpl';
import { systemClock } from '../../electron/core/util/clock';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { renderLabelPdf } from '../../electron/sandbox/documents/label-document';
import { sampleLabelData } from '../helpers/label-data';
import { CUPS_REQUIREMENT, cupsAvailable, startCups } from '../helpers/cups';
import {
  corpusDocuments,
  corpusLabels,
  EXPECTED_LOSSES,
  fitAndRead,
  hasPdftoppm,
  LABELS_DIR,
  type FitPaths,
} from '../helpers/label-corpus';
import { median, quantile, timeRuns, withBaseline, type Bench, type BenchFigure } from './harness';

const run = promisify(execFile);
const PRINT_RUNS = 25;
const ZPL_RUNS = 30;

async function sandboxLabel(): Promise<Uint8Array> {
  return renderLabelPdf(sampleLabelData({ trackingNumber: 'YT2503010099CN', labelId: 'lbl_0099', orderNumber: 'ORD-99' }));
}

/** Alternates the two paths run by run so neither gets a warmer scheduler. */
async function paired(
  count: number,
  ours: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
): Promise<{ ours: number[]; baseline: number[] }> {
  await ours();
  await baseline();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < count; i++) {
    a.push(...(await timeRuns(1, ours, 0)));
    b.push(...(await timeRuns(1, baseline, 0)));
  }
  return { ours: a, baseline: b };
}

async function zplFigures(name: string, pdf: Uint8Array): Promise<BenchFigure[]> {
  const profile: PrintProfile = { ...DEFAULT_PRINT_PROFILE, mode: 'zpl-queue' };
  const toZpl = async (): Promise<string> =>
    encodeLabels(await rasterizeToMedia({ bytes: pdf, format: 'pdf' }, profile), { copies: 1, darkness: null });
  const times = await timeRuns(ZPL_RUNS, toZpl);
  const pages = await rasterizeToMedia({ bytes: pdf, format: 'pdf' }, profile);
  const zpl = await toZpl();
  const hex = pages.map((p) => graphicFieldHex(p)).join('');
  return [
    { name: `PDF → ZPL, 4×6 at 203 dpi, median (${name})`, value: median(times), unit: 'ms', goal: '≤ 150 ms' },
    withBaseline(`ZPL size vs uncompressed ^GF hex (${name})`, zpl.length, hex.length, 'bytes', 'smaller is better'),
  ];
}

/** Runs per sheet page when timing the label finder. */
const FIND_RUNS = 5;
/** A page larger than this (inches, either side) is a sheet the label has to be found on. */
const SHEET_MIN_LONG_IN = 6.5;

async function fidelityFigures(): Promise<BenchFigure[]> {
  const profile: PrintProfile = { ...DEFAULT_PRINT_PROFILE };
  const paths: FitPaths = {
    pdf: async (bytes, format) => (await fitToMediaPdf({ bytes, format }, profile)).bytes,
    zpl: async (bytes, format) => encodeLabels(await rasterizeToMedia({ bytes, format }, profile), { copies: 1, darkness: null }),
  };
  let read = 0;
  let pdfKept = 0;
  let zplKept = 0;
  let named = 0;
  for (const entry of corpusLabels()) {
    const result = await fitAndRead(entry, paths, 101.6, 152.4);
    const losses = new Set((EXPECTED_LOSSES[entry.file] ?? []).map((l) => l.text));
    read += result.codes.length;
    pdfKept += result.codes.filter((c) => c.pdf).length;
    zplKept += result.codes.filter((c) => c.zpl).length;
    named += result.codes.filter((c) => losses.has(c.text) && !(c.pdf && c.zpl)).length;
  }
  const share = (kept: number): number => (100 * kept) / read;
  return [
    {
      name: 'barcodes kept after fitting to 4×6, PDF path (share of those read on the label corpus originals)',
      value: share(pdfKept),
      unit: '%',
      goal: '100 % less named losses',
    },
    {
      name: 'barcodes kept after fitting to 4×6, ZPL path (share of those read on the label corpus originals)',
      value: share(zplKept),
      unit: '%',
      goal: '100 % less named losses',
    },
    { name: 'barcodes lost as named expected losses (label corpus)', value: named, unit: 'codes' },
  ];
}

/** Time to find the label (and its reading direction) on each sheet page of the corpus, labels and documents alike. */
async function findFigures(): Promise<BenchFigure[]> {
  const perPage: number[] = [];
  for (const entry of [...corpusLabels(), ...corpusDocuments()]) {
    const bytes = readFileSync(join(LABELS_DIR, entry.file));
    const document = await openLabelDocument({ bytes, format: entry.format });
    try {
      for (let i = 0; i < document.pageCount; i++) {
        const long = document.withPage(i, (p) => Math.max(p.widthPt, p.heightPt) / 72);
        if (long <= SHEET_MIN_LONG_IN) continue;
        const find = async (): Promise<unknown> => findLabels(document.withPage(i, (page) => lookAtPage(page, true)));
        perPage.push(median(await timeRuns(FIND_RUNS, find, 1)));
      }
    } finally {
      document.close();
    }
  }
  return [
    {
      name: 'find the label on a sheet, median per page (corpus pages larger than 6.5 in)',
      value: median(perPage),
      unit: 'ms',
      goal: '≤ 50 ms',
    },
    { name: 'find the label on a sheet, p90 per page', value: quantile(perPage, 0.9), unit: 'ms' },
    { name: 'find the label on a sheet, slowest page', value: Math.max(...perPage), unit: 'ms' },
  ];
}

const bench: Bench = {
  title: 'printing',
  async run() {
    const pdf = await sandboxLabel();
    const figures: BenchFigure[] = [];
    figures.push(...(await zplFigures('sandbox label', pdf)));
    figures.push(...(await zplFigures('USPS 4×6', readFileSync(join(import.meta.dirname, '../fixtures/labels/usps-4x6.pdf')))));
    figures.push(...(await findFigures()));
    if (hasPdftoppm) figures.push(...(await fidelityFigures()));
    else console.warn('printing bench: needs pdftoppm (apt-get install poppler-utils); skipped the fidelity figures');

    if (!cupsAvailable()) {
      console.warn(`printing bench: needs ${CUPS_REQUIREMENT.what} (${CUPS_REQUIREMENT.install}); skipped the spooler figures`);
      return figures;
    }
    const cups = await startCups();
    try {
      const queue = await cups.addRawQueue('Bench_Zebra');
      const env = { ...process.env, ...cups.env };
      const service = new PrintService({
        run: execFileRunner,
        platform: 'linux',
        logger: silentLoggerFactory,
        clock: systemClock,
        tempDir: cups.dir,
        cups: { server: cups.server },
      });
      const pdfFile = join(cups.dir, 'label.pdf');
      writeFileSync(pdfFile, pdf);
      const system = await paired(
        PRINT_RUNS,
        async () => {
          const outcome = await service.print({ bytes: pdf, format: 'pdf' }, { ...DEFAULT_PRINT_PROFILE, printer: queue.name });
          if (outcome.status !== 'sent') throw new Error(outcome.message);
        },
        () => run('lp', ['-d', queue.name, pdfFile], { env }),
      );
      figures.push(
        withBaseline(
          'print label PDF → job accepted by CUPS, median (vs lp of the file)',
          median(system.ours),
          median(system.baseline),
          'ms',
          '≤ 1.5×',
        ),
      );

      const zplProfile: PrintProfile = { ...DEFAULT_PRINT_PROFILE, mode: 'zpl-queue', printer: queue.name };
      const zplFile = join(cups.dir, 'label.zpl');
      writeFileSync(
        zplFile,
        encodeLabels(await rasterizeToMedia({ bytes: pdf, format: 'pdf' }, zplProfile), { copies: 1, darkness: null }),
      );
      const raw = await paired(
        PRINT_RUNS,
        async () => {
          const outcome = await service.print({ bytes: pdf, format: 'pdf' }, zplProfile);
          if (outcome.status !== 'sent') throw new Error(outcome.message);
        },
        () => run('lp', ['-d', queue.name, '-o', 'raw', zplFile], { env }),
      );
      figures.push(
        withBaseline(
          'print label as raw ZPL → job accepted by CUPS, median (vs lp of the ZPL file)',
          median(raw.ours),
          median(raw.baseline),
          'ms',
        ),
      );
      // Let the scheduler hand the last jobs to the listener before it stops.
      await queue.listener.waitForDelivery(4 * PRINT_RUNS + 3).catch(() => undefined);
    } finally {
      await cups.stop();
    }
    return figures;
  },
};

export default bench;
