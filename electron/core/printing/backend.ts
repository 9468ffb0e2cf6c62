import type { PrinterFault, PrinterWarning } from '../../../shared/domain/printer-status';
import type { PrintMedia, Printer } from '../../../shared/domain/printing';

/** A print queue as the platform resolved it (a null profile printer becomes the default's name). */
export interface ResolvedQueue {
  name: string;
}

export interface SpoolJob {
  /** The profile's queue name; null means the system default. */
  printer: string | null;
  /** The queue check started by `checkQueue`, begun early so it overlaps fitting (and, on CUPS, spooling). */
  check: Promise<ResolvedQueue>;
  /** Shown in the queue (CUPS job name / Windows document name). */
  title: string;
}

export interface Spooled {
  /** The spooler's job id, when it gives one. */
  jobId: string | null;
  queue: string;
}

/** What a queue's state comes to, whichever platform said it. */
export interface QueueConditions {
  level: 'ready' | 'warning' | 'fault';
  faults: PrinterFault[];
  warnings: PrinterWarning[];
  busy: boolean;
  /** The platform's own words (state message, reason keywords), for the detail line. */
  detail: string | null;
}

/** A queue's conditions, with the name it resolved to (null: the system default was asked for and there is none). */
export interface QueueReport extends QueueConditions {
  name: string | null;
}

/** A report for a queue the station could not ask about or find. */
export function faultReport(name: string | null, fault: PrinterFault, detail: string | null = null): QueueReport {
  return { name, level: 'fault', faults: [fault], warnings: [], busy: false, detail };
}

/**
 * One operating system's spooler. CUPS (macOS, Linux) and Windows implement
 * it; failures are thrown as PrintFailure with the reason filled in.
 */
export interface SpoolerBackend {
  listPrinters(): Promise<Printer[]>;
  /** Finds the queue and refuses one that is gone or paused; a job never stays behind in a queue that failed it. */
  checkQueue(printer: string | null): Promise<ResolvedQueue>;
  /** A PDF whose pages already are `media`. */
  printPdf(job: SpoolJob & { pdf: Uint8Array; media: PrintMedia; copies: number }): Promise<Spooled>;
  /** Bytes the printer reads as they are (ZPL). */
  printRaw(job: SpoolJob & { data: Uint8Array }): Promise<Spooled>;
  /** The queue's state and reasons (paper out, stopped, refusing…); never throws: what it cannot find is a fault. */
  queueStatus(printer: string | null): Promise<QueueReport>;
}
