import { prepared, type ReadableDb, type WritableDb } from '../types';

export type DocumentFormat = 'pdf' | 'png';

export interface DocumentMeta {
  shipmentId: string;
  attempt: number;
  format: DocumentFormat;
  url: string;
  size: number;
  sha256: string;
  fileName: string | null;
  fetchedAt: number;
}

export function upsertDocument(
  db: WritableDb,
  d: Omit<DocumentMeta, 'fileName'> & { bytes: Buffer | null; fileName: string | null },
): void {
  prepared<object>(
    db,
    `INSERT INTO documents (shipment_id, attempt, format, url, bytes, file_name, size, sha256, fetched_at)
     VALUES (@shipmentId, @attempt, @format, @url, @bytes, @fileName, @size, @sha256, @fetchedAt)
     ON CONFLICT (shipment_id, attempt) DO UPDATE SET format = excluded.format, url = excluded.url, bytes = excluded.bytes,
       file_name = excluded.file_name, size = excluded.size, sha256 = excluded.sha256, fetched_at = excluded.fetched_at`,
  ).run(d);
}

const META = `shipment_id AS shipmentId, attempt, format, url, size, sha256, file_name AS fileName, fetched_at AS fetchedAt`;

export function getDocumentMeta(db: ReadableDb, shipmentId: string, attempt: number): DocumentMeta | undefined {
  return prepared<object, DocumentMeta>(db, `SELECT ${META} FROM documents WHERE shipment_id = @shipmentId AND attempt = @attempt`).get({
    shipmentId,
    attempt,
  });
}

/** The bytes kept in the row, or null when the document lives in a file (see DocumentMeta.fileName). */
export function getDocumentBytes(db: ReadableDb, shipmentId: string, attempt: number): Buffer | null {
  const r = prepared<object, { bytes: Buffer | null }>(db, `SELECT bytes FROM documents WHERE shipment_id = @shipmentId AND attempt = @attempt`).get({
    shipmentId,
    attempt,
  });
  return r?.bytes ?? null;
}
