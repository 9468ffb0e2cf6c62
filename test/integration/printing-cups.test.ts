/**
 * Printing through a real CUPS scheduler (private, on its own port) to raw
 * queues whose devices are TCP listeners owned by the test: what the
 * "printer" receives is asserted byte for byte, and the failures a packer
 * meets (printer gone, queue paused or refusing, nothing listening, CUPS
 * down, a broken document) give a failed outcome that says what to do and
 * put no job in the queue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE, type PrintProfile } from '../../shared/domain/printing';
import { PrintService } from '../../electron/core/printing/print-service';
import { execFileRunner, type CommandRunner } from '../../electron/core/printing/runner';
import { rasterizeToMedia } from '../../electron/core/printing/raster';
import { encodeLabels } from '../../electron/core/printing/zpl';
import { invoke } from '../../electron/core/invoke';
import { systemClock } from '../../electron/core/util/clock';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { renderLabelPdf } from '../../electron/sandbox/documents/label-document';
import { sampleLabelData } from '../helpers/label-data';
import { needSystem } from '../helpers/ci';
import { ByteListener, CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../helpers/cups';
import { startTestStation, type TestStation } from '../helpers/station';
import { readBarcodesFrom, renderZpl } from '../helpers/zpl-check';

const RUN = needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install);
const FIXTURES = join(import.meta.dirname, '../fixtures/labels');

const label = sampleLabelData({ trackingNumber: 'YT2503010077CN', labelId: 'lbl_0077', orderNumber: 'ORD-77' });

/** Records every program the service runs, then runs it for real. */
function recordingRunner(): { run: CommandRunner; programs: string[] } {
  const programs: string[] = [];
  return {
    programs,
    run: (file, args, options) => {
      programs.push(file);
      return execFileRunner(file, args, options);
    },
  };
}

function profile(overrides: Partial<PrintProfile>): PrintProfile {
  return { ...DEFAULT_PRINT_PROFILE, ...overrides } as PrintProfile;
}

async function scan(zpl: string): Promise<string[][]> {
  const renders = await renderZpl(zpl, 101.6, 152.4, 8);
  return Promise.all(renders.map(async (r) => (await readBarcodesFrom(r)).map((b) => b.text)));
}

describe.runIf(RUN)('printing through CUPS', () => {
  let cups: CupsInstance;
  let zebra: RawQueue;
  let office: RawQueue;
  let labelPdf: Uint8Array;
  /** `ipp: false` forces the lpstat path (what happens where no scheduler address is known). */
  const service = (run: CommandRunner = execFileRunner, network = {}, ipp = true): PrintService =>
    new PrintService({
      run,
      platform: 'linux',
      logger: silentLoggerFactory,
      clock: systemClock,
      tempDir: cups.dir,
      cups: { server: cups.server, ipp },
      network,
    });

  beforeAll(async () => {
    cups = await startCups();
    zebra = await cups.addRawQueue('Zebra_ZD421', { makeDefault: true });
    office = await cups.addRawQueue('Office_Laser');
    labelPdf = await renderLabelPdf(label);
  });
  afterAll(async () => {
    await cups?.stop();
  });

  it('lists the queues with the default printer and a paused queue with its reason', async () => {
    const paused = await cups.addRawQueue('Paused_Printer');
    await cups.admin('cupsdisable', ['-r', 'Out of labels', paused.name]);
    const printers = await service().listPrinters();
    expect(printers.map((p) => p.name).sort()).toEqual(['Office_Laser', 'Paused_Printer', 'Zebra_ZD421']);
    expect(printers.find((p) => p.name === 'Zebra_ZD421')).toMatchObject({ isDefault: true, state: 'idle', accepting: true });
    expect(printers.find((p) => p.name === 'Paused_Printer')).toMatchObject({
      isDefault: false,
      state: 'paused',
      message: 'Out of labels',
    });
    await cups.admin('lpadmin', ['-x', paused.name]);
  });

  it('system queue: a 4×6 label PDF reaches the printer byte for byte, with the job id CUPS gave', async () => {
    const before = zebra.listener.deliveries.length;
    const outcome = await service().print({ bytes: labelPdf, format: 'pdf' }, profile({ printer: 'Zebra_ZD421' }), {
      title: label.trackingNumber,
    });
    expect(outcome).toMatchObject({ status: 'sent', target: 'Zebra_ZD421', pages: 1 });
    expect(outcome.status === 'sent' && outcome.jobId).toMatch(/^Zebra_ZD421-\d+$/);
    const received = await zebra.listener.waitForDelivery(before);
    expect(Buffer.compare(received, Buffer.from(labelPdf))).toBe(0);
  });

  it('system queue: a Letter landscape label arrives as one 4×6 in portrait page per label page', async () => {
    const before = office.listener.deliveries.length;
    const bytes = readFileSync(join(FIXTURES, 'usps-letter-landscape.pdf'));
    const outcome = await service().print({ bytes, format: 'pdf' }, profile({ printer: 'Office_Laser' }));
    expect(outcome.status).toBe('sent');
    const received = await office.listener.waitForDelivery(before);
    const pdf = await PDFDocument.load(received);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 288, height: 432 });
  });

  it('system queue through the CUPS Zebra driver: the media option gives a 4×6 label at 203 dpi that scans', async () => {
    const printer = await ByteListener.start();
    try {
      // CUPS's own sample ZPL driver (rastertolabel): the PDF is rendered by CUPS filters, not by us.
      await cups.admin('lpadmin', [
        '-p',
        'Zebra_Driver',
        '-E',
        '-v',
        `socket://127.0.0.1:${printer.port}`,
        '-m',
        'drv:///sample.drv/zebra.ppd',
      ]);
      const outcome = await service().print({ bytes: labelPdf, format: 'pdf' }, profile({ printer: 'Zebra_Driver' }));
      expect(outcome).toMatchObject({ status: 'sent', target: 'Zebra_Driver' });
      const zpl = (await printer.waitForDelivery(0)).toString('latin1');
      // ~DG<name>,<total bytes>,<bytes per row>: 102 bytes (812 dots) per row × 1218 rows is 4 × 6 in at 203 dpi.
      expect(zpl).toMatch(/^~DGR:CUPS\.GRF,124236,102,/);
      expect((await scan(zpl))[0]).toContain(label.trackingNumber);
      // A 4×4 in profile: the same driver now cuts 812 rows, because every job names its media.
      await service().print({ bytes: labelPdf, format: 'pdf' }, profile({ printer: 'Zebra_Driver', media: { preset: '4x4in' } }));
      expect((await printer.waitForDelivery(1)).toString('latin1')).toMatch(/^~DGR:CUPS\.GRF,82824,102,/);
    } finally {
      await printer.close();
    }
  });

  it('system queue with no printer named goes to the default printer', async () => {
    for (const ipp of [true, false]) {
      const before = zebra.listener.deliveries.length;
      const outcome = await service(execFileRunner, {}, ipp).print({ bytes: labelPdf, format: 'pdf' }, profile({ printer: null }));
      expect(outcome).toMatchObject({ status: 'sent', target: 'Zebra_ZD421' });
      expect(Buffer.compare(await zebra.listener.waitForDelivery(before), Buffer.from(labelPdf))).toBe(0);
    }
  });

  it('raw ZPL to a queue: the printer receives exactly the ZPL, one label per page, and it scans', async () => {
    const before = zebra.listener.deliveries.length;
    const p = profile({ mode: 'zpl-queue', printer: 'Zebra_ZD421', copies: 2, darkness: 18 });
    const outcome = await service().print({ bytes: labelPdf, format: 'pdf' }, p);
    expect(outcome).toMatchObject({ status: 'sent', pages: 1, copies: 2 });
    const received = (await zebra.listener.waitForDelivery(before)).toString('latin1');
    const expected = encodeLabels(await rasterizeToMedia({ bytes: labelPdf, format: 'pdf' }, p), { copies: 2, darkness: 18 });
    expect(received).toBe(expected);
    expect(received).toMatch(/^~SD18\^XA\^PW812\^LL1218/);
    expect(received).toContain('^PQ2,');
    expect((await scan(received))[0]).toContain(label.trackingNumber);
  });

  it('raw ZPL to a network printer on its TCP port: a 3-page FedEx document arrives as three labels that scan', async () => {
    const printer = await ByteListener.start();
    try {
      const bytes = readFileSync(join(FIXTURES, 'fedex-4x6-3pages.pdf'));
      const outcome = await service().print(
        { bytes, format: 'pdf' },
        profile({ mode: 'zpl-network', host: '127.0.0.1', port: printer.port }),
      );
      expect(outcome).toMatchObject({ status: 'sent', target: `127.0.0.1:${printer.port}`, pages: 3, jobId: null });
      const received = (await printer.waitForDelivery(0)).toString('latin1');
      expect(outcome.status === 'sent' && outcome.bytesSent).toBe(received.length);
      const pages = await scan(received);
      expect(pages).toHaveLength(3);
      for (const page of pages) expect(page.join(' ')).toContain('7946047901380430');
    } finally {
      await printer.close();
    }
  });

  it('a printer that is gone: failed outcome saying what to do, and no job', async () => {
    const gone = await cups.addRawQueue('Removed_Printer');
    await cups.admin('lpadmin', ['-x', gone.name]);
    for (const ipp of [true, false]) {
      const outcome = await service(execFileRunner, {}, ipp).print({ bytes: labelPdf, format: 'pdf' }, profile({ printer: gone.name }));
      expect(outcome).toMatchObject({ status: 'failed', code: 'PRINTER', reason: 'printer-not-found' });
      expect(outcome.status === 'failed' && outcome.message).toMatch(/Removed_Printer.*not installed any more.*reprint/i);
    }
  });

  it('a paused queue: failed outcome with the reason, and no job left to print later when it resumes', async () => {
    const paused = await cups.addRawQueue('Paused_Zebra');
    await cups.admin('cupsdisable', ['-r', 'Ribbon out', paused.name]);
    for (const [mode, ipp] of [
      ['system', true],
      ['zpl-queue', true],
      ['system', false],
      ['zpl-queue', false],
    ] as const) {
      const outcome = await service(execFileRunner, {}, ipp).print(
        { bytes: labelPdf, format: 'pdf' },
        profile({ mode, printer: paused.name }),
      );
      expect(outcome, `${mode}, ipp ${ipp}`).toMatchObject({ status: 'failed', reason: 'queue-paused' });
      expect(outcome.status === 'failed' && outcome.message).toContain('Ribbon out');
      expect(await cups.admin('lpstat', ['-o', paused.name])).toBe('');
    }
    // Resumed, the queue has nothing to print; the next print is the only job the printer sees.
    await cups.admin('cupsenable', [paused.name]);
    await service().print({ bytes: labelPdf, format: 'pdf' }, profile({ printer: paused.name }));
    expect(Buffer.compare(await paused.listener.waitForDelivery(0), Buffer.from(labelPdf))).toBe(0);
    expect(paused.listener.deliveries).toHaveLength(1);
  });

  it('a queue refusing jobs: failed outcome from lp, nothing delivered', async () => {
    const refusing = await cups.addRawQueue('Refusing_Zebra');
    await cups.admin('cupsreject', ['-r', 'maintenance', refusing.name]);
    const outcome = await service().print({ bytes: labelPdf, format: 'pdf' }, profile({ printer: refusing.name }));
    expect(outcome).toMatchObject({ status: 'failed', reason: 'queue-rejecting' });
    expect(await cups.admin('lpstat', ['-o', refusing.name])).toBe('');
    expect(refusing.listener.deliveries).toHaveLength(0);
  });

  it('keeps the recent outcomes, newest first, failures with their reason', async () => {
    const printing = service();
    await printing.print({ bytes: labelPdf, format: 'pdf' }, profile({ printer: 'Zebra_ZD421' }));
    await printing.print({ bytes: new Uint8Array(0), format: 'pdf' }, profile({ printer: 'Zebra_ZD421' }));
    expect(printing.history().map((o) => [o.status, o.status === 'failed' ? o.reason : o.target])).toEqual([
      ['failed', 'bad-document'],
      ['sent', 'Zebra_ZD421'],
    ]);
  });

  it('CUPS not running: a spooler-unavailable failure naming CUPS', async () => {
    const closed = await ByteListener.start();
    const port = closed.port;
    await closed.close();
    const down = new PrintService({
      run: execFileRunner,
      platform: 'linux',
      logger: silentLoggerFactory,
      clock: systemClock,
      tempDir: cups.dir,
      cups: { server: `127.0.0.1:${port}` },
    });
    const outcome = await down.print({ bytes: labelPdf, format: 'pdf' }, profile({ printer: 'Zebra_ZD421' }));
    expect(outcome).toMatchObject({ status: 'failed', reason: 'spooler-unavailable' });
    expect(outcome.status === 'failed' && outcome.message).toMatch(/CUPS/);
  });

  it('a network printer that refuses the connection: connection-refused with the address', async () => {
    const closed = await ByteListener.start();
    const port = closed.port;
    await closed.close();
    const outcome = await service().print({ bytes: labelPdf, format: 'pdf' }, profile({ mode: 'zpl-network', host: '127.0.0.1', port }));
    expect(outcome).toMatchObject({ status: 'failed', code: 'PRINTER', reason: 'connection-refused' });
    expect(outcome.status === 'failed' && outcome.message).toContain(`127.0.0.1:${port}`);
  });

  it.each([
    ['a truncated PDF', () => labelPdf.subarray(0, Math.floor(labelPdf.length / 2)), 'pdf', /cut short/],
    ['a PNG that is not one', () => Buffer.from('<html>502 Bad Gateway</html>'), 'png', /not a PNG/],
    ['a 0-byte file', () => new Uint8Array(0), 'pdf', /empty/],
    [
      'a PDF whose insides are garbage',
      () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(600, 0x41), Buffer.from('\n%%EOF\n')]),
      'pdf',
      /damaged/,
    ],
  ] as const)('%s: DOCUMENT failure, no program run, nothing delivered', async (_name, bytes, format, message) => {
    for (const mode of ['system', 'zpl-queue'] as const) {
      const before = zebra.listener.deliveries.length;
      const rec = recordingRunner();
      const outcome = await service(rec.run).print({ bytes: bytes(), format }, profile({ mode, printer: 'Zebra_ZD421' }));
      expect(outcome).toMatchObject({ status: 'failed', code: 'DOCUMENT', reason: 'bad-document' });
      expect(outcome.status === 'failed' && outcome.message).toMatch(message);
      expect(rec.programs).not.toContain('lp');
      expect(zebra.listener.deliveries).toHaveLength(before);
    }
  });

  describe('through the station contract', () => {
    let station: TestStation;
    beforeAll(async () => {
      station = await startTestStation({ printing: { cupsServer: cups.server } });
    });
    afterAll(async () => {
      await station?.dispose();
    });
    const call = (channel: string, args?: unknown) => invoke(station.station.handlers, channel, args, silentLoggerFactory('test'));

    it('printers:list shows the CUPS queues', async () => {
      const result = await call('printers:list');
      expect(result.ok && (result.value as Array<{ name: string }>).map((p) => p.name)).toContain('Zebra_ZD421');
    });

    it('printers:testPrint prints the test page through a saved ZPL profile, and its barcode scans', async () => {
      const saved = await call('printProfiles:save', {
        profile: {
          name: 'Bench Zebra',
          mode: 'zpl-queue',
          printer: 'Zebra_ZD421',
          media: { preset: '4x6in' },
          dpi: 203,
          copies: 1,
          orientation: 'auto',
          findLabel: true,
          darkness: null,
        },
      });
      expect(saved.ok).toBe(true);
      const id = saved.ok
        ? (saved.value as { profiles: Array<{ id: string; name: string }> }).profiles.find((p) => p.name === 'Bench Zebra')!.id
        : '';
      const before = zebra.listener.deliveries.length;
      const result = await call('printers:testPrint', { profileId: id });
      expect(result).toMatchObject({ ok: true, value: { status: 'sent', target: 'Zebra_ZD421' } });
      const zpl = (await zebra.listener.waitForDelivery(before)).toString('latin1');
      expect((await scan(zpl))[0]).toContain('STATION-TEST-203');
    });

    it('printers:testPrint to a missing printer is a PRINTER error that says what to do', async () => {
      const saved = await call('printProfiles:save', {
        profile: {
          name: 'Old printer',
          mode: 'system',
          printer: 'Sold_Last_Year',
          media: { preset: '4x6in' },
          dpi: 203,
          copies: 1,
          orientation: 'auto',
          findLabel: true,
          darkness: null,
        },
      });
      const id = saved.ok
        ? (saved.value as { profiles: Array<{ id: string; name: string }> }).profiles.find((p) => p.name === 'Old printer')!.id
        : '';
      const result = await call('printers:testPrint', { profileId: id });
      expect(result).toMatchObject({ ok: false, error: { code: 'PRINTER' } });
      expect(!result.ok && result.error.message).toMatch(/Sold_Last_Year.*not installed any more/);
    });
  });
});
