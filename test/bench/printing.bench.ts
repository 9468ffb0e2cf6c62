/**
 * Printing speed, measured against the system's own tools in the same run:
 * - "print this label" → job accepted by CUPS, against `lp` of the same file
 *   alone (private scheduler, raw queue, a TCP listener as the printer);
 * - PDF → ZPL for one 4×6 page at 203 dpi (rasterize, 1-bit, Z64), and the
 *   ZPL's size against the same graphic as uncompressed `^GF` hex.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_PRINT_PROFILE, type PrintProfile } from '../../shared/domain/printing';
import { PrintService } from '../../electron/core/printing/print-service';
import { rasterizeToMedia } from '../../electron/core/printing/raster';
import { execFileRunner } from '../../electron/core/printing/runner';
import { encodeLabels, graphicFieldHex } from '../../electron/core/printing/zpl';
import { systemClock } from '../../electron/core/util/clock';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { renderLabelPdf } from '../../electron/sandbox/documents/label-document';
import { sampleLabelData } from '../helpers/label-data';
import { CUPS_REQUIREMENT, cupsAvailable, startCups } from '../helpers/cups';
import { median, timeRuns, withBaseline, type Bench, type BenchFigure } from './harness';

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

const bench: Bench = {
  title: 'printing',
  async run() {
    const pdf = await sandboxLabel();
    const figures: BenchFigure[] = [];
    figures.push(...(await zplFigures('sandbox label', pdf)));
    figures.push(...(await zplFigures('USPS 4×6', readFileSync(join(import.meta.dirname, '../fixtures/labels/usps-4x6.pdf')))));

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
