/**
 * The orders' slip printer (`SlipPrinter`) over the station's document
 * router: an order's label and its packing slip, each to the profile for its
 * type, in the label profile's order (slip before, after, or none). The label
 * workflow has already written the label's print_jobs row, so the router
 * records only the slip (and any invoice pages split off the label).
 */
import type { SlipOutcome } from '../../../shared/domain/order-desk';
import { labelPrintResult } from '../labels/print-adapter';
import type { DocumentRouter } from '../printing/document-router';
import type { SlipPrinter } from './order-label-printer';

export function routedSlipPrinter(router: Pick<DocumentRouter, 'printLabelAndSlip'>): SlipPrinter {
  return {
    async printLabelAndSlip({ label, title, slip, language, context }) {
      let result: Awaited<ReturnType<DocumentRouter['printLabelAndSlip']>>;
      try {
        result = await router.printLabelAndSlip({
          label,
          title,
          slip,
          language,
          context: { ...context, orderNumber: slip.orderNumber, labelRecorded: true },
        });
      } catch (e) {
        // No print profile at all: nothing printed; the label is saved for a reprint once a printer is set up.
        const message = e instanceof Error ? e.message : String(e);
        return { label: { ok: false, printer: null, message }, slip: { status: 'not-printed', message } };
      }
      const slipJob = result.jobs.find((j) => j.document === 'packing-slip');
      const outcome: SlipOutcome = !slipJob
        ? { status: 'not-configured', message: null }
        : slipJob.outcome.status === 'sent'
          ? { status: 'printed', message: null }
          : { status: 'failed', message: slipJob.outcome.message };
      return { label: labelPrintResult(result.jobs.filter((j) => j.document !== 'packing-slip')), slip: outcome };
    },
  };
}
