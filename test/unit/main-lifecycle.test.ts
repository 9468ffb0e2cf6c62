import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../electron/core/util/clock';
import {
  applyStartAtLogin,
  AUTOSTART_FILE,
  decideWindowClose,
  focusExisting,
  HIDDEN_ARG,
  shouldQuitWhenAllClosed,
  SHUTDOWN_GRACE_MS,
  ShutdownCoordinator,
  startedHidden,
} from '../../electron/main/lifecycle';
import { resolveLanguage } from '../../electron/main/strings';
import { UPDATE_CHECK_INTERVAL_MS, UpdateScheduler, updatePlan, type UpdaterPort } from '../../electron/main/updater';
import { recordingLogger } from '../helpers/logs';

describe('closing the window', () => {
  it('hides to the tray when the setting is on and a tray exists, else closes', () => {
    expect(decideWindowClose({ quitting: false, closeToTray: true, trayAvailable: true })).toBe('hide-to-tray');
    expect(decideWindowClose({ quitting: false, closeToTray: false, trayAvailable: true })).toBe('close');
    // No status area (some Linux desktops): hiding would leave an app nobody can reach.
    expect(decideWindowClose({ quitting: false, closeToTray: true, trayAvailable: false })).toBe('close');
    // Quit from the tray menu really closes.
    expect(decideWindowClose({ quitting: true, closeToTray: true, trayAvailable: true })).toBe('close');
  });

  it('quits when the last window closes unless the tray keeps the station running', () => {
    expect(shouldQuitWhenAllClosed({ closeToTray: true, trayAvailable: true })).toBe(false);
    expect(shouldQuitWhenAllClosed({ closeToTray: false, trayAvailable: true })).toBe(true);
    expect(shouldQuitWhenAllClosed({ closeToTray: true, trayAvailable: false })).toBe(true);
  });
});

describe('a second launch', () => {
  const fakeWindow = (minimized: boolean, destroyed = false) => ({
    isDestroyed: () => destroyed,
    isMinimized: () => minimized,
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
  });

  it('brings the running window forward, restoring it from the taskbar', () => {
    const w = fakeWindow(true);
    const create = vi.fn();
    focusExisting(w, create);
    expect(w.restore).toHaveBeenCalledTimes(1);
    expect(w.show).toHaveBeenCalledTimes(1);
    expect(w.focus).toHaveBeenCalledTimes(1);
    expect(create).not.toHaveBeenCalled();
  });

  it('opens a window when the station runs in the tray without one', () => {
    const create = vi.fn();
    focusExisting(null, create);
    focusExisting(fakeWindow(false, true), create);
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('starts hidden only when launched by the login item', () => {
    expect(startedHidden(['/opt/Shipping Station/shipping-station', HIDDEN_ARG])).toBe(true);
    expect(startedHidden(['/opt/Shipping Station/shipping-station'])).toBe(false);
  });
});

describe('start at login', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'autostart-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the login item on Windows and macOS, started hidden', () => {
    const setLoginItemSettings = vi.fn();
    applyStartAtLogin(true, 'win32', { setLoginItemSettings }, { dir, exec: 'x' });
    applyStartAtLogin(false, 'darwin', { setLoginItemSettings }, { dir, exec: 'x' });
    expect(setLoginItemSettings.mock.calls).toEqual([
      [{ openAtLogin: true, args: [HIDDEN_ARG], openAsHidden: true }],
      [{ openAtLogin: false, args: [HIDDEN_ARG], openAsHidden: false }],
    ]);
    expect(existsSync(join(dir, AUTOSTART_FILE))).toBe(false);
  });

  it('writes and removes an XDG autostart entry on Linux, quoting the AppImage path', () => {
    const setLoginItemSettings = vi.fn();
    const exec = '/home/packer/Apps/Shipping Station-1.0.0.AppImage';
    applyStartAtLogin(true, 'linux', { setLoginItemSettings }, { dir: join(dir, 'autostart'), exec });
    const entry = readFileSync(join(dir, 'autostart', AUTOSTART_FILE), 'utf8');
    expect(entry).toContain(`Exec="${exec}" ${HIDDEN_ARG}`);
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application/);
    applyStartAtLogin(false, 'linux', { setLoginItemSettings }, { dir: join(dir, 'autostart'), exec });
    expect(existsSync(join(dir, 'autostart', AUTOSTART_FILE))).toBe(false);
    expect(setLoginItemSettings).not.toHaveBeenCalled();
  });
});

describe('quitting with a label in flight', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds the quit until the station has stopped, then quits once', async () => {
    let finish!: () => void;
    const quit = vi.fn();
    const c = new ShutdownCoordinator({
      stop: () => new Promise<void>((r) => (finish = r)),
      quit,
      clock: systemClock,
      log: recordingLogger().factory('main'),
    });
    expect(c.quitting).toBe(false);
    expect(c.beforeQuit()).toBe(true);
    expect(c.quitting).toBe(true);
    expect(c.beforeQuit()).toBe(true); // a second Cmd+Q while stopping is held too
    await vi.advanceTimersByTimeAsync(SHUTDOWN_GRACE_MS - 1);
    expect(quit).not.toHaveBeenCalled();
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(quit).toHaveBeenCalledTimes(1);
    expect(c.beforeQuit()).toBe(false); // the real quit goes through
  });

  it('quits at the grace limit when the work does not finish; it resumes at the next start', async () => {
    const quit = vi.fn();
    const logs = recordingLogger();
    const c = new ShutdownCoordinator({
      stop: () => new Promise<void>(() => undefined),
      quit,
      clock: systemClock,
      log: logs.factory('main'),
    });
    c.beforeQuit();
    await vi.advanceTimersByTimeAsync(SHUTDOWN_GRACE_MS - 1);
    expect(quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(quit).toHaveBeenCalledTimes(1);
    expect(logs.records.map((r) => r.message)).toContain('quit before work in flight finished; it resumes at the next start');
  });

  it('still quits when stopping fails, and logs why', async () => {
    const quit = vi.fn();
    const logs = recordingLogger();
    const c = new ShutdownCoordinator({
      stop: () => Promise.reject(new Error('db locked')),
      quit,
      clock: systemClock,
      log: logs.factory('main'),
    });
    c.beforeQuit();
    await vi.advanceTimersByTimeAsync(0);
    expect(quit).toHaveBeenCalledTimes(1);
    expect(logs.records.some((r) => r.level === 'error')).toBe(true);
  });
});

describe('language of the main process', () => {
  it('follows the setting, else the OS locale', () => {
    expect(resolveLanguage('zh-TW', 'en-US')).toBe('zh-TW');
    expect(resolveLanguage(null, 'zh-CN')).toBe('zh-CN');
    expect(resolveLanguage(null, 'zh-HK')).toBe('zh-TW');
    expect(resolveLanguage(null, 'zh-Hant-TW')).toBe('zh-TW');
    expect(resolveLanguage(null, 'de-DE')).toBe('en');
  });
});

describe('auto-update', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is off by default and needs a packaged build and an https address', () => {
    expect(updatePlan({ autoUpdate: false, updateUrl: null }, true)).toMatchObject({ enabled: false });
    expect(updatePlan({ autoUpdate: true, updateUrl: 'https://updates.example.com/station' }, false)).toMatchObject({ enabled: false });
    expect(updatePlan({ autoUpdate: true, updateUrl: 'http://updates.example.com/' }, true)).toMatchObject({ enabled: false });
    expect(updatePlan({ autoUpdate: true, updateUrl: 'https://updates.example.com/station' }, true)).toEqual({
      enabled: true,
      url: 'https://updates.example.com/station',
    });
  });

  it('points electron-updater at the generic feed and checks at start and every interval until turned off', () => {
    const checks = vi.fn(async () => null);
    const port: UpdaterPort = { autoDownload: false, autoInstallOnAppQuit: false, setFeedURL: vi.fn(), checkForUpdates: checks };
    const s = new UpdateScheduler(port, systemClock, recordingLogger().factory('updater'));
    s.apply({ enabled: true, url: 'https://updates.example.com/station' });
    expect(port.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.example.com/station' });
    expect(port.autoInstallOnAppQuit).toBe(true);
    expect(checks).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS - 1);
    expect(checks).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(checks).toHaveBeenCalledTimes(2);
    s.apply({ enabled: false, reason: 'automatic updates are off' });
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS * 3);
    expect(checks).toHaveBeenCalledTimes(2);
  });
});
