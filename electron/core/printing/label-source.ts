/**
 * A carrier's document opened for fitting: a PDF as it is, a PNG as a
 * one-page PDF of its real size (its pHYs resolution, else 203 dpi, the
 * thermal printers' own), so every page — pictures included — is looked at,
 * planned and drawn by the same code.
 */
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import type { Logger } from '../util/log';
import { documentFailure, type LabelDocument } from './document';
import { POINTS_PER_INCH } from './media';
import { openPdf, type PdfDocument } from './pdfium';
import { decodePngGray, type GrayPicture } from './png';

/** A PNG without a stated resolution is taken to be made for a 203 dpi (8 dots/mm) label printer, as carriers' are. */
export const ASSUMED_PNG_DPI = 203;
const METRES_PER_INCH = 0.0254;
/** pHYs unit specifier: pixels per metre. */
const PHYS_UNIT_METRE = 1;
/** Grey levels this close to black or white count as pure ink or paper. */
const BILEVEL_MARGIN = 32;
/** A picture whose pixels are nearly all pure black or white (anti-aliased edges aside) is a 1-bit label. */
const BILEVEL_SHARE = 0.98;

/** The PNG's resolution from its pHYs chunk, in pixels per inch; null when it states none. */
export function pngDpi(bytes: Uint8Array): number | null {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 8 <= view.length) {
    const length = view.readUInt32BE(at);
    const type = view.toString('latin1', at + 4, at + 8);
    if (type === 'pHYs' && length >= 9 && at + 17 <= view.length) {
      const x = view.readUInt32BE(at + 8);
      const y = view.readUInt32BE(at + 12);
      if (view[at + 16] === PHYS_UNIT_METRE && x > 0 && x === y) return x * METRES_PER_INCH;
      return null;
    }
    if (type === 'IDAT' || type === 'IEND') return null;
    at += 12 + length;
  }
  return null;
}

function isBilevel(picture: GrayPicture): boolean {
  let pure = 0;
  for (const v of picture.gray) if (v < BILEVEL_MARGIN || v > 255 - BILEVEL_MARGIN) pure++;
  return pure >= picture.gray.length * BILEVEL_SHARE;
}

/** The picture as 1 bit per pixel, PDF order (1 = white, rows padded to a byte). */
function toOneBit(picture: GrayPicture): Uint8Array {
  const rowBytes = Math.ceil(picture.width / 8);
  const out = new Uint8Array(rowBytes * picture.height);
  for (let y = 0; y < picture.height; y++)
    for (let x = 0; x < picture.width; x++)
      if (picture.gray[y * picture.width + x]! >= 128) out[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
  return out;
}

/**
 * A PNG label as a one-page PDF of its real size. A picture that is black and white (as label images are) goes
 * in as a 1-bit image, so the planner knows its pixels can be mapped onto whole printer dots.
 */
export async function pngAsPdf(png: Uint8Array): Promise<Uint8Array> {
  const picture = decodePngGray(png);
  const dpi = pngDpi(png) ?? ASSUMED_PNG_DPI;
  const bilevel = isBilevel(picture);
  const pdf = await PDFDocument.create();
  // Uncompressed: this PDF only lives in memory for the length of one print.
  const image = pdf.context.register(
    pdf.context.stream(bilevel ? toOneBit(picture) : picture.gray, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: picture.width,
      Height: picture.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: bilevel ? 1 : 8,
    }),
  );
  const widthPt = (picture.width / dpi) * POINTS_PER_INCH;
  const heightPt = (picture.height / dpi) * POINTS_PER_INCH;
  const page = pdf.addPage([widthPt, heightPt]);
  const name = page.node.newXObject('Label', image);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(widthPt, 0, 0, heightPt, 0, 0), drawObject(name), popGraphicsState());
  return pdf.save({ useObjectStreams: false });
}

/** Opens the document with PDFium; an unreadable one is a DOCUMENT failure (the reason goes to `log`). */
export async function openLabelDocument(doc: LabelDocument, log?: Logger): Promise<PdfDocument> {
  const kind = doc.format === 'pdf' ? 'PDF' : 'image';
  try {
    return await openPdf(doc.format === 'pdf' ? doc.bytes : await pngAsPdf(doc.bytes));
  } catch (e) {
    log?.warn('label document unreadable', { format: doc.format, reason: e instanceof Error ? e.message : String(e) });
    throw documentFailure(`The label ${kind} is damaged and cannot be read.`, e);
  }
}
