/**
 * The raw-ZPL path: each label of the fitting plan is drawn straight onto a
 * media-sized bitmap at the printer's resolution (one pass, the plan's crop,
 * turn and scale in the transform) and cut to 1-bit at half-grey. PDFium's
 * WASM build does the drawing (see ./pdfium.ts), the same code on Windows,
 * macOS and Linux with nothing native to install.
 */
import type { Logger } from '../util/log';
import { checkDocument, documentFailure, type LabelDocument } from './document';
import { planDocument, type DocumentPlan, type FitProfile, type PlacedLabel } from './fit-plan';
import { openLabelDocument } from './label-source';
import { compose, mediaDots, placementMatrix, POINTS_PER_INCH } from './media';
import type { PdfDocument } from './pdfium';

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

/** Draws one planned label onto a media-sized 1-bit bitmap. */
export function drawLabel(document: PdfDocument, label: PlacedLabel, profile: FitProfile, log?: Logger): MonoBitmap {
  const dots = mediaDots(profile);
  const k = profile.dpi / POINTS_PER_INCH;
  const matrix = compose([k, 0, 0, k, 0, 0], placementMatrix(label.region, label.plan));
  const { plan } = label;
  // Only the placed box is drawn on: the rest of a sheet (instructions, a second label) stays off this label.
  const clip = {
    left: Math.max(0, Math.floor(plan.offsetXPt * k)),
    top: Math.max(0, Math.floor(plan.offsetYPt * k)),
    right: Math.min(dots.width, Math.ceil((plan.offsetXPt + plan.placedWidthPt) * k)),
    bottom: Math.min(dots.height, Math.ceil((plan.offsetYPt + plan.placedHeightPt) * k)),
  };
  try {
    return document.withPage(label.pageIndex, (page) =>
      page.drawGray(dots.width, dots.height, matrix, ({ pixels, stride }) => packBits(pixels, dots.width, dots.height, stride), {
        smoothImages: label.smoothImages,
        clip,
      }),
    );
  } catch (e) {
    if (e instanceof Error && e.name === 'StationFailure') throw e;
    log?.warn('label page cannot be drawn', { page: label.sourcePage, reason: e instanceof Error ? e.message : String(e) });
    throw documentFailure(`Page ${label.sourcePage} of the label document cannot be drawn.`, e);
  }
}

/** The plan and its labels as 1-bit bitmaps, one per media page. */
export async function rasterizeWithPlan(
  doc: LabelDocument,
  profile: FitProfile,
  log?: Logger,
): Promise<{ plan: DocumentPlan; pages: MonoBitmap[] }> {
  checkDocument(doc);
  const document = await openLabelDocument(doc, log);
  try {
    if (document.pageCount === 0) throw documentFailure('The label document has no pages.');
    const plan = await planDocument(document, profile);
    return { plan, pages: plan.labels.map((label) => drawLabel(document, label, profile, log)) };
  } finally {
    document.close();
  }
}

/** `log` hears why a document could not be read (PDFium's or the PNG decoder's reason), which the packer's message leaves out. */
export async function rasterizeToMedia(doc: LabelDocument, profile: FitProfile, log?: Logger): Promise<MonoBitmap[]> {
  return (await rasterizeWithPlan(doc, profile, log)).pages;
}
