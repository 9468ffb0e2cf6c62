import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CATALOGUES, localeOf } from '../../../shared/i18n';
import { LANGUAGES, type Language } from '../../../shared/domain/settings';

export { localeOf };

export const resources = {
  en: { translation: CATALOGUES.en },
  'zh-CN': { translation: CATALOGUES['zh-CN'] },
  'zh-TW': { translation: CATALOGUES['zh-TW'] },
} as const;

/** The station language an i18next language code stands for (one of ours, else English). */
export function languageOf(code: string): Language {
  return code === 'zh-CN' || code === 'zh-TW' ? code : 'en';
}

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
