/**
 * The part of WebHID (https://wicg.github.io/webhid/) the scale uses, typed
 * here because TypeScript's DOM library does not carry it. Chromium has it
 * (browser mode); Electron has it behind the main process's chooser and
 * permission handlers (electron/main/scale-access.ts). Tests and the
 * Chromium e2e install a scripted `navigator.hid` with the same shape.
 */
import { KNOWN_SCALES, SCALE_USAGE_PAGE } from '../../../../shared/devices/scale-report';

export interface HidCollection {
  usagePage: number;
  usage?: number;
}

export interface HidDevice extends EventTarget {
  readonly opened: boolean;
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: readonly HidCollection[];
  open(): Promise<void>;
  close(): Promise<void>;
  /** Chromium 100+: gives the permission back (Settings → Forget the scale). */
  forget?(): Promise<void>;
}

export interface HidInputReportEvent extends Event {
  readonly device: HidDevice;
  readonly reportId: number;
  readonly data: DataView;
}

export interface HidConnectionEvent extends Event {
  readonly device: HidDevice;
}

export interface HidDeviceFilter {
  vendorId?: number;
  productId?: number;
  usagePage?: number;
  usage?: number;
}

export interface Hid extends EventTarget {
  getDevices(): Promise<HidDevice[]>;
  requestDevice(options: { filters: HidDeviceFilter[] }): Promise<HidDevice[]>;
}

/** The page's WebHID, or null where there is none (Firefox, Safari, an old Electron). */
export function browserHid(): Hid | null {
  const nav = globalThis.navigator as (Navigator & { hid?: Hid }) | undefined;
  return nav?.hid ?? null;
}

/** The chooser lists weighing devices, and the known scales whose firmware declares another usage page. */
export const SCALE_FILTERS: readonly HidDeviceFilter[] = [
  { usagePage: SCALE_USAGE_PAGE },
  ...KNOWN_SCALES.map((s) => ({ vendorId: s.vendorId, productId: s.productId })),
];

export function isScaleDevice(device: Pick<HidDevice, 'vendorId' | 'productId' | 'collections'>): boolean {
  if (device.collections.some((c) => c.usagePage === SCALE_USAGE_PAGE)) return true;
  return KNOWN_SCALES.some((s) => s.vendorId === device.vendorId && s.productId === device.productId);
}
