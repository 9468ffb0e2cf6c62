/**
 * Printer status replies, as the printers and spoolers write them, read into
 * faults and warnings: Zebra `~HQES` and `~HS` (ZPL II Programming Guide),
 * CUPS printer-state-reasons and `lpstat -l -p` (recorded from CUPS 2.4 in the
 * C locale), and the Windows spooler's queue status line.
 */
import { describe, expect, it } from 'vitest';
import { cupsConditions, parseLpstatLong } from '../../electron/core/printing/status/cups-status';
import { parseWindowsStatus } from '../../electron/core/printing/status/windows-status';
import { framedStrings, parseExtendedStatus, parseHostStatus, zebraConditions } from '../../electron/core/printing/status/zebra';

const hqes = (errors: string, warnings = '00000000') =>
  `\x02\r\n  PRINTER STATUS\r\n    ERRORS:         ${errors === '00000000' ? 0 : 1} 00000000 ${errors}\r\n    WARNINGS:       ${warnings === '00000000' ? 0 : 1} 00000000 ${warnings}\r\n\x03\r\n`;
const hs = (s1: string, s2: string) => `\x02${s1}\x03\r\n\x02${s2}\x03\r\n\x021234,0\x03\r\n`;
const IDLE_S1 = '030,0,0,1218,000,0,0,0,000,0,0,0';
const IDLE_S2 = '000,0,0,0,0,2,6,0,00000000,1,000';

describe('Zebra ~HQES', () => {
  it.each([
    ['00000000', [], null],
    ['00000001', ['paper-out'], 'Media Out'],
    ['00000002', ['ribbon-out'], 'Ribbon Out'],
    ['00000004', ['head-open'], 'Head Open'],
    ['00000005', ['paper-out', 'head-open'], 'Media Out, Head Open'],
    ['00000010', ['head-too-hot'], 'Printhead Over Temperature'],
    ['00000008', ['other'], 'Cutter Fault'],
    ['00010000', ['paused'], 'Paused'],
  ] as const)('errors %s → %j', (bits, faults, detail) => {
    const extended = parseExtendedStatus(hqes(bits))!;
    const c = zebraConditions(extended, null);
    expect(c.faults).toEqual(faults);
    expect(c.level).toBe(faults.length ? 'fault' : 'ready');
    expect(c.detail).toBe(detail);
  });

  it('warnings print but are named (the documentation’s example: head open + media out, clean printhead)', () => {
    const c = zebraConditions(parseExtendedStatus(hqes('00000005', '00000002'))!, null);
    expect(c).toMatchObject({ level: 'fault', faults: ['paper-out', 'head-open'], warnings: ['clean-head'] });
    const w = zebraConditions(parseExtendedStatus(hqes('00000000', '00000008'))!, null);
    expect(w).toMatchObject({ level: 'warning', faults: [], warnings: ['paper-low'] });
  });

  it('an error summary digit with flags the station does not read is still a fault', () => {
    const text = '\x02\r\nPRINTER STATUS\r\n ERRORS: 1 00000001 00000000\r\n WARNINGS: 0 00000000 00000000\r\n\x03\r\n';
    expect(zebraConditions(parseExtendedStatus(text)!, null)).toMatchObject({ level: 'fault', faults: ['other'] });
  });

  it('refuses what is not a ~HQES answer', () => {
    expect(parseExtendedStatus('')).toBeNull();
    expect(parseExtendedStatus('\x02\r\nPRINTER STATUS\r\n ERRORS: 0 00000000 00000000\r\n')).toBeNull();
    expect(parseExtendedStatus('? ERROR')).toBeNull();
  });
});

describe('Zebra ~HS', () => {
  it('reads the three framed strings', () => {
    expect(framedStrings(hs(IDLE_S1, IDLE_S2))).toEqual([IDLE_S1, IDLE_S2, '1234,0']);
    expect(parseHostStatus(hs(IDLE_S1, IDLE_S2))).toEqual({
      paperOut: false,
      paused: false,
      formatsInBuffer: 0,
      bufferFull: false,
      underTemperature: false,
      overTemperature: false,
      headUp: false,
      ribbonOut: false,
      labelsRemaining: 0,
    });
  });

  it.each([
    ['paused', '030,0,1,1218,000,0,0,0,000,0,0,0', IDLE_S2, ['paused']],
    ['receive buffer full', '030,0,0,1218,000,1,0,0,000,0,0,0', IDLE_S2, ['buffer-full']],
    ['head too hot', '030,0,0,1218,000,0,0,0,000,0,0,1', IDLE_S2, ['head-too-hot']],
    ['paper out', '030,1,0,1218,000,0,0,0,000,0,0,0', IDLE_S2, ['paper-out']],
    ['head up', IDLE_S1, '000,0,1,0,0,2,6,0,00000000,1,000', ['head-open']],
    ['ribbon out', IDLE_S1, '000,0,0,1,0,2,6,0,00000000,1,000', ['ribbon-out']],
  ] as const)('%s', (_what, s1, s2, faults) => {
    const c = zebraConditions(parseExtendedStatus(hqes('00000000'))!, parseHostStatus(hs(s1, s2)));
    expect(c.faults).toEqual(faults);
    expect(c.level).toBe('fault');
  });

  it('formats in the buffer or labels left in the batch: busy, not a fault', () => {
    const c = zebraConditions(
      parseExtendedStatus(hqes('00000000'))!,
      parseHostStatus(hs('030,0,0,1218,002,0,0,0,000,0,0,0', '000,0,0,0,0,2,6,0,00000003,1,000')),
    );
    expect(c).toMatchObject({ level: 'ready', busy: true, faults: [] });
  });

  it('under temperature prints (lighter): a warning', () => {
    const c = zebraConditions(parseExtendedStatus(hqes('00000000'))!, parseHostStatus(hs('030,0,0,1218,000,0,0,0,000,0,1,0', IDLE_S2)));
    expect(c).toMatchObject({ level: 'warning', warnings: ['other'], detail: 'Under Temperature' });
  });

  it('null for a cut-off answer', () => {
    expect(parseHostStatus(`\x02${IDLE_S1}\x03\r\n`)).toBeNull();
    expect(parseHostStatus('\x02030,0,0\x03\r\n\x02000\x03\r\n')).toBeNull();
  });
});

describe('CUPS printer-state-reasons', () => {
  const facts = (reasons: string[], more: Partial<Parameters<typeof cupsConditions>[0]> = {}) =>
    cupsConditions({ name: 'Zebra', state: 'idle', message: null, reasons, accepting: true, ...more });

  it.each([
    [['media-empty-error'], ['paper-out'], []],
    [['media-needed'], ['paper-out'], []],
    [['media-jam-error'], ['jammed'], []],
    [['cover-open-error'], ['head-open'], []],
    [['door-open-error'], ['door-open'], []],
    [['marker-supply-empty-error'], ['ribbon-out'], []],
    [['offline-report'], ['offline'], []],
    [['paused'], ['stopped'], []],
    [['media-low-warning'], [], ['paper-low']],
    [['media-low-report'], [], ['paper-low']],
    [['toner-low-report'], [], ['ribbon-low']],
    [['cups-missing-filter-error'], ['other'], []],
    // Set after every job while the back end waits for the printer: busy, not a fault.
    [['cups-waiting-for-job-completed'], [], []],
    [['developer-low-warning'], [], ['other']],
    [['connecting-to-device'], [], []],
    [['spool-area-full-report'], [], []],
  ] as const)('%j → faults %j, warnings %j', (reasons, faults, warnings) => {
    const c = facts([...reasons]);
    expect(c.faults).toEqual(faults);
    expect(c.warnings).toEqual(warnings);
  });

  it('a stopped queue, a refusing queue and a printing one', () => {
    expect(facts([], { state: 'paused', message: 'Ribbon out' })).toMatchObject({ faults: ['stopped'], detail: 'Ribbon out' });
    expect(facts([], { accepting: false })).toMatchObject({ level: 'fault', faults: ['rejecting'] });
    expect(facts([], { state: 'printing' })).toMatchObject({ level: 'ready', busy: true });
    expect(facts(['media-empty-error', 'media-low-report'], { message: 'Load labels' }).detail).toBe(
      'Load labels · media-empty-error, media-low-report',
    );
  });
});

describe('lpstat -l -p (recorded, CUPS 2.4, LC_ALL=C)', () => {
  const mediaOut = [
    'printer MediaOut is idle.  enabled since Thu Nov 26 13:53:01 2026',
    '\tForm mounted:',
    '\tContent types: any',
    '\tPrinter types: unknown',
    '\tDescription: MediaOut',
    '\tAlerts: media-empty-error media-low-report',
    '\tLocation: ',
    '\tConnection: direct',
    '\tOn fault: no alert',
    '',
  ].join('\n');
  const stopped = [
    'printer Stopped disabled since Thu Nov 26 13:53:11 2026 -',
    '\tStopped for the test',
    '\tForm mounted:',
    '\tAlerts: paused',
    '\tDescription: Stopped',
    '',
  ].join('\n');
  const clean = [
    'printer Zebra now printing Zebra-12.  enabled since Thu Nov 26 13:53:01 2026',
    '\tForm mounted:',
    '\tAlerts: none',
    '',
  ].join('\n');

  it('reads the state, the message and the alerts', () => {
    expect(parseLpstatLong(mediaOut)).toEqual({
      name: 'MediaOut',
      state: 'idle',
      message: null,
      reasons: ['media-empty-error', 'media-low-report'],
    });
    expect(parseLpstatLong(stopped)).toEqual({ name: 'Stopped', state: 'paused', message: 'Stopped for the test', reasons: ['paused'] });
    expect(parseLpstatLong(clean)).toEqual({ name: 'Zebra', state: 'printing', message: null, reasons: [] });
    expect(parseLpstatLong('lpstat: Invalid destination name in list "Gone".\n')).toBeNull();
  });
});

describe('Windows spooler queue status (recorded PowerShell output)', () => {
  it.each([
    ['{"found":true,"name":"ZDesigner ZD421-203dpi ZPL","status":0,"jobs":0}', 'ready', [], false],
    ['{"found":true,"name":"ZDesigner ZD421-203dpi ZPL","status":1,"jobs":0}', 'fault', ['stopped'], false],
    ['{"found":true,"name":"ZDesigner ZD421-203dpi ZPL","status":18,"jobs":1}', 'fault', ['paper-out'], true],
    ['{"found":true,"name":"ZDesigner ZD421-203dpi ZPL","status":128,"jobs":0}', 'fault', ['offline'], false],
    ['{"found":true,"name":"ZDesigner ZD421-203dpi ZPL","status":4194304,"jobs":0}', 'fault', ['door-open'], false],
    ['{"found":true,"name":"ZDesigner ZD421-203dpi ZPL","status":8,"jobs":0}', 'fault', ['jammed'], false],
    ['{"found":true,"name":"ZDesigner ZD421-203dpi ZPL","status":2,"jobs":0}', 'fault', ['other'], false],
    ['{"found":true,"name":"ZDesigner ZD421-203dpi ZPL","status":1024,"jobs":1}', 'ready', [], true],
    ['{"found":true,"name":"\\\\\\\\PRINTSRV\\\\Label 2","status":131072,"jobs":0}', 'warning', [], false],
  ] as const)('%s', (line, level, faults, busy) => {
    const report = parseWindowsStatus(`\r\n${line}\r\n`);
    expect(report).toMatchObject({ found: true, level, faults, busy });
  });

  it('a queue that is not there, and output that is not the script’s', () => {
    expect(parseWindowsStatus('{"found":false}')).toEqual({ found: false });
    expect(() => parseWindowsStatus('Add-Type : Cannot add type')).toThrow();
    expect(() => parseWindowsStatus('{"found":true}')).toThrow(/unexpected spooler status/);
  });
});
