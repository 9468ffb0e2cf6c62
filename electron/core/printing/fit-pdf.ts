/**
 * The system-queue path: every document becomes a PDF whose pages are
 * exactly the profile's media, one label per page, so no driver has to guess
 * a paper size or a scale. A PDF that already matches is passed through
 * untouched (no re-encoding of what the carrier made).
 */
import { degrees, PDFDocument, type PDFEmbeddedPage, type PDFImage, type PDFPage } from 'pdf-lib';
import type { OrientationRule, PrintMedia } from '../../../shared/domain/printing';
import { checkDocument, documentFailure, type LabelDocument } from './document';
import { isSameSize, mediaSize, planPage, type MediaSize } from './media';
import { decodePngGray } from './png';

export interface FittedPdf {
  bytes: Uint8Array;
  pages: number;
  /** False when the document already matched the media and went through as it was. */
  refitted: boolean;
}

type Drawable = { kind: 'page'; page: PDFEmbeddedPage; rotation: number } | { kind: 'image'; image: PDFImage };

/**
 * Draws `content` (width × height before any turn) onto a new media page.
 * `ccwDegrees` is the total counter-clockwise turn; pdf-lib turns around the
 * anchor point, so the anchor moves to keep the turned box where planned.
 */
function place(out: PDFDocument, media: MediaSize, content: Drawable, width: number, height: number, rule: OrientationRule): void {
  const sourceRotation = content.kind === 'page' ? content.rotation : 0;
  const shownSideways = sourceRotation % 180 !== 0;
  const plan = planPage(shownSideways ? height : width, shownSideways ? width : height, media, rule);
  const ccw = (((plan.quarterTurns * 90 - sourceRotation) % 360) + 360) % 360;
  const sw = width * plan.scale;
  const sh = height * plan.scale;
  const bx = plan.offsetXPt;
  const by = plan.offsetYPt;
  const anchor =
    ccw === 90 ? { x: bx + sh, y: by } : ccw === 180 ? { x: bx + sw, y: by + sh } : ccw === 270 ? { x: bx, y: by + sw } : { x: bx, y: by };
  const page = out.addPage([media.widthPt, media.heightPt]);
  const opts = { ...anchor, width: sw, height: sh, rotate: degrees(ccw) };
  if (content.kind === 'page') page.drawPage(content.page, opts);
  else page.drawImage(content.image, opts);
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

export async function fitToMediaPdf(doc: LabelDocument, media: PrintMedia, rule: OrientationRule): Promise<FittedPdf> {
  checkDocument(doc);
  const size = mediaSize(media);
  const out = await PDFDocument.create();
  if (doc.format === 'png') {
    let image: PDFImage;
    try {
      // pdf-lib's decoder can spin forever on corrupt image data: decode with the checking decoder first.
      decodePngGray(doc.bytes);
      image = await out.embedPng(doc.bytes);
    } catch (e) {
      throw documentFailure('The label image is damaged and cannot be read.', e);
    }
    place(out, size, { kind: 'image', image }, image.width, image.height, rule);
    return { bytes: await out.save(), pages: 1, refitted: true };
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
  const alreadyFits = pages.every((p) => p.getRotation().angle % 360 === 0 && isSameSize(p.getWidth(), p.getHeight(), size));
  if (alreadyFits) return { bytes: doc.bytes, pages: pages.length, refitted: false };
  for (const source of pages) {
    const rotation = ((source.getRotation().angle % 360) + 360) % 360;
    if (!source.node.Contents()) {
      // A page with nothing drawn on it (a separator some carriers add) still takes its label, blank.
      out.addPage([size.widthPt, size.heightPt]);
      continue;
    }
    let page: PDFEmbeddedPage;
    try {
      page = await out.embedPage(source);
    } catch (e) {
      throw documentFailure('A page of the label PDF is damaged and cannot be read.', e);
    }
    place(out, size, { kind: 'page', page, rotation }, page.width, page.height, rule);
  }
  return { bytes: await out.save(), pages: pages.length, refitted: true };
}
