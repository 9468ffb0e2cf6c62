import type { PrintMedia, Printer } from '../../../shared/domain/printing';

/** A print queue as the platform resolved it (a null profile printer becomes the default's name). */
export interface ResolvedQueue {
  name: string;
}

export interface SpoolJob {
  queue: ResolvedQueue;
  /** Shown in the queue (CUPS job name / Windows document name). */
  title: string;
}

/**
 * One operating system's spooler. CUPS (macOS, Linux) and Windows implement
 * it; failures are thrown as PrintFailure with the reason filled in.
 */
export interface SpoolerBackend {
  listPrinters(): Promise<Printer[]>;
  /** Finds the queue and refuses one that is gone, paused or rejecting, before any job exists. */
  resolveQueue(printer: string | null): Promise<ResolvedQueue>;
  /** A PDF whose pages already are `media`; returns the spooler's job id if it gives one. */
  printPdf(job: SpoolJob & { pdf: Uint8Array; media: PrintMedia; copies: number }): Promise<string | null>;
  /** Bytes the printer reads as they are (ZPL). */
  printRaw(job: SpoolJob & { data: Uint8Array }): Promise<string | null>;
}
