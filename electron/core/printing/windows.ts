/**
 * Windows: PDFs go through pdf-to-printer (SumatraPDF, silent), raw ZPL
 * through the spooler's own RAW datatype (winspool WritePrinter from
 * PowerShell). Printer names and file paths reach PowerShell as environment
 * variables, never spliced into the script text.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PrintMedia, Printer } from '../../../shared/domain/printing';
import { faultReport, type QueueReport, type ResolvedQueue, type SpoolerBackend, type Spooled, type SpoolJob } from './backend';
import { PrintFailure } from './errors';
import { CommandError, type CommandRunner } from './runner';
import { parseWindowsStatus, WINDOWS_STATUS_SCRIPT } from './status/windows-status';

/** SumatraPDF renders and spools in-process; a multi-page label on a busy spooler takes a few seconds. */
export const SUMATRA_TIMEOUT_MS = 60_000;
export const POWERSHELL_TIMEOUT_MS = 30_000;

/** The part of pdf-to-printer the station uses (injected so tests can check the options). */
export interface PdfToPrinter {
  print(pdf: string, options: PdfToPrinterOptions): Promise<void>;
  getPrinters(): Promise<Array<{ deviceId: string; name: string }>>;
  getDefaultPrinter(): Promise<{ deviceId: string; name: string } | null>;
}
export interface PdfToPrinterOptions {
  printer?: string;
  paperSize?: string;
  scale?: 'noscale' | 'shrink' | 'fit';
  orientation?: 'portrait' | 'landscape';
  copies?: number;
  silent?: boolean;
  sumatraPdfPath?: string;
}

/** SumatraPDF's `paper=` names; other media rely on the driver's form (set once in the thermal driver). */
const SUMATRA_PAPER: Partial<Record<PrintMedia['preset'], string>> = { A6: 'A6', A4: 'A4', Letter: 'letter' };

/**
 * pdf-to-printer finds its SumatraPDF through `process.mainModule`, which an
 * ESM main process does not have; inside a packaged app the executable is
 * unpacked next to the asar (electron-builder `asarUnpack`), so point at it.
 */
export function sumatraPath(packageJsonPath: string): string {
  return join(dirname(packageJsonPath), 'dist', 'SumatraPDF-3.4.6-32.exe').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

export function pdfPrintOptions(queue: ResolvedQueue | null, media: PrintMedia, copies: number, sumatra: string): PdfToPrinterOptions {
  const options: PdfToPrinterOptions = {
    // Pages already are the media; "shrink" never enlarges (barcodes keep their module size) but saves a label from a smaller driver form.
    scale: 'shrink',
    orientation: 'portrait',
    copies,
    silent: true,
    sumatraPdfPath: sumatra,
  };
  if (queue) options.printer = queue.name;
  const paper = SUMATRA_PAPER[media.preset];
  if (paper) options.paperSize = paper;
  return options;
}

/** Sends `$env:STATION_RAW_FILE` to `$env:STATION_PRINTER` (or the default) as one RAW document. */
export const RAW_PRINT_SCRIPT = `
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @"
using System;
using System.Runtime.InteropServices;
public static class StationRawPrint {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DOCINFO { public string pDocName; public string pOutputFile; public string pDatatype; }
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] public static extern bool OpenPrinter(string n, out IntPtr h, IntPtr d);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool ClosePrinter(IntPtr h);
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] public static extern int StartDocPrinter(IntPtr h, int level, DOCINFO di);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool EndDocPrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool StartPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool EndPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool WritePrinter(IntPtr h, byte[] b, int n, out int written);
  public static int Send(string printer, string title, byte[] data) {
    IntPtr h;
    if (!OpenPrinter(printer, out h, IntPtr.Zero)) throw new Exception("printer-not-found: " + Marshal.GetLastWin32Error());
    try {
      DOCINFO di = new DOCINFO(); di.pDocName = title; di.pDatatype = "RAW";
      int job = StartDocPrinter(h, 1, di);
      if (job == 0) throw new Exception("spooler-error: " + Marshal.GetLastWin32Error());
      StartPagePrinter(h);
      int written;
      bool ok = WritePrinter(h, data, data.Length, out written);
      EndPagePrinter(h); EndDocPrinter(h);
      if (!ok || written != data.Length) throw new Exception("spooler-error: write " + Marshal.GetLastWin32Error());
      return job;
    } finally { ClosePrinter(h); }
  }
}
"@
$printer = $env:STATION_PRINTER
if (-not $printer) { $printer = (New-Object System.Drawing.Printing.PrinterSettings).PrinterName }
if (-not $printer) { throw "no-default-printer" }
$job = [StationRawPrint]::Send($printer, $env:STATION_JOB_TITLE, [System.IO.File]::ReadAllBytes($env:STATION_RAW_FILE))
Write-Output "job $job"
`;

export function rawPrintCommand(
  queue: ResolvedQueue | null,
  title: string,
  file: string,
): { file: string; args: string[]; env: Record<string, string> } {
  return {
    file: 'powershell.exe',
    args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', RAW_PRINT_SCRIPT],
    env: { STATION_PRINTER: queue?.name ?? '', STATION_JOB_TITLE: title, STATION_RAW_FILE: file },
  };
}

export interface WindowsOptions {
  run: CommandRunner;
  /** Loaded lazily by default: the module refuses to work off Windows. */
  pdfToPrinter?: () => Promise<PdfToPrinter>;
  /** Where job files wait for SumatraPDF / the spooler; removed after each job. */
  tempDir: string;
}

const defaultPdfToPrinter = async (): Promise<PdfToPrinter> => (await import('pdf-to-printer')) as unknown as PdfToPrinter;

export class WindowsBackend implements SpoolerBackend {
  readonly #run: CommandRunner;
  readonly #load: () => Promise<PdfToPrinter>;
  readonly #tempDir: string;

  constructor(options: WindowsOptions) {
    this.#run = options.run;
    this.#load = options.pdfToPrinter ?? defaultPdfToPrinter;
    this.#tempDir = options.tempDir;
  }

  async listPrinters(): Promise<Printer[]> {
    const lib = await this.#load();
    try {
      const [printers, fallback] = await Promise.all([lib.getPrinters(), lib.getDefaultPrinter()]);
      // Windows state needs WMI queries per printer; the list shows what the spooler offers and print errors say the rest.
      return printers.map((p) => ({
        name: p.name,
        isDefault: p.name === fallback?.name,
        state: 'unknown',
        accepting: null,
        message: null,
      }));
    } catch (e) {
      throw new PrintFailure(
        'spooler-unavailable',
        'Windows did not list its printers. Check that the Print Spooler service is running.',
        e,
      );
    }
  }

  async checkQueue(printer: string | null): Promise<ResolvedQueue> {
    const printers = await this.listPrinters();
    const found = printer === null ? printers.find((p) => p.isDefault) : printers.find((p) => p.name === printer);
    if (!found) {
      throw printer === null
        ? new PrintFailure('no-default-printer', 'Windows has no default printer. Choose a printer in the print profile, then reprint.')
        : new PrintFailure(
            'printer-not-found',
            `The printer “${printer}” is not installed any more. Choose another printer in the print profile, then reprint.`,
          );
    }
    return { name: found.name };
  }

  async queueStatus(printer: string | null): Promise<QueueReport> {
    let stdout: string;
    try {
      ({ stdout } = await this.#run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_STATUS_SCRIPT], {
        env: { STATION_PRINTER: printer ?? '' },
        timeoutMs: POWERSHELL_TIMEOUT_MS,
      }));
    } catch (e) {
      const why = e instanceof CommandError && e.timedOut ? 'it did not answer in time' : 'it could not be asked';
      return faultReport(printer, 'spooler-down', `The Windows print spooler: ${why}.`);
    }
    try {
      const report = parseWindowsStatus(stdout);
      if (!report.found) return faultReport(printer, printer === null ? 'no-default' : 'not-found');
      const { found: _found, ...conditions } = report;
      return conditions;
    } catch {
      return faultReport(printer, 'spooler-down', 'The Windows print spooler gave an answer the station cannot read.');
    }
  }

  async #withFile<T>(bytes: Uint8Array, ext: string, fn: (file: string) => Promise<T>): Promise<T> {
    await mkdir(this.#tempDir, { recursive: true });
    const file = join(this.#tempDir, `job-${randomUUID()}.${ext}`);
    await writeFile(file, bytes);
    try {
      return await fn(file);
    } finally {
      await rm(file, { force: true });
    }
  }

  async printPdf(job: SpoolJob & { pdf: Uint8Array; media: PrintMedia; copies: number }): Promise<Spooled> {
    const queue = await job.check;
    const lib = await this.#load();
    const sumatra = sumatraPath(createRequire(import.meta.url).resolve('pdf-to-printer/package.json'));
    await this.#withFile(job.pdf, 'pdf', async (file) => {
      try {
        await lib.print(file, pdfPrintOptions(queue, job.media, job.copies, sumatra));
      } catch (e) {
        throw new PrintFailure(
          'spooler-error',
          `Windows could not print the label (${e instanceof Error ? e.message : String(e)}). Check the printer, then reprint.`,
          e,
        );
      }
    });
    return { jobId: null, queue: queue.name };
  }

  async printRaw(job: SpoolJob & { data: Uint8Array }): Promise<Spooled> {
    const queue = await job.check;
    return this.#withFile(job.data, 'zpl', async (file) => {
      const cmd = rawPrintCommand(queue, job.title, file);
      try {
        const { stdout } = await this.#run(cmd.file, cmd.args, { env: cmd.env, timeoutMs: POWERSHELL_TIMEOUT_MS });
        return { jobId: /job (\d+)/.exec(stdout)?.[1] ?? null, queue: queue.name };
      } catch (e) {
        const text = e instanceof CommandError ? `${e.stderr} ${e.stdout}` : String(e);
        if (e instanceof CommandError && e.timedOut)
          throw new PrintFailure('timed-out', 'The Windows print spooler did not answer in time. Reprint.', e);
        if (/printer-not-found/.test(text))
          throw new PrintFailure(
            'printer-not-found',
            `The printer “${queue.name}” is not installed any more. Choose another printer, then reprint.`,
            e,
          );
        throw new PrintFailure('spooler-error', 'The Windows print spooler refused the raw job. Check the printer, then reprint.', e);
      }
    });
  }
}
