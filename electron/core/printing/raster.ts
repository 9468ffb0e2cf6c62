/**
 * The raw-ZPL path: each page of a label document is drawn straight onto a
 * media-sized bitmap at the printer's resolution (one pass, the fitting plan
 * in the transform) and cut to 1-bit. PDFium's WASM build does the drawing
 * (see ./pdfium.ts), the same code on Windows, macOS and Linux with nothing
 * native to install.
 */
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import type { PrintProfile } from '../../../shared/domain/printing';
import type { Logger } from '../util/log';
import { checkDocument, documentFailure, type LabelDocument } from './document';
import { mediaDots, mediaSize, planPage, POINTS_PER_INCH } from './media';
import { openPdf, type Matrix, type PdfDocument } from './pdfium';
import { decodePngGray } from './png';

/**
 * Grey level (0 black … 255 white) below which a dot prints. Half-way is the
 * point where an anti-aliased edge pixel is more than half covered, so bars
 * keep their drawn width: neither fattened nor thinned at either edge.
 */
export const BLACK_THRESHOLD = 128;

/** A 1-bit page: rows of `bytesPerRow` bytes, most significant bit first, 1 = black (ZPL `^GF` order). */
export interface MonoBitmap {
  width: number;
  height: number;
  bytesPerRow: number;
  data: Uint8Array;
}

export function packBits(gray: ArrayLike<number>, width: number, height: number, stride: number, threshold = BLACK_THRESHOLD): MonoBitmap {
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++) {
    const rowIn = y * stride;
    const rowOut = y * bytesPerRow;
    for (let x = 0; x < width; x++) {
      if (gray[rowIn + x]! < threshold) data[rowOut + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, bytesPerRow, data };
}

/**
 * A PNG label becomes a one-page PDF holding the (greyscale) image at one
 * point per pixel (only the aspect matters: the plan scales it to the media),
 * so PNG and PDF take the same drawing path and PDFium's image smoothing.
 */
async function pngAsPdf(png: Uint8Array): Promise<Uint8Array> {
  const picture = decodePngGray(png);
  const pdf = await PDFDocument.create();
  // Uncompressed: this PDF only lives in memory for the length of one print.
  const image = pdf.context.register(
    pdf.context.stream(picture.gray, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: picture.width,
      Height: picture.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
    }),
  );
  const page = pdf.addPage([picture.width, picture.height]);
  const name = page.node.newXObject('Label', image);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(picture.width, 0, 0, picture.height, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
  return pdf.save({ useObjectStreams: false });
}

async function openLabel(doc: LabelDocument, log: Logger | undefined): Promise<PdfDocument> {
  const kind = doc.format === 'pdf' ? 'PDF' : 'image';
  try {
    return await openPdf(doc.format === 'pdf' ? doc.bytes : await pngAsPdf(doc.bytes));
  } catch (e) {
    log?.warn('label document unreadable', { format: doc.format, reason: e instanceof Error ? e.message : String(e) });
    throw documentFailure(`The label ${kind} is damaged and cannot be read.`, e);
  }
}

/** `log` hears why a document could not be read (PDFium's or the PNG decoder's reason), which the packer's message leaves out. */
export async function rasterizeToMedia(
  doc: LabelDocument,
  profile: Pick<PrintProfile, 'media' | 'dpi' | 'orientation'>,
  log?: Logger,
): Promise<MonoBitmap[]> {
  checkDocument(doc);
  const document = await openLabel(doc, log);
  try {
    const count = document.pageCount;
    if (count === 0) throw documentFailure('The label document has no pages.');
    const media = mediaSize(profile.media);
    const dots = mediaDots(profile);
    const dotsPerPt = profile.dpi / POINTS_PER_INCH;
    const pages: MonoBitmap[] = [];
    for (let i = 0; i < count; i++) {
      try {
        pages.push(
          document.withPage(i, (page) => {
            const w = page.widthPt;
            const h = page.heightPt;
            const plan = planPage(w, h, media, profile.orientation);
            const k = plan.scale * dotsPerPt;
            const ox = plan.offsetXPt * dotsPerPt;
            const oy = plan.offsetYPt * dotsPerPt;
            // Page space is y-down from the shown page's top-left. A quarter turn counter-clockwise sends that corner
            // to the placed box's bottom-left.
            const matrix: Matrix = plan.quarterTurns ? [0, -k, k, 0, ox, k * w + oy] : [k, 0, 0, k, ox, oy];
            return page.drawGray(dots.width, dots.height, matrix, ({ pixels, stride }) =>
              packBits(pixels, dots.width, dots.height, stride),
            );
          }),
        );
      } catch (e) {
        if (e instanceof Error && e.name === 'StationFailure') throw e;
        log?.warn('label page cannot be drawn', { page: i + 1, reason: e instanceof Error ? e.message : String(e) });
        throw documentFailure(`Page ${i + 1} of the label document cannot be drawn.`, e);
      }
    }
    return pages;
  } finally {
    document.close();
  }
}
