/**
 * Queue status through a real, private CUPS scheduler. `socket://` queues
 * never report media states, so the faulty printers are queues on the test
 * back end (test/helpers/cups.ts), which reports `STATE: +media-empty-error`
 * and friends through the CUPS back-end protocol, as a real driver does;
 * stopped and refusing queues are made with `cupsdisable` / `cupsreject`.
 * Every case is read both ways: over IPP in-process and through lpstat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE, type PrintProfile } from '../../shared/domain/printing';
import { PrintService } from '../../electron/core/printing/print-service';
import { execFileRunner } from '../../electron/core/printing/runner';
import { systemClock } from '../../electron/core/util/clock';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { needSystem } from '../helpers/ci';
import { CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance } from '../helpers/cups';

const RUN = needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install);
const queue = (printer: string | null): PrintProfile => ({ ...DEFAULT_PRINT_PROFILE, printer });

describe.runIf(RUN)('CUPS queue status: state, printer-state-reasons, accepting', () => {
  let cups: CupsInstance;
  const service = (ipp: boolean, server = cups.server) =>
    new PrintService({
      run: execFileRunner,
      platform: 'linux',
      logger: silentLoggerFactory,
      clock: systemClock,
      tempDir: cups.dir,
      cups: { server, ipp },
    });

  beforeAll(async () => {
    cups = await startCups();
    await cups.addRawQueue('Ready_Zebra');
    await Promise.all([
      cups.addStateQueue('Out_Of_Labels', ['media-empty-error', 'media-low-report']),
      cups.addStateQueue('Jammed', ['media-jam-error']),
      cups.addStateQueue('Lid_Open', ['cover-open-error']),
      cups.addStateQueue('Unplugged', ['offline-report'], { hold: true }),
      cups.addStateQueue('Running_Low', ['media-low-warning']),
    ]);
    await cups.addRawQueue('Stopped_Zebra');
    await cups.admin('cupsdisable', ['-r', 'Ribbon out', 'Stopped_Zebra']);
    await cups.addRawQueue('Refusing_Zebra');
    await cups.admin('cupsreject', ['-r', 'Closed for stock-take', 'Refusing_Zebra']);
  });
  afterAll(async () => {
    await cups?.stop();
  });

  describe.each([
    ['over IPP', true],
    ['through lpstat', false],
  ])('%s', (_how, ipp) => {
    it('a ready queue is ready', async () => {
      expect(await service(ipp).status.check(queue('Ready_Zebra'))).toMatchObject({
        target: 'Ready_Zebra',
        level: 'ready',
        faults: [],
        source: 'cups',
      });
    });

    it.each([
      ['Out_Of_Labels', ['paper-out'], ['paper-low']],
      ['Jammed', ['jammed'], []],
      ['Lid_Open', ['head-open'], []],
      ['Unplugged', ['offline'], []],
    ])('%s: the back end’s reasons are faults %j', async (name, faults, warnings) => {
      const status = await service(ipp).status.check(queue(name));
      expect(status).toMatchObject({ level: 'fault', faults, warnings });
      expect(status.detail).toMatch(/-(error|report)/);
    });

    it('a warning prints', async () => {
      expect(await service(ipp).status.check(queue('Running_Low'))).toMatchObject({
        level: 'warning',
        warnings: ['paper-low'],
        faults: [],
      });
    });

    it('cupsdisable: stopped, with its reason; cupsreject: rejecting', async () => {
      expect(await service(ipp).status.check(queue('Stopped_Zebra'))).toMatchObject({
        level: 'fault',
        faults: ['stopped'],
        detail: expect.stringContaining('Ribbon out'),
      });
      expect(await service(ipp).status.check(queue('Refusing_Zebra'))).toMatchObject({ level: 'fault', faults: ['rejecting'] });
    });

    it('a queue that is not there: not found', async () => {
      expect(await service(ipp).status.check(queue('Never_Installed'))).toMatchObject({ level: 'fault', faults: ['not-found'] });
    });
  });

  it('"system default" with no default: no-default; with one: its name', async () => {
    for (const ipp of [true, false])
      expect(await service(ipp).status.check(queue(null))).toMatchObject({ faults: ['no-default'], target: null });
    await cups.admin('lpadmin', ['-d', 'Ready_Zebra']);
    for (const ipp of [true, false])
      expect(await service(ipp).status.check(queue(null))).toMatchObject({ level: 'ready', target: 'Ready_Zebra' });
  });

  it('the scheduler is not there: spooler-down, never "printer gone"', async () => {
    const status = await service(false, '127.0.0.1:1').status.check(queue('Ready_Zebra'));
    expect(status).toMatchObject({ level: 'fault', faults: ['spooler-down'] });
  });
});
