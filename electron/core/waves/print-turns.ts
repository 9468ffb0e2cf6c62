/**
 * A wave's labels come out of the printer in the wave's sequence, though
 * several are bought at once (the limiter, not the printer, sets the pace).
 *
 * This sits in the label workflow's printer chain (in front of the order-aware
 * printer, so a label and its packing slip print as one unit). Each item takes
 * a turn when it starts; its print waits until every item that started before
 * it has printed or ended without a print. A print that fails does not come
 * back as a failure at once: the wave is told (it pauses: no label is bought
 * that cannot be printed), and the print waits, still in the workflow's
 * printing step, until the packer resumes (the label is printed again, without
 * its slip, which went to its own printer the first time) or cancels, or the
 * station stops (then it is the failure it was, and the label waits for a
 * reprint as any print failure does).
 *
 * Prints of labels that are not a wave's (the bench, a reprint) pass straight through.
 */
import type { LabelPrintContext, LabelPrinter, LabelPrintResult } from '../labels/ports';

export type AfterPrintFailure = 'retry' | 'give-up';

/** The runner's side of a wave item's print. */
export interface WavePrintWatch {
  /** A wave item's print is about to go (first try, or again): a mark handed back with its failure. */
  starting(shipmentId: string): number;
  /** Its print failed: resolves when it should be tried again or given up (the wave pauses meanwhile). */
  failed(shipmentId: string, message: string, mark: number): Promise<AfterPrintFailure>;
}

export interface PrintTurn {
  /** The shipment this item prints, once saved; `asFirstPrint`: a reprint that stands in for the item's own print (with its slip). */
  bind(shipmentId: string, options?: { asFirstPrint?: boolean }): void;
  /** The item is over (printed, or ended without a print): the next may print. Idempotent. */
  settle(): void;
}

interface Ticket {
  turn: Promise<void>;
  asFirstPrint: boolean;
}

export class WavePrintTurns implements LabelPrinter {
  readonly #inner: LabelPrinter;
  readonly #byShipment = new Map<string, Ticket>();
  #tail: Promise<void> = Promise.resolve();
  #watch: WavePrintWatch = { starting: () => 0, failed: async () => 'give-up' };

  constructor(inner: LabelPrinter) {
    this.#inner = inner;
  }

  /** The runner's handlers (it pauses the wave on a failed print, and answers on resume, cancel or stop). */
  watch(watch: WavePrintWatch): void {
    this.#watch = watch;
  }

  /** The next turn, after every turn taken before it. */
  take(): PrintTurn {
    const turn = this.#tail;
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    // The next item waits for this one AND for everything before it: an item that ends without printing (refused,
    // skipped) settles at once, and must not let the one after it print ahead of labels still waiting their turn.
    this.#tail = Promise.all([turn, settled]).then(() => undefined);
    const bound: string[] = [];
    return {
      bind: (shipmentId, options = {}) => {
        bound.push(shipmentId);
        this.#byShipment.set(shipmentId, { turn, asFirstPrint: options.asFirstPrint ?? false });
      },
      settle: () => {
        for (const id of bound) this.#byShipment.delete(id);
        settle();
      },
    };
  }

  async print(
    document: { bytes: Uint8Array; format: 'pdf' | 'png' },
    title: string,
    context?: LabelPrintContext,
  ): Promise<LabelPrintResult> {
    const ticket = context ? this.#byShipment.get(context.shipmentId) : undefined;
    if (!context || !ticket) return this.#inner.print(document, title, context);
    await ticket.turn;
    // The item's own print: the label with its packing slip (a reprint standing in for it too).
    let attempt: LabelPrintContext = ticket.asFirstPrint ? { ...context, reason: 'auto' } : context;
    for (;;) {
      const mark = this.#watch.starting(context.shipmentId);
      const result = await this.#inner.print(document, title, attempt);
      if (result.ok) return result;
      if ((await this.#watch.failed(context.shipmentId, result.message, mark)) === 'give-up') return result;
      // Again, the label alone: its slip went to its own printer with the first try (or says why it did not).
      attempt = { ...context, reason: 'reprint' };
    }
  }
}
