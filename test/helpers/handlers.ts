import { CHANNELS } from '../../shared/contract';
import type { Handlers } from '../../electron/core/invoke';
import { DEFAULT_NOTIFY_TAGS, type SettingsView } from '../../shared/domain/settings';

/**
 * A complete handler map for tests of the plumbing (invoke, IPC): the given
 * handlers answer, every other entry fails loudly if a test reaches it. New
 * contract entries need no edit here.
 */
export function stubHandlers(given: Partial<Handlers>): Handlers {
  const all: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    all[channel] =
      given[channel] ??
      (async () => {
        throw new Error(`test handler for ${channel} was not provided`);
      });
  }
  return all as Handlers;
}

export const SAMPLE_SETTINGS_VIEW: SettingsView = {
  environment: 'sandbox',
  customBaseUrl: null,
  hasApiToken: false,
  tokenProtection: 'none',
  hasFlashAmericasKey: false,
  hasFlashAmericasWebhookSecret: false,
  notices: [],
  stationName: 'Bench 1',
  language: null,
  autoPrint: true,
  closeToTray: true,
  startAtLogin: false,
  notifyTags: { ...DEFAULT_NOTIFY_TAGS },
  notifySiteWide: false,
  shipFrom: null,
  scanReprint: false,
  scanner: { burstMinChars: 6, burstMaxGapMs: 35, sound: false },
  updateUrl: null,
  autoUpdate: false,
  privateDocumentHosts: [],
  declaredValueConfirmAbove: 1_000,
};
