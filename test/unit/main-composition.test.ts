/**
 * The Electron composition root (electron/main/index.ts) with `electron`
 * and its helper libraries mocked: single-instance lock, a second launch,
 * close to tray, quitting with work in flight, and a notification that
 * opens its shipment. The decisions themselves are tested in
 * main-lifecycle/main-tray/main-notifier; this proves they are wired.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StationEvent } from '../../shared/contract';
import { EventBus } from '../../electron/core/events';
import { stubHandlers } from '../helpers/handlers';

const h = vi.hoisted(() => {
  class FakeWindow {
    readonly events = new Map<string, ((e: { preventDefault(): void }) => void)[]>();
    readonly shown: number[] = [];
    visible: boolean;
    focused = false;
    destroyed = false;
    hide = () => {
      this.visible = false;
    };
    show = () => {
      this.visible = true;
      this.shown.push(1);
    };
    focus = () => {
      this.focused = true;
    };
    restore = () => undefined;
    isMinimized = () => false;
    isDestroyed = () => this.destroyed;
    isVisible = () => this.visible;
    isFocused = () => this.focused;
    readonly loadListeners: (() => void)[] = [];
    webContents = {
      send: () => undefined,
      isDestroyed: () => false,
      once: (_name: 'did-finish-load', l: () => void) => this.loadListeners.push(l),
    };
    /** The page has loaded (Electron's did-finish-load). */
    load(): void {
      for (const l of this.loadListeners.splice(0)) l();
    }
    constructor(show: boolean) {
      this.visible = show;
    }
    on(name: string, listener: (e: { preventDefault(): void }) => void): this {
      this.events.set(name, [...(this.events.get(name) ?? []), listener]);
      return this;
    }
    /** Emits like BrowserWindow: returns whether a listener prevented the default. */
    emit(name: string): boolean {
      let prevented = false;
      for (const l of this.events.get(name) ?? []) l({ preventDefault: () => (prevented = true) });
      return prevented;
    }
  }
  const state = {
    /** createStation throws this (a data folder it may not write). */
    startFailure: null as null | Error,
    errorBoxes: [] as { title: string; body: string }[],
    exitCode: null as null | number,
    lock: true,
    userData: '',
    windows: [] as FakeWindow[],
    notifications: [] as { title: string; body: string; emitter: EventEmitter }[],
    appEvents: new Map<string, ((e: { preventDefault(): void }) => void)[]>(),
    quit: 0,
    stopCalls: 0,
    finishStop: null as null | (() => void),
    bus: null as null | EventBus,
    ready: null as null | Promise<void>,
    tooltip: '',
    trayMenu: [] as { label?: string; click?: () => void }[],
    paused: false,
  };
  return { state, FakeWindow };
});

vi.mock('electron', () => {
  const { state } = h;
  class Tray {
    on() {}
    setImage() {}
    setToolTip(text: string) {
      state.tooltip = text;
    }
    setContextMenu(menu: { label?: string; click?: () => void }[]) {
      state.trayMenu = menu;
    }
  }
  class Notification {
    static isSupported = () => true;
    readonly emitter: EventEmitter;
    constructor(readonly options: { title: string; body: string }) {
      this.emitter = new EventEmitter();
      state.notifications.push({ title: options.title, body: options.body, emitter: this.emitter });
    }
    on(name: string, l: () => void) {
      this.emitter.on(name, l);
    }
    show() {}
  }
  const app = {
    enableSandbox: () => undefined,
    exit: (code: number) => {
      state.exitCode = code;
    },
    requestSingleInstanceLock: () => state.lock,
    quit: () => {
      state.quit += 1;
      let prevented = false;
      for (const l of state.appEvents.get('before-quit') ?? []) l({ preventDefault: () => (prevented = true) });
      return prevented;
    },
    whenReady: () => {
      state.ready = Promise.resolve();
      return state.ready;
    },
    getPath: () => state.userData,
    getVersion: () => '1.0.0',
    getName: () => 'Shipping Station',
    getLocale: () => 'en-US',
    isPackaged: false,
    setLoginItemSettings: () => undefined,
    on: (name: string, l: (e: { preventDefault(): void }) => void) => {
      state.appEvents.set(name, [...(state.appEvents.get(name) ?? []), l]);
    },
  };
  return {
    app,
    clipboard: { writeText: () => undefined },
    dialog: { showErrorBox: (title: string, body: string) => state.errorBoxes.push({ title, body }) },
    ipcMain: { handle: () => undefined },
    Menu: { buildFromTemplate: (t: unknown) => t },
    nativeImage: { createFromBitmap: () => ({}) },
    net: { fetch: async () => new Response('') },
    Notification,
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async (s: string) => Buffer.from(s).reverse(),
      decryptStringAsync: async (b: Buffer) => ({ result: Buffer.from(b).reverse().toString(), shouldReEncrypt: false }),
      getSelectedStorageBackend: () => 'gnome_libsecret',
    },
    shell: { openPath: async () => '' },
    Tray,
  };
});

vi.mock('electron-log/main', () => {
  const noop = () => undefined;
  const scope = () => ({ debug: noop, info: noop, warn: noop, error: noop });
  return {
    default: {
      transports: { file: { getFile: () => ({ path: join(h.state.userData, 'logs', 'main.log') }) }, console: {} },
      hooks: [],
      scope,
    },
  };
});

vi.mock('electron-store', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  // Like electron-store: a JSON file in cwd named after the store, whose constructor throws on a corrupt file.
  return {
    default: class {
      #data: Record<string, unknown> = {};
      readonly path: string;
      constructor(options: { name: string; cwd: string }) {
        this.path = path.join(options.cwd, `${options.name}.json`);
        if (fs.existsSync(this.path)) this.#data = JSON.parse(fs.readFileSync(this.path, 'utf8')) as Record<string, unknown>;
      }
      get store() {
        return { ...this.#data };
      }
      set store(v: Record<string, unknown>) {
        this.#data = { ...v };
        fs.writeFileSync(this.path, JSON.stringify(this.#data));
      }
      get(key: string) {
        return this.#data[key];
      }
      set(key: string, value: unknown) {
        this.store = { ...this.#data, [key]: value };
      }
      delete(key: string) {
        const { [key]: _gone, ...rest } = this.#data;
        this.store = rest;
      }
    },
  };
});

vi.mock('electron-updater', () => ({
  default: {
    autoUpdater: { autoDownload: false, autoInstallOnAppQuit: false, setFeedURL: () => undefined, checkForUpdates: async () => null },
  },
}));

vi.mock('../../electron/main/window', () => ({
  APP_ORIGIN: 'app://station',
  createMainWindow: (_preload: string, _url: string, show: boolean) => {
    const w = new h.FakeWindow(show);
    h.state.windows.push(w);
    return w;
  },
}));

vi.mock('../../electron/core/station', () => ({
  createStation: async () => {
    if (h.state.startFailure) throw h.state.startFailure;
    const events = new EventBus();
    h.state.bus = events;
    return {
      handlers: stubHandlers({
        'tracking:status': async () => trackingStatus(),
        'tracking:pause': async () => {
          h.state.paused = true;
          return trackingStatus();
        },
      }),
      events,
      endpoint: () => ({ environment: 'sandbox', baseUrl: 'http://127.0.0.1:1' }),
      stop: () => {
        h.state.stopCalls += 1;
        return new Promise<void>((resolve) => (h.state.finishStop = resolve));
      },
    };
  },
}));

function trackingStatus() {
  return {
    state: h.state.paused ? ('paused' as const) : ('running' as const),
    nextPollAt: null,
    activeShipments: 2,
    apiHealth: 'ok' as const,
    resumeAt: null,
  };
}

async function boot(lockDenied = false, stillLoading = false): Promise<void> {
  h.state.lock = !lockDenied;
  vi.resetModules();
  await import('../../electron/main/index');
  if (lockDenied) return;
  await vi.waitFor(() => expect(h.state.windows).toHaveLength(1));
  if (!stillLoading) h.state.windows[0]!.load();
}
const appEvent = (name: string, ...args: unknown[]): boolean => {
  let prevented = false;
  for (const l of h.state.appEvents.get(name) ?? [])
    (l as (...a: unknown[]) => void)({ preventDefault: () => (prevented = true) }, ...args);
  return prevented;
};

beforeEach(() => {
  h.state.userData = mkdtempSync(join(tmpdir(), 'main-root-'));
  Object.assign(h.state, {
    windows: [],
    notifications: [],
    appEvents: new Map(),
    quit: 0,
    stopCalls: 0,
    finishStop: null,
    bus: null,
    ready: null,
    startFailure: null,
    errorBoxes: [],
    exitCode: null,
  });
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(h.state.userData, { recursive: true, force: true });
});

describe('Electron composition root', () => {
  it('a second copy without the single-instance lock quits at once and opens nothing', async () => {
    await boot(true);
    expect(h.state.quit).toBe(1);
    expect(h.state.ready).toBeNull();
    expect(h.state.windows).toHaveLength(0);
  });

  it('a station that cannot start says why in a dialog and leaves, with no window', async () => {
    const why = 'Shipping Station cannot write its shipment database /data/shipments.sqlite (permission denied).';
    h.state.startFailure = new Error(why);
    h.state.lock = true;
    vi.resetModules();
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(h.state.errorBoxes).toEqual([{ title: 'Shipping Station cannot start', body: why }]));
    expect(h.state.exitCode).toBe(1);
    expect(h.state.windows).toHaveLength(0);
  });

  it('a second launch brings the hidden window back', async () => {
    await boot();
    const win = h.state.windows[0]!;
    expect(win.emit('close')).toBe(true); // close to tray is on by default: hidden, not closed
    expect(win.visible).toBe(false);
    expect(h.state.notifications.map((n) => n.body)).toEqual([expect.stringMatching(/keeps printing and tracking/)]);
    win.show();
    win.emit('close');
    expect(h.state.notifications).toHaveLength(1); // said once per run
    appEvent('second-instance', [], '/');
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
    expect(h.state.windows).toHaveLength(1);
  });

  it('quitting waits for the station to stop, then closes the window for real', async () => {
    await boot();
    const win = h.state.windows[0]!;
    expect(appEvent('before-quit')).toBe(true);
    expect(h.state.stopCalls).toBe(1);
    expect(win.emit('close')).toBe(false); // quitting: the window may close
    expect(h.state.quit).toBe(0);
    h.state.finishStop!();
    await vi.waitFor(() => expect(h.state.quit).toBe(1));
    expect(h.state.stopCalls).toBe(1);
  });

  it('a tracking notification becomes a desktop notification that opens its shipment', async () => {
    await boot();
    vi.useFakeTimers();
    const pushed: StationEvent[] = [];
    h.state.bus!.subscribe((e) => pushed.push(e));
    const win = h.state.windows[0]!;
    win.hide();
    h.state.bus!.emit('tracking:notified', {
      title: 'x',
      body: '1Z999AA10123456784',
      facts: { kind: 'change', trackingNumber: '1Z999AA10123456784', orderNumber: null, recipientName: null, detail: null },
      shipmentId: 'ship-42',
      tag: 'Delivered',
    });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.state.notifications.map((n) => n.title)).toEqual(['Shipment delivered']);
    h.state.notifications[0]!.emitter.emit('click');
    expect(win.visible).toBe(true);
    expect(pushed.at(-1)).toEqual({ type: 'app:navigate', payload: { view: 'shipment', id: 'ship-42' } });
  });

  it('pausing from the tray pauses tracking and the tray shows it', async () => {
    await boot();
    await vi.waitFor(() => expect(h.state.tooltip).toBe('Shipping Station: all good'));
    h.state.trayMenu.find((i) => i.label === 'Pause tracking')!.click!();
    await vi.waitFor(() => expect(h.state.tooltip).toBe('Shipping Station: tracking paused'));
    expect(h.state.paused).toBe(true);
    expect(h.state.trayMenu.map((i) => i.label)).toContain('Resume tracking');
  });

  it('a click while the page is still loading opens the shipment once it has loaded', async () => {
    await boot(false, true);
    const pushed: StationEvent[] = [];
    h.state.bus!.subscribe((e) => pushed.push(e));
    vi.useFakeTimers();
    h.state.bus!.emit('tracking:notified', {
      title: 'x',
      body: 'TRK',
      facts: { kind: 'change', trackingNumber: 'TRK', orderNumber: null, recipientName: null, detail: null },
      shipmentId: 'ship-7',
      tag: 'Exception',
    });
    await vi.advanceTimersByTimeAsync(2_000);
    h.state.notifications.at(-1)!.emitter.emit('click');
    expect(pushed.filter((e) => e.type === 'app:navigate')).toEqual([]);
    h.state.windows[0]!.load();
    expect(pushed.filter((e) => e.type === 'app:navigate')).toEqual([
      { type: 'app:navigate', payload: { view: 'shipment', id: 'ship-7' } },
    ]);
  });

  it('a corrupt settings file does not stop the app: defaults, a backup, and a notification that opens Settings', async () => {
    writeFileSync(join(h.state.userData, 'settings.json'), '{"stationName": "Dock 4",');
    await boot();
    const pushed: StationEvent[] = [];
    h.state.bus!.subscribe((e) => pushed.push(e));
    expect(readdirSync(h.state.userData).some((f) => f.startsWith('settings.corrupt-'))).toBe(true);
    expect(h.state.notifications.map((n) => n.title)).toEqual(['Shipping Station repaired its settings: please check them']);
    expect(h.state.notifications[0]!.body).toMatch(/could not be read/);
    h.state.notifications[0]!.emitter.emit('click');
    expect(pushed.at(-1)).toEqual({ type: 'app:navigate', payload: { view: 'settings' } });
  });

  it('a clean first start writes fresh settings and raises no false alarm', async () => {
    await boot();
    expect(readdirSync(h.state.userData)).toContain('settings.json');
    expect(readdirSync(h.state.userData).filter((f) => f.includes('corrupt'))).toEqual([]);
    expect(h.state.notifications).toEqual([]);
  });
});
