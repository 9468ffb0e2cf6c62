/**
 * A shipment's print history (print_jobs) as the document router's recorder:
 * each job of an order's label and packing slip is a row, written `pending`
 * before the printer is asked (a crash mid-print then shows as interrupted)
 * and finished with its outcome, printer and message.
 *
 * print_jobs belong to a shipment's label attempt; a job without one (a test
 * page, a report) has nothing to attach to here and is not kept (the print
 * service's recent history still shows it).
 */
import { finishPrintJob, insertPrintJob } from '../db/queries/print_jobs';
import type { WritableDb } from '../db/types';
import type { PrintJobRecorder } from '../printing/document-router';
import type { Clock } from '../util/clock';

const NOT_KEPT = async (): Promise<void> => undefined;

export function printJobsRecorder(db: WritableDb, clock: Clock): PrintJobRecorder {
  return {
    async begin(job) {
      const { shipmentId, attempt, reason } = job.context;
      if (shipmentId === undefined || attempt === undefined) return NOT_KEPT;
      const id = await insertPrintJob(db, {
        shipmentId,
        attempt,
        reason: reason ?? 'auto',
        at: clock.now(),
        document: job.document,
        profileId: job.profileId,
      });
      return async (outcome) =>
        finishPrintJob(db, id, {
          outcome: outcome.status === 'sent' ? 'printed' : 'failed',
          printer: outcome.target,
          error: outcome.status === 'failed' ? outcome.message : null,
          at: clock.now(),
        });
    },
  };
}
