/**
 * WebHID for the shipping scale, and nothing else. Electron grants no device
 * by default and has no chooser of its own: `navigator.hid.requestDevice`
 * raises `select-hid-device` here, and the permission check and device
 * handlers decide what the page may open. The rules:
 *
 * - only the `hid` permission, and only for the app's own origin (the dev
 *   server while developing);
 * - only a device that is a scale: a HID collection on usage page 0x8D
 *   (weighing devices), or a vendor/product id on the known-scale list
 *   (some firmware puts the scale collection on a vendor page);
 * - of those, only the one chosen in Settings (vendor, product and, when the
 *   device has one, serial number). The choice is kept in a small file in
 *   the user-data folder, so the scale is reconnected at the next start
 *   with no prompt; `device.forget()` in the page (Settings → Forget the
 *   scale) raises `hid-device-revoked`, which clears it.
 *
 * Everything else (serial ports, USB, keyboards, another HID device, another
 * origin) stays denied.
 */
import { KNOWN_SCALES, SCALE_USAGE_PAGE } from '../../shared/devices/scale-report';

/** What Electron tells us about a HID device (the fields of its HIDDevice structure we read). */
export interface HidDeviceInfo {
  deviceId: string;
  name: string;
  vendorId: number;
  productId: number;
  serialNumber?: string;
  collections?: readonly { usagePage: number }[];
}

/** The scale chosen once in Settings. */
export interface StoredScale {
  vendorId: number;
  productId: number;
  /** Empty when the device reports none: vendor and product then identify it. */
  serialNumber: string;
  name: string;
}

export interface ScaleChoiceStore {
  get(): StoredScale | null;
  set(scale: StoredScale | null): void;
}

/** Several scales plugged in: the packer picks one (a native dialog in the app); null cancels. */
export type ChooseScale = (candidates: readonly HidDeviceInfo[]) => Promise<HidDeviceInfo | null>;

export function isScale(device: Pick<HidDeviceInfo, 'vendorId' | 'productId' | 'collections'>): boolean {
  if (device.collections?.some((c) => c.usagePage === SCALE_USAGE_PAGE)) return true;
  return KNOWN_SCALES.some((s) => s.vendorId === device.vendorId && s.productId === device.productId);
}

/** `scheme://host[:port]`, whatever trailing slash or path the caller's string carries; null when it is no URL. */
function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // URL#origin is "null" for non-special schemes such as app:, so build it ourselves.
    return u.host ? `${u.protocol}//${u.host}` : `${u.protocol}//`;
  } catch {
    return null;
  }
}

export function isStoredScale(value: unknown): value is StoredScale {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  const id = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffff;
  return id(v.vendorId) && id(v.productId) && typeof v.serialNumber === 'string' && typeof v.name === 'string';
}

export class ScaleAccess {
  readonly #origins: ReadonlySet<string>;
  readonly #store: ScaleChoiceStore;
  readonly #choose: ChooseScale;

  /** `trustedUrls`: the app's start URL (and the dev server's while developing). */
  constructor(trustedUrls: readonly string[], store: ScaleChoiceStore, choose: ChooseScale) {
    this.#origins = new Set(trustedUrls.map(originOf).filter((o): o is string => o !== null));
    this.#store = store;
    this.#choose = choose;
  }

  isTrustedOrigin(origin: string | undefined): boolean {
    const o = origin === undefined ? null : originOf(origin);
    return o !== null && this.#origins.has(o);
  }

  /** The remembered scale, if this device is it. */
  isChosen(device: Pick<HidDeviceInfo, 'vendorId' | 'productId' | 'serialNumber' | 'collections'>): boolean {
    const stored = this.#store.get();
    if (!stored || !isScale(device)) return false;
    if (stored.vendorId !== device.vendorId || stored.productId !== device.productId) return false;
    return stored.serialNumber === '' || stored.serialNumber === (device.serialNumber ?? '');
  }

  /** setPermissionCheckHandler: `hid` from our own page; the device handler then decides which device. */
  checkPermission(permission: string, requestingOrigin: string, securityOrigin?: string): boolean {
    return permission === 'hid' && this.isTrustedOrigin(securityOrigin ?? requestingOrigin);
  }

  /** setDevicePermissionHandler: the chosen scale, for our own page. */
  devicePermission(details: { deviceType: string; origin: string; device: unknown }): boolean {
    if (details.deviceType !== 'hid' || !this.isTrustedOrigin(details.origin)) return false;
    const d = details.device as Partial<HidDeviceInfo>;
    if (typeof d.vendorId !== 'number' || typeof d.productId !== 'number') return false;
    return this.isChosen({ vendorId: d.vendorId, productId: d.productId, serialNumber: d.serialNumber, collections: d.collections });
  }

  /**
   * `select-hid-device`: offer scales only. One scale is taken; several are
   * put to the packer; none cancels (the page says no scale was found). The
   * choice is remembered before the page is answered, so the device handler
   * already grants it when the page opens it.
   */
  async select(origin: string | undefined, deviceList: readonly HidDeviceInfo[]): Promise<string | null> {
    if (!this.isTrustedOrigin(origin)) return null;
    // One physical scale can show up once per HID interface: offer it once.
    const seen = new Set<string>();
    const scales = deviceList.filter((d) => {
      const key = `${d.vendorId}:${d.productId}:${d.serialNumber ?? ''}`;
      if (!isScale(d) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (scales.length === 0) return null;
    const picked = scales.length === 1 ? scales[0]! : await this.#choose(scales);
    if (!picked) return null;
    this.#store.set({ vendorId: picked.vendorId, productId: picked.productId, serialNumber: picked.serialNumber ?? '', name: picked.name });
    return picked.deviceId;
  }

  /** `hid-device-revoked` (the page called `device.forget()`): forget the choice if it was this scale. */
  revoked(device: Pick<HidDeviceInfo, 'vendorId' | 'productId' | 'serialNumber' | 'collections'>): void {
    const stored = this.#store.get();
    if (stored && stored.vendorId === device.vendorId && stored.productId === device.productId) this.#store.set(null);
  }
}
