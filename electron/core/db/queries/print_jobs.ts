import type { DocumentType } from '../../../../shared/domain/printing';
import type { ReadableDb, WritableDb } from '../types';

export type PrintReason = 'auto' | 'reprint';
export type PrintOutcome = 'pending' | 'printed' | 'failed' | 'interrupted';

export interface PrintJobRow {
  id: number;
  shipmentId: string;
  attempt: number;
  reason: PrintReason;
  outcome: PrintOutcome;
  printer: string | null;
  error: string | null;
  requestedAt: number;
  finishedAt: number | null;
  /** What was printed: the label, or its packing slip, its invoice pages… */
  document: DocumentType;
  /** The print profile it went to; null where it was not kept (jobs from before 0050). */
  profileId: string | null;
}

/** Written before the printer is asked, so a crash mid-print leaves a trace (see markInterruptedPrintJobs). */
export async function insertPrintJob(
  db: WritableDb,
  j: { shipmentId: string; attempt: number; reason: PrintReason; at: number; document?: DocumentType; profileId?: string | null },
): Promise<number> {
  const r = await db
    .insertInto('print_jobs')
    .values({
      shipment_id: j.shipmentId,
      attempt: j.attempt,
      reason: j.reason,
      outcome: 'pending',
      requested_at: j.at,
      document: j.document ?? 'label',
      profile_id: j.profileId ?? null,
    })
    // RETURNING, not the driver's last insert id: PostgreSQL has no such thing.
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function finishPrintJob(
  db: WritableDb,
  id: number,
  f: { outcome: Exclude<PrintOutcome, 'pending'>; printer: string | null; error: string | null; at: number },
): Promise<void> {
  await db
    .updateTable('print_jobs')
    .set({ outcome: f.outcome, printer: f.printer, error: f.error, finished_at: f.at })
    .where('id', '=', id)
    .execute();
}

/** Jobs still `pending` for a label when the station starts were cut off by a crash; returns how many. */
export async function markInterruptedPrintJobs(db: WritableDb, shipmentId: string, at: number): Promise<number> {
  const r = await db
    .updateTable('print_jobs')
    .set({ outcome: 'interrupted', finished_at: at })
    .where('shipment_id', '=', shipmentId)
    .where('outcome', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function listPrintJobs(db: ReadableDb, shipmentId: string): Promise<PrintJobRow[]> {
  return db
    .selectFrom('print_jobs')
    .select([
      'id',
      'shipment_id as shipmentId',
      'attempt',
      'reason',
      'outcome',
      'printer',
      'error',
      'requested_at as requestedAt',
      'finished_at as finishedAt',
      'document',
      'profile_id as profileId',
    ])
    .where('shipment_id', '=', shipmentId)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
