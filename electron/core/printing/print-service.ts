/**
 * The one way a label reaches paper. `print(document, profile)` checks the
 * document, fits it to the profile's media (a PDF for system queues, a 1-bit
 * raster as ZPL for label printers) while the queue is checked in parallel,
 * hands it to the spooler or the printer's socket, and answers with an
 * outcome the label workflow records. A failure never throws for reasons a
 * person can fix: the outcome says what happened and what to do, and the
 * label stays saved for a reprint.
 */
import { join } from 'node:path';
import type { PrintFailureReason, PrintOutcome, PrintProfile, Printer } from '../../../shared/domain/printing';
import { StationFailure } from '../../../shared/result';
import type { Clock } from '../util/clock';
import type { Logger, LoggerFactory } from '../util/log';
import type { SpoolerBackend } from './backend';
import { CupsBackend, type CupsOptions } from './cups';
import { checkDocument, type LabelDocument } from './document';
import { PrintFailure } from './errors';
import { fitToMediaPdf } from './fit-pdf';
import { sendRawTcp, type RawSendOptions } from './network';
import { rasterizeToMedia } from './raster';
import type { CommandRunner } from './runner';
import { PrinterLines } from './status/printer-lines';
import { networkKey, PrinterStatusService } from './status/printer-status';
import { readLabelCounter, watchJob, type JobWatchOptions } from './status/zebra-job';
import type { ZebraQueryOptions } from './status/zebra-query';
import { makeTestPage } from './test-page';
import { WindowsBackend, type PdfToPrinter } from './windows';
import { encodeLabels } from './zpl';

/**
 * Recent outcomes in memory, test prints included (the label workflow keeps the durable history per label in
 * its print_jobs table; this one answers "what happened to the last prints at this bench").
 */
export const HISTORY_LIMIT = 100;

export interface PrintServiceOptions {
  run: CommandRunner;
  /** `process.platform`: win32 uses the Windows spooler, everything else CUPS. */
  platform: string;
  logger: LoggerFactory;
  clock: Clock;
  /** Folder for short-lived job files (Windows hands files, not pipes, to its spooler). */
  tempDir: string;
  cups?: CupsOptions;
  pdfToPrinter?: () => Promise<PdfToPrinter>;
  network?: RawSendOptions & {
    /**
     * Watch each job to a network Zebra until the printer reports it printed (label counter or `~HS`), or holds it
     * for a fault. Off unless asked for (the station turns it on): a plain TCP listener answers no status.
     */
    confirmJobs?: boolean;
    zebra?: ZebraQueryOptions;
    jobWatch?: JobWatchOptions;
  };
  /** Every fresh printer status (the station raises an event for the status bar). */
  onStatus?: ConstructorParameters<typeof PrinterStatusService>[0]['onStatus'];
}

export interface PrintRequestOptions {
  /** Job name in the queue, e.g. the tracking number. */
  title?: string;
}

export class PrintService {
  readonly #backend: SpoolerBackend;
  readonly #log: Logger;
  readonly #clock: Clock;
  readonly #network: NonNullable<PrintServiceOptions['network']>;
  readonly #history: PrintOutcome[] = [];
  /** Jobs and status questions to one network printer take turns. */
  readonly #lines = new PrinterLines();
  /** Network printers that answered (true) or ignored (false) the label-counter query, so it is asked once. */
  readonly #hasCounter = new Map<string, boolean>();
  /** The label printer's state (status bar, Printers screen, and the check before a label is bought). */
  readonly status: PrinterStatusService;

  constructor(options: PrintServiceOptions) {
    this.#log = options.logger('printing');
    this.#clock = options.clock;
    this.#network = options.network ?? {};
    this.#backend =
      options.platform === 'win32'
        ? new WindowsBackend({
            run: options.run,
            tempDir: join(options.tempDir, 'print-jobs'),
            ...(options.pdfToPrinter ? { pdfToPrinter: options.pdfToPrinter } : {}),
          })
        : new CupsBackend(options.run, { platform: options.platform, ...options.cups });
    this.status = new PrinterStatusService({
      backend: this.#backend,
      spooler: options.platform === 'win32' ? 'windows' : 'cups',
      lines: this.#lines,
      clock: options.clock,
      ...(this.#network.zebra ? { zebra: this.#network.zebra } : {}),
      ...(options.onStatus ? { onStatus: options.onStatus } : {}),
    });
  }

  listPrinters(): Promise<Printer[]> {
    return this.#backend.listPrinters();
  }

  /** Most recent first. */
  history(): readonly PrintOutcome[] {
    return [...this.#history].reverse();
  }

  async print(document: LabelDocument, profile: PrintProfile, options: PrintRequestOptions = {}): Promise<PrintOutcome> {
    const startedAt = new Date(this.#clock.now()).toISOString();
    const title = options.title ?? 'Shipping label';
    const target = profile.mode === 'zpl-network' ? `${profile.host}:${profile.port}` : (profile.printer ?? 'system default');
    const common = { profileId: profile.id, mode: profile.mode, copies: profile.copies, startedAt };
    let outcome: PrintOutcome;
    try {
      checkDocument(document);
      const sent = await this.#send(document, profile, title);
      outcome = {
        ...common,
        status: 'sent',
        target: sent.target ?? target,
        pages: sent.pages,
        jobId: sent.jobId,
        bytesSent: sent.bytes,
        ...(sent.confirmed === undefined ? {} : { confirmed: sent.confirmed }),
        finishedAt: this.#now(),
      };
      this.#log.info('label sent to printer', {
        profileId: profile.id,
        mode: profile.mode,
        target: outcome.target,
        jobId: sent.jobId,
        pages: sent.pages,
      });
    } catch (e) {
      const { code, reason, message } = this.#failure(e, profile);
      outcome = { ...common, status: 'failed', target, pages: 0, code, reason, message, finishedAt: this.#now() };
      this.#log.warn('print failed', { profileId: profile.id, mode: profile.mode, target, reason });
    }
    this.#history.push(outcome);
    if (this.#history.length > HISTORY_LIMIT) this.#history.shift();
    return outcome;
  }

  /** The test page through the profile, exactly as a label would go. */
  async testPrint(profile: PrintProfile): Promise<PrintOutcome> {
    const printerLabel = profile.mode === 'zpl-network' ? `${profile.host}:${profile.port}` : (profile.printer ?? 'system default printer');
    const bytes = await makeTestPage(profile, printerLabel, new Date(this.#clock.now()));
    return this.print({ bytes, format: 'pdf' }, profile, { title: 'Shipping Station test print' });
  }

  #now(): string {
    return new Date(this.#clock.now()).toISOString();
  }

  async #send(
    document: LabelDocument,
    profile: PrintProfile,
    title: string,
  ): Promise<{ jobId: string | null; pages: number; bytes: number; target?: string; confirmed?: boolean }> {
    const zpl = async (): Promise<{ data: Uint8Array; pages: number }> => {
      const pages = await rasterizeToMedia(document, profile, this.#log);
      return {
        data: Buffer.from(encodeLabels(pages, { copies: profile.copies, darkness: profile.darkness }), 'latin1'),
        pages: pages.length,
      };
    };
    if (profile.mode === 'system' || profile.mode === 'zpl-queue') {
      // The queue check starts now and overlaps the fitting: a missing printer costs no extra wait.
      const check = this.#backend.checkQueue(profile.printer);
      check.catch(() => undefined); // awaited by the backend; a document failure first must not leave it unhandled
      const spool = { printer: profile.printer, check, title };
      if (profile.mode === 'system') {
        const fitted = await fitToMediaPdf(document, profile, this.#log);
        const sent = await this.#backend.printPdf({ ...spool, pdf: fitted.bytes, media: profile.media, copies: profile.copies });
        return { jobId: sent.jobId, pages: fitted.pages, bytes: fitted.bytes.length, target: sent.queue };
      }
      const job = await zpl();
      const sent = await this.#backend.printRaw({ ...spool, data: job.data });
      return { jobId: sent.jobId, pages: job.pages, bytes: job.data.length, target: sent.queue };
    }
    const job = await zpl();
    const { host, port } = profile;
    return this.#lines.run(networkKey(host, port), 'job', async () => {
      if (!this.#network.confirmJobs)
        return { jobId: null, pages: job.pages, bytes: await sendRawTcp(host, port, job.data, this.#network) };
      const counterBefore = await this.#labelCounter(host, port);
      const bytes = await sendRawTcp(host, port, job.data, this.#network);
      const seen = await watchJob(
        host,
        port,
        { counterBefore, labels: job.pages * profile.copies },
        {
          ...this.#network.jobWatch,
          ...(this.#network.zebra ? { zebra: this.#network.zebra } : {}),
        },
      );
      if (seen.kind === 'held') {
        const status = this.status.record(profile, seen.conditions);
        throw new PrintFailure(
          'printer-fault',
          `The printer at ${host}:${port} took the label but reports ${status.detail ?? 'a fault'}. It prints the label once that is fixed: fix it, and reprint only if nothing comes out.`,
        );
      }
      return { jobId: null, pages: job.pages, bytes, confirmed: seen.kind === 'printed' };
    });
  }

  /** The counter before a job, asked only of printers that have shown they answer it. */
  async #labelCounter(host: string, port: number): Promise<number | null> {
    const key = networkKey(host, port);
    if (this.#hasCounter.get(key) === false) return null;
    const count = await readLabelCounter(host, port, this.#network.jobWatch?.counterTimeoutMs);
    this.#hasCounter.set(key, count !== null);
    return count;
  }

  #failure(
    e: unknown,
    profile: PrintProfile,
  ): { code: 'PRINTER' | 'DOCUMENT' | 'UNAVAILABLE'; reason: PrintFailureReason; message: string } {
    if (e instanceof PrintFailure)
      return { code: e.reason === 'unsupported' ? 'UNAVAILABLE' : 'PRINTER', reason: e.reason, message: e.message };
    if (e instanceof StationFailure && e.code === 'DOCUMENT') return { code: 'DOCUMENT', reason: 'bad-document', message: e.message };
    this.#log.error('printing failed unexpectedly', { profileId: profile.id, mode: profile.mode, error: e });
    return {
      code: 'PRINTER',
      reason: 'spooler-error',
      message: 'Printing failed unexpectedly; the details are in the log. The label is saved: reprint it.',
    };
  }
}
