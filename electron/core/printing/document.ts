/**
 * A label document as it arrives from the carrier: bytes plus the format the
 * API claimed. The bytes are checked before anything is fitted or spooled, so
 * a truncated download never becomes a half-printed label.
 */
import type { DocumentFormat } from '../../../shared/domain/printing';
import { StationFailure } from '../../../shared/result';

export interface LabelDocument {
  bytes: Uint8Array;
  format: DocumentFormat;
}

const PDF_MAGIC = '%PDF-';
/** PDF readers find the trailer near the end; a file cut short loses its `%%EOF`. */
const PDF_EOF_SEARCH_BYTES = 2048;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
/** Signature (8) + IHDR chunk (25) + IEND chunk (12): nothing shorter is a whole PNG. */
const PNG_MIN_BYTES = 8 + 25 + 12;
/** Some encoders leave padding after the IEND chunk; look for it this far from the end. */
const PNG_IEND_SEARCH_BYTES = 1024;

const REDOWNLOAD = 'The label is saved; download its document again (or recreate the label), then reprint.';

export function documentFailure(message: string, cause?: unknown): StationFailure {
  return new StationFailure('DOCUMENT', `${message} ${REDOWNLOAD}`, undefined, { cause });
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString('latin1');
}

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

/** Throws DOCUMENT with a reason a person can act on; returns the format the bytes really are. */
export function checkDocument(doc: LabelDocument): DocumentFormat {
  const { bytes } = doc;
  if (bytes.length === 0) throw documentFailure('The label document is empty (0 bytes).');
  const isPdf = ascii(bytes, 0, Math.min(bytes.length, 1024)).includes(PDF_MAGIC);
  const isPng = startsWith(bytes, PNG_SIGNATURE);
  if (doc.format === 'pdf' && !isPdf) {
    throw documentFailure(isPng ? 'The label document is a PNG image, not the PDF it claims to be.' : 'The label document is not a PDF.');
  }
  if (doc.format === 'png' && !isPng) {
    throw documentFailure(
      isPdf ? 'The label document is a PDF, not the PNG image it claims to be.' : 'The label document is not a PNG image.',
    );
  }
  if (doc.format === 'pdf') {
    const tail = ascii(bytes, Math.max(0, bytes.length - PDF_EOF_SEARCH_BYTES), bytes.length);
    if (!tail.includes('%%EOF')) throw documentFailure('The label PDF is cut short (no end-of-file marker): the download was incomplete.');
  } else {
    // The IEND chunk closes every PNG (8 bytes before the end, or a little earlier with padding); a cut-off PNG lacks it.
    const tail = ascii(bytes, Math.max(0, bytes.length - PNG_IEND_SEARCH_BYTES), bytes.length);
    if (bytes.length < PNG_MIN_BYTES || !tail.includes('IEND')) {
      throw documentFailure('The label image is cut short (no PNG end marker): the download was incomplete.');
    }
  }
  return doc.format;
}
