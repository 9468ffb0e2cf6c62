/**
 * Media sizes and the one fitting rule every print path shares: turn the
 * page when its long side runs across the label, scale to fit keeping the
 * aspect ratio, centre it. The PDF path (pdf-lib) and the raster path
 * (PDFium, raw ZPL) both apply this plan, so a label looks the same either way.
 */
import type { OrientationRule, PrintMedia, PrintProfile } from '../../../shared/domain/printing';

export const POINTS_PER_INCH = 72;
export const MM_PER_INCH = 25.4;

export interface MediaSize {
  widthPt: number;
  heightPt: number;
}

const mm = (value: number): number => (value / MM_PER_INCH) * POINTS_PER_INCH;

const PRESET_SIZES = {
  '4x6in': { widthPt: 4 * POINTS_PER_INCH, heightPt: 6 * POINTS_PER_INCH },
  '4x4in': { widthPt: 4 * POINTS_PER_INCH, heightPt: 4 * POINTS_PER_INCH },
  '100x150mm': { widthPt: mm(100), heightPt: mm(150) },
  A6: { widthPt: mm(105), heightPt: mm(148) },
  A4: { widthPt: mm(210), heightPt: mm(297) },
  Letter: { widthPt: 8.5 * POINTS_PER_INCH, heightPt: 11 * POINTS_PER_INCH },
} as const satisfies Record<string, MediaSize>;

export function mediaSize(media: PrintMedia): MediaSize {
  return media.preset === 'custom' ? { widthPt: mm(media.widthMm), heightPt: mm(media.heightMm) } : PRESET_SIZES[media.preset];
}

/** The label in printer dots at the profile's resolution (4×6 in at 203 dpi → 812 × 1218). */
export function mediaDots(profile: Pick<PrintProfile, 'media' | 'dpi'>): { width: number; height: number } {
  const size = mediaSize(profile.media);
  return {
    width: Math.round((size.widthPt / POINTS_PER_INCH) * profile.dpi),
    height: Math.round((size.heightPt / POINTS_PER_INCH) * profile.dpi),
  };
}

/** CUPS `media=` value: PWG custom size in millimetres, which every CUPS driver understands. */
export function cupsMediaOption(media: PrintMedia): string {
  const size = mediaSize(media);
  const fmt = (pt: number): string => String(Math.round((pt / POINTS_PER_INCH) * MM_PER_INCH * 100) / 100);
  return `Custom.${fmt(size.widthPt)}x${fmt(size.heightPt)}mm`;
}

/** Quarter turns counter-clockwise applied to the content: 0 none, 1 counter-clockwise, 2 upside down, 3 clockwise. */
export type QuarterTurns = 0 | 1 | 2 | 3;

export interface PagePlan {
  quarterTurns: QuarterTurns;
  /** Page points → media points. */
  scale: number;
  /** Where the turned, scaled page's box starts on the media, in points from the top-left corner. */
  offsetXPt: number;
  offsetYPt: number;
  /** The page's size after turning and scaling, in media points. */
  placedWidthPt: number;
  placedHeightPt: number;
}

/** A page this close to the media size (in points) counts as already fitted. */
export const SAME_SIZE_TOLERANCE_PT = 1;
/** A quarter turn is made only when it lets the content print at least this much larger (5 %). */
export const TURN_MIN_GAIN = 1.05;
/**
 * Snapping a 1-bit picture to whole dots may shrink the label by at most this share (10 %): a 66 ppi barcode on
 * a 203 dpi printer prints at exactly 3 dots per pixel instead of 3.08, not at 2.
 */
export const SNAP_MAX_SHRINK = 0.1;

/** A 1-bit picture on the page: its pixels per point across and down, as placed on the page. */
export interface BilevelImage {
  pixelsPerPtX: number;
  pixelsPerPtY: number;
}

export interface PlanOptions {
  /**
   * Which way the content reads (degrees clockwise, as ZXing reports a barcode: 0 upright, -90 bottom to top),
   * from the barcodes or text on it; null when nothing says. Only `auto` uses it.
   */
  contentRotation?: number | null;
  /** Largest scale allowed: 1 for a label found on a larger sheet (it prints at its real size or smaller). */
  maxScale?: number;
  /** The printer's resolution: when given, the plan puts the content on whole dots. */
  dpi?: number;
  /** 1-bit pictures in the content, whose pixels should each land on a whole number of dots. */
  bilevelImages?: readonly BilevelImage[];
}

/** Reading direction folded to one of 0, 90, 180, 270 (clockwise), or null. */
export function quarterOf(rotation: number | null | undefined): 0 | 90 | 180 | 270 | null {
  if (rotation === null || rotation === undefined || !Number.isFinite(rotation)) return null;
  return ((((Math.round(rotation / 90) * 90) % 360) + 360) % 360) as 0 | 90 | 180 | 270;
}

/**
 * The turn for a content box under a profile's rule. A quarter turn is made only when the content then prints
 * larger (its long side would otherwise run across the media); `auto` turns it the way that brings what the
 * content says is its top to the top (a label stored turned clockwise is turned back counter-clockwise, and the
 * reverse), and turns content that reads upside down the right way up. Without a reading direction, `auto`
 * turns counter-clockwise, as the explicit rules do when asked.
 */
/** True when a quarter turn lets content of this size print materially larger on the media. */
export function quarterTurnHelps(widthPt: number, heightPt: number, media: MediaSize, maxScale = Number.POSITIVE_INFINITY): boolean {
  const upright = Math.min(media.widthPt / widthPt, media.heightPt / heightPt, maxScale);
  const sideways = Math.min(media.widthPt / heightPt, media.heightPt / widthPt, maxScale);
  return sideways > upright * TURN_MIN_GAIN;
}

function chooseTurn(widthPt: number, heightPt: number, media: MediaSize, rule: OrientationRule, options: PlanOptions): QuarterTurns {
  if (rule === 'keep') return 0;
  const turnHelps = quarterTurnHelps(widthPt, heightPt, media, options.maxScale);
  if (rule === 'clockwise') return turnHelps ? 3 : 0;
  if (rule === 'counter-clockwise') return turnHelps ? 1 : 0;
  const reads = quarterOf(options.contentRotation);
  // Turning counter-clockwise by q quarters changes the reading direction by -90·q degrees.
  if (turnHelps) return reads === 270 || reads === 180 ? 3 : 1;
  return reads === 180 ? 2 : 0;
}

/** The worst relative error of any 1-bit picture's pixels against whole dots at `scale` (pictures finer than a dot excepted). */
function roundingError(scale: number, dotsPerPt: number, images: readonly BilevelImage[]): number {
  let worst = 0;
  for (const image of images) {
    for (const pixelsPerPt of [image.pixelsPerPtX, image.pixelsPerPtY]) {
      const dotsPerPixel = (scale * dotsPerPt) / pixelsPerPt;
      if (dotsPerPixel < 1) continue;
      worst = Math.max(worst, Math.abs(dotsPerPixel - Math.round(dotsPerPixel)) / dotsPerPixel);
    }
  }
  return worst;
}

/**
 * The scale, not above `fit` and at most SNAP_MAX_SHRINK below it, at which the 1-bit pictures' pixels come
 * closest to whole dots: each picture's own whole-dot scale is a candidate, and the one with the smallest worst
 * error over all pictures wins (the larger on a tie). A picture finer than the printer (under a dot per pixel)
 * cannot be snapped and is left to smoothing and the half-grey threshold.
 */
function snappedScale(fit: number, dotsPerPt: number, images: readonly BilevelImage[]): number {
  const candidates = [fit];
  for (const image of images) {
    for (const pixelsPerPt of [image.pixelsPerPtX, image.pixelsPerPtY]) {
      const dotsPerPixel = (fit * dotsPerPt) / pixelsPerPt;
      if (dotsPerPixel < 1) continue;
      const scale = (Math.floor(dotsPerPixel + 1e-6) * pixelsPerPt) / dotsPerPt;
      if (scale >= fit * (1 - SNAP_MAX_SHRINK)) candidates.push(scale);
    }
  }
  let best = fit;
  let bestError = roundingError(fit, dotsPerPt, images);
  for (const scale of candidates) {
    const error = roundingError(scale, dotsPerPt, images);
    if (error < bestError - 1e-9 || (Math.abs(error - bestError) <= 1e-9 && scale > best)) [best, bestError] = [scale, error];
  }
  return best;
}

export function planPage(
  pageWidthPt: number,
  pageHeightPt: number,
  media: MediaSize,
  rule: OrientationRule,
  options: PlanOptions = {},
): PagePlan {
  const quarterTurns = chooseTurn(pageWidthPt, pageHeightPt, media, rule, options);
  const sideways = quarterTurns % 2 === 1;
  const w = sideways ? pageHeightPt : pageWidthPt;
  const h = sideways ? pageWidthPt : pageHeightPt;
  const fit = Math.min(media.widthPt / w, media.heightPt / h, options.maxScale ?? Number.POSITIVE_INFINITY);
  const dotsPerPt = options.dpi ? options.dpi / POINTS_PER_INCH : null;
  // A label that already prints at its own size is left exactly as the carrier made it.
  const exact = Math.abs(fit - 1) < 1e-9;
  const scale = dotsPerPt && !exact ? snappedScale(fit, dotsPerPt, options.bilevelImages ?? []) : fit;
  const placedWidthPt = w * scale;
  const placedHeightPt = h * scale;
  let offsetXPt = (media.widthPt - placedWidthPt) / 2;
  let offsetYPt = (media.heightPt - placedHeightPt) / 2;
  if (dotsPerPt) {
    // Centred on a whole dot, so the content's own grid and the printer's line up on both print paths.
    offsetXPt = Math.max(0, Math.floor(offsetXPt * dotsPerPt)) / dotsPerPt;
    offsetYPt = Math.max(0, Math.floor(offsetYPt * dotsPerPt)) / dotsPerPt;
  }
  return { quarterTurns, scale, offsetXPt, offsetYPt, placedWidthPt, placedHeightPt };
}

/** A box on the page as shown (y down), in points. */
export interface BoxPt {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A 2-D affine transform `[a, b, c, d, e, f]`: out = (a·x + c·y + e, b·x + d·y + f). */
export type Affine = [number, number, number, number, number, number];

/** `second ∘ first`: apply `first`, then `second`. */
export function compose(second: Affine, first: Affine): Affine {
  const [a1, b1, c1, d1, e1, f1] = first;
  const [a2, b2, c2, d2, e2, f2] = second;
  return [a2 * a1 + c2 * b1, b2 * a1 + d2 * b1, a2 * c1 + c2 * d1, b2 * c1 + d2 * d1, a2 * e1 + c2 * f1 + e2, b2 * e1 + d2 * f1 + f2];
}

/**
 * From the page as shown (points, y down) to the media (points, y down): the region's top-left to the origin,
 * the quarter turns, the scale, the offset. A counter-clockwise quarter turn sends a w×h box's top-left corner to
 * the bottom-left of the h×w box it becomes.
 */
export function placementMatrix(region: BoxPt, plan: PagePlan): Affine {
  const s = plan.scale;
  const { x, y, width: w, height: h } = region;
  const ox = plan.offsetXPt;
  const oy = plan.offsetYPt;
  switch (plan.quarterTurns) {
    case 1:
      return [0, -s, s, 0, ox - s * y, oy + s * (w + x)];
    case 2:
      return [-s, 0, 0, -s, ox + s * (w + x), oy + s * (h + y)];
    case 3:
      return [0, s, -s, 0, ox + s * (h + y), oy - s * x];
    default:
      return [s, 0, 0, s, ox - s * x, oy - s * y];
  }
}

export function isSameSize(pageWidthPt: number, pageHeightPt: number, media: MediaSize): boolean {
  return (
    Math.abs(pageWidthPt - media.widthPt) <= SAME_SIZE_TOLERANCE_PT && Math.abs(pageHeightPt - media.heightPt) <= SAME_SIZE_TOLERANCE_PT
  );
}
