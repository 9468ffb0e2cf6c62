/**
 * End of day: the handover list a courier's driver signs when collecting
 * the parcels. One section per courier (its own pages and page count, so
 * each driver takes only theirs): every label created in the range and not
 * voided, with its tracking number as text and as Code 128 for the driver's
 * scanner, order, parcels, weight and time; then totals and signature lines.
 * The same list as CSV for the office.
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
import type { CourierHandover, DocumentOptions, HandoverLabelRecord, HandoverList, TimeRange } from './types';

/** Below this content width (a 4×6 label) order and time move under the barcode and their columns go. */
const COMPACT_BELOW_PT = 400;
/** Shares of the content width on a sheet; the tracking column takes what the others leave. */
const NUMBER_SHARE = 0.06;
const ORDER_SHARE = 0.2;
const PARCELS_SHARE = 0.09;
const WEIGHT_SHARE = 0.11;
const CREATED_SHARE = 0.11;
const COMPACT_NUMBER_SHARE = 0.09;
const COMPACT_PARCELS_SHARE = 0.12;
const COMPACT_WEIGHT_SHARE = 0.17;
const SIGNATURE_SPACE_EM = 2.8;
const GAP_EM = 0.8;
const COLUMN_GAP_PT = 16;
const SIGNATURE_LINE_PT = 0.6;

/** The labels of `range` that were not voided, one list per courier, each in order of creation. */
export function buildHandoverList(records: readonly HandoverLabelRecord[], query: { station: string; range: TimeRange }): HandoverList {
  const from = query.range.from.getTime();
  const to = query.range.to.getTime();
  const byCourier = new Map<string, { name: string; records: HandoverLabelRecord[] }>();
  for (const record of records) {
    const at = record.createdAt.getTime();
    if (record.voided || at < from || at >= to) continue;
    const group = byCourier.get(record.courierCode) ?? { name: record.courierName, records: [] };
    group.records.push(record);
    byCourier.set(record.courierCode, group);
  }
  const couriers: CourierHandover[] = [...byCourier.entries()].map(([courierCode, group]) => {
    const labels = group.records
      .slice()
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.trackingNumber.localeCompare(b.trackingNumber))
      .map((r) => ({
        trackingNumber: r.trackingNumber,
        orderNumber: r.orderNumber,
        parcels: r.parcels,
        weightKg: r.weightKg,
        createdAt: r.createdAt,
        packer: r.packer,
      }));
    return {
      courierCode,
      courierName: group.name,
      labels,
      totals: {
        labels: labels.length,
        parcels: labels.reduce((sum, l) => sum + l.parcels, 0),
        weightKg: sumKg(labels.map((l) => l.weightKg)),
      },
    };
  });
  couriers.sort((a, b) => a.courierName.localeCompare(b.courierName) || a.courierCode.localeCompare(b.courierCode));
  return { station: query.station, range: query.range, couriers };
}

function validate(list: HandoverList, canvas: DocumentCanvas): void {
  const { language } = canvas;
  if (!(list.range.to.getTime() > list.range.from.getTime())) throw invalidInput(language, 'range', 'range');
  let n = 0;
  for (const courier of list.couriers) {
    for (const label of courier.labels) {
      const field = `labels[${n++}]`;
      const tracking = { tracking: label.trackingNumber };
      canvas.checkBarcodeValue(label.trackingNumber, `${field}.trackingNumber`);
      if (!Number.isInteger(label.parcels) || label.parcels < 1) throw invalidInput(language, `${field}.parcels`, 'parcels', tracking);
      if (!Number.isFinite(label.weightKg) || label.weightKg < 0) throw invalidInput(language, `${field}.weightKg`, 'weight', tracking);
    }
  }
}

export async function renderHandoverPdf(list: HandoverList, options: DocumentOptions): Promise<Uint8Array> {
  const canvas = await DocumentCanvas.open(
    options,
    `Courier handover ${formatDay(list.range.from, options.timeZone ?? defaultTimeZone())}`,
  );
  validate(list, canvas);
  const range = formatRange(list.range, canvas.timeZone);
  if (list.couriers.length === 0) {
    canvas.startSection(range, (c) => drawHeader(c, list, null, range));
    canvas.paragraph(canvas.t('handover.empty'), 'header', { size: canvas.paper.bodyPt });
    return canvas.save();
  }
  let first = 0;
  for (const courier of list.couriers) {
    drawCourier(canvas, list, courier, range, first);
    first += courier.labels.length;
  }
  return canvas.save();
}

function drawHeader(c: DocumentCanvas, list: HandoverList, courier: CourierHandover | null, range: string): void {
  const p = c.paper;
  const top = c.y;
  c.drawLine(c.set(c.t('handover.title'), 'header'), c.left, top, { size: p.titlePt, bold: true });
  c.y = top - c.lineHeight(p.titlePt);
  if (courier)
    c.flow([c.set(c.t('handover.courier', { courier: courier.courierName }), 'courier')], c.left, { size: p.headingPt, bold: true });
  const details = [
    c.t('handover.range', { range }),
    c.t('common.station', { station: list.station }),
    c.t('common.timeZone', { zone: c.timeZone }),
    c.t('common.printed', { time: formatDateTime(c.now, c.timeZone) }),
  ];
  c.paragraph(details.join('   '), 'station', { size: p.smallPt });
  c.y -= p.smallPt * GAP_EM * 0.5;
  c.rule();
  c.y -= p.smallPt * GAP_EM * 0.5;
}

function drawCourier(c: DocumentCanvas, list: HandoverList, courier: CourierHandover, range: string, firstIndex: number): void {
  const p = c.paper;
  const compact = c.contentWidth < COMPACT_BELOW_PT;
  const w = c.contentWidth;
  const columns: TableColumn[] = compact
    ? [
        { header: c.t('handover.number'), widthPt: w * COMPACT_NUMBER_SHARE },
        { header: c.t('handover.trackingNumber'), widthPt: w * (1 - COMPACT_NUMBER_SHARE - COMPACT_PARCELS_SHARE - COMPACT_WEIGHT_SHARE) },
        { header: c.t('handover.parcels'), widthPt: w * COMPACT_PARCELS_SHARE, align: 'right' },
        { header: c.t('handover.weight'), widthPt: w * COMPACT_WEIGHT_SHARE, align: 'right' },
      ]
    : [
        { header: c.t('handover.number'), widthPt: w * NUMBER_SHARE },
        {
          header: c.t('handover.trackingNumber'),
          widthPt: w * (1 - NUMBER_SHARE - ORDER_SHARE - PARCELS_SHARE - WEIGHT_SHARE - CREATED_SHARE),
        },
        { header: c.t('handover.order'), widthPt: w * ORDER_SHARE },
        { header: c.t('handover.parcels'), widthPt: w * PARCELS_SHARE, align: 'right' },
        { header: c.t('handover.weight'), widthPt: w * WEIGHT_SHARE, align: 'right' },
        { header: c.t('handover.created'), widthPt: w * CREATED_SHARE, align: 'right' },
      ];
  const table = new Table(c, columns, { size: p.bodyPt, headerSize: p.smallPt, notesSize: p.smallPt });
  // One bar width for the whole list (the narrowest any of its numbers needs), so the rows look alike.
  const barWidth = table.textWidth(1);
  const moduleDots = Math.min(
    ...courier.labels.map((label, i) => c.barcodeModuleDots(label.trackingNumber, `labels[${firstIndex + i}].trackingNumber`, barWidth)),
  );
  const oneDay = withinOneDay(list.range, c.timeZone);
  const when = (d: Date) => (oneDay ? formatTime(d, c.timeZone) : formatDateTime(d, c.timeZone));

  c.startSection(c.t('handover.footer', { courier: courier.courierName, range }), (canvas) => drawHeader(canvas, list, courier, range));
  table.drawHeader();
  courier.labels.forEach((label, i) => {
    // Only the order number is free text here (the tracking number was checked to be ASCII, the rest are numbers).
    const field = `labels[${firstIndex + i}].orderNumber`;
    const text = (value: string, column: number) => c.wrap(value, field, p.bodyPt, table.textWidth(column));
    const tracking = {
      lines: text(label.trackingNumber, 1),
      barcode: { value: label.trackingNumber, moduleDots, heightPt: p.rowBarcodeHeightPt },
      notes: compact
        ? c.wrap([label.orderNumber, when(label.createdAt)].filter(Boolean).join(' · '), field, p.smallPt, table.textWidth(1))
        : [],
    };
    const number = { lines: text(formatCount(i + 1, c.language), 0) };
    const parcels = { lines: text(formatCount(label.parcels, c.language), compact ? 2 : 3) };
    const weight = { lines: text(formatWeight(label.weightKg, c.language), compact ? 3 : 4) };
    table.drawRow(
      compact
        ? [number, tracking, parcels, weight]
        : [number, tracking, { lines: text(label.orderNumber ?? '', 2) }, parcels, weight, { lines: text(when(label.createdAt), 5) }],
    );
  });
  drawTotalsAndSignatures(c, courier);
}

function drawTotalsAndSignatures(c: DocumentCanvas, courier: CourierHandover): void {
  const p = c.paper;
  const body = c.lineHeight(p.bodyPt);
  const small = c.lineHeight(p.smallPt);
  const box = p.bodyPt * SIGNATURE_SPACE_EM + small;
  // Totals and signatures stay together: a driver signs under the numbers they agree to.
  c.ensure(p.bodyPt * GAP_EM + c.lineHeight(p.headingPt) + body * 3 + box * 3);
  c.y -= p.bodyPt * GAP_EM;
  c.flow([c.set(c.t('handover.totals'), 'header')], c.left, { size: p.headingPt, bold: true });
  const totals: Array<[string, string]> = [
    [c.t('handover.totalLabels'), formatCount(courier.totals.labels, c.language)],
    [c.t('handover.totalParcels'), formatCount(courier.totals.parcels, c.language)],
    [c.t('handover.totalWeight'), formatWeight(courier.totals.weightKg, c.language)],
  ];
  const valueRight = c.left + Math.min(c.contentWidth, 260);
  for (const [label, value] of totals) {
    c.drawLine(c.set(label, 'header'), c.left, c.y, { size: p.bodyPt });
    c.drawLineRight(c.set(value, 'header'), valueRight, c.y, { size: p.bodyPt, bold: true });
    c.y -= body;
  }
  const rows: string[][] = [
    [c.t('handover.handedOverBy')],
    [c.t('handover.driverName'), c.t('handover.driverSignature')],
    [c.t('handover.parcelsReceived'), c.t('handover.dateTime')],
  ];
  for (const row of rows) {
    const width = (c.contentWidth - COLUMN_GAP_PT * (row.length - 1)) / row.length;
    const lineY = c.y - p.bodyPt * SIGNATURE_SPACE_EM;
    row.forEach((label, i) => {
      const x = c.left + i * (width + COLUMN_GAP_PT);
      c.rule(lineY, SIGNATURE_LINE_PT, x, x + width);
      c.drawLine(c.set(label, 'header'), x, lineY - 1, { size: p.smallPt });
    });
    c.y = lineY - small;
  }
}

/** One row per label, every courier, for a spreadsheet or another system. Times carry their UTC offset. */
export function handoverCsv(list: HandoverList, options: Pick<DocumentOptions, 'language' | 'timeZone'>): string {
  const t = (key: string) => translate(options.language, `documents.${key}`);
  const zone = options.timeZone ?? defaultTimeZone();
  const header = [
    t('handover.csvCourier'),
    t('handover.csvCourierCode'),
    t('handover.trackingNumber'),
    t('handover.csvOrder'),
    t('handover.parcels'),
    t('handover.weight'),
    t('handover.csvCreated'),
    t('handover.csvPacker'),
    t('handover.csvStation'),
  ];
  const rows = list.couriers.flatMap((courier) =>
    courier.labels.map((label) => [
      courier.courierName,
      courier.courierCode,
      label.trackingNumber,
      label.orderNumber,
      label.parcels,
      Number(label.weightKg.toFixed(WEIGHT_DECIMALS)),
      isoWithOffset(label.createdAt, zone),
      label.packer,
      list.station,
    ]),
  );
  return toCsv(header, rows);
}
