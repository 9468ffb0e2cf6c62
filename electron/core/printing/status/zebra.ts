/**
 * What a network Zebra says about itself, from the two documented status
 * queries (ZPL II Programming Guide):
 *
 * `~HQES` (host query, extended status) always answers:
 *   <STX><CR><LF>
 *   PRINTER STATUS<CR><LF>
 *      ERRORS:         1 00000000 00000005<CR><LF>
 *      WARNINGS:       0 00000000 00000000<CR><LF>
 *   <ETX><CR><LF>
 * The first digit says whether any flag is set, the last eight hex digits are
 * group 1 of the flags (media out 1, ribbon out 2, head open 4, cutter 8,
 * head over temperature 10, motor over temperature 20, bad element 40, head
 * detection 80, firmware 100, thermistor 200; KR403: paused 10000).
 *
 * `~HS` (host status) answers three <STX>…<ETX><CR><LF> strings — but not at
 * all while media or ribbon is out, the head is open, the rewinder is full
 * or the head is too hot, which is why `~HQES` is asked first:
 *   aaa,b,c,dddd,eee,f,g,h,iii,j,k,l   b paper out, c paused, eee formats in
 *                                      the receive buffer, f buffer full,
 *                                      k under / l over temperature
 *   mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www   o head up, p ribbon out, uuuuuuuu labels
 *                                      remaining in the batch
 *   xxxx,y
 */
import { levelOf, type PrinterFault, type PrinterWarning } from '../../../../shared/domain/printer-status';

export const STX = '\x02';
export const ETX = '\x03';

export interface ExtendedStatus {
  errorFlag: boolean;
  errors: number;
  warningFlag: boolean;
  warnings: number;
}

export interface HostStatus {
  paperOut: boolean;
  paused: boolean;
  formatsInBuffer: number;
  bufferFull: boolean;
  underTemperature: boolean;
  overTemperature: boolean;
  headUp: boolean;
  ribbonOut: boolean;
  labelsRemaining: number;
}

/** Group-1 error bits of `~HQES`, with the condition each one is and the printer's own name for it. */
const ERROR_BITS: ReadonlyArray<[bit: number, fault: PrinterFault, name: string]> = [
  [0x1, 'paper-out', 'Media Out'],
  [0x2, 'ribbon-out', 'Ribbon Out'],
  [0x4, 'head-open', 'Head Open'],
  [0x8, 'other', 'Cutter Fault'],
  [0x10, 'head-too-hot', 'Printhead Over Temperature'],
  [0x20, 'other', 'Motor Over Temperature'],
  [0x40, 'other', 'Bad Printhead Element'],
  [0x80, 'other', 'Printhead Detection Error'],
  [0x100, 'other', 'Invalid Firmware Configuration'],
  [0x200, 'other', 'Printhead Thermistor Open'],
  [0x10000, 'paused', 'Paused'],
];
const WARNING_BITS: ReadonlyArray<[bit: number, warning: PrinterWarning, name: string]> = [
  [0x1, 'calibrate', 'Need to Calibrate Media'],
  [0x2, 'clean-head', 'Clean Printhead'],
  [0x4, 'other', 'Replace Printhead'],
  [0x8, 'paper-low', 'Paper Near End'],
];

const HQES_LINE = (label: string) => new RegExp(`${label}:\\s*([01])\\s+([0-9A-Fa-f]{8})\\s+([0-9A-Fa-f]{8})`);

/** Reads a `~HQES` answer; null when it is not one (cut off, another printer language). */
export function parseExtendedStatus(text: string): ExtendedStatus | null {
  const errors = HQES_LINE('ERRORS').exec(text);
  const warnings = HQES_LINE('WARNINGS').exec(text);
  if (!errors || !warnings) return null;
  return {
    errorFlag: errors[1] === '1',
    errors: parseInt(errors[3]!, 16),
    warningFlag: warnings[1] === '1',
    warnings: parseInt(warnings[3]!, 16),
  };
}

/** The framed strings of an answer, in order (text between each STX and its ETX). */
export function framedStrings(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = text.indexOf(STX, at);
    if (start < 0) return out;
    const end = text.indexOf(ETX, start + 1);
    if (end < 0) return out;
    out.push(text.slice(start + 1, end));
    at = end + 1;
  }
}

/** Reads a `~HS` answer; null unless its first two strings have their fields. */
export function parseHostStatus(text: string): HostStatus | null {
  const [first, second] = framedStrings(text).map((s) => s.trim().split(','));
  if (!first || !second || first.length < 12 || second.length < 11) return null;
  const flag = (v: string | undefined) => v?.trim() === '1';
  const count = (v: string | undefined) => {
    const n = Number(v?.trim());
    return Number.isInteger(n) && n >= 0 ? n : 0;
  };
  return {
    paperOut: flag(first[1]),
    paused: flag(first[2]),
    formatsInBuffer: count(first[4]),
    bufferFull: flag(first[5]),
    underTemperature: flag(first[10]),
    overTemperature: flag(first[11]),
    headUp: flag(second[2]),
    ribbonOut: flag(second[3]),
    labelsRemaining: count(second[8]),
  };
}

export interface ZebraConditions {
  level: 'ready' | 'warning' | 'fault';
  faults: PrinterFault[];
  warnings: PrinterWarning[];
  /** Formats waiting in the receive buffer or labels left in the batch. */
  busy: boolean;
  /** The printer's own names for what is set, e.g. "Media Out, Head Open". */
  detail: string | null;
}

/** Both answers together (`~HS` is null when the printer did not give it). */
export function zebraConditions(extended: ExtendedStatus, host: HostStatus | null): ZebraConditions {
  const faults = new Set<PrinterFault>();
  const warnings = new Set<PrinterWarning>();
  const names: string[] = [];
  for (const [bit, fault, name] of ERROR_BITS) {
    if (extended.errors & bit) {
      faults.add(fault);
      names.push(name);
    }
  }
  // The summary digit says "error" even when the flag is in a group this station does not read.
  if (extended.errorFlag && faults.size === 0) {
    faults.add('other');
    names.push('Error');
  }
  for (const [bit, warning, name] of WARNING_BITS) {
    if (extended.warnings & bit) {
      warnings.add(warning);
      names.push(name);
    }
  }
  if (host) {
    const add = (on: boolean, fault: PrinterFault, name: string) => {
      if (on && !faults.has(fault)) {
        faults.add(fault);
        names.push(name);
      }
    };
    add(host.paperOut, 'paper-out', 'Paper Out');
    add(host.ribbonOut, 'ribbon-out', 'Ribbon Out');
    add(host.headUp, 'head-open', 'Head Up');
    add(host.paused, 'paused', 'Paused');
    add(host.overTemperature, 'head-too-hot', 'Over Temperature');
    add(host.bufferFull, 'buffer-full', 'Receive Buffer Full');
    if (host.underTemperature) {
      warnings.add('other');
      names.push('Under Temperature');
    }
  }
  const f = [...faults];
  const w = [...warnings];
  const level = levelOf(f, w) as ZebraConditions['level'];
  return {
    level,
    faults: f,
    warnings: w,
    busy: host !== null && (host.formatsInBuffer > 0 || host.labelsRemaining > 0),
    detail: names.length > 0 ? names.join(', ') : null,
  };
}
