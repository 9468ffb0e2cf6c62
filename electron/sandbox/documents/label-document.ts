/**
 * The sandbox's airway bill: a 4×6 in PDF with a Code 128 barcode of the
 * tracking number, both addresses and the order number, like a courier's.
 * PNG is the same page rasterised at 203 dpi (the usual thermal printer
 * resolution), so both formats carry identical content.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { encodeCode128, forEachBar, CODE128_QUIET_ZONE_MODULES } from './code128';
import { encodeGrayPng } from './gray-png';

export const POINTS_PER_INCH = 72;
export const LABEL_WIDTH_PT = 4 * POINTS_PER_INCH;
export const LABEL_HEIGHT_PT = 6 * POINTS_PER_INCH;
export const THERMAL_DPI = 203;
const MARGIN_PT = 12;
const PIXEL_EPSILON = 0.001;
const BARCODE_HEIGHT_PT = 72;
/** 2 pt ≈ 5.6 dots at 203 dpi: wide enough for any scanner, narrow enough for 30-character numbers. */
const MAX_MODULE_PT = 2.5;

export interface LabelParty {
  name: string;
  streetLines: string[];
  city: string;
  state: string | null;
  postalCode: string;
  countryCode: string;
  phone: string;
}

export interface LabelDocumentData {
  trackingNumber: string;
  labelId: string;
  courierName: string;
  productCode: string;
  orderNumber: string | null;
  from: LabelParty;
  to: LabelParty;
  weightKg: number;
  parcels: number;
  createdAt: Date;
}

/**
 * The standard PDF fonts only encode WinAnsi; a real courier embeds a CJK
 * font, the sandbox keeps documents small and replaces what it cannot encode.
 */
function winAnsi(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?');
}

export async function renderLabelPdf(data: LabelDocumentData): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Label ${data.trackingNumber}`);
  pdf.setProducer('Shipping Station sandbox');
  pdf.setCreationDate(data.createdAt);
  pdf.setModificationDate(data.createdAt);
  const page = pdf.addPage([LABEL_WIDTH_PT, LABEL_HEIGHT_PT]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const black = rgb(0, 0, 0);
  let y = LABEL_HEIGHT_PT - MARGIN_PT;

  const text = (s: string, x: number, size: number, font: PDFFont = regular) => {
    page.drawText(winAnsi(s), { x, y: y - size, size, font, color: black });
  };
  const rule = () => {
    page.drawLine({ start: { x: MARGIN_PT, y }, end: { x: LABEL_WIDTH_PT - MARGIN_PT, y }, thickness: 1.5, color: black });
  };

  // Header: courier and product.
  text(data.courierName, MARGIN_PT, 18, bold);
  const product = winAnsi(data.productCode);
  page.drawText(product, { x: LABEL_WIDTH_PT - MARGIN_PT - bold.widthOfTextAtSize(product, 14), y: y - 16, size: 14, font: bold });
  y -= 26;
  rule();
  y -= 6;

  // Sender, small.
  text('FROM', MARGIN_PT, 7, bold);
  y -= 9;
  for (const line of partyLines(data.from)) {
    text(line, MARGIN_PT, 8);
    y -= 10;
  }
  y -= 2;
  rule();
  y -= 6;

  // Recipient, large: what a sorter reads.
  text('SHIP TO', MARGIN_PT, 7, bold);
  const country = winAnsi(data.to.countryCode);
  page.drawText(country, { x: LABEL_WIDTH_PT - MARGIN_PT - bold.widthOfTextAtSize(country, 24), y: y - 26, size: 24, font: bold });
  y -= 10;
  const [name, ...rest] = partyLines(data.to);
  text(name ?? '', MARGIN_PT, 13, bold);
  y -= 16;
  for (const line of rest) {
    text(line, MARGIN_PT, 11);
    y -= 13;
  }
  y -= 4;
  rule();
  y -= 14;

  drawBarcode(page, data.trackingNumber, y);
  y -= BARCODE_HEIGHT_PT + 4;
  const human = winAnsi(data.trackingNumber);
  page.drawText(human, { x: (LABEL_WIDTH_PT - bold.widthOfTextAtSize(human, 13)) / 2, y: y - 13, size: 13, font: bold });
  y -= 22;
  rule();
  y -= 8;

  text(`Order: ${data.orderNumber ?? '-'}`, MARGIN_PT, 10, bold);
  y -= 13;
  text(`Weight: ${data.weightKg.toFixed(3)} kg   Parcels: ${data.parcels}`, MARGIN_PT, 9);
  y -= 12;
  text(`Date: ${data.createdAt.toISOString().slice(0, 10)}`, MARGIN_PT, 9);
  y -= 12;
  text(`Ref: ${data.labelId}`, MARGIN_PT, 7);
  y -= 12;
  text('SANDBOX - NOT A REAL SHIPMENT', MARGIN_PT, 8, bold);

  return pdf.save({ useObjectStreams: false });
}

function partyLines(p: LabelParty): string[] {
  const cityLine = [p.city, p.state, p.postalCode].filter((s) => s && s.length > 0).join(' ');
  return [p.name, ...p.streetLines, cityLine, `${p.countryCode}  Tel ${p.phone}`];
}

function drawBarcode(page: PDFPage, value: string, topY: number): void {
  const code = encodeCode128(value);
  const available = LABEL_WIDTH_PT - 2 * MARGIN_PT;
  const module = Math.min(MAX_MODULE_PT, available / (code.modules + 2 * CODE128_QUIET_ZONE_MODULES));
  const x0 = (LABEL_WIDTH_PT - code.modules * module) / 2;
  forEachBar(code, (x, w) => {
    page.drawRectangle({
      x: x0 + x * module,
      y: topY - BARCODE_HEIGHT_PT,
      width: w * module,
      height: BARCODE_HEIGHT_PT,
      color: rgb(0, 0, 0),
    });
  });
}

/** The same page at 203 dpi, greyscale, as PNG (what a thermal printer driver would receive). */
export async function renderLabelPng(pdfBytes: Uint8Array): Promise<Uint8Array> {
  // PDFium is WebAssembly and slow to load: only the PNG path pays for it.
  const { openPdf } = await import('../../core/printing/pdfium');
  const doc = await openPdf(pdfBytes);
  try {
    return doc.withPage(0, (page) => {
      const scale = THERMAL_DPI / POINTS_PER_INCH;
      // Whole pixels covering the page; the epsilon keeps 288 pt × 203/72 = 812.0000001 from becoming 813.
      const width = Math.ceil(page.widthPt * scale - PIXEL_EPSILON);
      const height = Math.ceil(page.heightPt * scale - PIXEL_EPSILON);
      return page.drawGray(width, height, [scale, 0, 0, scale, 0, 0], ({ pixels, stride }) =>
        encodeGrayPng({ width, height, pixels, stride, dpi: THERMAL_DPI }),
      );
    });
  } finally {
    doc.close();
  }
}
