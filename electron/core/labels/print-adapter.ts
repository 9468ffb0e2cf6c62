import type { DocumentRouter, RoutedJob } from '../printing/document-router';
import type { LabelPrinter, LabelPrintResult } from './ports';

function pagesText(pages: readonly number[]): string {
  return pages.length === 1 ? `page ${pages[0]}` : `pages ${pages.join(', ')}`;
}

/**
 * One result for the workflow from the label's jobs: the label printed, or why not. When its document pages (an
 * invoice) went to another printer and failed there, the print failed too, and the message says which part did:
 * the parcel cannot leave without them.
 */
export function labelPrintResult(jobs: readonly RoutedJob[]): LabelPrintResult {
  const label = jobs.find((j) => j.document === 'label') ?? jobs[0];
  if (!label) return { ok: false, printer: null, message: 'Nothing was sent to a printer. Reprint the label.' };
  if (label.outcome.status === 'failed') return { ok: false, printer: label.outcome.target, message: label.outcome.message };
  const failed = jobs.find((j) => j !== label && j.outcome.status === 'failed');
  if (failed?.outcome.status === 'failed') {
    return {
      ok: false,
      printer: label.outcome.target,
      message: `The label printed on ${label.outcome.target}, but its document ${pagesText(failed.sourcePages)} did not print on ${failed.outcome.target}: ${failed.outcome.message}`,
    };
  }
  return { ok: true, printer: label.outcome.target };
}

/**
 * Auto-print and reprint through the router: the label to the label profile, its document pages to theirs. The
 * workflow keeps the label's own print_jobs row; a split-off invoice job is recorded for the shipment beside it.
 */
export function printServicePrinter(router: Pick<DocumentRouter, 'print'>): LabelPrinter {
  return {
    async print(document, title, context) {
      let jobs: RoutedJob[];
      try {
        jobs = await router.print('label', document, { title, ...(context ? { context: { ...context, labelRecorded: true } } : {}) });
      } catch (e) {
        // No profile yet: the label is saved and can be reprinted once a printer is set up.
        return { ok: false, printer: null, message: e instanceof Error ? e.message : String(e) };
      }
      return labelPrintResult(jobs);
    },
  };
}
