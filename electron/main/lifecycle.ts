/**
 * The app's lifecycle decisions, apart from Electron so they can be tested:
 * what closing the window does, what a second launch does, how start at
 * login is set on each platform, and how quitting waits for work in flight.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../core/util/clock';
import type { Logger } from '../core/util/log';

/** Passed by the login item so the station starts in the tray without a window. */
export const HIDDEN_ARG = '--hidden';

export type CloseDecision = 'hide-to-tray' | 'close';

/**
 * Closing the window hides it when the station should keep running (tracking,
 * auto-print of queued labels) and a tray icon exists to bring it back.
 * Without a tray (some Linux desktops) hiding would leave an invisible app.
 */
export function decideWindowClose(state: { quitting: boolean; closeToTray: boolean; trayAvailable: boolean }): CloseDecision {
  if (state.quitting) return 'close';
  return state.closeToTray && state.trayAvailable ? 'hide-to-tray' : 'close';
}

/** Whether the last window closing quits the app (it does unless the tray keeps it). */
export function shouldQuitWhenAllClosed(state: { closeToTray: boolean; trayAvailable: boolean }): boolean {
  return !(state.closeToTray && state.trayAvailable);
}

export function startedHidden(argv: readonly string[]): boolean {
  return argv.includes(HIDDEN_ARG);
}

/** The slice of BrowserWindow a second launch needs. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** A second launch (double-clicked again, or from the start menu) brings the running station forward. */
export function focusExisting(win: FocusableWindow | null, createWindow: () => void): void {
  if (!win || win.isDestroyed()) {
    createWindow();
    return;
  }
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

export interface LoginItemPort {
  /** Electron's app.setLoginItemSettings (macOS, Windows). */
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[]; openAsHidden?: boolean }): void;
}

export interface LinuxAutostart {
  /** ~/.config/autostart (XDG_CONFIG_HOME respected). */
  dir: string;
  /** The command to start: the AppImage file when run from one, else the executable. */
  exec: string;
}

export const AUTOSTART_FILE = 'shipping-station.desktop';

export function autostartDesktopEntry(exec: string): string {
  // Quote the path: AppImages live in folders with spaces ("Shipping Station-1.0.0.AppImage").
  const quoted = `"${exec.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Shipping Station',
    `Exec=${quoted} ${HIDDEN_ARG}`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Electron's login items do nothing on Linux, so there we write (or remove)
 * an XDG autostart entry ourselves.
 */
export function applyStartAtLogin(enabled: boolean, platform: NodeJS.Platform, loginItems: LoginItemPort, linux: LinuxAutostart): void {
  if (platform === 'linux') {
    const file = join(linux.dir, AUTOSTART_FILE);
    if (enabled) {
      mkdirSync(linux.dir, { recursive: true });
      writeFileSync(file, autostartDesktopEntry(linux.exec));
    } else {
      rmSync(file, { force: true });
    }
    return;
  }
  loginItems.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG], openAsHidden: enabled });
}

/** Long enough for a label in flight to get its answer and document; short enough that logging off is not held up. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Quitting with a label in flight: the first `before-quit` is held back while
 * the station stops (the workflow finishes the step it is in; anything not
 * finished is resumed from its saved state at the next start), capped at
 * SHUTDOWN_GRACE_MS; then the app quits for real.
 */
export class ShutdownCoordinator {
  #state: 'running' | 'stopping' | 'stopped' = 'running';
  readonly #stop: () => Promise<void>;
  readonly #quit: () => void;
  readonly #clock: Clock;
  readonly #log: Logger;

  constructor(deps: { stop: () => Promise<void>; quit: () => void; clock: Clock; log: Logger }) {
    this.#stop = deps.stop;
    this.#quit = deps.quit;
    this.#clock = deps.clock;
    this.#log = deps.log;
  }

  get quitting(): boolean {
    return this.#state !== 'running';
  }

  /** Wire to `before-quit`; returns whether the event must be prevented (we quit again once stopped). */
  beforeQuit(): boolean {
    if (this.#state === 'stopped') return false;
    if (this.#state === 'stopping') return true;
    this.#state = 'stopping';
    let timer: ReturnType<Clock['setTimeout']> | null = null;
    const grace = new Promise<'timeout'>((resolve) => {
      timer = this.#clock.setTimeout(() => resolve('timeout'), SHUTDOWN_GRACE_MS);
    });
    const stopped = this.#stop().then(
      () => 'stopped' as const,
      (e: unknown) => {
        this.#log.error('the station did not stop cleanly', { error: e });
        return 'failed' as const;
      },
    );
    void Promise.race([stopped, grace]).then((outcome) => {
      if (timer !== null) this.#clock.clearTimeout(timer);
      if (outcome === 'timeout')
        this.#log.warn('quit before work in flight finished; it resumes at the next start', { graceMs: SHUTDOWN_GRACE_MS });
      this.#state = 'stopped';
      this.#quit();
    });
    return true;
  }
}
