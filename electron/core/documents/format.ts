/**
 * Dates, times and numbers as the documents print them. Dates are ISO-shaped
 * (2026-03-01 14:05) in every language: a handover list is read by drivers
 * and clerks of any country, and "03/01" means two different days to them.
 * Numbers follow the packer's language.
 */
import type { Language } from '../../../shared/domain/settings';
import { localeOf } from '../../../shared/i18n';
import type { TimeRange } from './types';

const MS_PER_MINUTE = 60_000;
const GRAMS_PER_KG = 1000;
export const WEIGHT_DECIMALS = 3;

export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(date: Date, timeZone: string): Parts {
  let format = partFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, format);
  }
  const parts = format.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Minutes east of UTC in `timeZone` at `date` (+480 for Asia/Shanghai). */
export function offsetMinutes(date: Date, timeZone: string): number {
  const p = partsIn(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / MS_PER_MINUTE);
}

/** 2026-03-01 */
export function formatDay(date: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** 2026-03-01 14:05 */
export function formatDateTime(date: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** 14:05 */
export function formatTime(date: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** 2026-03-01T14:05:09+08:00: what a spreadsheet or another system reads back without guessing the zone. */
export function isoWithOffset(date: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  const offset = offsetMinutes(date, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The range printed in a header: "2026-03-01" for one whole local day,
 * else "2026-03-01 06:00 – 2026-03-01 14:00".
 */
export function formatRange(range: TimeRange, timeZone: string): string {
  const day = formatDay(range.from, timeZone);
  const whole = localDayRange(day, timeZone);
  if (whole.from.getTime() === range.from.getTime() && whole.to.getTime() === range.to.getTime()) return day;
  return `${formatDateTime(range.from, timeZone)} – ${formatDateTime(range.to, timeZone)}`;
}

/** True when the whole range falls on one local date: times alone then say when. */
export function withinOneDay(range: TimeRange, timeZone: string): boolean {
  return formatDay(range.from, timeZone) === formatDay(new Date(range.to.getTime() - 1), timeZone);
}

/**
 * Local midnight to the next local midnight of `day` (YYYY-MM-DD) in
 * `timeZone`, as a half-open range: 23 or 25 hours on a daylight-saving day.
 */
export function localDayRange(day: string, timeZone: string): TimeRange {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`Expected a day as YYYY-MM-DD, got "${day}"`);
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return { from: localMidnight(year, month, date, timeZone), to: localMidnight(year, month, date + 1, timeZone) };
}

function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const naive = Date.UTC(year, month - 1, day);
  // Two rounds settle the offset, also when midnight is on the other side of a daylight-saving change.
  let guess = naive - offsetMinutes(new Date(naive), timeZone) * MS_PER_MINUTE;
  guess = naive - offsetMinutes(new Date(guess), timeZone) * MS_PER_MINUTE;
  return new Date(guess);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(language: Language, decimals: number): Intl.NumberFormat {
  const key = `${language}/${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(language), { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(key, format);
  }
  return format;
}

export function formatCount(n: number, language: Language): string {
  return numberFormat(language, 0).format(n);
}

export function formatWeight(kg: number, language: Language): string {
  return numberFormat(language, WEIGHT_DECIMALS).format(kg);
}

/** Weights added up in whole grams, so a total of 500 parcels carries no floating-point crumbs. */
export function sumKg(weights: Iterable<number>): number {
  let grams = 0;
  for (const kg of weights) grams += Math.round(kg * GRAMS_PER_KG);
  return grams / GRAMS_PER_KG;
}
