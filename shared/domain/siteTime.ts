import type { LocalDay } from './localNumber';

/**
 * Calendar facts in the site's own time zone (Paris, Réunion, Martinique…): a night shift in
 * Saint-Denis must not number its dossiers with Paris' date.
 */
export function localDay(instant: Date, timeZone: string): LocalDay {
  const parts = dayFormat(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const year = get('year');
  const month = get('month');
  const day = get('day');
  const startOfYear = Date.UTC(year, 0, 1);
  const dayOfYear = Math.round((Date.UTC(year, month - 1, day) - startOfYear) / 86_400_000) + 1;
  return { year, dayOfYear };
}

// Building a DateTimeFormat loads the zone's rules (~0.1 ms): far more than formatting with it,
// and localDay runs inside every dossier creation's transaction.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(kind: 'time' | 'dateTime', timeZone: string, locale: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}|${locale}`;
  let format = formats.get(key);
  if (!format) {
    const time = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } as const;
    format = new Intl.DateTimeFormat(locale, kind === 'time' ? { timeZone, ...time } : { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', ...time });
    formats.set(key, format);
  }
  return format;
}

/** A time of day on the site's clock (never the workstation's own zone). */
export function formatTime(instant: Date, timeZone: string, locale: string): string {
  return cachedFormat('time', timeZone, locale).format(instant);
}

/** Date and time on the site's clock, for notes, history and reports. */
export function formatDateTime(instant: Date, timeZone: string, locale: string): string {
  return cachedFormat('dateTime', timeZone, locale).format(instant);
}
