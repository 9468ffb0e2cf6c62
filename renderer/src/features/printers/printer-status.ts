/**
 * The label printer's state on screen: one hook that asks `printers:status`
 * on a timer and follows the `printers:status` events (the check made before
 * each label), and one function that turns a status into the words a packer
 * reads: what is wrong and the one thing to do.
 */
import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { PrinterFault, PrinterStatusView } from '../../../../shared/domain/printer-status';
import { useStation } from '../../lib/station-context';

/** The status bar's safety net: events carry every check made for a print; this catches a printer that changes alone. */
export const PRINTER_STATUS_REFRESH_MS = 30_000;

/** The fault a packer should deal with first (same order as core's preflight). */
const FAULT_ORDER: readonly PrinterFault[] = [
  'spooler-down',
  'no-default',
  'not-found',
  'unreachable',
  'not-responding',
  'offline',
  'stopped',
  'rejecting',
  'head-open',
  'door-open',
  'paper-out',
  'ribbon-out',
  'jammed',
  'head-too-hot',
  'paused',
  'buffer-full',
  'other',
];

export interface PrinterWords {
  tone: 'ok' | 'warn' | 'down' | 'unknown';
  /** "Zebra_ZD421 ready", "Zebra_ZD421: out of labels". */
  text: string;
  /** The one instruction for a fault; null otherwise. */
  action: string | null;
  fault: PrinterFault | null;
}

export function describePrinter(view: PrinterStatusView | null, t: TFunction): PrinterWords {
  if (!view) return { tone: 'unknown', text: t('printerStatus.checking'), action: null, fault: null };
  const s = view.status;
  if (view.profileId === null)
    return { tone: 'down', text: t('printerStatus.none'), action: t('printerStatus.actions.no-default'), fault: 'no-default' };
  const name = s.target ?? view.profileName ?? '';
  if (s.level === 'fault') {
    const fault = FAULT_ORDER.find((f) => s.faults.includes(f)) ?? s.faults[0] ?? 'other';
    return {
      tone: 'down',
      text: t('printerStatus.problem', { name, problem: t(`printerStatus.faults.${fault}`) }),
      action: t(`printerStatus.actions.${fault}`),
      fault,
    };
  }
  if (s.level === 'warning') {
    const problem = s.warnings.map((w) => t(`printerStatus.warnings.${w}`)).join(', ');
    return { tone: 'warn', text: t('printerStatus.problem', { name, problem }), action: null, fault: null };
  }
  if (s.level === 'unknown') return { tone: 'unknown', text: t('printerStatus.unknown', { name }), action: null, fault: null };
  return { tone: 'ok', text: t(s.busy ? 'printerStatus.busy' : 'printerStatus.ready', { name }), action: null, fault: null };
}

/**
 * The default profile's printer, kept fresh; `refresh` asks again now. A change of `refreshKey` (the packer moved
 * to another screen, where profiles may have changed) asks again too.
 */
export function usePrinterStatus(
  refreshKey?: string,
  refreshMs = PRINTER_STATUS_REFRESH_MS,
): { view: PrinterStatusView | null; refresh(): void } {
  const station = useStation();
  const [view, setView] = useState<PrinterStatusView | null>(null);
  const refresh = useCallback(() => {
    void station.printersStatus().then((r) => {
      if (r.ok) setView(r.value);
    });
  }, [station]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, refreshMs);
    const stop = station.subscribe((e) => {
      // Events about another profile's printer are not the label printer's.
      if (e.type === 'printers:status') {
        if (e.payload.isDefault) setView(e.payload);
      }
      // Profiles changed or the status bar was asked to look again.
      else if (e.type === 'app:statusChanged' || e.type === 'settings:changed') refresh();
    });
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [station, refresh, refreshMs]);
  useEffect(() => {
    if (refreshKey !== undefined) refresh();
  }, [refreshKey, refresh]);
  return { view, refresh };
}
