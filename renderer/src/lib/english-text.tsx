import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const HAN = /\p{Script=Han}/u;

/**
 * Text the station did not write in the packer's language (an API or
 * courier message, a printer's own words): marked `lang="en"` on a Chinese
 * screen so a screen reader reads it with an English voice.
 */
export function EnglishText({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  if (children === null || children === undefined || children === '') return null;
  // A station message the station already said in Chinese (settings are checked in the packer's language) is not English.
  if (i18n.language === 'en' || (typeof children === 'string' && HAN.test(children))) return <>{children}</>;
  return <span lang="en">{children}</span>;
}

/** A private-use character no message contains, around each English param while the sentence is split. */
const MARK = '\uE000';
const SPLIT = new RegExp(`${MARK}(\\w+)${MARK}`);

/**
 * `t(key, params)` where the params named in `english` hold English text from
 * outside (a core or courier message, a name the station made up in English):
 * each is marked `lang="en"` in place, unless it is in Chinese script.
 */
export function useMixedTranslation() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // Stable while the language is: callbacks and effects may depend on it.
  return useCallback(
    (key: string, params: Record<string, string | number>, english: readonly string[]): ReactNode => {
      if (language === 'en') return t(key as 'errors.generic', params);
      const marked: Record<string, string | number> = { ...params };
      // A value in Chinese script (a profile the packer named in Chinese) is left as it is.
      for (const name of english) if (!HAN.test(String(params[name] ?? ''))) marked[name] = `${MARK}${name}${MARK}`;
      const parts = t(key as 'errors.generic', marked).split(SPLIT);
      return parts.map((part, i) =>
        i % 2 === 1 ? (
          <span lang="en" key={i}>
            {String(params[part] ?? '')}
          </span>
        ) : (
          part
        ),
      );
    },
    [t, language],
  );
}
