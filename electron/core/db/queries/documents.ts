import type { ReadableDb, WritableDb } from '../types';

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

export async function upsertDocument(
  db: WritableDb,
  d: Omit<DocumentMeta, 'fileName'> & { bytes: Buffer | null; fileName: string | null },
): Promise<void> {
  await db
    .insertInto('documents')
    .values({
      shipment_id: d.shipmentId,
      attempt: d.attempt,
      format: d.format,
      url: d.url,
      bytes: d.bytes,
      file_name: d.fileName,
      size: d.size,
      sha256: d.sha256,
      fetched_at: d.fetchedAt,
    })
    .onConflict((oc) =>
      oc.columns(['shipment_id', 'attempt']).doUpdateSet((eb) => ({
        format: eb.ref('excluded.format'),
        url: eb.ref('excluded.url'),
        bytes: eb.ref('excluded.bytes'),
        file_name: eb.ref('excluded.file_name'),
        size: eb.ref('excluded.size'),
        sha256: eb.ref('excluded.sha256'),
        fetched_at: eb.ref('excluded.fetched_at'),
      })),
    )
    .execute();
}

export async function getDocumentMeta(db: ReadableDb, shipmentId: string, attempt: number): Promise<DocumentMeta | undefined> {
  return db
    .selectFrom('documents')
    .select(['shipment_id as shipmentId', 'attempt', 'format', 'url', 'size', 'sha256', 'file_name as fileName', 'fetched_at as fetchedAt'])
    .where('shipment_id', '=', shipmentId)
    .where('attempt', '=', attempt)
    .executeTakeFirst();
}

/** The bytes kept in the row, or null when the document lives in a file (see DocumentMeta.fileName). */
export async function getDocumentBytes(db: ReadableDb, shipmentId: string, attempt: number): Promise<Buffer | null> {
  const r = await db
    .selectFrom('documents')
    .select('bytes')
    .where('shipment_id', '=', shipmentId)
    .where('attempt', '=', attempt)
    .executeTakeFirst();
  return r?.bytes ?? null;
}
