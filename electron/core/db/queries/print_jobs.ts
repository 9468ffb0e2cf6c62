import { prepared, type ReadableDb, type WritableDb } from '../types';

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
}

/** Written before the printer is asked, so a crash mid-print leaves a trace (see markInterruptedPrintJobs). */
export function insertPrintJob(db: WritableDb, j: { shipmentId: string; attempt: number; reason: PrintReason; at: number }): number {
  const r = prepared<object>(
    db,
    `INSERT INTO print_jobs (shipment_id, attempt, reason, outcome, requested_at) VALUES (@shipmentId, @attempt, @reason, 'pending', @at)`,
  ).run(j);
  return Number(r.lastInsertRowid);
}

export function finishPrintJob(
  db: WritableDb,
  id: number,
  f: { outcome: Exclude<PrintOutcome, 'pending'>; printer: string | null; error: string | null; at: number },
): void {
  prepared<object>(db, `UPDATE print_jobs SET outcome = @outcome, printer = @printer, error = @error, finished_at = @at WHERE id = @id`).run({
    id,
    ...f,
  });
}

/** Jobs still `pending` for a label when the station starts were cut off by a crash; returns how many. */
export function markInterruptedPrintJobs(db: WritableDb, shipmentId: string, at: number): number {
  return prepared<object>(
    db,
    `UPDATE print_jobs SET outcome = 'interrupted', finished_at = @at WHERE shipment_id = @shipmentId AND outcome = 'pending'`,
  ).run({ shipmentId, at }).changes;
}

export function listPrintJobs(db: ReadableDb, shipmentId: string): PrintJobRow[] {
  return prepared<object, PrintJobRow>(
    db,
    `SELECT id, shipment_id AS shipmentId, attempt, reason, outcome, printer, error, requested_at AS requestedAt, finished_at AS finishedAt
     FROM print_jobs WHERE shipment_id = @shipmentId ORDER BY requested_at DESC, id DESC`,
  ).all({ shipmentId });
}
