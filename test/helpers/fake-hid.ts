/**
 * A scripted `navigator.hid` with USB scales that stream input reports, for
 * the renderer tests (jsdom) and the Chromium e2e (installed with
 * Playwright's `addInitScript`; headless Chromium cannot attach a virtual
 * HID device). It behaves as Chromium does: `getDevices()` lists the
 * permitted devices that are plugged in, `requestDevice()` is the chooser
 * (the spec says what the packer picks), a replug is a new HIDDevice with a
 * `connect` event, `forget()` revokes the permission, and reports reach only
 * an opened device.
 *
 * `installFakeHid` is self-contained (no imports, no outer names) because
 * Playwright sends its source text to the page.
 */
export interface FakeScaleSpec {
  vendorId: number;
  productId: number;
  productName: string;
  /** 0x8D for a scale that declares itself; another page for a scale known only by its ids. */
  usagePage: number;
  /** Already allowed (chosen before): getDevices() lists it. */
  permitted?: boolean;
  plugged?: boolean;
}

export interface FakeHidSpec {
  devices: FakeScaleSpec[];
  /** Which device the chooser returns (index); null: the packer closes the chooser. Default: the first plugged one. */
  pick?: number | null;
}

export interface FakeHidControl {
  /** Sends one input report (as the device's interrupt endpoint would) to an opened device; false when it is not open. */
  report(index: number, reportId: number, bytes: number[]): boolean;
  unplug(index: number): void;
  replug(index: number): void;
  failOpen(index: number, message: string | null): void;
  opened(index: number): boolean;
  permitted(index: number): boolean;
  opens(index: number): number;
  requests: number;
}

export function installFakeHid(spec: FakeHidSpec): FakeHidControl {
  const hid = new EventTarget();
  const state = spec.devices.map((d) => ({
    spec: d,
    permitted: d.permitted === true,
    plugged: d.plugged !== false,
    device: null as (EventTarget & { opened: boolean }) | null,
    opens: 0,
    failOpen: null as string | null,
  }));
  const makeDevice = (i: number) => {
    const s = state[i]!;
    const device = new EventTarget() as EventTarget & Record<string, unknown> & { opened: boolean };
    let opened = false;
    Object.defineProperties(device, {
      vendorId: { value: s.spec.vendorId },
      productId: { value: s.spec.productId },
      productName: { value: s.spec.productName },
      collections: { value: [{ usagePage: s.spec.usagePage, usage: 1 }] },
      opened: { get: () => opened, configurable: true },
    });
    device.open = async () => {
      if (!s.plugged || s.device !== device) throw new DOMException('Failed to open the device.', 'InvalidStateError');
      if (s.failOpen) throw new DOMException(s.failOpen, 'NotAllowedError');
      s.opens += 1;
      opened = true;
    };
    device.close = async () => {
      opened = false;
    };
    device.forget = async () => {
      opened = false;
      s.permitted = false;
    };
    return device;
  };
  const connectionEvent = (type: string, device: EventTarget) => {
    const e = new Event(type);
    Object.defineProperty(e, 'device', { value: device });
    return e;
  };
  state.forEach((s, i) => {
    if (s.plugged) s.device = makeDevice(i);
  });
  const matches = (s: (typeof state)[number], filters: Record<string, number>[]) =>
    filters.some(
      (f) =>
        (f.usagePage === undefined || f.usagePage === s.spec.usagePage) &&
        (f.vendorId === undefined || f.vendorId === s.spec.vendorId) &&
        (f.productId === undefined || f.productId === s.spec.productId),
    );
  const control = {
    requests: 0,
    report(i: number, reportId: number, bytes: number[]) {
      const s = state[i]!;
      if (!s.device || !s.device.opened) return false;
      const e = new Event('inputreport');
      Object.defineProperties(e, {
        device: { value: s.device },
        reportId: { value: reportId },
        data: { value: new DataView(Uint8Array.from(bytes).buffer) },
      });
      s.device.dispatchEvent(e);
      return true;
    },
    unplug(i: number) {
      const s = state[i]!;
      const device = s.device;
      s.plugged = false;
      s.device = null;
      if (!device) return;
      Object.defineProperty(device, 'opened', { value: false });
      if (s.permitted) hid.dispatchEvent(connectionEvent('disconnect', device));
    },
    replug(i: number) {
      const s = state[i]!;
      s.plugged = true;
      s.device = makeDevice(i);
      if (s.permitted) hid.dispatchEvent(connectionEvent('connect', s.device));
    },
    failOpen(i: number, message: string | null) {
      state[i]!.failOpen = message;
    },
    opened: (i: number) => state[i]!.device?.opened === true,
    permitted: (i: number) => state[i]!.permitted,
    opens: (i: number) => state[i]!.opens,
  };
  Object.assign(hid, {
    getDevices: async () => state.filter((s) => s.permitted && s.device).map((s) => s.device),
    requestDevice: async (options: { filters: Record<string, number>[] }) => {
      control.requests += 1;
      const pick = spec.pick === undefined ? state.findIndex((s) => s.device && matches(s, options.filters)) : spec.pick;
      const s = pick === null || pick < 0 ? undefined : state[pick];
      if (!s || !s.device || !matches(s, options.filters)) return [];
      s.permitted = true;
      return [s.device];
    },
  });
  Object.defineProperty(globalThis.navigator, 'hid', { value: hid, configurable: true });
  (globalThis as unknown as { __fakeHid: unknown }).__fakeHid = control;
  return control;
}

/** Scale Data Reports (report id 3) as the HID POS tables lay them out: status, unit, scaling, weight LE. */
export const REPORT = {
  /** Dymo M25 in kg, scaling -3 (grams of resolution). */
  kg: (status: number, grams: number) => [status, 3, 0xfd, grams & 0xff, grams >> 8],
  zero: () => [2, 3, 0xfd, 0, 0],
  motion: (grams: number) => [3, 3, 0xfd, grams & 0xff, grams >> 8],
  stable: (grams: number) => [4, 3, 0xfd, grams & 0xff, grams >> 8],
  overCapacity: () => [6, 3, 0xfd, 0, 0],
  fault: () => [1, 0, 0, 0, 0],
};

export const DYMO_M25 = { vendorId: 0x0922, productId: 0x8004, productName: 'DYMO M25 25 Lb Digital Postal Scale', usagePage: 0x8d };
