import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../i18n';

export interface Formatters {
  /** Date and time in the station's own time zone. */
  dateTime(iso: string): string;
  /** The same instant in UTC, for the hover text. */
  utc(iso: string): string;
  time(iso: string): string;
  number(n: number): string;
  /** When something happened, as a packer reads a list: "5 min ago" within the hour, "10:42" today, else the date. */
  activity(iso: string, now: number): string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** The current time, moving on every `tickMs` (lists that say "5 min ago"). */
export function useNow(tickMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return now;
}

const UTC_ZONE = 'UTC';

/** Every date and number on screen goes through Intl in the current language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formattersFor(localeOf(i18n.language));
}

/** Intl formatters are costly to build (a list row mounts many times a second while scrolling): one set per locale. */
const cache = new Map<string, Formatters>();

export function formattersFor(locale: string): Formatters {
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
  // 24-hour clock on the bench: "10:42", "17:05".
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const safe = (f: Intl.DateTimeFormat, iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : f.format(d);
  };
  return {
    dateTime: (iso) => safe(dt, iso),
    utc: (iso) => safe(utc, iso),
    time: (iso) => safe(time, iso),
    number: (n) => num.format(n),
    activity: (iso, now) => {
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return iso;
      const ago = now - d.getTime();
      if (ago >= 0 && ago < HOUR_MS) return relative.format(-Math.floor(ago / MINUTE_MS), 'minute');
      return new Date(now).toDateString() === d.toDateString() ? clock.format(d) : day.format(d);
    },
  };
}
