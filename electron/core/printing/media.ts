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

export interface PagePlan {
  /** Quarter turns counter-clockwise applied to the page (0 or 1). */
  quarterTurns: 0 | 1;
  /** Page points → media points. */
  scale: number;
  /** Where the turned, scaled page's box starts on the media, in points (same from top or bottom: it is centred). */
  offsetXPt: number;
  offsetYPt: number;
  /** The page's size after turning and scaling, in media points. */
  placedWidthPt: number;
  placedHeightPt: number;
}

/** A page this close to the media size (in points) counts as already fitted. */
export const SAME_SIZE_TOLERANCE_PT = 1;

export function planPage(pageWidthPt: number, pageHeightPt: number, media: MediaSize, rule: OrientationRule): PagePlan {
  const pageLandscape = pageWidthPt > pageHeightPt;
  const mediaLandscape = media.widthPt > media.heightPt;
  const square = pageWidthPt === pageHeightPt || media.widthPt === media.heightPt;
  const quarterTurns: 0 | 1 = rule === 'auto' && !square && pageLandscape !== mediaLandscape ? 1 : 0;
  const w = quarterTurns ? pageHeightPt : pageWidthPt;
  const h = quarterTurns ? pageWidthPt : pageHeightPt;
  const scale = Math.min(media.widthPt / w, media.heightPt / h);
  const placedWidthPt = w * scale;
  const placedHeightPt = h * scale;
  return {
    quarterTurns,
    scale,
    offsetXPt: (media.widthPt - placedWidthPt) / 2,
    offsetYPt: (media.heightPt - placedHeightPt) / 2,
    placedWidthPt,
    placedHeightPt,
  };
}

export function isSameSize(pageWidthPt: number, pageHeightPt: number, media: MediaSize): boolean {
  return (
    Math.abs(pageWidthPt - media.widthPt) <= SAME_SIZE_TOLERANCE_PT && Math.abs(pageHeightPt - media.heightPt) <= SAME_SIZE_TOLERANCE_PT
  );
}
