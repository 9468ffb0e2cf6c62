/**
 * Auto-update through electron-updater's generic provider (a plain https
 * folder with latest.yml the IT team controls). Off unless an admin turns
 * on `autoUpdate` and gives an `updateUrl`: a packing bench must not change
 * under a packer mid-shift without someone deciding it. Downloads happen in
 * the background and install when the app quits (never a forced restart).
 */
import type { StationSettings } from '../../shared/domain/settings';
import type { Clock, TimerHandle } from '../core/util/clock';
import type { Logger } from '../core/util/log';

/** Once at start-up, then every few hours while the station runs all day. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60_000;

export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
}

export type UpdatePlan = { enabled: false; reason: string } | { enabled: true; url: string };

export function updatePlan(settings: Pick<StationSettings, 'autoUpdate' | 'updateUrl'>, packaged: boolean): UpdatePlan {
  if (!packaged) return { enabled: false, reason: 'not a packaged build' };
  if (!settings.autoUpdate) return { enabled: false, reason: 'automatic updates are off' };
  if (!settings.updateUrl?.startsWith('https://')) return { enabled: false, reason: 'no https update address' };
  return { enabled: true, url: settings.updateUrl };
}

export class UpdateScheduler {
  readonly #updater: UpdaterPort;
  readonly #log: Logger;
  readonly #clock: Clock;
  #timer: TimerHandle | null = null;

  constructor(updater: UpdaterPort, clock: Clock, log: Logger) {
    this.#updater = updater;
    this.#clock = clock;
    this.#log = log;
  }

  /** Re-applied whenever the settings change. */
  apply(plan: UpdatePlan): void {
    this.stop();
    if (!plan.enabled) {
      this.#log.info('auto-update disabled', { reason: plan.reason });
      return;
    }
    this.#updater.autoDownload = true;
    this.#updater.autoInstallOnAppQuit = true;
    this.#updater.setFeedURL({ provider: 'generic', url: plan.url });
    const check = (): void => {
      this.#updater.checkForUpdates().catch((e: unknown) => this.#log.warn('update check failed', { url: plan.url, error: e }));
      this.#timer = this.#clock.setTimeout(check, UPDATE_CHECK_INTERVAL_MS);
    };
    check();
  }

  stop(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
