import { useTranslation } from 'react-i18next';
import { localeOf } from '../i18n';

export interface Formatters {
  /** Date and time in the station's own time zone. */
  dateTime(iso: string): string;
  /** The same instant in UTC, for the hover text. */
  utc(iso: string): string;
  time(iso: string): string;
  number(n: number): string;
}

const UTC_ZONE = 'UTC';

/** Every date and number on screen goes through Intl in the current language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formattersFor(localeOf(i18n.language));
}

/** Intl formatters are costly to build (a list row mounts many times a second while scrolling): one set per locale. */
const cache = new Map<string, Formatters>();

function formattersFor(locale: string): Formatters {
  let f = cache.get(locale);
  if (!f) {
    f = build(locale);
    cache.set(locale, f);
  }
  return f;
}

function build(locale: string): Formatters {
  const dt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const utc = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long', timeZone: UTC_ZONE });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const num = new Intl.NumberFormat(locale);
  const safe = (f: Intl.DateTimeFormat, iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : f.format(d);
  };
  return {
    dateTime: (iso) => safe(dt, iso),
    utc: (iso) => safe(utc, iso),
    time: (iso) => safe(time, iso),
    number: (n) => num.format(n),
  };
}
