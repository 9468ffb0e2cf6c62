import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';
import { zhTW } from './locales/zh-TW';
import { LANGUAGES, type Language } from '../../../shared/domain/settings';

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
  'zh-TW': { translation: zhTW },
} as const;

/** zh-Hant regions read Traditional; other zh Simplified; everything else English. */
export function pickLanguage(locales: readonly string[]): Language {
  for (const raw of locales) {
    const tag = raw.toLowerCase();
    if (tag.startsWith('zh')) {
      return /hant|-tw|-hk|-mo/.test(tag) ? 'zh-TW' : 'zh-CN';
    }
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false,
  });
  return instance;
}

/** BCP 47 tag for Intl and `<html lang>`; zh-TW text is Traditional script. */
export function localeOf(language: string): string {
  return language === 'zh-TW' ? 'zh-Hant-TW' : language === 'zh-CN' ? 'zh-Hans-CN' : 'en';
}
