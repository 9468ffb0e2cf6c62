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
  /** `context` says which label this is, so a printer can add what goes with it (an order's packing slip). */
  print(document: { bytes: Uint8Array; format: 'pdf' | 'png' }, title: string, context?: LabelPrintContext): Promise<LabelPrintResult>;
}

export interface LabelPrintContext {
  shipmentId: string;
  attempt: number;
  /** `auto`: the workflow's own print once the document is in; `reprint`: the packer asked again. */
  reason: 'auto' | 'reprint';
}
