/**
 * A label document's pages, sorted for their printers: the pages that are
 * labels stay with the label profile, the pages that are documents (a
 * commercial invoice or customs form the carrier delivered with the label)
 * can go whole to a documents profile. The kind of a page is the fitting
 * plan's own (`lookAtPage`: a barcode on a label-sized page or block), so the
 * split agrees with the label preview.
 */
import { PDFDocument } from 'pdf-lib';
import type { FittedKind } from '../../../shared/domain/printing';
import type { Logger } from '../util/log';
import { checkDocument, documentFailure, type LabelDocument } from './document';
import { lookAtPage } from './label-finder';
import { openLabelDocument } from './label-source';

/** How many pages the document has (a PNG is one); cheap: PDFium reads the page tree, nothing is drawn. */
export async function countPages(doc: LabelDocument, log?: Logger): Promise<number> {
  if (doc.format === 'png') return 1;
  checkDocument(doc);
  const document = await openLabelDocument(doc, log);
  try {
    return document.pageCount;
  } finally {
    document.close();
  }
}

/** What each page of the document is, in page order. */
export async function classifyPages(doc: LabelDocument, log?: Logger): Promise<FittedKind[]> {
  checkDocument(doc);
  const document = await openLabelDocument(doc, log);
  try {
    const kinds: FittedKind[] = [];
    for (let index = 0; index < document.pageCount; index++) {
      try {
        // Only the kind is wanted here: no label regions, no barcodes decoded for a reading direction.
        kinds.push(document.withPage(index, (page) => lookAtPage(page, false, () => false).kind));
      } catch (e) {
        throw documentFailure(`Page ${index + 1} of the label document cannot be drawn.`, e);
      }
    }
    return kinds;
  } finally {
    document.close();
  }
}

export interface SplitDocument {
  /** The pages that are labels (null: none). */
  labels: LabelDocument | null;
  /** The pages that are documents, whole (null: none). */
  documents: LabelDocument | null;
  /** 1-based source pages of each part, for the log and the print history. */
  labelPages: number[];
  documentPages: number[];
}

async function pickPages(source: PDFDocument, indexes: number[]): Promise<LabelDocument> {
  const out = await PDFDocument.create();
  for (const page of await out.copyPages(source, indexes)) out.addPage(page);
  return { bytes: await out.save(), format: 'pdf' };
}

/**
 * Splits the document by page kind. A document whose pages are all of one kind is returned whole as that part
 * (bytes untouched); a PNG is one page, so it never splits.
 */
export async function splitByKind(doc: LabelDocument, log?: Logger): Promise<SplitDocument> {
  const kinds = await classifyPages(doc, log);
  const labelPages = kinds.flatMap((k, i) => (k === 'label' ? [i + 1] : []));
  const documentPages = kinds.flatMap((k, i) => (k === 'document' ? [i + 1] : []));
  if (documentPages.length === 0) return { labels: doc, documents: null, labelPages, documentPages };
  if (labelPages.length === 0) return { labels: null, documents: doc, labelPages, documentPages };
  let source: PDFDocument;
  try {
    source = await PDFDocument.load(doc.bytes, { updateMetadata: false });
  } catch (e) {
    throw documentFailure('The label PDF is damaged and cannot be read.', e);
  }
  return {
    labels: await pickPages(
      source,
      labelPages.map((p) => p - 1),
    ),
    documents: await pickPages(
      source,
      documentPages.map((p) => p - 1),
    ),
    labelPages,
    documentPages,
  };
}
