/**
 * The sentences the main process shows itself (tray, desktop notifications),
 * read from the one catalogue in shared/i18n (section `desktop`; design rule
 * 14), in the shape the tray and notifier take.
 */
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/domain/settings';
import { TAGS, type Tag } from '../../shared/domain/tags';

export interface MainStrings {
  open: string;
  pauseTracking: string;
  resumeTracking: string;
  recent: string;
  noRecent: string;
  quit: string;
  health: { ok: string; paused: string; backingOff: string; printerProblem: string };
  tagTitle: Record<Tag, string>;
  digestTitle: (count: number) => string;
  digestBody: (byTag: string) => string;
  /** Pieces of a single change's body: "YT123 · order A-1 · to Pat Buyer". */
  someShipment: string;
  order: (order: string) => string;
  to: (name: string) => string;
  keepsRunning: string;
  settingsRepaired: string;
}

/** The setting wins; otherwise the OS locale (zh-HK/zh-MO/zh-Hant read as Traditional). */
export function resolveLanguage(setting: Language | null, osLocale: string): Language {
  if (setting) return setting;
  const locale = osLocale.toLowerCase();
  if (!locale.startsWith('zh')) return 'en';
  return /hant|tw|hk|mo/.test(locale) ? 'zh-TW' : 'zh-CN';
}

export function mainStrings(language: Language): MainStrings {
  const say = (key: string, params?: Record<string, string | number>) => translate(language, `desktop.${key}`, params);
  return {
    open: say('open'),
    pauseTracking: say('pauseTracking'),
    resumeTracking: say('resumeTracking'),
    recent: say('recent'),
    noRecent: say('noRecent'),
    quit: say('quit'),
    health: {
      ok: say('health.ok'),
      paused: say('health.paused'),
      backingOff: say('health.backingOff'),
      printerProblem: say('health.printerProblem'),
    },
    tagTitle: Object.fromEntries(TAGS.map((tag) => [tag, say(`tagTitle.${tag}`)])) as Record<Tag, string>,
    digestTitle: (count) => say('digestTitle', { count }),
    digestBody: (byTag) => byTag,
    someShipment: say('someShipment'),
    order: (order) => say('order', { order }),
    to: (name) => say('to', { name }),
    keepsRunning: say('keepsRunning'),
    settingsRepaired: say('settingsRepaired'),
  };
}
