/**
 * The one fitting plan both print paths follow: for every page of the
 * document, the labels found on it (or the whole page), each with its turn,
 * scale and place on the media. The system-queue path draws the plan into a
 * PDF (pdf-lib), the raw-ZPL path into 1-bit rasters (PDFium): the packer gets
 * the same label, the same way up, whichever the printer takes, and the
 * preview shows exactly that.
 */
import type { FittedPage, PrintProfile } from '../../../shared/domain/printing';
import { documentFailure } from './document';
import { findLabels, lookAtPage, type FoundLabel } from './label-finder';
import { isSameSize, mediaSize, planPage, POINTS_PER_INCH, quarterTurnHelps, type BoxPt, type MediaSize, type PagePlan } from './media';
import type { PdfDocument } from './pdfium';

export type FitProfile = Pick<PrintProfile, 'media' | 'dpi' | 'orientation' | 'findLabel'>;

export interface PlacedLabel extends FittedPage {
  /** 0-based page of the source document. */
  pageIndex: number;
  plan: PagePlan;
  /** False when every picture in the region lands on at least one dot per pixel: nearest-pixel drawing is then exact. */
  smoothImages: boolean;
}

export interface DocumentPlan {
  labels: PlacedLabel[];
  /** True when every page is already the media, upright, whole, at its own size: nothing needs redrawing. */
  untouched: boolean;
}

/**
 * White kept around a label found on a sheet, where the media has room for it (inches): scanners want a quiet
 * zone, and a label's own frame should not touch the media's edge.
 */
export const QUIET_MARGIN_IN = 0.1;

/** Dots are whole numbers; a scale this close to one counts as one. */
const WHOLE_EPSILON = 1e-6;

function isWhole(value: number): boolean {
  return Math.abs(value - Math.round(value)) < WHOLE_EPSILON;
}

/**
 * Moves the region's top-left corner (by less than a dot) onto the pixel grid of its first 1-bit picture, and
 * rounds its size up to whole dots, so that grid and the printer's coincide under any turn; the plan's offsets
 * are then re-centred on whole dots.
 */
function alignToPicture(found: FoundLabel, plan: PagePlan, media: MediaSize, dpi: number): { region: BoxPt; plan: PagePlan } {
  const dotsPerPt = (dpi / POINTS_PER_INCH) * plan.scale;
  const picture = found.images.find((i) => i.bitsPerPixel === 1);
  let { x, y } = found.box;
  if (picture) {
    x = picture.box.x - Math.ceil((picture.box.x - x) * dotsPerPt - WHOLE_EPSILON) / dotsPerPt;
    y = picture.box.y - Math.ceil((picture.box.y - y) * dotsPerPt - WHOLE_EPSILON) / dotsPerPt;
  }
  const width = Math.ceil((found.box.x + found.box.width - x) * dotsPerPt - WHOLE_EPSILON) / dotsPerPt;
  const height = Math.ceil((found.box.y + found.box.height - y) * dotsPerPt - WHOLE_EPSILON) / dotsPerPt;
  return { region: { x, y, width, height }, plan: centred(plan, media, width, height, dpi) };
}

function centred(plan: PagePlan, media: MediaSize, widthPt: number, heightPt: number, dpi: number): PagePlan {
  const sideways = plan.quarterTurns % 2 === 1;
  const placedWidthPt = (sideways ? heightPt : widthPt) * plan.scale;
  const placedHeightPt = (sideways ? widthPt : heightPt) * plan.scale;
  const dotsPerPt = dpi / POINTS_PER_INCH;
  return {
    ...plan,
    placedWidthPt,
    placedHeightPt,
    offsetXPt: Math.max(0, Math.floor(((media.widthPt - placedWidthPt) / 2) * dotsPerPt)) / dotsPerPt,
    offsetYPt: Math.max(0, Math.floor(((media.heightPt - placedHeightPt) / 2) * dotsPerPt)) / dotsPerPt,
  };
}

/** Widens a found label by up to QUIET_MARGIN_IN of its page's white each side, as far as the media has room at the plan's scale. */
function withMargin(found: FoundLabel, plan: PagePlan, media: MediaSize, dpi: number): { box: BoxPt; plan: PagePlan } {
  const sideways = plan.quarterTurns % 2 === 1;
  const { x, y, width, height } = found.box;
  const roomX = ((sideways ? media.heightPt : media.widthPt) / plan.scale - width) / 2;
  const roomY = ((sideways ? media.widthPt : media.heightPt) / plan.scale - height) / 2;
  const margin = QUIET_MARGIN_IN * POINTS_PER_INCH;
  const addX = Math.max(0, Math.min(margin, roomX));
  const addY = Math.max(0, Math.min(margin, roomY));
  const left = Math.max(0, x - addX);
  const top = Math.max(0, y - addY);
  const box = {
    x: left,
    y: top,
    width: Math.min(found.pageWidthPt, x + width + addX) - left,
    height: Math.min(found.pageHeightPt, y + height + addY) - top,
  };
  return { box, plan: centred(plan, media, box.width, box.height, dpi) };
}

/** Plans every page of an open document for the profile (PDFium reads the pages; nothing is drawn for printing yet). */
export async function planDocument(document: PdfDocument, profile: FitProfile): Promise<DocumentPlan> {
  const media = mediaSize(profile.media);
  const dotsPerPt = profile.dpi / POINTS_PER_INCH;
  const labels: PlacedLabel[] = [];
  let untouched = true;
  for (let pageIndex = 0; pageIndex < document.pageCount; pageIndex++) {
    let look;
    try {
      // Decoding barcodes costs a WASM load and tens of milliseconds: only when `auto` has a quarter turn to choose.
      const wantsBarcodes = (box: BoxPt, cropped: boolean): boolean =>
        profile.orientation === 'auto' && quarterTurnHelps(box.width, box.height, media, cropped ? 1 : undefined);
      look = document.withPage(pageIndex, (page) => lookAtPage(page, profile.findLabel, wantsBarcodes));
    } catch (e) {
      throw documentFailure(`Page ${pageIndex + 1} of the label document cannot be drawn.`, e);
    }
    const found = await findLabels(look);
    for (const region of found.regions) {
      let plan = planPage(region.box.width, region.box.height, media, profile.orientation, {
        contentRotation: region.contentRotation,
        ...(region.cropped ? { maxScale: 1 } : {}),
        dpi: profile.dpi,
        bilevelImages: region.bilevelImages,
      });
      let box = region.box;
      if (region.cropped) ({ box, plan } = withMargin(region, plan, media, profile.dpi));
      const snapped = region.bilevelImages.some(
        (i) => isWhole((plan.scale * dotsPerPt) / i.pixelsPerPtX) && (plan.scale * dotsPerPt) / i.pixelsPerPtX >= 1,
      );
      if (snapped) ({ region: box, plan } = alignToPicture({ ...region, box }, plan, media, profile.dpi));
      const dotsPerPtPlaced = plan.scale * dotsPerPt;
      const upscaledOnly = region.images.every((i) => dotsPerPtPlaced / Math.max(i.pixelsPerPtX, i.pixelsPerPtY) >= 1 - WHOLE_EPSILON);
      const asIs = !region.cropped && plan.quarterTurns === 0 && isSameSize(box.width, box.height, media);
      if (!asIs) untouched = false;
      labels.push({
        pageIndex,
        sourcePage: pageIndex + 1,
        kind: found.kind,
        region: box,
        cropped: region.cropped,
        quarterTurns: plan.quarterTurns,
        scale: plan.scale,
        plan,
        // Pictures all drawn at a dot per pixel or more: nearest-pixel keeps a 1-bit picture's bars exact, where
        // smoothing would grey their edges; any picture finer than the printer still needs smoothing.
        smoothImages: !(region.images.length > 0 && upscaledOnly),
      });
    }
  }
  return { labels, untouched };
}
