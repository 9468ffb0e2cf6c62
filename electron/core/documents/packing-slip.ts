/**
 * The packing slip that goes in the box: the order number as text and as
 * the Code 128 the pack screen scans (repeated at the top of every page),
 * ship-to (and ship-from) address, the items with SKU, description, HS code
 * and quantity, and the notes. Headings are in the packer's language;
 * recipient data prints exactly as given, in whatever script.
 */
import { countryName } from '../../../shared/domain/countries';
import { DocumentCanvas } from './canvas';
import { invalidInput } from './errors';
import { formatCount, formatDay } from './format';
import { Table, type TableColumn } from './table';
import type { DocumentAddress, DocumentOptions, PackingSlip } from './types';

/** Side by side only where both blocks keep a readable width (A4/Letter); stacked on a 4×6 label. */
const TWO_COLUMN_MIN_WIDTH_PT = 400;
const COLUMN_GAP_PT = 16;
const HEADER_GAP_EM = 0.6;
const SECTION_GAP_EM = 0.8;
/** Column shares of the content width: SKU, HS code and quantity; the description takes the rest. */
const SKU_SHARE = 0.22;
const HS_SHARE = 0.15;
const QTY_SHARE = 0.1;

export async function renderPackingSlip(slip: PackingSlip, options: DocumentOptions): Promise<Uint8Array> {
  const canvas = await DocumentCanvas.open(options, `Packing slip ${slip.orderNumber}`);
  validate(slip, canvas);
  const p = canvas.paper;
  const moduleDots = canvas.barcodeModuleDots(slip.orderNumber, 'orderNumber', canvas.contentWidth);

  let continued = false;
  canvas.startSection(canvas.t('slip.footer', { order: slip.orderNumber }), (c) => {
    drawHeader(c, slip.orderNumber, moduleDots, continued ? c.t('slip.continued') : c.t('slip.title'));
    continued = true;
  });

  const info: string[] = [canvas.t('slip.orderNumberLine', { order: slip.orderNumber })];
  if (slip.orderDate) info.push(canvas.t('slip.orderDateLine', { date: formatDay(slip.orderDate, canvas.timeZone) }));
  canvas.flow([canvas.set(info.join('    '), 'orderNumber')], canvas.left, { size: p.bodyPt });
  canvas.y -= p.bodyPt * SECTION_GAP_EM;

  drawAddresses(canvas, slip);
  canvas.y -= p.bodyPt * SECTION_GAP_EM;
  drawLines(canvas, slip);

  if (slip.notes && slip.notes.trim() !== '') {
    canvas.y -= p.bodyPt * SECTION_GAP_EM;
    canvas.ensure(canvas.lineHeight(p.headingPt) + canvas.lineHeight(p.bodyPt));
    canvas.flow([canvas.set(canvas.t('slip.notes'), 'notes')], canvas.left, { size: p.headingPt, bold: true });
    canvas.paragraph(slip.notes, 'notes', { size: p.bodyPt });
  }
  return canvas.save();
}

function validate(slip: PackingSlip, canvas: DocumentCanvas): void {
  if (slip.orderNumber.trim() === '') throw invalidInput(canvas.language, 'orderNumber', 'empty');
  canvas.checkBarcodeValue(slip.orderNumber, 'orderNumber');
  if (slip.orderDate && Number.isNaN(slip.orderDate.getTime())) throw invalidInput(canvas.language, 'orderDate', 'date');
  if (slip.shipTo.name.trim() === '') throw invalidInput(canvas.language, 'shipTo', 'empty');
  slip.lines.forEach((line, i) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw invalidInput(canvas.language, `lines[${i}].quantity`, 'quantity');
  });
}

/** Title on the left, the order's barcode on the right with its number under it; stacked when they do not fit side by side. */
function drawHeader(c: DocumentCanvas, orderNumber: string, moduleDots: number, title: string): void {
  const p = c.paper;
  const titleLine = c.set(title, 'header');
  const number = c.set(orderNumber, 'orderNumber');
  const barWidth = c.barcodeWidthPt(orderNumber, moduleDots);
  const titleWidth = titleLine.widthEm * p.titlePt;
  const numberHeight = c.lineHeight(p.bodyPt);
  const barcodeBlock = p.barcodeHeightPt + numberHeight;
  const top = c.y;
  if (titleWidth + COLUMN_GAP_PT + barWidth <= c.contentWidth) {
    c.drawLine(titleLine, c.left, top, { size: p.titlePt, bold: true });
    const x = c.right - barWidth;
    c.drawBarcode(orderNumber, moduleDots, x, top - p.barcodeHeightPt, p.barcodeHeightPt);
    c.drawLine(number, x + (barWidth - number.widthEm * p.bodyPt) / 2, top - p.barcodeHeightPt, { size: p.bodyPt, bold: true });
    c.y = top - Math.max(c.lineHeight(p.titlePt), barcodeBlock);
  } else {
    c.drawLine(titleLine, c.left, top, { size: p.titlePt, bold: true });
    const barTop = top - c.lineHeight(p.titlePt);
    const x = c.left + (c.contentWidth - barWidth) / 2;
    c.drawBarcode(orderNumber, moduleDots, x, barTop - p.barcodeHeightPt, p.barcodeHeightPt);
    c.drawLine(number, c.left + (c.contentWidth - number.widthEm * p.bodyPt) / 2, barTop - p.barcodeHeightPt, {
      size: p.bodyPt,
      bold: true,
    });
    c.y = barTop - barcodeBlock;
  }
  c.y -= p.bodyPt * HEADER_GAP_EM;
  c.rule();
  c.y -= p.bodyPt * HEADER_GAP_EM;
}

/** The lines of an address as printed: name, company, street, "city state postcode", country in English, phone. */
export function addressLines(address: DocumentAddress, phoneLabel: (phone: string) => string): string[] {
  const present = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';
  const cityLine = [address.city, address.state, address.postalCode].filter(present).join(' ');
  const country = countryName(address.countryCode.toUpperCase());
  const lines = [address.company, ...address.lines, cityLine].filter(present);
  lines.push(country ? `${country.toUpperCase()} (${address.countryCode.toUpperCase()})` : address.countryCode.toUpperCase());
  if (present(address.phone)) lines.push(phoneLabel(address.phone));
  return lines;
}

function drawAddresses(c: DocumentCanvas, slip: PackingSlip): void {
  const p = c.paper;
  const phone = (n: string) => c.t('slip.phone', { phone: n });
  const blocks: Array<{ heading: string; address: DocumentAddress; field: string; large: boolean }> = [
    { heading: c.t('slip.shipTo'), address: slip.shipTo, field: 'shipTo', large: true },
  ];
  if (slip.shipFrom) blocks.push({ heading: c.t('slip.shipFrom'), address: slip.shipFrom, field: 'shipFrom', large: false });
  const sideBySide = blocks.length > 1 && c.contentWidth >= TWO_COLUMN_MIN_WIDTH_PT;
  const width = sideBySide ? (c.contentWidth - COLUMN_GAP_PT) / 2 : c.contentWidth;
  const top = c.y;
  let lowest = top;
  blocks.forEach((block, i) => {
    const x = sideBySide ? c.left + i * (width + COLUMN_GAP_PT) : c.left;
    if (!sideBySide && i > 0) c.y -= p.bodyPt * SECTION_GAP_EM;
    else c.y = top;
    const nameSize = block.large ? p.headingPt + 1 : p.bodyPt;
    const size = block.large ? p.bodyPt : p.smallPt;
    c.flow([c.set(block.heading, block.field)], x, { size: p.smallPt, bold: true });
    c.flow(c.wrap(block.address.name, block.field, nameSize, width), x, { size: nameSize, bold: true });
    for (const line of addressLines(block.address, phone)) c.flow(c.wrap(line, block.field, size, width), x, { size });
    lowest = Math.min(lowest, c.y);
  });
  c.y = sideBySide ? lowest : c.y;
}

function drawLines(c: DocumentCanvas, slip: PackingSlip): void {
  const p = c.paper;
  const w = c.contentWidth;
  const columns: TableColumn[] = [
    { header: c.t('slip.sku'), widthPt: w * SKU_SHARE },
    { header: c.t('slip.description'), widthPt: w * (1 - SKU_SHARE - HS_SHARE - QTY_SHARE) },
    { header: c.t('slip.hsCode'), widthPt: w * HS_SHARE },
    { header: c.t('slip.quantity'), widthPt: w * QTY_SHARE, align: 'right' },
  ];
  const table = new Table(c, columns, { size: p.bodyPt, headerSize: p.smallPt, notesSize: p.smallPt });
  if (slip.lines.length === 0) {
    c.paragraph(c.t('slip.noLines'), 'lines', { size: p.bodyPt });
    return;
  }
  table.drawHeader();
  slip.lines.forEach((line, i) => {
    const field = `lines[${i}]`;
    const cell = (text: string, column: number) => ({ lines: c.wrap(text, field, p.bodyPt, table.textWidth(column)) });
    table.drawRow([
      cell(line.sku, 0),
      cell(line.description, 1),
      cell(line.hsCode ?? '', 2),
      cell(formatCount(line.quantity, c.language), 3),
    ]);
  });
  const total = slip.lines.reduce((sum, line) => sum + line.quantity, 0);
  c.y -= p.bodyPt * HEADER_GAP_EM;
  c.ensure(c.lineHeight(p.bodyPt));
  c.drawLineRight(c.set(c.t('slip.totalQuantity', { count: formatCount(total, c.language) }), 'lines'), c.right, c.y, {
    size: p.bodyPt,
    bold: true,
  });
  c.y -= c.lineHeight(p.bodyPt);
}
