import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StationFailure } from '../../../shared/result';
import { getDocumentBytes, getDocumentMeta, upsertDocument, type DocumentFormat, type DocumentMeta } from '../db/queries/documents';
import type { ReadableDb, WritableDb } from '../db/types';

/**
 * SQLite: label documents up to this size live in the database row (one file
 * to back up, one transaction); bigger ones (a multi-page PNG) go to a file
 * beside the database so the cache stays small and fast to open.
 * PostgreSQL (no documents folder): every document is in its row (BYTEA),
 * whatever its size, so every station of the site can read and reprint it.
 */
export const INLINE_DOCUMENT_MAX_BYTES = 512 * 1024;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Writes the file (if any) first, atomically, then the row: a crash between
 * the two leaves an orphan file that the next save overwrites, never a row
 * pointing at nothing. `documentsDir` null: the row holds the bytes, always.
 */
export async function saveDocument(
  db: WritableDb,
  documentsDir: string | null,
  d: { shipmentId: string; attempt: number; format: DocumentFormat; url: string; bytes: Uint8Array; at: number },
): Promise<DocumentMeta> {
  const sha256 = sha256Hex(d.bytes);
  let fileName: string | null = null;
  if (documentsDir !== null && d.bytes.byteLength > INLINE_DOCUMENT_MAX_BYTES) {
    mkdirSync(documentsDir, { recursive: true });
    fileName = `${d.shipmentId}-${d.attempt}.${d.format}`;
    const tmp = join(documentsDir, `${fileName}.tmp`);
    writeFileSync(tmp, d.bytes);
    renameSync(tmp, join(documentsDir, fileName));
  }
  const meta: DocumentMeta = {
    shipmentId: d.shipmentId,
    attempt: d.attempt,
    format: d.format,
    url: d.url,
    size: d.bytes.byteLength,
    sha256,
    fileName,
    fetchedAt: d.at,
  };
  await upsertDocument(db, { ...meta, bytes: fileName ? null : Buffer.from(d.bytes) });
  return meta;
}

/** The stored document, checked against its hash (a file edited or truncated on disk is refused, not printed). */
export async function loadDocument(
  db: ReadableDb,
  documentsDir: string | null,
  shipmentId: string,
  attempt: number,
): Promise<{ meta: DocumentMeta; bytes: Buffer }> {
  const meta = await getDocumentMeta(db, shipmentId, attempt);
  if (!meta) throw new StationFailure('NOT_FOUND', 'This shipment has no label document yet.');
  const bytes = meta.fileName ? readFromFile(documentsDir, meta.fileName) : await getDocumentBytes(db, shipmentId, attempt);
  if (!bytes || sha256Hex(bytes) !== meta.sha256) {
    throw new StationFailure('DOCUMENT', 'The stored label document is damaged. Use “retry” to fetch it again from Flex Forward.');
  }
  return { meta, bytes };
}

/** A document kept as a file; missing (deleted, or a row naming a file where there is no folder) reads as damaged. */
function readFromFile(documentsDir: string | null, fileName: string): Buffer | null {
  if (documentsDir === null) return null;
  try {
    return readFileSync(join(documentsDir, fileName));
  } catch {
    return null;
  }
}
