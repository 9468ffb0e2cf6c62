/**
 * Writing the station's documents:
 * - a packing slip (A4, zh-CN, ten lines in seven scripts, CJK fonts subset
 *   into the PDF), against the sandbox's airway bill (one page, standard
 *   Helvetica, nothing embedded) as the floor of what a pdf-lib page costs;
 * - the first slip after start, which also reads and parses the fonts;
 * - the end-of-day handover list of 500 labels (3 couriers, A4, each tracking
 *   number as Code 128) as PDF and as CSV, and the per-packer report.
 */
import { renderPackingSlip } from '../../electron/core/documents/packing-slip';
import { localDayRange } from '../../electron/core/documents/format';
import { buildHandoverList, handoverCsv, renderHandoverPdf } from '../../electron/core/documents/handover';
import { buildPackerReport, renderPackerReportPdf } from '../../electron/core/documents/packer-report';
import type { DocumentOptions } from '../../electron/core/documents/types';
import { renderLabelPdf } from '../../electron/sandbox/documents/label-document';
import { handoverRecords, sampleSlip } from '../helpers/document-data';
import { sampleLabelData } from '../helpers/label-data';
import { median, quantile, timeRuns, withBaseline, type Bench, type BenchFigure } from './harness';

const SLIP_RUNS = 30;
const HANDOVER_RUNS = 5;
const HANDOVER_LABELS = 500;
const TZ = 'Asia/Shanghai';
const BYTES_PER_KB = 1024;
const MICROSECONDS_PER_MS = 1000;

/**
 * CPU time (user + system) per run, in ms: steadier than wall time when the
 * machine is shared, and what a station's main process actually spends.
 */
async function cpuMsPerRun(count: number, fn: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / MICROSECONDS_PER_MS / count;
}

const bench: Bench = {
  title: 'documents',
  async run() {
    const figures: BenchFigure[] = [];
    const options: DocumentOptions = { language: 'zh-CN', paper: 'A4', timeZone: TZ };
    const slip = sampleSlip();

    let start = performance.now();
    const firstSlip = await renderPackingSlip(slip, options);
    figures.push({ name: 'first packing slip after start (reads and parses the fonts)', value: performance.now() - start, unit: 'ms' });

    const label = sampleLabelData({ trackingNumber: 'YT2503010099CN', labelId: 'lbl_0099', orderNumber: 'ORD-99' });
    const slipTimes = await timeRuns(SLIP_RUNS, () => renderPackingSlip(slip, options));
    const labelTimes = await timeRuns(SLIP_RUNS, () => renderLabelPdf(label));
    figures.push(
      withBaseline(
        'packing slip → PDF (A4, zh-CN, 10 lines), median, vs sandbox airway bill',
        median(slipTimes),
        median(labelTimes),
        'ms',
        '≤ 150 ms',
      ),
    );
    figures.push({ name: 'packing slip → PDF, p95', value: quantile(slipTimes, 0.95), unit: 'ms' });
    figures.push({
      name: 'packing slip → PDF, CPU time per slip',
      value: await cpuMsPerRun(SLIP_RUNS, () => renderPackingSlip(slip, options)),
      unit: 'ms',
    });
    figures.push({
      name: 'packing slip PDF size (fonts subset)',
      value: firstSlip.byteLength / BYTES_PER_KB,
      unit: 'KB',
      goal: '≤ 100 KB',
    });

    const day = localDayRange('2026-03-01', TZ);
    const records = handoverRecords(HANDOVER_LABELS, day.from, { everyMs: 90_000 });
    const list = buildHandoverList(records, { station: 'Bench 3', range: day });
    let handover: Uint8Array = new Uint8Array();
    const handoverTimes = await timeRuns(
      HANDOVER_RUNS,
      async () => {
        handover = await renderHandoverPdf(list, options);
      },
      1,
    );
    figures.push({
      name: `handover list, ${HANDOVER_LABELS} labels → PDF (A4), median`,
      value: median(handoverTimes),
      unit: 'ms',
      goal: '≤ 5000 ms',
    });
    figures.push({
      name: `handover list, ${HANDOVER_LABELS} labels → PDF, CPU time`,
      value: await cpuMsPerRun(HANDOVER_RUNS, () => renderHandoverPdf(list, options)),
      unit: 'ms',
    });
    figures.push({ name: `handover list, ${HANDOVER_LABELS} labels, PDF size`, value: handover.byteLength / BYTES_PER_KB, unit: 'KB' });

    start = performance.now();
    const csv = handoverCsv(list, { language: 'zh-CN', timeZone: TZ });
    figures.push({ name: `handover list, ${HANDOVER_LABELS} labels → CSV`, value: performance.now() - start, unit: 'ms' });
    if (csv.length === 0) throw new Error('empty CSV');

    const report = buildPackerReport(records, { station: 'Bench 3', range: day });
    const reportTimes = await timeRuns(SLIP_RUNS, () => renderPackerReportPdf(report, options));
    figures.push({ name: `labels per packer (${HANDOVER_LABELS} labels) → PDF, median`, value: median(reportTimes), unit: 'ms' });
    return figures;
  },
};

export default bench;
