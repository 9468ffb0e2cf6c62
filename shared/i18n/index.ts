/**
 * The one message catalogue (design rule 14): the renderer reads it through
 * i18next; the main process and core (notifications, packing slips, reports)
 * read it through `translate`, which speaks the same `{{name}}` interpolation
 * and `_one`/`_other` plural keys, so a sentence is written once per language.
 */
import type { Language } from '../domain/settings';
import { en, type Messages } from './en';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

export type { Messages };

export const CATALOGUES: Readonly<Record<Language, Messages>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

/** BCP 47 tag for Intl and `lang` attributes; zh-TW text is Traditional script. */
export function localeOf(language: string): string {
  return language === 'zh-TW' ? 'zh-Hant-TW' : language === 'zh-CN' ? 'zh-Hans-CN' : 'en';
}

function lookup(messages: unknown, path: readonly string[]): string | undefined {
  let node: unknown = messages;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * `translate('zh-CN', 'scan.notFound', { code })`. A `count` parameter picks
 * the `_one`/`_other` form by the language's plural rules, as i18next does.
 * A key missing in a language falls back to English, then to the key itself
 * (the catalogue test makes sure neither happens in practice).
 */
export function translate(language: Language, key: string, params: Readonly<Record<string, string | number>> = {}): string {
  const path = key.split('.');
  const count = params['count'];
  const candidates: string[][] = [];
  if (typeof count === 'number') {
    const form = new Intl.PluralRules(localeOf(language)).select(count);
    const last = path.at(-1) ?? '';
    candidates.push([...path.slice(0, -1), `${last}_${form}`], [...path.slice(0, -1), `${last}_other`]);
  }
  candidates.push(path);
  for (const messages of [CATALOGUES[language], CATALOGUES.en]) {
    for (const candidate of candidates) {
      const text = lookup(messages, candidate);
      if (text !== undefined)
        return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    }
  }
  return key;
}
