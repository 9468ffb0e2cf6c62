/**
 * Finds the label on a page and which way it reads.
 *
 * Carriers deliver labels on pages of every size: exactly the label (4×6 in,
 * 100×150 mm, A6), a long label (4×8 in, 99×200 mm), or a whole A4/Letter
 * sheet holding the label next to instructions, a receipt or a second copy.
 * Shrinking a sheet onto 4×6 takes barcodes below what scanners read, so the
 * label is found and printed on its own, near its real size:
 *
 * - a page no larger than LABEL_PAGE_MAX (4.5 × 6.5 in) that holds a barcode is a label as it is;
 * - a larger page is cut into blocks at white gutters (its own spacing never
 *   splits a block that could be one label: see `contentBlocks`); each block
 *   that holds a barcode and fits LABEL_BLOCK_MAX (4.5 × 8.5 in: carriers'
 *   half-sheet labels are about 4 × 7–7.6 in) is a label, printed on a media
 *   page of its own, in reading order;
 * - a page with no such block is a document (an invoice, a customs form) and
 *   prints whole.
 *
 * The reading direction comes from the label's 1-D barcodes, decoded with
 * ZXing (the direction a tracking barcode reads in is the label's), else from
 * the majority of its text (PDFs with a text layer), else it is unknown.
 */
import type { FittedKind } from '../../../shared/domain/printing';
import { readLinearBarcodes, type GrayPixels } from './barcode-reader';
import { POINTS_PER_INCH, quarterOf, type BilevelImage, type BoxPt } from './media';
import { centreInside, contentBlocks, linearBarcodeCandidates, type Box, type LinearCandidate } from './page-layout';
import type { PageImage, PdfPage, TextChar } from './pdfium';

/** Layout is read from a picture of the page at this resolution: enough for gutters and bar textures, cheap to draw. */
export const ANALYSIS_DPI = 50;
/** Barcodes are decoded from their own box drawn at this resolution (a 10 mil module is 2 pixels). */
export const DECODE_DPI = 200;
/** A page that fits this (short × long side, inches) is one label as it is. */
export const LABEL_PAGE_MAX_IN = { short: 4.5, long: 6.5 } as const;
/** A block on a larger page that fits this and holds a barcode is a label. */
export const LABEL_BLOCK_MAX_IN = { short: 4.5, long: 8.5 } as const;
/** Nothing smaller than this (either side, inches) is a shipping label: a lone barcode in a document is not. */
export const LABEL_MIN_SIDE_IN = 2;
/** White space at least this wide (inches) can separate two pieces of a sheet. */
export const MIN_GUTTER_IN = 0.15;
/** A found label's box is widened by one analysis pixel each side, so nothing at its edge is cut by the coarse grid. */
const BOX_SLACK_IN = 1 / ANALYSIS_DPI;
/** White kept around a barcode when decoding it: the quiet zone ZXing needs. */
const DECODE_MARGIN_IN = 0.15;
/** Barcodes decoded per label for its reading direction, largest first (one usually settles it). */
const MAX_DECODES_PER_LABEL = 3;
/** Text speaks for the reading direction only with at least this many characters. */
const MIN_TEXT_CHARS = 10;
/** The winning direction must carry this share of the evidence. */
const MAJORITY = 0.6;
const PAGE_SIZE_TOLERANCE_PT = 1;

export interface FoundLabel {
  /** The part of the page that prints, in points on the page as shown (a found label: its content, tight). */
  box: BoxPt;
  /** True when this is only part of its page. */
  cropped: boolean;
  /** The whole page's size, in points as shown. */
  pageWidthPt: number;
  pageHeightPt: number;
  /** Degrees clockwise the content reads in (0 upright), or null when nothing on it says. */
  contentRotation: number | null;
  /** 1-bit pictures in it, for whole-dot scaling. */
  bilevelImages: BilevelImage[];
  /** Every picture in it, with its pixel density across and down the page. */
  images: PlacedImage[];
}

export interface PlacedImage extends BilevelImage {
  box: BoxPt;
  bitsPerPixel: number;
}

export interface PageLabels {
  kind: FittedKind;
  /** What prints from this page: the labels found on it, or the whole page. */
  regions: FoundLabel[];
}

/** What `lookAtPage` gathers while the page is open; decoding happens afterwards, off the page. */
export interface PageLook {
  kind: FittedKind;
  widthPt: number;
  heightPt: number;
  regions: Array<{
    box: BoxPt;
    cropped: boolean;
    crops: Array<{ pixels: GrayPixels; weight: number }>;
    text: TextChar[];
    images: PageImage[];
  }>;
}

function fitsWithin(widthIn: number, heightIn: number, max: { short: number; long: number }): boolean {
  return Math.min(widthIn, heightIn) <= max.short && Math.max(widthIn, heightIn) <= max.long;
}

function toPt(box: Box, ptPerPx: number): BoxPt {
  return { x: box.x * ptPerPx, y: box.y * ptPerPx, width: box.width * ptPerPx, height: box.height * ptPerPx };
}

function grow(box: BoxPt, by: number, widthPt: number, heightPt: number): BoxPt {
  const x = Math.max(0, box.x - by);
  const y = Math.max(0, box.y - by);
  return { x, y, width: Math.min(widthPt, box.x + box.width + by) - x, height: Math.min(heightPt, box.y + box.height + by) - y };
}

function inside(inner: BoxPt, outer: BoxPt): boolean {
  return centreInside(inner, outer);
}

/** Draws `box` of the page at `dpi` and keeps a copy of its grey pixels. */
function drawBox(page: PdfPage, box: BoxPt, dpi: number): GrayPixels {
  const k = dpi / POINTS_PER_INCH;
  const width = Math.max(1, Math.round(box.width * k));
  const height = Math.max(1, Math.round(box.height * k));
  return page.drawGray(width, height, [k, 0, 0, k, -box.x * k, -box.y * k], ({ pixels, stride }) => ({
    width,
    height,
    stride,
    pixels: pixels.slice(0, stride * height),
  }));
}

/**
 * Looks at an open page: its layout at ANALYSIS_DPI, the label regions, and for each its text, its pictures and,
 * when `wantsBarcodes` says the region's reading direction matters (it is to be turned a quarter, and which way
 * depends on it), its barcode boxes drawn for decoding. With `findLabel` off the page prints whole (it is still
 * classified).
 */
export function lookAtPage(
  page: PdfPage,
  findLabel: boolean,
  wantsBarcodes: (box: BoxPt, cropped: boolean) => boolean = () => true,
): PageLook {
  const widthPt = page.widthPt;
  const heightPt = page.heightPt;
  const whole: BoxPt = { x: 0, y: 0, width: widthPt, height: heightPt };
  const tolerance = PAGE_SIZE_TOLERANCE_PT / POINTS_PER_INCH;
  const labelPage = fitsWithin(widthPt / POINTS_PER_INCH - tolerance, heightPt / POINTS_PER_INCH - tolerance, LABEL_PAGE_MAX_IN);
  const k = ANALYSIS_DPI / POINTS_PER_INCH;
  const ptPerPx = 1 / k;
  const picture = drawBox(page, whole, ANALYSIS_DPI);
  const candidates: Array<LinearCandidate & { pt: BoxPt }> = linearBarcodeCandidates(picture).map((c) => ({
    ...c,
    pt: toPt(c.box, ptPerPx),
  }));

  let kind: FittedKind = labelPage && candidates.length > 0 ? 'label' : 'document';
  let boxes: Array<{ box: BoxPt; cropped: boolean }> = [{ box: whole, cropped: false }];
  if (!labelPage) {
    const blocks = contentBlocks(
      picture,
      (b) => fitsWithin(b.width / ANALYSIS_DPI, b.height / ANALYSIS_DPI, LABEL_BLOCK_MAX_IN),
      MIN_GUTTER_IN * ANALYSIS_DPI,
    );
    const labels = blocks
      .filter((b) => fitsWithin(b.width / ANALYSIS_DPI, b.height / ANALYSIS_DPI, LABEL_BLOCK_MAX_IN))
      .filter((b) => Math.min(b.width, b.height) / ANALYSIS_DPI >= LABEL_MIN_SIDE_IN)
      .filter((b) => candidates.some((c) => centreInside(c.box, b)));
    if (labels.length > 0) kind = 'label';
    if (labels.length > 0 && findLabel) {
      boxes = labels.map((b) => ({ box: grow(toPt(b, ptPerPx), BOX_SLACK_IN * POINTS_PER_INCH, widthPt, heightPt), cropped: true }));
    }
  }

  const text = page.readText();
  const images = page.readImages();
  const margin = DECODE_MARGIN_IN * POINTS_PER_INCH;
  return {
    kind,
    widthPt,
    heightPt,
    regions: boxes.map(({ box, cropped }) => {
      const mine = candidates
        .filter((c) => wantsBarcodes(box, cropped) && inside(c.pt, box))
        .sort((a, b) => b.pt.width * b.pt.height - a.pt.width * a.pt.height)
        .slice(0, MAX_DECODES_PER_LABEL);
      return {
        box,
        cropped,
        crops: mine.map((c) => ({
          pixels: drawBox(page, grow(c.pt, margin, widthPt, heightPt), DECODE_DPI),
          weight: c.pt.width * c.pt.height,
        })),
        text: text.filter((t) => inside(t.box, box)),
        images: images.filter((i) => inside(i.box, box)),
      };
    }),
  };
}

/** The direction most of the weight agrees on, if a clear majority does. */
function vote(evidence: Array<{ rotation: number; weight: number }>): number | null {
  const bins = new Map<number, number>();
  let total = 0;
  for (const { rotation, weight } of evidence) {
    const q = quarterOf(rotation);
    if (q === null) continue;
    bins.set(q, (bins.get(q) ?? 0) + weight);
    total += weight;
  }
  let best: number | null = null;
  let bestWeight = 0;
  for (const [q, w] of bins) if (w > bestWeight) [best, bestWeight] = [q, w];
  return best !== null && bestWeight >= total * MAJORITY ? best : null;
}

function placed(images: PageImage[]): PlacedImage[] {
  return images
    .filter((i) => i.box.width > 0 && i.box.height > 0 && i.widthPx > 0 && i.heightPx > 0)
    .map((i) => {
      // An image placed turned a quarter has its pixel rows running down the page.
      const turned = i.widthPx > i.heightPx !== i.box.width > i.box.height && Math.abs(i.widthPx - i.heightPx) > 1;
      const [across, down] = turned ? [i.heightPx, i.widthPx] : [i.widthPx, i.heightPx];
      return { box: i.box, bitsPerPixel: i.bitsPerPixel, pixelsPerPtX: across / i.box.width, pixelsPerPtY: down / i.box.height };
    });
}

/** Decodes the barcodes `lookAtPage` drew and settles each label's reading direction. */
export async function findLabels(look: PageLook): Promise<PageLabels> {
  const regions: FoundLabel[] = [];
  for (const region of look.regions) {
    const barcodes: Array<{ rotation: number; weight: number }> = [];
    for (const crop of region.crops) {
      for (const read of await readLinearBarcodes(crop.pixels)) barcodes.push({ rotation: read.rotation, weight: crop.weight });
    }
    let contentRotation = barcodes.length > 0 ? vote(barcodes) : null;
    if (barcodes.length === 0 && region.text.length >= MIN_TEXT_CHARS)
      contentRotation = vote(region.text.map((t) => ({ rotation: t.rotation, weight: 1 })));
    const images = placed(region.images);
    regions.push({
      box: region.box,
      cropped: region.cropped,
      pageWidthPt: look.widthPt,
      pageHeightPt: look.heightPt,
      contentRotation,
      bilevelImages: images.filter((i) => i.bitsPerPixel === 1),
      images,
    });
  }
  return { kind: look.kind, regions };
}
