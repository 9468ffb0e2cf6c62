import { describe, expect, it, vi } from 'vitest';
import type { HidDeviceInfo, StoredScale } from '../../electron/main/scale-access';

const openExternal = vi.fn(async () => undefined);
vi.mock('electron', () => ({ BrowserWindow: class {}, shell: { openExternal } }));

const { hardenContents, isAllowedExternal, isLocalRequest } = await import('../../electron/main/window');
const { ScaleAccess } = await import('../../electron/main/scale-access');

type CheckHandler = (contents: unknown, permission: string, origin: string, details: { securityOrigin?: string }) => boolean;
type DeviceHandler = (details: { deviceType: string; origin: string; device: unknown }) => boolean;
type SelectListener = (
  event: { preventDefault(): void },
  details: { deviceList: HidDeviceInfo[]; frame: { origin: string } | null },
  callback: (id?: string | null) => void,
) => void;

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  let permission: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
  let check: CheckHandler | undefined;
  let device: DeviceHandler | undefined;
  const sessionListeners = new Map<string, (...args: never[]) => void>();
  let request: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
  const contents = {
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
    on: (name: string, l: (event: { preventDefault(): void }, url?: string) => void) => listeners.set(name, l),
    session: {
      webRequest: { onBeforeRequest: (l: typeof request) => (request = l) },
      setPermissionRequestHandler: (h: typeof permission) => (permission = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDevicePermissionHandler: (h: typeof device) => (device = h),
      on: (name: string, l: (...args: never[]) => void) => sessionListeners.set(name, l),
    },
    getURL: () => 'app://station/index.html',
  };
  const requestAllowed = (url: string): boolean => {
    let cancelled = true;
    request!({ url }, (r) => (cancelled = r.cancel));
    return !cancelled;
  };
  return {
    contents,
    listeners,
    open: (url: string) => openHandler!({ url }),
    permission: () => permission!,
    check: () => check!,
    device: () => device!,
    /** Raises select-hid-device as Electron does; resolves with the id the app answered (undefined: cancelled). */
    select: (deviceList: HidDeviceInfo[], origin = 'app://station') =>
      new Promise<{ id: string | null | undefined; prevented: boolean }>((resolve) => {
        let prevented = false;
        (sessionListeners.get('select-hid-device') as SelectListener)(
          { preventDefault: () => (prevented = true) },
          { deviceList, frame: { origin } },
          (id) => resolve({ id, prevented }),
        );
      }),
    revoke: (d: HidDeviceInfo) =>
      (sessionListeners.get('hid-device-revoked') as (e: unknown, d: { device: HidDeviceInfo }) => void)({}, { device: d }),
    requestAllowed,
  };
}

describe('the window cannot be turned into a browser', () => {
  it('denies every new window, opening only allow-listed https links outside', () => {
    const f = fakeContents();
    hardenContents(f.contents as never, 'app://station/index.html');
    expect(f.open('https://flexforward.com/docs')).toEqual({ action: 'deny' });
    expect(f.open('http://flexforward.com/docs')).toEqual({ action: 'deny' });
    expect(f.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(f.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://flexforward.com/docs');
  });

  it('stops navigation away from the app and every redirect', () => {
    const f = fakeContents();
    hardenContents(f.contents as never, 'app://station/index.html');
    const prevent = vi.fn();
    f.listeners.get('will-navigate')!({ preventDefault: prevent }, 'https://evil.example/');
    f.listeners.get('will-redirect')!({ preventDefault: prevent }, 'https://evil.example/');
    f.listeners.get('will-attach-webview')!({ preventDefault: prevent });
    expect(prevent).toHaveBeenCalledTimes(3);
    expect(openExternal).not.toHaveBeenCalledWith('https://evil.example/');
    const docs = vi.fn();
    f.listeners.get('will-navigate')!({ preventDefault: docs }, 'https://openapidocs.flexforwardship.com/');
    expect(docs).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://openapidocs.flexforwardship.com/');
    const stay = vi.fn();
    f.listeners.get('will-navigate')!({ preventDefault: stay }, 'app://station/index.html');
    expect(stay).not.toHaveBeenCalled();
  });

  it('grants no permission (camera, notifications from the page, …)', () => {
    const f = fakeContents();
    hardenContents(f.contents as never, 'app://station/index.html');
    const answers: boolean[] = [];
    f.permission()(null, 'media', (ok) => answers.push(ok));
    expect(answers).toEqual([false]);
    expect(f.check()(null, 'media', 'app://station', { securityOrigin: 'app://station/' })).toBe(false);
    expect(f.check()(null, 'hid', 'app://station', { securityOrigin: 'app://station/' })).toBe(false);
    expect(f.device()({ deviceType: 'hid', origin: 'app://station', device: DYMO_M25 })).toBe(false);
  });

  it('allows only https links to known hosts', () => {
    expect(isAllowedExternal('https://www.flexforward.com/')).toBe(true);
    expect(isAllowedExternal('https://flexforward.com.evil.example/')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
  });

  it('loads no remote content: network requests are cancelled before they leave', () => {
    const f = fakeContents();
    hardenContents(f.contents as never, 'app://station/index.html');
    expect(f.requestAllowed('app://station/assets/index.js')).toBe(true);
    expect(f.requestAllowed('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(f.requestAllowed('blob:app://station/6f1c')).toBe(true);
    expect(f.requestAllowed('https://cdn.example.com/lib.js')).toBe(false);
    expect(f.requestAllowed('http://127.0.0.1:5173/')).toBe(false);
    expect(f.requestAllowed('wss://evil.example/socket')).toBe(false);
  });

  it('allows the dev server, and only it, while developing', () => {
    expect(isLocalRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173/')).toBe(true);
    expect(isLocalRequest('ws://localhost:5173/', 'http://localhost:5173/')).toBe(true);
    expect(isLocalRequest('http://localhost:8080/', 'http://localhost:5173/')).toBe(false);
    expect(isLocalRequest('not a url', 'app://station/index.html')).toBe(false);
  });
});

/** Electron's HIDDevice structures as a real bench shows them. */
const DYMO_M25: HidDeviceInfo = {
  deviceId: '12',
  name: 'DYMO M25 25 Lb Digital Postal Scale',
  vendorId: 0x0922,
  productId: 0x8004,
  serialNumber: '0071234567',
  collections: [{ usagePage: 0x8d }],
};
const OTHER_DYMO_M25: HidDeviceInfo = { ...DYMO_M25, deviceId: '13', serialNumber: '0079999999' };
/** A scale whose firmware declares a vendor page: known by its ids. */
const STAMPS_510: HidDeviceInfo = {
  deviceId: '14',
  name: 'Stamps.com Model 510',
  vendorId: 0x1446,
  productId: 0x6a73,
  collections: [{ usagePage: 0xff00 }],
};
/** A scale nobody lists, but it says it weighs (usage page 0x8D). */
const NO_NAME_SCALE: HidDeviceInfo = {
  deviceId: '15',
  name: 'USB Scale',
  vendorId: 0x1234,
  productId: 0x0001,
  collections: [{ usagePage: 0x8d }],
};
const KEYBOARD: HidDeviceInfo = {
  deviceId: '20',
  name: 'USB Keyboard',
  vendorId: 0x046d,
  productId: 0xc31c,
  collections: [{ usagePage: 0x01 }],
};
const YUBIKEY: HidDeviceInfo = {
  deviceId: '21',
  name: 'YubiKey',
  vendorId: 0x1050,
  productId: 0x0407,
  serialNumber: '1',
  collections: [{ usagePage: 0xf1d0 }],
};

function memoryChoice(initial: StoredScale | null = null) {
  let value = initial;
  return { get: () => value, set: (v: StoredScale | null) => (value = v) };
}

function scaleWindow(
  options: { choice?: ReturnType<typeof memoryChoice>; pick?: (c: readonly HidDeviceInfo[]) => HidDeviceInfo | null } = {},
) {
  const choice = options.choice ?? memoryChoice();
  const offered: (readonly HidDeviceInfo[])[] = [];
  const access = new ScaleAccess(['app://station/index.html'], choice, async (candidates) => {
    offered.push(candidates);
    return options.pick ? options.pick(candidates) : null;
  });
  const f = fakeContents();
  hardenContents(f.contents as never, 'app://station/index.html', access);
  const allowed = (device: HidDeviceInfo, origin = 'app://station') => f.device()({ deviceType: 'hid', origin, device });
  return { f, choice, offered, allowed };
}

describe('WebHID: the shipping scale chosen in Settings, and nothing else', () => {
  it('grants the hid permission to the app itself only, and no other permission', () => {
    const { f } = scaleWindow();
    expect(f.check()(null, 'hid', 'app://station', { securityOrigin: 'app://station/' })).toBe(true);
    expect(f.check()(null, 'hid', 'https://evil.example', { securityOrigin: 'https://evil.example/' })).toBe(false);
    expect(f.check()(null, 'hid', 'app://evil', { securityOrigin: 'app://evil/' })).toBe(false);
    for (const permission of ['serial', 'usb', 'media', 'geolocation', 'notifications', 'clipboard-read'])
      expect(f.check()(null, permission, 'app://station', { securityOrigin: 'app://station/' })).toBe(false);
    const answers: boolean[] = [];
    f.permission()(null, 'hid', (ok) => answers.push(ok));
    expect(answers).toEqual([false]);
  });

  it('nothing chosen yet: no device is granted, not even a scale', () => {
    const { allowed } = scaleWindow();
    expect(allowed(DYMO_M25)).toBe(false);
    expect(allowed(KEYBOARD)).toBe(false);
  });

  it('the chooser offers scales only: one scale plugged in is taken and remembered, and then granted with no prompt', async () => {
    const { f, choice, offered, allowed } = scaleWindow();
    const answer = await f.select([KEYBOARD, DYMO_M25, YUBIKEY]);
    expect(answer).toEqual({ id: '12', prevented: true });
    expect(offered).toEqual([]);
    expect(choice.get()).toEqual({
      vendorId: 0x0922,
      productId: 0x8004,
      serialNumber: '0071234567',
      name: 'DYMO M25 25 Lb Digital Postal Scale',
    });
    expect(allowed(DYMO_M25)).toBe(true);
    // The same scale on another USB port gets another deviceId: still the chosen one.
    expect(allowed({ ...DYMO_M25, deviceId: '99' })).toBe(true);
    expect(allowed(OTHER_DYMO_M25)).toBe(false);
    expect(allowed(KEYBOARD)).toBe(false);
    expect(allowed(YUBIKEY)).toBe(false);
    expect(allowed(DYMO_M25, 'https://evil.example')).toBe(false);
    expect(f.device()({ deviceType: 'serial', origin: 'app://station', device: DYMO_M25 })).toBe(false);
    expect(f.device()({ deviceType: 'usb', origin: 'app://station', device: DYMO_M25 })).toBe(false);
  });

  it('the choice survives a restart: a new window with the stored scale grants it at once', () => {
    const stored: StoredScale = { vendorId: 0x0922, productId: 0x8004, serialNumber: '0071234567', name: 'DYMO M25' };
    const { allowed } = scaleWindow({ choice: memoryChoice(stored) });
    expect(allowed(DYMO_M25)).toBe(true);
    expect(allowed(OTHER_DYMO_M25)).toBe(false);
  });

  it('several scales: the packer picks one; cancelling grants nothing', async () => {
    const picked = scaleWindow({ pick: (c) => c[1] ?? null });
    const answer = await picked.f.select([DYMO_M25, KEYBOARD, NO_NAME_SCALE]);
    expect(picked.offered).toEqual([[DYMO_M25, NO_NAME_SCALE]]);
    expect(answer.id).toBe('15');
    expect(picked.allowed(NO_NAME_SCALE)).toBe(true);
    expect(picked.allowed(DYMO_M25)).toBe(false);

    const cancelled = scaleWindow({ pick: () => null });
    expect((await cancelled.f.select([DYMO_M25, OTHER_DYMO_M25])).id).toBeUndefined();
    expect(cancelled.choice.get()).toBeNull();
  });

  it('a known scale on a vendor usage page is a scale; a device with no scale in it is never offered', async () => {
    const known = scaleWindow();
    expect((await known.f.select([STAMPS_510])).id).toBe('14');
    expect(known.allowed(STAMPS_510)).toBe(true);

    const none = scaleWindow();
    expect((await none.f.select([KEYBOARD, YUBIKEY])).id).toBeUndefined();
    expect(none.choice.get()).toBeNull();
  });

  it('a request from another origin is cancelled', async () => {
    const { f, choice } = scaleWindow();
    expect((await f.select([DYMO_M25], 'https://evil.example')).id).toBeUndefined();
    expect(choice.get()).toBeNull();
  });

  it('a stored device that is no scale (a hand-edited file) is still refused', () => {
    const { allowed } = scaleWindow({
      choice: memoryChoice({ vendorId: 0x046d, productId: 0xc31c, serialNumber: '', name: 'USB Keyboard' }),
    });
    expect(allowed(KEYBOARD)).toBe(false);
  });

  it('Forget the scale (device.forget() in the page) clears the choice: it is denied from then on', async () => {
    const { f, choice, allowed } = scaleWindow();
    await f.select([DYMO_M25]);
    expect(allowed(DYMO_M25)).toBe(true);
    f.revoke(DYMO_M25);
    expect(choice.get()).toBeNull();
    expect(allowed(DYMO_M25)).toBe(false);
  });
});
