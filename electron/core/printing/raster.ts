/**
 * The raw-ZPL path: each page of a label document is drawn straight onto a
 * media-sized bitmap at the printer's resolution (one pass, the fitting plan
 * in the transform) and cut to 1-bit. MuPDF's WASM build does the drawing,
 * the same code on Windows, macOS and Linux with nothing native to install.
 */
import type * as Mupdf from 'mupdf';
import type { PrintProfile } from '../../../shared/domain/printing';
import type { Logger } from '../util/log';
import { checkDocument, documentFailure, type LabelDocument } from './document';
import { mediaDots, mediaSize, planPage, POINTS_PER_INCH } from './media';

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

type MupdfModule = typeof Mupdf;
let mupdfModule: Promise<MupdfModule> | null = null;
/** MuPDF's WASM is loaded on first use so the station starts without paying for it. */
function loadMupdf(): Promise<MupdfModule> {
  mupdfModule ??= import('mupdf');
  return mupdfModule;
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

/** `log` receives MuPDF's own warnings (e.g. a PDF it had to repair) instead of the console. */
export async function rasterizeToMedia(
  doc: LabelDocument,
  profile: Pick<PrintProfile, 'media' | 'dpi' | 'orientation'>,
  log?: Logger,
): Promise<MonoBitmap[]> {
  checkDocument(doc);
  const mupdf = await loadMupdf();
  if (log) mupdf.setLog({ error: (message) => log.warn('mupdf', { message }), warning: (message) => log.debug('mupdf', { message }) });
  let document: InstanceType<MupdfModule['Document']>;
  try {
    document = mupdf.Document.openDocument(doc.bytes, doc.format === 'pdf' ? 'application/pdf' : 'image/png');
  } catch (e) {
    throw documentFailure(`The label ${doc.format === 'pdf' ? 'PDF' : 'image'} is damaged and cannot be read.`, e);
  }
  try {
    const count = document.countPages();
    if (count === 0) throw documentFailure('The label document has no pages.');
    const media = mediaSize(profile.media);
    const dots = mediaDots(profile);
    const dotsPerPt = profile.dpi / POINTS_PER_INCH;
    const pages: MonoBitmap[] = [];
    for (let i = 0; i < count; i++) {
      const page = document.loadPage(i);
      const pixmap = new mupdf.Pixmap(mupdf.ColorSpace.DeviceGray, [0, 0, dots.width, dots.height], false);
      try {
        const [x0, y0, x1, y1] = page.getBounds();
        const w = x1 - x0;
        const h = y1 - y0;
        const plan = planPage(w, h, media, profile.orientation);
        const k = plan.scale * dotsPerPt;
        const ox = plan.offsetXPt * dotsPerPt;
        const oy = plan.offsetYPt * dotsPerPt;
        // Page space is y-down here. A quarter turn counter-clockwise sends the page's top-left to the placed box's bottom-left.
        const matrix: [number, number, number, number, number, number] = plan.quarterTurns
          ? [0, -k, k, 0, -k * y0 + ox, k * (w + x0) + oy]
          : [k, 0, 0, k, -k * x0 + ox, -k * y0 + oy];
        pixmap.clear(255);
        const device = new mupdf.DrawDevice(mupdf.Matrix.identity, pixmap);
        try {
          page.run(device, matrix);
          device.close();
        } finally {
          device.destroy();
        }
        pages.push(packBits(pixmap.getPixels(), dots.width, dots.height, pixmap.getStride()));
      } catch (e) {
        if (e instanceof Error && e.name === 'StationFailure') throw e;
        throw documentFailure(`Page ${i + 1} of the label document cannot be drawn.`, e);
      } finally {
        pixmap.destroy();
        page.destroy();
      }
    }
    return pages;
  } finally {
    document.destroy();
  }
}
