/**
 * The system-queue path: every document becomes a PDF whose pages are
 * exactly the profile's media, one label per page (the fitting plan's crop,
 * turn and scale), so no driver has to guess a paper size or a scale. PDF
 * content stays vector; a PNG label is drawn at the printer's resolution and
 * cut to 1-bit here (the same bitmap the ZPL path sends), so no driver
 * resamples its bars. A PDF that already matches is passed through untouched.
 */
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import type { FittedPage } from '../../../shared/domain/printing';
import type { Logger } from '../util/log';
import { checkDocument, documentFailure, type LabelDocument } from './document';
import { planDocument, type FitProfile, type PlacedLabel } from './fit-plan';
import { openLabelDocument } from './label-source';
import { compose, mediaSize, placementMatrix, type Affine, type BoxPt, type MediaSize } from './media';
import { rasterizeWithPlan, type MonoBitmap } from './raster';

export interface FittedPdf {
  bytes: Uint8Array;
  pages: number;
  /** False when the document already matched the media and went through as it was. */
  refitted: boolean;
  /** What each media page holds, in order. */
  labels: FittedPage[];
}

export function fittedPage(label: PlacedLabel): FittedPage {
  const { kind, sourcePage, region, cropped, quarterTurns, scale } = label;
  return { kind, sourcePage, region: { ...region }, cropped, quarterTurns, scale };
}

async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (e) {
    const encrypted = e instanceof Error && /encrypt/i.test(e.message);
    throw documentFailure(
      encrypted ? 'The label PDF is encrypted and cannot be printed.' : 'The label PDF is damaged and cannot be read.',
      e,
    );
  }
}

function invert([a, b, c, d, e, f]: Affine): Affine {
  const det = a * d - b * c;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

function apply([a, b, c, d, e, f]: Affine, x: number, y: number): [number, number] {
  return [a * x + c * y + e, b * x + d * y + f];
}

/** PDF user space (y up) → the page as shown (y down, after /Rotate), from the visible box and the page's turn. */
function userToShown(page: PDFPage): Affine {
  const box = page.getCropBox();
  const [x0, y0, w, h] = [box.x, box.y, box.width, box.height];
  switch ((((page.getRotation().angle / 90) % 4) + 4) % 4) {
    case 1:
      return [0, 1, 1, 0, -y0, -x0];
    case 2:
      return [-1, 0, 0, 1, w + x0, -y0];
    case 3:
      return [0, -1, -1, 0, h + y0, w + x0];
    default:
      return [1, 0, 0, -1, -x0, h + y0];
  }
}

/** The region (shown, y down) as a box in the page's user space. */
function userBox(toShown: Affine, region: BoxPt): { left: number; bottom: number; right: number; top: number } {
  const back = invert(toShown);
  const corners = [apply(back, region.x, region.y), apply(back, region.x + region.width, region.y + region.height)];
  return {
    left: Math.min(corners[0]![0], corners[1]![0]),
    right: Math.max(corners[0]![0], corners[1]![0]),
    bottom: Math.min(corners[0]![1], corners[1]![1]),
    top: Math.max(corners[0]![1], corners[1]![1]),
  };
}

function drawXObject(page: PDFPage, ref: PDFRef, matrix: Affine): void {
  const name = page.node.newXObject('Label', ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...matrix), drawObject(name), popGraphicsState());
}

/** A 1-bit bitmap as a PDF image (DeviceGray, 1 = white), filling a media page: one image pixel per printer dot. */
function addBitmapPage(out: PDFDocument, size: MediaSize, bitmap: MonoBitmap): void {
  const data = new Uint8Array(bitmap.data.length);
  for (let i = 0; i < data.length; i++) data[i] = ~bitmap.data[i]! & 0xff;
  const image = out.context.register(
    out.context.flateStream(data, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: bitmap.width,
      Height: bitmap.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 1,
      // Printers and viewers alike: never smooth these pixels, they already are the printer's dots.
      Interpolate: false,
    }),
  );
  const page = out.addPage([size.widthPt, size.heightPt]);
  drawXObject(page, image, [size.widthPt, 0, 0, size.heightPt, 0, 0]);
}

export async function fitToMediaPdf(doc: LabelDocument, profile: FitProfile, log?: Logger): Promise<FittedPdf> {
  checkDocument(doc);
  const size = mediaSize(profile.media);
  const out = await PDFDocument.create();
  if (doc.format === 'png') {
    const { plan, pages } = await rasterizeWithPlan(doc, profile, log);
    for (const page of pages) addBitmapPage(out, size, page);
    return { bytes: await out.save(), pages: pages.length, refitted: true, labels: plan.labels.map(fittedPage) };
  }
  const source = await loadPdf(doc.bytes);
  let pages: PDFPage[];
  try {
    pages = source.getPages();
  } catch (e) {
    // pdf-lib loads a file without a usable page tree and only fails when asked for pages.
    throw documentFailure('The label PDF is damaged and cannot be read (no readable pages).', e);
  }
  if (pages.length === 0) throw documentFailure('The label PDF has no pages.');
  const document = await openLabelDocument(doc, log);
  let labels: PlacedLabel[];
  let untouched: boolean;
  try {
    ({ labels, untouched } = await planDocument(document, profile));
  } finally {
    document.close();
  }
  if (untouched) return { bytes: doc.bytes, pages: pages.length, refitted: false, labels: labels.map(fittedPage) };
  // Media y down → PDF y up.
  const flip: Affine = [1, 0, 0, -1, 0, size.heightPt];
  for (const label of labels) {
    const sourcePage = pages[label.pageIndex];
    if (!sourcePage?.node.Contents()) {
      // A page with nothing drawn on it (a separator some carriers add) still takes its label, blank.
      out.addPage([size.widthPt, size.heightPt]);
      continue;
    }
    const toShown = userToShown(sourcePage);
    const box = userBox(toShown, label.region);
    let embedded;
    try {
      embedded = await out.embedPage(sourcePage, box);
    } catch (e) {
      throw documentFailure('A page of the label PDF is damaged and cannot be read.', e);
    }
    const page = out.addPage([size.widthPt, size.heightPt]);
    // The embedded form's origin is the box's bottom-left corner in user space.
    const fromForm: Affine = [1, 0, 0, 1, box.left, box.bottom];
    const matrix = compose(flip, compose(placementMatrix(label.region, label.plan), compose(toShown, fromForm)));
    drawXObject(page, embedded.ref, matrix);
  }
  return { bytes: await out.save(), pages: labels.length, refitted: true, labels: labels.map(fittedPage) };
}
