/**
 * The shipping scale over WebHID: finds the scale the packer chose once,
 * opens it, reads its input reports through the shared parser and weight
 * policy, and follows it through sleep, unplug and replug. Plain TypeScript
 * (no React): the hook in ./use-scale.ts shares one connection per page.
 *
 * Remembering: the permission itself is the browser's (Chromium keeps it
 * in its profile; in the app the main process grants the stored scale). The
 * page also keeps the scale's name and ids in localStorage, so a remembered
 * scale that is unplugged says "unplugged" rather than "no scale chosen",
 * and its replug (a `connect` event with a new HIDDevice) is recognised.
 */
import { layoutFor, parseScaleReport } from '../../../../shared/devices/scale-report';
import { WeightPolicy, type ScaleState } from '../../../../shared/devices/weight-policy';
import { ScaleReadingLedger } from './reading-ledger';
import { isScaleDevice, SCALE_FILTERS, type Hid, type HidConnectionEvent, type HidDevice, type HidInputReportEvent } from './webhid';

/** How often the policy is asked whether the scale has gone quiet (asleep). */
export const SCALE_TICK_MS = 1_000;
export const REMEMBERED_SCALE_KEY = 'station.scale';

export type ScaleView =
  | { kind: 'unsupported' }
  /** Nothing chosen yet (or forgotten). */
  | { kind: 'none' }
  /** `openError`: the scale is there but could not be opened (Linux without the udev rule, another program holding it). */
  | { kind: 'scale'; name: string; state: ScaleState; openError: string | null };

export type ChooseOutcome = { kind: 'chosen'; name: string } | { kind: 'none-found' } | { kind: 'failed'; message: string };

interface RememberedScale {
  vendorId: number;
  productId: number;
  name: string;
}

export interface ScaleConnectionOptions {
  now?: () => number;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  tickMs?: number;
}

function defaultStorage(): ScaleConnectionOptions['storage'] {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** DOMException is not an Error everywhere (jsdom, some Chromium paths): read its message either way. */
function messageOf(e: unknown): string {
  return e !== null && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : String(e);
}

function nameOf(device: HidDevice): string {
  return (
    device.productName.trim() ||
    `USB scale ${device.vendorId.toString(16).padStart(4, '0')}:${device.productId.toString(16).padStart(4, '0')}`
  );
}

export class ScaleConnection {
  readonly #hid: Hid | null;
  readonly #now: () => number;
  readonly #storage: ScaleConnectionOptions['storage'];
  readonly #tickMs: number;
  readonly #policy = new WeightPolicy();
  readonly #listeners = new Set<() => void>();
  /** Which reading the last label was bought with; sees every state, even with no form on screen. */
  readonly ledger = new ScaleReadingLedger();
  #view: ScaleView;
  #device: HidDevice | null = null;
  #openError: string | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #started = false;

  constructor(hid: Hid | null, options: ScaleConnectionOptions = {}) {
    this.#hid = hid;
    this.#now = options.now ?? (() => Date.now());
    this.#storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.#tickMs = options.tickMs ?? SCALE_TICK_MS;
    this.#view = hid ? this.#compose() : { kind: 'unsupported' };
  }

  readonly snapshot = (): ScaleView => this.#view;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.start();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.stop();
    };
  };

  start(): void {
    if (this.#started || !this.#hid) return;
    this.#started = true;
    this.#hid.addEventListener('connect', this.#onConnect);
    this.#hid.addEventListener('disconnect', this.#onDisconnect);
    this.#timer = setInterval(() => this.#update(this.#policy.tick(this.#now())), this.#tickMs);
    void this.#hid.getDevices().then(
      (devices) => {
        const device = this.#pick(devices);
        if (device) void this.#attach(device);
      },
      () => undefined,
    );
  }

  stop(): void {
    if (!this.#started || !this.#hid) return;
    this.#started = false;
    this.#hid.removeEventListener('connect', this.#onConnect);
    this.#hid.removeEventListener('disconnect', this.#onDisconnect);
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#detach();
  }

  /** Settings → Choose the scale: the browser's chooser (in the app, the main process answers it). */
  async choose(): Promise<ChooseOutcome> {
    if (!this.#hid) return { kind: 'failed', message: 'WebHID is not available' };
    let devices: HidDevice[];
    try {
      devices = await this.#hid.requestDevice({ filters: [...SCALE_FILTERS] });
    } catch (e) {
      // Chromium throws NotFoundError when the chooser is closed with nothing picked.
      if (e !== null && typeof e === 'object' && (e as { name?: unknown }).name === 'NotFoundError') return { kind: 'none-found' };
      return { kind: 'failed', message: messageOf(e) };
    }
    const device = devices.find(isScaleDevice) ?? devices[0];
    if (!device) return { kind: 'none-found' };
    this.#remember(device);
    this.#detach();
    this.start();
    await this.#attach(device);
    return { kind: 'chosen', name: nameOf(device) };
  }

  /** Settings → Forget the scale: closes it, gives the permission back and forgets its name. */
  async forget(): Promise<void> {
    const device = this.#device;
    this.#detach();
    this.#storage?.removeItem(REMEMBERED_SCALE_KEY);
    this.#update(this.#policy.disconnected());
    if (device?.forget) await device.forget().catch(() => undefined);
    this.#emit();
  }

  #remembered(): RememberedScale | null {
    try {
      const raw = this.#storage?.getItem(REMEMBERED_SCALE_KEY);
      if (!raw) return null;
      const v = JSON.parse(raw) as Partial<RememberedScale>;
      return typeof v.vendorId === 'number' && typeof v.productId === 'number' && typeof v.name === 'string'
        ? { vendorId: v.vendorId, productId: v.productId, name: v.name }
        : null;
    } catch {
      return null;
    }
  }

  #remember(device: HidDevice): void {
    const value: RememberedScale = { vendorId: device.vendorId, productId: device.productId, name: nameOf(device) };
    try {
      this.#storage?.setItem(REMEMBERED_SCALE_KEY, JSON.stringify(value));
    } catch {
      // A full or blocked storage only costs the "unplugged" wording; the permission still holds.
    }
  }

  /** The remembered scale among the permitted devices; failing that, the one scale the browser lets us open. */
  #pick(devices: readonly HidDevice[]): HidDevice | null {
    const remembered = this.#remembered();
    const scales = devices.filter(isScaleDevice);
    const match = remembered ? scales.find((d) => d.vendorId === remembered.vendorId && d.productId === remembered.productId) : undefined;
    const device = match ?? scales[0] ?? null;
    if (device && !match) this.#remember(device);
    return device;
  }

  readonly #onConnect = (event: Event): void => {
    const { device } = event as HidConnectionEvent;
    if (this.#device || !isScaleDevice(device)) return;
    const remembered = this.#remembered();
    // Only the chosen scale comes back by itself; a scale never chosen waits for Settings.
    if (remembered && device.vendorId === remembered.vendorId && device.productId === remembered.productId) void this.#attach(device);
  };

  readonly #onDisconnect = (event: Event): void => {
    const { device } = event as HidConnectionEvent;
    if (device !== this.#device) return;
    this.#detach();
    this.#update(this.#policy.disconnected());
  };

  readonly #onReport = (event: Event): void => {
    const { reportId, data, device } = event as HidInputReportEvent;
    if (device && device !== this.#device) return;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const dev = this.#device!;
    this.#update(this.#policy.report(parseScaleReport(reportId, bytes, layoutFor(dev.vendorId, dev.productId)), this.#now()));
  };

  async #attach(device: HidDevice): Promise<void> {
    if (this.#device === device) return;
    this.#detach();
    this.#device = device;
    this.#openError = null;
    device.addEventListener('inputreport', this.#onReport);
    try {
      if (!device.opened) await device.open();
    } catch (e) {
      if (this.#device !== device) return;
      this.#openError = messageOf(e);
      this.#update(this.#policy.disconnected());
      this.#emit();
      return;
    }
    if (this.#device !== device) return;
    this.#update(this.#policy.connected(this.#now()));
    this.#emit();
  }

  #detach(): void {
    const device = this.#device;
    if (!device) return;
    this.#device = null;
    device.removeEventListener('inputreport', this.#onReport);
    if (device.opened) void device.close().catch(() => undefined);
  }

  #compose(): ScaleView {
    if (!this.#hid) return { kind: 'unsupported' };
    const name = this.#device ? nameOf(this.#device) : this.#remembered()?.name;
    if (!name) return { kind: 'none' };
    return { kind: 'scale', name, state: this.#policy.state, openError: this.#openError };
  }

  #update(state: ScaleState): void {
    this.ledger.observe(state);
    const next = this.#compose();
    // Scales stream several reports a second: only a change reaches the screen.
    if (JSON.stringify(next) === JSON.stringify(this.#view)) return;
    this.#view = next;
    this.#listeners.forEach((l) => l());
  }

  #emit(): void {
    this.#view = this.#compose();
    this.#listeners.forEach((l) => l());
  }
}
