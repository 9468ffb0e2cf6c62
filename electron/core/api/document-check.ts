/**
 * Is this really a label document? Checks magic bytes and enough structure
 * to refuse an HTML error page, a truncated download or an empty file before
 * anything tries to print it.
 */
import type { DocumentFormat } from './flexforward-types';

const PDF_MAGIC = '%PDF-';
/** `%%EOF` sits at the very end, but writers may append a few bytes of whitespace or junk after it. */
const PDF_EOF_SEARCH_BYTES = 1_024;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const PNG_IEND_TRAILER_BYTES = 12;

export type DocumentCheck = { ok: true; format: DocumentFormat } | { ok: false; reason: string };

export function checkLabelDocument(bytes: Uint8Array): DocumentCheck {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  if (startsWithAscii(bytes, PDF_MAGIC)) return checkPdf(bytes);
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return checkPng(bytes);
  const head = Buffer.from(bytes.subarray(0, 16))
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '.');
  return { ok: false, reason: `it is neither a PDF nor a PNG (starts with "${head}")` };
}

function checkPdf(bytes: Uint8Array): DocumentCheck {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - PDF_EOF_SEARCH_BYTES))).toString('latin1');
  if (!tail.includes('%%EOF')) return { ok: false, reason: 'the PDF is truncated (no %%EOF marker at the end)' };
  const text = Buffer.from(bytes).toString('latin1');
  if (!/\/Type\s*\/Page\b/.test(text) && !/\/ObjStm\b/.test(text)) return { ok: false, reason: 'the PDF has no pages' };
  return { ok: true, format: 'pdf' };
}

function checkPng(bytes: Uint8Array): DocumentCheck {
  // The first chunk must be IHDR (length 13) and the file must end with IEND.
  if (bytes.length < PNG_SIGNATURE.length + 25 + PNG_IEND_TRAILER_BYTES) return { ok: false, reason: 'the PNG is truncated' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ihdrLength = view.getUint32(8);
  if (ihdrLength !== 13 || asciiAt(bytes, 12, 4) !== 'IHDR') return { ok: false, reason: 'the PNG has no IHDR header' };
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) return { ok: false, reason: 'the PNG has no pixels' };
  if (asciiAt(bytes, bytes.length - 8, 4) !== 'IEND') return { ok: false, reason: 'the PNG is truncated (no IEND chunk at the end)' };
  return { ok: true, format: 'png' };
}

function startsWithAscii(bytes: Uint8Array, prefix: string): boolean {
  return asciiAt(bytes, 0, prefix.length) === prefix;
}

function asciiAt(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}
