/**
 * CUPS's word on a queue: its state (idle / printing / stopped), whether it
 * accepts jobs, its message, and its `printer-state-reasons` (RFC 8011
 * §5.4.12: a keyword with an `-error`, `-warning` or `-report` suffix;
 * CUPS back ends add them with `STATE: +media-empty-error`). Read over IPP
 * in-process, or from `lpstat -l -p` ("Alerts:") and `lpstat -a` when IPP
 * cannot answer. Pure mapping and parsing; the backend does the asking.
 */
import { levelOf, type PrinterFault, type PrinterWarning } from '../../../../shared/domain/printer-status';
import type { PrinterState } from '../../../../shared/domain/printing';
import type { QueueConditions } from '../backend';

export interface CupsQueueFacts {
  name: string;
  state: PrinterState;
  message: string | null;
  reasons: string[];
  accepting: boolean | null;
}

/** Reason keywords (suffix removed) that are a named fault whatever their severity says. */
const FAULT_REASONS: Readonly<Record<string, PrinterFault>> = {
  'media-empty': 'paper-out',
  'media-needed': 'paper-out',
  'media-jam': 'jammed',
  'cover-open': 'head-open',
  'door-open': 'door-open',
  'interlock-open': 'door-open',
  'marker-supply-empty': 'ribbon-out',
  'toner-empty': 'ribbon-out',
  // CUPS back ends report an unreachable printer as `offline-report`: a report, but nothing prints.
  offline: 'offline',
  // What `cupsdisable` sets (printer-state then is "stopped").
  paused: 'stopped',
};
const WARNING_REASONS: Readonly<Record<string, PrinterWarning>> = {
  'media-low': 'paper-low',
  'marker-supply-low': 'ribbon-low',
  'toner-low': 'ribbon-low',
};
/**
 * Reasons that only say what the scheduler is doing. `cups-waiting-for-job-completed` ("Waiting for printer to
 * finish.") stands for a second or so after every job while the back end waits for the printer's word: the
 * printer is busy, not at fault (a wave's check before its next label would otherwise stop at every label).
 */
const INFORMATIONAL = new Set(['none', 'connecting-to-device', 'moving-to-paused', 'other', 'cups-waiting-for-job-completed']);

export function splitReason(reason: string): { base: string; severity: 'error' | 'warning' | 'report' | null } {
  const m = /^(.*)-(error|warning|report)$/.exec(reason);
  return m ? { base: m[1]!, severity: m[2] as 'error' | 'warning' | 'report' } : { base: reason, severity: null };
}

export function cupsConditions(facts: CupsQueueFacts): QueueConditions {
  const faults = new Set<PrinterFault>();
  const warnings = new Set<PrinterWarning>();
  for (const reason of facts.reasons) {
    const { base, severity } = splitReason(reason);
    if (INFORMATIONAL.has(base)) continue;
    const fault = FAULT_REASONS[base];
    const warning = WARNING_REASONS[base];
    if (fault && severity !== 'warning') faults.add(fault);
    else if (warning) warnings.add(warning);
    else if (fault) warnings.add('other');
    // Unknown keywords: an `-error` stops printing (cups-missing-filter-error…), the rest are worth a look, reports are noise.
    else if (severity === 'error' || severity === null) faults.add('other');
    else if (severity === 'warning') warnings.add('other');
  }
  if (facts.state === 'paused') faults.add('stopped');
  if (facts.accepting === false) faults.add('rejecting');
  const f = [...faults];
  const w = [...warnings];
  const reasonsText = facts.reasons.length > 0 ? facts.reasons.join(', ') : null;
  return {
    level: levelOf(f, w) as QueueConditions['level'],
    faults: f,
    warnings: w,
    busy: facts.state === 'printing',
    detail: [facts.message, reasonsText].filter((x): x is string => !!x).join(' · ') || null,
  };
}

const PRINTER_LINE = /^printer (\S+) (?:is idle|now printing (\S+?))?\.?\s*(enabled|disabled) since/;

/**
 * `lpstat -l -p NAME` (C locale): the `printer …` line, the queue's message
 * on the indented lines before the first `Key:` line, and `Alerts:` with the
 * state reasons (`none` when there are none).
 */
export function parseLpstatLong(stdout: string): Omit<CupsQueueFacts, 'accepting'> | null {
  let facts: Omit<CupsQueueFacts, 'accepting'> | null = null;
  let inKeys = false;
  for (const line of stdout.split('\n')) {
    const m = PRINTER_LINE.exec(line);
    if (m) {
      if (facts) break; // one queue asked for; a second block is not ours
      facts = { name: m[1]!, state: m[3] === 'disabled' ? 'paused' : m[2] ? 'printing' : 'idle', message: null, reasons: [] };
      continue;
    }
    if (!facts || !/^\s+\S/.test(line)) continue;
    const text = line.trim();
    const alerts = /^Alerts:\s*(.*)$/.exec(text);
    if (alerts) {
      facts.reasons = alerts[1]!.split(/\s+/).filter((r) => r !== '' && r !== 'none');
      inKeys = true;
    } else if (/^[A-Z][A-Za-z ]+:/.test(text)) {
      inKeys = true;
    } else if (!inKeys) {
      facts.message = facts.message ? `${facts.message} ${text}` : text;
    }
  }
  return facts;
}
