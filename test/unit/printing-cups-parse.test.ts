/** lpstat's C-locale wording as CUPS 2.x prints it, and the lp arguments every job carries. */
import { describe, expect, it } from 'vitest';
import { lpArguments, parseAccepting, parseDefault, parsePrinterStatus } from '../../electron/core/printing/cups';

const LPSTAT_P_D = `printer Office is idle.  enabled since Sun Nov 22 04:59:33 2026
printer Paused_Zebra disabled since Sun Nov 22 04:59:33 2026 -
\tOut of labels
printer Zebra_1 now printing Zebra_1-12.  enabled since Sun Nov 22 04:59:33 2026
system default destination: Zebra_1
`;

describe('lpstat parsing', () => {
  it('reads state, reasons and the default', () => {
    expect(parsePrinterStatus(LPSTAT_P_D)).toEqual([
      { name: 'Office', state: 'idle', message: null },
      { name: 'Paused_Zebra', state: 'paused', message: 'Out of labels' },
      { name: 'Zebra_1', state: 'printing', message: null },
    ]);
    expect(parseDefault(LPSTAT_P_D)).toBe('Zebra_1');
    expect(parseDefault('no system default destination\n')).toBeNull();
  });
  it('reads which queues accept jobs', () => {
    const out = parseAccepting('Office accepting requests since Sun\nZebra_1 not accepting requests since Sun -\n\tclosing\n');
    expect([...out]).toEqual([
      ['Office', true],
      ['Zebra_1', false],
    ]);
  });
});

describe('lp arguments', () => {
  it('a PDF job names the queue, copies, exact media and fit options; the document comes on stdin', () => {
    expect(lpArguments({ printer: 'Zebra 1', title: '-YT1' }, { raw: false, media: { preset: '4x6in' }, copies: 2 })).toEqual([
      '-d',
      'Zebra 1',
      '-t',
      '-YT1',
      '-n',
      '2',
      '-o',
      'media=Custom.101.6x152.4mm',
      '-o',
      'print-scaling=fit',
      '-o',
      'fit-to-page',
      '-o',
      'orientation-requested=3',
    ]);
  });
  it('a ZPL job is raw (copies travel inside the ZPL)', () => {
    expect(lpArguments({ printer: 'Zebra_1', title: 'YT1' }, { raw: true })).toEqual(['-d', 'Zebra_1', '-t', 'YT1', '-o', 'raw']);
  });
  it('the system default printer is lp’s own default: no -d', () => {
    expect(lpArguments({ printer: null, title: 'YT1' }, { raw: true })).toEqual(['-t', 'YT1', '-o', 'raw']);
  });
});
