/**
 * The test page: a ruler along two edges and a border 2 mm in (clipping and
 * scale show at a glance), a Code 128 barcode the packer can scan, and the
 * printer and profile it went through. Drawn at the profile's media size.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { PrintProfile } from '../../../shared/domain/printing';
import { code128WidthPt, drawCode128 } from './barcode';
import { mediaSize, MM_PER_INCH, POINTS_PER_INCH } from './media';

const PT_PER_MM = POINTS_PER_INCH / MM_PER_INCH;
const BORDER_INSET_MM = 2;
const TICK_MM = 1.5;
const TICK_HALF_CM_MM = 2.5;
const TICK_CM_MM = 4;
const BARCODE_HEIGHT_MM = 15;

/** What the test page's barcode reads; a scan proves the printer's resolution matches the profile. */
export function testBarcodeValue(profile: Pick<PrintProfile, 'dpi'>): string {
  return `STATION-TEST-${profile.dpi}`;
}

/** Standard PDF fonts speak WinAnsi only; anything else (a CJK printer name) is shown as "?". */
function printable(text: string, font: PDFFont): string {
  const charset = new Set(font.getCharacterSet());
  return [...text].map((c) => (charset.has(c.codePointAt(0)!) ? c : '?')).join('');
}

function drawRuler(page: PDFPage, font: PDFFont, widthPt: number, heightPt: number): void {
  const black = rgb(0, 0, 0);
  for (let mm = 0; mm * PT_PER_MM <= widthPt; mm++) {
    const len = (mm % 10 === 0 ? TICK_CM_MM : mm % 5 === 0 ? TICK_HALF_CM_MM : TICK_MM) * PT_PER_MM;
    const x = mm * PT_PER_MM;
    page.drawLine({ start: { x, y: heightPt }, end: { x, y: heightPt - len }, thickness: 0.5, color: black });
    if (mm % 10 === 0 && mm > 0) page.drawText(String(mm / 10), { x: x + 1, y: heightPt - len - 6, size: 6, font });
  }
  for (let mm = 0; mm * PT_PER_MM <= heightPt; mm++) {
    const len = (mm % 10 === 0 ? TICK_CM_MM : mm % 5 === 0 ? TICK_HALF_CM_MM : TICK_MM) * PT_PER_MM;
    const y = heightPt - mm * PT_PER_MM;
    page.drawLine({ start: { x: 0, y }, end: { x: len, y }, thickness: 0.5, color: black });
    if (mm % 10 === 0 && mm > 0) page.drawText(String(mm / 10), { x: len + 1, y: y - 2, size: 6, font });
  }
}

export async function makeTestPage(profile: PrintProfile, printerLabel: string, when: Date): Promise<Uint8Array> {
  const { widthPt, heightPt } = mediaSize(profile.media);
  const doc = await PDFDocument.create();
  doc.setTitle('Shipping Station test print');
  const page = doc.addPage([widthPt, heightPt]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const inset = BORDER_INSET_MM * PT_PER_MM;
  page.drawRectangle({
    x: inset,
    y: inset,
    width: widthPt - 2 * inset,
    height: heightPt - 2 * inset,
    borderWidth: 1,
    borderColor: rgb(0, 0, 0),
  });
  drawRuler(page, font, widthPt, heightPt);

  const left = 10 * PT_PER_MM;
  let y = heightPt - 16 * PT_PER_MM;
  const line = (text: string, size: number, f = font): void => {
    page.drawText(printable(text, f), { x: left, y, size, font: f, maxWidth: widthPt - left - inset * 2 });
    y -= size * 1.5;
  };
  line('Test print', 18, bold);
  line(`Printer: ${printerLabel}`, 10);
  line(`Profile: ${profile.name}`, 10);
  const media = profile.media.preset === 'custom' ? `${profile.media.widthMm} x ${profile.media.heightMm} mm` : profile.media.preset;
  line(`Media: ${media}, ${profile.dpi} dpi, ${profile.mode}`, 10);
  line(when.toISOString().replace('T', ' ').slice(0, 19) + ' UTC', 10);

  const value = testBarcodeValue(profile);
  // Three dots per module at the profile's resolution, or fewer when the media is too narrow.
  let moduleDots = 3;
  while (moduleDots > 1 && code128WidthPt(value, moduleDots, profile.dpi) > widthPt - 2 * left) moduleDots--;
  const barWidth = code128WidthPt(value, moduleDots, profile.dpi);
  const barY = y - (BARCODE_HEIGHT_MM + 4) * PT_PER_MM;
  drawCode128(page, value, { x: (widthPt - barWidth) / 2, y: barY, moduleDots, dpi: profile.dpi, heightPt: BARCODE_HEIGHT_MM * PT_PER_MM });
  page.drawText(value, { x: (widthPt - font.widthOfTextAtSize(value, 9)) / 2, y: barY - 12, size: 9, font });
  page.drawText('The border should sit 2 mm inside every edge; ruler marks are millimetres.', {
    x: left,
    y: barY - 30,
    size: 7,
    font,
    maxWidth: widthPt - left - inset * 2,
  });
  return doc.save();
}
