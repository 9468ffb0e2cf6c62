/**
 * macOS and Linux: the CUPS command-line clients, run without a shell.
 * `CUPS_SERVER` in the station's environment (a print server elsewhere) is
 * inherited; the C locale keeps lpstat's wording parseable on every machine.
 */
import type { Printer, PrintMedia, PrinterState } from '../../../shared/domain/printing';
import { faultReport, type QueueReport, type ResolvedQueue, type SpoolerBackend, type Spooled, type SpoolJob } from './backend';
import { PrintFailure } from './errors';
import { cupsMediaOption } from './media';
import { ippQueueStatus, schedulerAddress, type SchedulerAddress } from './ipp';
import { CommandError, type CommandRunner } from './runner';
import { cupsConditions, parseLpstatLong } from './status/cups-status';

/** lpstat answers from the local scheduler in milliseconds; a remote CUPS_SERVER may take longer. */
export const LPSTAT_TIMEOUT_MS = 10_000;
/** `lp` returns once the scheduler has the job spooled; a large PDF over a slow link still fits. */
export const LP_TIMEOUT_MS = 30_000;

export interface CupsOptions {
  /** Overrides CUPS_SERVER (tests point this at their own scheduler). */
  server?: string;
  /** Ask the scheduler over IPP before falling back to lpstat (default true; false forces the lpstat path). */
  ipp?: boolean;
  platform?: string;
}

interface QueueStatus {
  name: string;
  state: PrinterState;
  message: string | null;
}

const PRINTER_LINE = /^printer (\S+) (?:is idle|now printing (\S+?))?\.?\s*(enabled|disabled) since/;
const DEFAULT_LINE = /^system default destination: (\S+)/;
const ACCEPTING_LINE = /^(\S+) (not )?accepting requests since/;
const REQUEST_ID = /request id is (\S+)/;

/** `lpstat -p` blocks: a `printer …` line, then tab-indented reason lines. */
export function parsePrinterStatus(stdout: string): QueueStatus[] {
  const out: QueueStatus[] = [];
  for (const line of stdout.split('\n')) {
    const m = PRINTER_LINE.exec(line);
    if (m) {
      const state: PrinterState = m[3] === 'disabled' ? 'paused' : m[2] ? 'printing' : 'idle';
      out.push({ name: m[1]!, state, message: null });
    } else if (/^\s+\S/.test(line) && out.length > 0) {
      const last = out[out.length - 1]!;
      last.message = last.message ? `${last.message} ${line.trim()}` : line.trim();
    }
  }
  return out;
}

export function parseDefault(stdout: string): string | null {
  for (const line of stdout.split('\n')) {
    const m = DEFAULT_LINE.exec(line);
    if (m) return m[1]!;
  }
  return null;
}

export function parseAccepting(stdout: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const line of stdout.split('\n')) {
    const m = ACCEPTING_LINE.exec(line);
    if (m) out.set(m[1]!, m[2] === undefined);
  }
  return out;
}

/** No `-d` when the profile says "system default": lp picks the default itself, as the queue check did. */
export function lpArguments(
  job: { printer: string | null; title: string },
  kind: { raw: true } | { raw: false; media: PrintMedia; copies: number },
): string[] {
  const args = [...(job.printer === null ? [] : ['-d', job.printer]), '-t', job.title];
  if (kind.raw) return [...args, '-o', 'raw'];
  // The PDF's pages already are the media: ask for that size, no driver scaling beyond shrink-to-fit, portrait as drawn.
  return [
    ...args,
    '-n',
    String(kind.copies),
    '-o',
    `media=${cupsMediaOption(kind.media)}`,
    '-o',
    'print-scaling=fit',
    '-o',
    'fit-to-page',
    '-o',
    'orientation-requested=3',
  ];
}

export class CupsBackend implements SpoolerBackend {
  readonly #run: CommandRunner;
  readonly #env: Record<string, string>;
  readonly #ipp: SchedulerAddress | null;

  constructor(run: CommandRunner, options: CupsOptions = {}) {
    this.#run = run;
    this.#env = { LC_ALL: 'C', LANG: 'C', ...(options.server ? { CUPS_SERVER: options.server } : {}) };
    this.#ipp = options.ipp === false ? null : schedulerAddress({ ...process.env, ...this.#env }, options.platform ?? process.platform);
  }

  async #call(program: string, args: string[], timeoutMs: number, input?: Uint8Array): Promise<string> {
    try {
      const { stdout } = await this.#run(program, args, input ? { env: this.#env, timeoutMs, input } : { env: this.#env, timeoutMs });
      return stdout;
    } catch (e) {
      throw this.#translate(e);
    }
  }

  #translate(e: unknown): unknown {
    if (!(e instanceof CommandError)) return e;
    const text = `${e.stderr} ${e.stdout}`;
    if (e.spawnCode === 'ENOENT') {
      return new PrintFailure(
        'spooler-unavailable',
        'The CUPS printing tools (lp, lpstat) are not installed. Install CUPS, then reprint.',
        e,
      );
    }
    if (e.timedOut)
      return new PrintFailure('timed-out', 'The print system (CUPS) did not answer in time. Check that it is running, then reprint.', e);
    if (/scheduler is not running|Bad file descriptor|Connection refused|Unable to connect/i.test(text)) {
      return new PrintFailure(
        'spooler-unavailable',
        'The print system (CUPS) is not running. Start it (or check CUPS_SERVER), then reprint.',
        e,
      );
    }
    if (/does not exist|Invalid destination|Unknown destination|not found/i.test(text)) {
      return new PrintFailure(
        'printer-not-found',
        'The printer is not installed any more. Choose another printer in the print profile, then reprint.',
        e,
      );
    }
    if (/not accepting jobs/i.test(text)) {
      return new PrintFailure(
        'queue-rejecting',
        'The printer queue is refusing new jobs. Let it accept jobs again (printer settings), then reprint.',
        e,
      );
    }
    if (/no default destination/i.test(text)) {
      return new PrintFailure('no-default-printer', 'There is no default printer. Choose a printer in the print profile, then reprint.', e);
    }
    return new PrintFailure(
      'spooler-error',
      `The print system refused the job (${text.trim().replace(/^lp(stat)?: /, '') || e.message}). Reprint, or check the printer settings.`,
      e,
    );
  }

  #notFound(name: string, cause?: unknown): PrintFailure {
    return new PrintFailure(
      'printer-not-found',
      `The printer “${name}” is not installed any more. Choose another printer in the print profile, then reprint.`,
      cause,
    );
  }

  async #requireScheduler(): Promise<void> {
    const out = await this.#call('lpstat', ['-r'], LPSTAT_TIMEOUT_MS);
    if (/not running/i.test(out)) {
      throw new PrintFailure(
        'spooler-unavailable',
        'The print system (CUPS) is not running. Start it (or check CUPS_SERVER), then reprint.',
      );
    }
  }

  async listPrinters(): Promise<Printer[]> {
    let statusOut: string;
    let acceptOut: string;
    try {
      [statusOut, acceptOut] = await Promise.all([
        this.#call('lpstat', ['-p', '-d'], LPSTAT_TIMEOUT_MS),
        this.#call('lpstat', ['-a'], LPSTAT_TIMEOUT_MS),
      ]);
    } catch (e) {
      // A scheduler without queues answers "No destinations added." and exits 1.
      if (e instanceof PrintFailure && e.cause instanceof CommandError && /No destinations added/i.test(e.cause.stderr)) return [];
      throw e;
    }
    const defaultName = parseDefault(statusOut);
    const accepting = parseAccepting(acceptOut);
    return parsePrinterStatus(statusOut).map((q) => ({
      name: q.name,
      isDefault: q.name === defaultName,
      state: q.state,
      accepting: accepting.get(q.name) ?? null,
      message: q.message,
    }));
  }

  /** A paused queue is refused, with the platform's reason. */
  #ready(status: QueueStatus): ResolvedQueue {
    if (status.state === 'paused') {
      const why = status.message ? ` (${status.message})` : '';
      throw new PrintFailure(
        'queue-paused',
        `The printer “${status.name}” is paused${why}. Resume it in the printer settings, then reprint.`,
      );
    }
    return { name: status.name };
  }

  async checkQueue(printer: string | null): Promise<ResolvedQueue> {
    // Fast path: one IPP request in-process. It answers only for a queue it found; everything else goes to lpstat.
    const viaIpp = this.#ipp ? await ippQueueStatus(this.#ipp, printer) : null;
    if (viaIpp) return this.#ready(viaIpp);
    let name = printer;
    let statusOut: string;
    try {
      if (name === null) {
        statusOut = await this.#call('lpstat', ['-d', '-p'], LPSTAT_TIMEOUT_MS);
        name = parseDefault(statusOut);
        if (name === null)
          throw new PrintFailure('no-default-printer', 'There is no default printer. Choose a printer in the print profile, then reprint.');
      } else {
        statusOut = await this.#call('lpstat', ['-p', name], LPSTAT_TIMEOUT_MS);
      }
    } catch (e) {
      // With the scheduler down, lpstat answers "invalid destination" for any name: ask it plainly before blaming the printer.
      if (e instanceof PrintFailure && (e.reason === 'printer-not-found' || e.reason === 'no-default-printer'))
        await this.#requireScheduler();
      if (e instanceof PrintFailure && e.reason === 'printer-not-found') throw this.#notFound(name ?? '', e);
      throw e;
    }
    const status = parsePrinterStatus(statusOut).find((q) => q.name === name);
    if (!status) throw this.#notFound(name);
    return this.#ready(status);
  }

  async queueStatus(printer: string | null): Promise<QueueReport> {
    try {
      const viaIpp = this.#ipp ? await ippQueueStatus(this.#ipp, printer) : null;
      if (viaIpp) return { name: viaIpp.name, ...cupsConditions(viaIpp) };
      const name = printer ?? parseDefault(await this.#call('lpstat', ['-d'], LPSTAT_TIMEOUT_MS));
      if (name === null) return faultReport(null, 'no-default');
      const [long, accepting] = await Promise.all([
        this.#call('lpstat', ['-l', '-p', name], LPSTAT_TIMEOUT_MS),
        this.#call('lpstat', ['-a', name], LPSTAT_TIMEOUT_MS),
      ]);
      const facts = parseLpstatLong(long);
      if (!facts || facts.name !== name) return faultReport(name, 'not-found');
      return { name, ...cupsConditions({ ...facts, accepting: parseAccepting(accepting).get(name) ?? null }) };
    } catch (e) {
      if (!(e instanceof PrintFailure)) throw e;
      if (e.reason === 'printer-not-found') {
        // With the scheduler down lpstat calls every name unknown: ask it plainly first.
        const down = await this.#requireScheduler().then(
          () => false,
          () => true,
        );
        return faultReport(printer, down ? 'spooler-down' : 'not-found');
      }
      if (e.reason === 'no-default-printer') return faultReport(null, 'no-default');
      return faultReport(printer, 'spooler-down', e.message);
    }
  }

  /**
   * lp and the queue check run side by side (when the check has to ask
   * lpstat, it costs as much as lp itself). If the check then finds the queue paused, the job lp just put
   * there is cancelled at once: a paused queue prints nothing meanwhile, and a
   * label must not come out later after the packer has reprinted it elsewhere.
   */
  async #submit(job: SpoolJob, args: string[], data: Uint8Array): Promise<Spooled> {
    const [check, sent] = await Promise.allSettled([job.check, this.#call('lp', args, LP_TIMEOUT_MS, data)]);
    const jobId = sent.status === 'fulfilled' ? (REQUEST_ID.exec(sent.value)?.[1] ?? null) : null;
    if (check.status === 'rejected') {
      if (jobId !== null) await this.#call('cancel', [jobId], LPSTAT_TIMEOUT_MS).catch(() => undefined);
      throw check.reason;
    }
    if (sent.status === 'rejected') throw sent.reason;
    return { jobId, queue: check.value.name };
  }

  printPdf(job: SpoolJob & { pdf: Uint8Array; media: PrintMedia; copies: number }): Promise<Spooled> {
    return this.#submit(job, lpArguments(job, { raw: false, media: job.media, copies: job.copies }), job.pdf);
  }

  printRaw(job: SpoolJob & { data: Uint8Array }): Promise<Spooled> {
    return this.#submit(job, lpArguments(job, { raw: true }), job.data);
  }
}
