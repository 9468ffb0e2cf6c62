import type { FlexForwardApi } from '../api/flexforward';

/** The three calls the workflow makes (the Flex Forward client satisfies it; tests may wrap it). */
export type LabelApi = Pick<FlexForwardApi, 'createLabel' | 'getLabel' | 'downloadDocument'>;

export type LabelPrintResult = { ok: true; printer: string | null } | { ok: false; printer: string | null; message: string };

/**
 * Auto-print and reprint go through this (the print service with the
 * packer's default profile). It reports a failure as a result, not a throw:
 * a printer out of paper must never lose the label.
 */
export interface LabelPrinter {
  print(document: { bytes: Uint8Array; format: 'pdf' | 'png' }, title: string): Promise<LabelPrintResult>;
}
