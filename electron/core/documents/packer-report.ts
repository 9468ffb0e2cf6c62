/**
 * Labels per packer for a shift (or any range): how many each packer created
 * and voided, with parcels, weight, and their first and last label. Kept apart
 * from the handover list, which goes to the driver and is nobody else's
 * business. As a one-page table (PDF) and as CSV.
 */
import { translate } from '../../../shared/i18n';
import { DocumentCanvas } from './canvas';
import { toCsv } from './csv';
import { invalidInput } from './errors';
import {
  defaultTimeZone,
  formatCount,
  formatDateTime,
  formatDay,
  formatRange,
  formatTime,
  formatWeight,
  isoWithOffset,
  sumKg,
  WEIGHT_DECIMALS,
  withinOneDay,
} from './format';
import { Table, type TableColumn } from './table';
import type { DocumentOptions, HandoverLabelRecord, PackerCount, PackerReport, TimeRange } from './types';

const PACKER_SHARE = 0.28;
const COUNT_SHARE = 0.1;
const WEIGHT_SHARE = 0.13;
const GAP_EM = 0.6;

/** Every label created in `range`, voided ones counted apart, grouped by who was on duty. */
export function buildPackerReport(records: readonly HandoverLabelRecord[], query: { station: string; range: TimeRange }): PackerReport {
  const from = query.range.from.getTime();
  const to = query.range.to.getTime();
  const byPacker = new Map<string | null, HandoverLabelRecord[]>();
  for (const record of records) {
    const at = record.createdAt.getTime();
    if (at < from || at >= to) continue;
    const list = byPacker.get(record.packer) ?? [];
    list.push(record);
    byPacker.set(record.packer, list);
  }
  const packers: PackerCount[] = [...byPacker.entries()].map(([packer, list]) => {
    const live = list.filter((r) => !r.voided);
    const times = list.map((r) => r.createdAt.getTime());
    return {
      packer,
      labels: live.length,
      voided: list.length - live.length,
      parcels: live.reduce((sum, r) => sum + r.parcels, 0),
      weightKg: sumKg(live.map((r) => r.weightKg)),
      firstAt: new Date(Math.min(...times)),
      lastAt: new Date(Math.max(...times)),
    };
  });
  // Most labels first; nobody-on-duty last among equals, then by name.
  packers.sort(
    (a, b) =>
      b.labels - a.labels || (a.packer === null ? 1 : 0) - (b.packer === null ? 1 : 0) || (a.packer ?? '').localeCompare(b.packer ?? ''),
  );
  return {
    station: query.station,
    range: query.range,
    packers,
    totals: {
      labels: packers.reduce((sum, p) => sum + p.labels, 0),
      voided: packers.reduce((sum, p) => sum + p.voided, 0),
      parcels: packers.reduce((sum, p) => sum + p.parcels, 0),
      weightKg: sumKg(packers.map((p) => p.weightKg)),
    },
  };
}

export async function renderPackerReportPdf(report: PackerReport, options: DocumentOptions): Promise<Uint8Array> {
  const canvas = await DocumentCanvas.open(
    options,
    `Labels per packer ${formatDay(report.range.from, options.timeZone ?? defaultTimeZone())}`,
  );
  if (!(report.range.to.getTime() > report.range.from.getTime())) throw invalidInput(canvas.language, 'range', 'range');
  const p = canvas.paper;
  const range = formatRange(report.range, canvas.timeZone);
  canvas.startSection(canvas.t('packers.footer', { station: report.station, range }), (c) => {
    const top = c.y;
    c.drawLine(c.set(c.t('packers.title'), 'header'), c.left, top, { size: p.titlePt, bold: true });
    c.y = top - c.lineHeight(p.titlePt);
    const details = [
      c.t('packers.range', { range }),
      c.t('common.station', { station: report.station }),
      c.t('common.timeZone', { zone: c.timeZone }),
      c.t('common.printed', { time: formatDateTime(c.now, c.timeZone) }),
    ];
    c.paragraph(details.join('   '), 'station', { size: p.smallPt });
    c.y -= p.smallPt * GAP_EM;
    c.rule();
    c.y -= p.smallPt * GAP_EM;
  });
  if (report.packers.length === 0) {
    canvas.paragraph(canvas.t('packers.empty'), 'range', { size: p.bodyPt });
    return canvas.save();
  }
  const w = canvas.contentWidth;
  const timeShare = (1 - PACKER_SHARE - 3 * COUNT_SHARE - WEIGHT_SHARE) / 2;
  const columns: TableColumn[] = [
    { header: canvas.t('packers.packer'), widthPt: w * PACKER_SHARE },
    { header: canvas.t('packers.labels'), widthPt: w * COUNT_SHARE, align: 'right' },
    { header: canvas.t('packers.voided'), widthPt: w * COUNT_SHARE, align: 'right' },
    { header: canvas.t('packers.parcels'), widthPt: w * COUNT_SHARE, align: 'right' },
    { header: canvas.t('packers.weight'), widthPt: w * WEIGHT_SHARE, align: 'right' },
    { header: canvas.t('packers.first'), widthPt: w * timeShare, align: 'right' },
    { header: canvas.t('packers.last'), widthPt: w * timeShare, align: 'right' },
  ];
  const table = new Table(canvas, columns, { size: p.bodyPt, headerSize: p.smallPt, notesSize: p.smallPt });
  const cells = (values: string[]) => values.map((value, i) => ({ lines: canvas.wrap(value, 'packer', p.bodyPt, table.textWidth(i)) }));
  const oneDay = withinOneDay(report.range, canvas.timeZone);
  const when = (d: Date) => (oneDay ? formatTime(d, canvas.timeZone) : formatDateTime(d, canvas.timeZone));
  table.drawHeader();
  for (const row of report.packers) {
    table.drawRow(
      cells([
        row.packer ?? canvas.t('packers.noPacker'),
        formatCount(row.labels, canvas.language),
        formatCount(row.voided, canvas.language),
        formatCount(row.parcels, canvas.language),
        formatWeight(row.weightKg, canvas.language),
        when(row.firstAt),
        when(row.lastAt),
      ]),
    );
  }
  const t = report.totals;
  table.drawRow(
    cells([
      canvas.t('packers.total'),
      formatCount(t.labels, canvas.language),
      formatCount(t.voided, canvas.language),
      formatCount(t.parcels, canvas.language),
      formatWeight(t.weightKg, canvas.language),
      '',
      '',
    ]),
  );
  return canvas.save();
}

/** One row per packer; an empty packer cell is "nobody on duty". */
export function packerReportCsv(report: PackerReport, options: Pick<DocumentOptions, 'language' | 'timeZone'>): string {
  const t = (key: string) => translate(options.language, `documents.${key}`);
  const zone = options.timeZone ?? defaultTimeZone();
  const header = [
    t('packers.packer'),
    t('packers.labels'),
    t('packers.voided'),
    t('packers.parcels'),
    t('packers.weight'),
    t('packers.first'),
    t('packers.last'),
    t('handover.csvStation'),
  ];
  const rows = report.packers.map((p) => [
    p.packer,
    p.labels,
    p.voided,
    p.parcels,
    Number(p.weightKg.toFixed(WEIGHT_DECIMALS)),
    isoWithOffset(p.firstAt, zone),
    isoWithOffset(p.lastAt, zone),
    report.station,
  ]);
  return toCsv(header, rows);
}
