/**
 * The label printer's state on screen: one hook that asks `printers:status`
 * on a timer and follows the `printers:status` events (the check made before
 * each label), and one function that turns a status into the words a packer
 * reads: what is wrong and the one thing to do.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';
import type { StationApi } from '../../../../shared/contract';
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
  /** The same sentence as a catalogue key and its params, for screens that mark the printer's name `lang="en"`. */
  key: string;
  params: Record<string, string>;
  /** The one instruction for a fault; null otherwise. */
  action: string | null;
  fault: PrinterFault | null;
}

export function describePrinter(view: PrinterStatusView | null, t: TFunction): PrinterWords {
  const words = (
    tone: PrinterWords['tone'],
    key: string,
    params: Record<string, string>,
    action: string | null,
    fault: PrinterFault | null,
  ): PrinterWords => ({ tone, text: t(key as 'printerStatus.problem', params), key, params, action, fault });
  if (!view) return words('unknown', 'printerStatus.checking', {}, null, null);
  const s = view.status;
  if (view.profileId === null) return words('down', 'printerStatus.none', {}, t('printerStatus.actions.no-default'), 'no-default');
  const name = s.target ?? view.profileName ?? '';
  if (s.level === 'fault') {
    const fault = FAULT_ORDER.find((f) => s.faults.includes(f)) ?? s.faults[0] ?? 'other';
    const problem = t(`printerStatus.faults.${fault}`);
    return words('down', 'printerStatus.problem', { name, problem }, t(`printerStatus.actions.${fault}`), fault);
  }
  if (s.level === 'warning') {
    const problem = s.warnings.map((w) => t(`printerStatus.warnings.${w}`)).join(', ');
    return words('warn', 'printerStatus.problem', { name, problem }, null, null);
  }
  if (s.level === 'unknown') return words('unknown', 'printerStatus.unknown', { name }, null, null);
  return words('ok', s.busy ? 'printerStatus.busy' : 'printerStatus.ready', { name }, null, null);
}

/**
 * One store per station (per page): every screen part that shows the label printer shares one question on one
 * timer and one event subscription, however many of them are on screen.
 */
class PrinterStatusStore {
  #view: PrinterStatusView | null = null;
  readonly #listeners = new Set<() => void>();
  #inFlight: Promise<void> | null = null;
  #stop: (() => void) | null = null;
  readonly #station: StationApi;
  readonly #refreshMs: number;

  constructor(station: StationApi, refreshMs: number) {
    this.#station = station;
    this.#refreshMs = refreshMs;
  }

  readonly snapshot = (): PrinterStatusView | null => this.#view;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#start();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) {
        this.#stop?.();
        this.#stop = null;
      }
    };
  };

  /** Asks now, unless a question is already on its way (its answer serves everyone). */
  readonly refresh = (): void => {
    if (this.#inFlight) return;
    this.#inFlight = this.#station.printersStatus().then(
      (r) => {
        this.#inFlight = null;
        if (r.ok) this.#set(r.value);
      },
      () => {
        this.#inFlight = null;
      },
    );
  };

  #set(view: PrinterStatusView): void {
    this.#view = view;
    this.#listeners.forEach((l) => l());
  }

  #start(): void {
    this.refresh();
    const timer = setInterval(this.refresh, this.#refreshMs);
    const unsubscribe = this.#station.subscribe((e) => {
      // Another profile's printer (a test print, a named profile) is not the label printer.
      if (e.type === 'printers:status') {
        if (e.payload.isDefault) this.#set(e.payload);
      } else if (e.type === 'app:statusChanged' || e.type === 'settings:changed') this.refresh();
    });
    this.#stop = () => {
      clearInterval(timer);
      unsubscribe();
    };
  }
}

const stores = new WeakMap<StationApi, Map<number, PrinterStatusStore>>();

function storeFor(station: StationApi, refreshMs: number): PrinterStatusStore {
  let byPeriod = stores.get(station);
  if (!byPeriod) stores.set(station, (byPeriod = new Map()));
  let store = byPeriod.get(refreshMs);
  if (!store) byPeriod.set(refreshMs, (store = new PrinterStatusStore(station, refreshMs)));
  return store;
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
  const store = storeFor(station, refreshMs);
  const view = useSyncExternalStore(store.subscribe, store.snapshot);
  const firstKey = useRef(refreshKey);
  useEffect(() => {
    // The first render's question is the store's own; only a change of screen asks again.
    if (refreshKey !== firstKey.current) {
      firstKey.current = refreshKey;
      store.refresh();
    }
  }, [refreshKey, store]);
  return { view, refresh: store.refresh };
}
