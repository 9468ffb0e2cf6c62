/**
 * Design rule 14: one catalogue for every language, and a test that fails on
 * a missing key or an English fallback in zh-CN / zh-TW.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUES, translate } from '../../shared/i18n';
import { en } from '../../shared/i18n/en';
import { englishWords, leaves } from '../helpers/english';

/** Keys whose text is the same in every language on purpose: names of languages and of providers. */
const SAME_IN_EVERY_LANGUAGE = [/^languages\./, /^providers\./];

describe('the message catalogue', () => {
  for (const language of ['zh-CN', 'zh-TW'] as const) {
    const catalogue = CATALOGUES[language];

    it(`${language} has every English key, and no key English lacks`, () => {
      const want = leaves(en).map(([k]) => k);
      const have = leaves(catalogue).map(([k]) => k);
      expect(
        want.filter((k) => !have.includes(k)),
        'missing in ' + language,
      ).toEqual([]);
      expect(
        have.filter((k) => !want.includes(k)),
        'not in English',
      ).toEqual([]);
    });

    it(`${language} says every message in Chinese (no English fallback)`, () => {
      // A text the same as English passes only when it has no English words in it ("DPI", "{{message}}").
      const fallbacks = leaves(catalogue)
        .filter(([key]) => !SAME_IN_EVERY_LANGUAGE.some((p) => p.test(key)))
        .filter(([, text]) => englishWords(text).length > 0)
        .map(([key, text]) => `${key}: ${text}`);
      expect(fallbacks).toEqual([]);
    });

    it(`${language} keeps every {{param}} of the English text`, () => {
      const params = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
      const english = new Map(leaves(en));
      const lost = leaves(catalogue)
        .filter(([key, text]) => JSON.stringify(params(text)) !== JSON.stringify(params(english.get(key) ?? '')))
        .map(([key]) => key);
      expect(lost).toEqual([]);
    });
  }

  it('finds the English a test must catch', () => {
    expect(englishWords('电话号码至少需要 5 位数字。')).toEqual([]);
    expect(englishWords('请选择国家（如 US、JP、GB）；name@example.com；重量 0.5 kg；Flash Americas')).toEqual([]);
    expect(englishWords('The phone number needs at least 5 digits.')).not.toEqual([]);
    expect(englishWords('请填写 the first name。')).toEqual(['the', 'first', 'name']);
  });

  it('the main process reads its tray and notification words from the same catalogue', () => {
    expect(translate('zh-TW', 'desktop.pauseTracking')).toBe('暫停追蹤');
    expect(translate('en', 'desktop.digestTitle', { count: 4 })).toBe('4 shipments changed status');
  });
});
