/**
 * The label printer the workflow prints through, aware of orders: when the
 * label being printed was made for an imported order, its packing slip is
 * printed with it, in the order the print set-up asks for (`SlipPrinter`).
 * Reprints are the label alone. Wrapping the workflow's printer (rather than
 * printing after `create` returns) means a label that finishes after a crash
 * or an outage still gets its slip, and the slip never prints for a label
 * that did not.
 */
import type { PackingSlip } from '../documents/types';
import type { LabelPrintContext, LabelPrinter, LabelPrintResult } from '../labels/ports';
import type { SlipOutcome } from '../../../shared/domain/order-desk';
import type { Language } from '../../../shared/domain/settings';

type LabelDocument = { bytes: Uint8Array; format: 'pdf' | 'png' };

/**
 * Prints an order's label and its slip, one job after the other, where each
 * belongs. The station's print routing provides it (label profile, documents
 * profile, slip before or after the label); null: slips are not set up.
 */
export interface SlipPrinter {
  printLabelAndSlip(request: {
    label: LabelDocument;
    title: string;
    slip: PackingSlip;
    language: Language;
    context: LabelPrintContext;
  }): Promise<{ label: LabelPrintResult; slip: SlipOutcome }>;
}

export interface OrderLabelPrinterDeps {
  base: LabelPrinter;
  /** The slip for the order this shipment was made for, or null (no order: a label from the form). */
  slipFor: (shipmentId: string) => Promise<PackingSlip | null>;
  slips: () => SlipPrinter | null;
  language: () => Language;
}

export class OrderLabelPrinter implements LabelPrinter {
  readonly #d: OrderLabelPrinterDeps;
  /** The last slip outcome per shipment, taken by the ship service once its label is at rest. */
  readonly #outcomes = new Map<string, SlipOutcome>();

  constructor(deps: OrderLabelPrinterDeps) {
    this.#d = deps;
  }

  async print(document: LabelDocument, title: string, context?: LabelPrintContext): Promise<LabelPrintResult> {
    if (!context || context.reason !== 'auto') return this.#d.base.print(document, title, context);
    let slip: PackingSlip | null;
    try {
      slip = await this.#d.slipFor(context.shipmentId);
    } catch (e) {
      // The label matters more than its slip: print it, and say why the slip did not.
      this.#outcomes.set(context.shipmentId, { status: 'failed', message: e instanceof Error ? e.message : String(e) });
      return this.#d.base.print(document, title, context);
    }
    if (slip === null) return this.#d.base.print(document, title, context);
    const slips = this.#d.slips();
    if (!slips) {
      this.#outcomes.set(context.shipmentId, { status: 'not-configured', message: null });
      return this.#d.base.print(document, title, context);
    }
    const printed = await slips.printLabelAndSlip({ label: document, title, slip, language: this.#d.language(), context });
    this.#outcomes.set(context.shipmentId, printed.slip);
    return printed.label;
  }

  /** What happened to the slip of this shipment's label (once), or null when none was tried. */
  takeSlipOutcome(shipmentId: string): SlipOutcome | null {
    const outcome = this.#outcomes.get(shipmentId) ?? null;
    this.#outcomes.delete(shipmentId);
    return outcome;
  }
}
