/**
 * The Windows back end cannot run here (no spooler, no SumatraPDF), so its
 * contract with the outside is checked with the runner and pdf-to-printer
 * injected: the options SumatraPDF gets, where the executable is found in a
 * packaged app, and that printer names and paths stay out of the script text.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE } from '../../shared/domain/printing';
import { CommandError, type CommandRunner } from '../../electron/core/printing/runner';
import {
  pdfPrintOptions,
  RAW_PRINT_SCRIPT,
  rawPrintCommand,
  sumatraPath,
  WindowsBackend,
  type PdfToPrinter,
  type PdfToPrinterOptions,
} from '../../electron/core/printing/windows';
import { PrintService } from '../../electron/core/printing/print-service';
import { systemClock } from '../../electron/core/util/clock';
import { silentLoggerFactory } from '../../electron/core/util/log';

const PRINTERS = [
  { deviceId: 'ZDesigner ZD421-203dpi ZPL', name: 'ZDesigner ZD421-203dpi ZPL' },
  { deviceId: 'Office "Laser" & Co', name: 'Office "Laser" & Co' },
];

function fakePdfToPrinter(calls: Array<{ file: string; options: PdfToPrinterOptions; bytes: Buffer }>): () => Promise<PdfToPrinter> {
  return async () => ({
    print: async (file, options) => {
      calls.push({ file, options, bytes: readFileSync(file) });
    },
    getPrinters: async () => PRINTERS,
    getDefaultPrinter: async () => PRINTERS[0]!,
  });
}

describe('SumatraPDF location', () => {
  it('points into app.asar.unpacked inside a packaged app, where electron-builder unpacks the exe', () => {
    expect(
      sumatraPath(
        'C:\\Program Files\\Shipping Station\\resources\\app.asar\\node_modules\\pdf-to-printer\\package.json'.replace(/\\/g, '/'),
      ),
    ).toBe('C:/Program Files/Shipping Station/resources/app.asar.unpacked/node_modules/pdf-to-printer/dist/SumatraPDF-3.4.6-32.exe');
  });
  it('is left alone in development', () => {
    expect(sumatraPath('/work/app/node_modules/pdf-to-printer/package.json')).toBe(
      '/work/app/node_modules/pdf-to-printer/dist/SumatraPDF-3.4.6-32.exe',
    );
  });
  it('names an executable pdf-to-printer really ships', () => {
    expect(existsSync(sumatraPath(join(import.meta.dirname, '../../node_modules/pdf-to-printer/package.json')))).toBe(true);
  });
});

describe('PDF print options', () => {
  it('silent, portrait, shrink-only, copies, the named printer and its paper where SumatraPDF knows the size', () => {
    expect(pdfPrintOptions({ name: 'Office "Laser" & Co' }, { preset: 'Letter' }, 2, 'C:/s.exe')).toEqual({
      printer: 'Office "Laser" & Co',
      paperSize: 'letter',
      scale: 'shrink',
      orientation: 'portrait',
      copies: 2,
      silent: true,
      sumatraPdfPath: 'C:/s.exe',
    });
    expect(pdfPrintOptions({ name: 'Z' }, { preset: 'A6' }, 1, 'x').paperSize).toBe('A6');
  });
  it('leaves the paper to the thermal driver’s own form for label sizes SumatraPDF has no name for', () => {
    expect(pdfPrintOptions({ name: 'Z' }, { preset: '4x6in' }, 1, 'x')).not.toHaveProperty('paperSize');
  });
});

describe('raw ZPL through the Windows spooler', () => {
  it('passes printer, title and file as environment variables, never inside the PowerShell text', () => {
    const cmd = rawPrintCommand({ name: 'Evil"; Remove-Item C:\\ -Recurse; "' }, 'YT1', 'C:/t/job.zpl');
    expect(cmd.file).toBe('powershell.exe');
    expect(cmd.args).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', RAW_PRINT_SCRIPT]);
    expect(cmd.args.join(' ')).not.toContain('Evil');
    expect(cmd.env).toEqual({
      STATION_PRINTER: 'Evil"; Remove-Item C:\\ -Recurse; "',
      STATION_JOB_TITLE: 'YT1',
      STATION_RAW_FILE: 'C:/t/job.zpl',
    });
    expect(RAW_PRINT_SCRIPT).toContain('pDatatype = "RAW"');
  });

  it('sends the ZPL file, returns the spooler job id and removes the file', async () => {
    const seen: Array<{ file: string; args: readonly string[]; env: Record<string, string>; bytes: string }> = [];
    const run: CommandRunner = async (file, args, options) => {
      const env = options.env ?? {};
      seen.push({ file, args, env, bytes: readFileSync(env.STATION_RAW_FILE!, 'latin1') });
      return { stdout: 'job 42\r\n', stderr: '' };
    };
    const tempDir = mkdtempSync(join(tmpdir(), 'win-raw-'));
    const backend = new WindowsBackend({ run, tempDir, pdfToPrinter: fakePdfToPrinter([]) });
    const jobId = await backend.printRaw({
      printer: 'ZDesigner ZD421-203dpi ZPL',
      check: backend.checkQueue('ZDesigner ZD421-203dpi ZPL'),
      title: 'YT1',
      data: Buffer.from('^XA^XZ'),
    });
    expect(jobId).toEqual({ jobId: '42', queue: 'ZDesigner ZD421-203dpi ZPL' });
    expect(seen[0]).toMatchObject({ file: 'powershell.exe', bytes: '^XA^XZ', env: { STATION_PRINTER: 'ZDesigner ZD421-203dpi ZPL' } });
    expect(existsSync(seen[0]!.env.STATION_RAW_FILE!)).toBe(false);
  });

  it('maps a missing printer reported by the script to printer-not-found', async () => {
    const run: CommandRunner = async () => {
      throw new CommandError('exit 1', {
        exitCode: 1,
        stdout: '',
        stderr: 'Exception: printer-not-found: 1801',
        timedOut: false,
        spawnCode: null,
      });
    };
    const backend = new WindowsBackend({ run, tempDir: mkdtempSync(join(tmpdir(), 'win-raw-')), pdfToPrinter: fakePdfToPrinter([]) });
    await expect(
      backend.printRaw({ printer: null, check: backend.checkQueue(null), title: 't', data: Buffer.from('^XA^XZ') }),
    ).rejects.toMatchObject({
      reason: 'printer-not-found',
    });
  });
});

describe('PrintService on Windows', () => {
  it('lists the spooler’s printers with the default marked, state unknown', async () => {
    const service = new PrintService({
      run: async () => ({ stdout: '', stderr: '' }),
      platform: 'win32',
      logger: silentLoggerFactory,
      clock: systemClock,
      tempDir: tmpdir(),
      pdfToPrinter: fakePdfToPrinter([]),
    });
    expect(await service.listPrinters()).toEqual([
      { name: 'ZDesigner ZD421-203dpi ZPL', isDefault: true, state: 'unknown', accepting: null, message: null },
      { name: 'Office "Laser" & Co', isDefault: false, state: 'unknown', accepting: null, message: null },
    ]);
  });

  it('prints a fitted PDF through pdf-to-printer to the default printer, then deletes the job file', async () => {
    const calls: Array<{ file: string; options: PdfToPrinterOptions; bytes: Buffer }> = [];
    const service = new PrintService({
      run: async () => ({ stdout: '', stderr: '' }),
      platform: 'win32',
      logger: silentLoggerFactory,
      clock: systemClock,
      tempDir: mkdtempSync(join(tmpdir(), 'win-pdf-')),
      pdfToPrinter: fakePdfToPrinter(calls),
    });
    const png = readFileSync(join(import.meta.dirname, '../fixtures/labels/ups-1400x800.png'));
    const outcome = await service.print({ bytes: png, format: 'png' }, { ...DEFAULT_PRINT_PROFILE, copies: 3 });
    expect(outcome).toMatchObject({ status: 'sent', target: 'ZDesigner ZD421-203dpi ZPL', pages: 1 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.options).toMatchObject({ printer: 'ZDesigner ZD421-203dpi ZPL', copies: 3, scale: 'shrink', silent: true });
    expect(calls[0]!.options.sumatraPdfPath).toMatch(/pdf-to-printer[\\/]dist[\\/]SumatraPDF-3\.4\.6-32\.exe$/);
    expect(calls[0]!.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(existsSync(calls[0]!.file)).toBe(false);
  });

  it('a profile naming a printer Windows does not have fails before anything is printed', async () => {
    const calls: Array<{ file: string; options: PdfToPrinterOptions; bytes: Buffer }> = [];
    const service = new PrintService({
      run: async () => ({ stdout: '', stderr: '' }),
      platform: 'win32',
      logger: silentLoggerFactory,
      clock: systemClock,
      tempDir: tmpdir(),
      pdfToPrinter: fakePdfToPrinter(calls),
    });
    const png = readFileSync(join(import.meta.dirname, '../fixtures/labels/ups-1400x800.png'));
    const outcome = await service.print({ bytes: png, format: 'png' }, { ...DEFAULT_PRINT_PROFILE, printer: 'Sold Last Year' });
    expect(outcome).toMatchObject({ status: 'failed', reason: 'printer-not-found' });
    expect(calls).toHaveLength(0);
  });
});

describe('Windows queue status through the spooler', () => {
  const backend = (run: CommandRunner) => new WindowsBackend({ run, tempDir: mkdtempSync(join(tmpdir(), 'station-win-')) });

  it('asks PowerShell with the printer name in the environment, never in the script, and reads its answer', async () => {
    const calls: Array<{ args: readonly string[]; env: Record<string, string> | undefined }> = [];
    const run: CommandRunner = async (_file, args, options) => {
      calls.push({ args, env: options.env });
      return { stdout: '{"found":true,"name":"Office \\"Laser\\" & Co","status":16,"jobs":1}\r\n', stderr: '' };
    };
    const report = await backend(run).queueStatus('Office "Laser" & Co');
    expect(report).toMatchObject({ name: 'Office "Laser" & Co', level: 'fault', faults: ['paper-out'], busy: true });
    expect(calls[0]!.env).toEqual({ STATION_PRINTER: 'Office "Laser" & Co' });
    expect(calls[0]!.args.join(' ')).not.toContain('Laser');
  });

  it('not installed, no default, spooler silent or answering nonsense: each a named fault', async () => {
    const answer =
      (stdout: string): CommandRunner =>
      async () => ({ stdout, stderr: '' });
    expect(await backend(answer('{"found":false}')).queueStatus('Gone')).toMatchObject({ faults: ['not-found'] });
    expect(await backend(answer('{"found":false}')).queueStatus(null)).toMatchObject({ faults: ['no-default'], name: null });
    expect(await backend(answer('garbage')).queueStatus('Zebra')).toMatchObject({ faults: ['spooler-down'] });
    const timedOut: CommandRunner = async () => {
      throw new CommandError('powershell.exe did not finish', { exitCode: null, stdout: '', stderr: '', timedOut: true, spawnCode: null });
    };
    expect(await backend(timedOut).queueStatus('Zebra')).toMatchObject({
      faults: ['spooler-down'],
      detail: expect.stringMatching(/in time/),
    });
  });
});
