import { execScript } from '../types';
import type { Migration } from './types';

/**
 * Print jobs say what they printed and on which profile: an order's label and
 * its packing slip go to two printers on one scan, and a label's invoice pages
 * may go to a third, so "printed on Zebra" alone no longer tells the history.
 * Jobs from before were all labels; the profile they used was not kept (null).
 */
const DOCUMENT_CHECK = `CHECK (document IN ('label', 'packing-slip', 'document', 'test-page', 'report'))`;

export const migration0060: Migration = {
  version: 60,
  name: 'print-job-documents',
  up: {
    sqlite: (tx) =>
      execScript(
        tx,
        `
      ALTER TABLE print_jobs ADD COLUMN document TEXT NOT NULL DEFAULT 'label' ${DOCUMENT_CHECK};
      ALTER TABLE print_jobs ADD COLUMN profile_id TEXT;
    `,
      ),
    postgres: (tx) =>
      execScript(
        tx,
        `
      ALTER TABLE print_jobs ADD COLUMN document TEXT NOT NULL DEFAULT 'label' ${DOCUMENT_CHECK};
      ALTER TABLE print_jobs ADD COLUMN profile_id TEXT;
    `,
      ),
  },
};
