/**
 * The tray icon: its health colour, tooltip and menu follow from a small
 * model updated by station events. `reduceTray` and `trayHealth` are pure;
 * `TrayController` only hands their answers to Electron's Tray and Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { StationEvent } from '../../shared/contract';
import type { TrackingStatus } from '../../shared/domain/shipment-detail';
import type { MainStrings } from './strings';

export const RECENT_NOTIFICATIONS_SHOWN = 5;

export type TrayHealth = 'ok' | 'paused' | 'backing-off' | 'printer-problem';

export interface RecentNotification {
  title: string;
  body: string;
  shipmentId: string | null;
}

export interface TrayModel {
  tracking: TrackingStatus | null;
  /** The last print failed, or the label printer reports a fault, and nothing has printed or cleared it since. */
  printerProblem: boolean;
  recent: readonly RecentNotification[];
}

export const INITIAL_TRAY: TrayModel = { tracking: null, printerProblem: false, recent: [] };

export function reduceTray(model: TrayModel, event: StationEvent): TrayModel {
  switch (event.type) {
    case 'tracking:statusChanged':
      return { ...model, tracking: event.payload };
    case 'labels:progress':
      if (event.payload.state === 'print_failed') return { ...model, printerProblem: true };
      if (event.payload.state === 'printed') return { ...model, printerProblem: false };
      return model;
    case 'printers:status':
      return event.payload.isDefault ? { ...model, printerProblem: event.payload.status.level === 'fault' } : model;
    case 'tracking:notified': {
      const { title, body, shipmentId } = event.payload;
      return { ...model, recent: [{ title, body, shipmentId }, ...model.recent].slice(0, RECENT_NOTIFICATIONS_SHOWN) };
    }
    default:
      return model;
  }
}

/** What the packer must act on first: a printer that refuses labels, then an API that is down, then a pause they chose. */
export function trayHealth(model: TrayModel): TrayHealth {
  if (model.printerProblem) return 'printer-problem';
  const t = model.tracking;
  if (t && (t.state === 'backing_off' || t.apiHealth === 'down')) return 'backing-off';
  if (t?.state === 'paused') return 'paused';
  return 'ok';
}

export function trayTooltip(model: TrayModel, s: MainStrings): string {
  const health = trayHealth(model);
  return {
    ok: s.health.ok,
    paused: s.health.paused,
    'backing-off': s.health.backingOff,
    'printer-problem': s.health.printerProblem,
  }[health];
}

export interface TrayActions {
  open(): void;
  openShipment(id: string): void;
  pauseTracking(): void;
  resumeTracking(): void;
  quit(): void;
}

export function trayMenu(model: TrayModel, s: MainStrings, actions: TrayActions): MenuItemConstructorOptions[] {
  const paused = model.tracking?.state === 'paused';
  const recent: MenuItemConstructorOptions[] =
    model.recent.length === 0
      ? [{ label: s.noRecent, enabled: false }]
      : model.recent.map((n) => {
          const label = n.body ? `${n.title}: ${n.body}` : n.title;
          const id = n.shipmentId;
          return id === null ? { label, enabled: false } : { label, click: () => actions.openShipment(id) };
        });
  return [
    { label: s.open, click: () => actions.open() },
    { type: 'separator' },
    paused
      ? { label: s.resumeTracking, click: () => actions.resumeTracking() }
      : { label: s.pauseTracking, click: () => actions.pauseTracking(), enabled: model.tracking?.state !== 'stopped' },
    { type: 'separator' },
    { label: s.recent, enabled: false },
    ...recent,
    { type: 'separator' },
    { label: s.quit, click: () => actions.quit() },
  ];
}

/** The slice of Electron's Tray and Menu the controller drives (faked in tests). */
export interface TrayPort {
  setImage(health: TrayHealth): void;
  setToolTip(text: string): void;
  setMenu(template: MenuItemConstructorOptions[]): void;
}

export class TrayController {
  #model: TrayModel = INITIAL_TRAY;
  #lastHealth: TrayHealth | null = null;
  readonly #port: TrayPort;
  readonly #actions: TrayActions;
  #strings: MainStrings;

  constructor(port: TrayPort, strings: MainStrings, actions: TrayActions) {
    this.#port = port;
    this.#strings = strings;
    this.#actions = actions;
    this.#render();
  }

  get model(): TrayModel {
    return this.#model;
  }

  handle(event: StationEvent): void {
    const next = reduceTray(this.#model, event);
    if (next === this.#model) return;
    this.#model = next;
    this.#render();
  }

  setStrings(strings: MainStrings): void {
    this.#strings = strings;
    this.#render();
  }

  #render(): void {
    const health = trayHealth(this.#model);
    // Swapping the image is the one call that flickers on some Linux panels: only when the health changed.
    if (health !== this.#lastHealth) this.#port.setImage(health);
    this.#lastHealth = health;
    this.#port.setToolTip(trayTooltip(this.#model, this.#strings));
    this.#port.setMenu(trayMenu(this.#model, this.#strings, this.#actions));
  }
}
