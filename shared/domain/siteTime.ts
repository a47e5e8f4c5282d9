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
    // English dates with the month's name: 12/05/2026 is 5 December to a Briton and 12 May to an American.
    const english = locale.startsWith('en');
    format =
      kind === 'time'
        ? new Intl.DateTimeFormat(locale, { timeZone, ...time })
        : english
          ? new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', ...time })
          : new Intl.DateTimeFormat(locale, { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', ...time });
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

const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    wallFormats.set(timeZone, format);
  }
  return format;
}

/** The site's wall clock at this instant, as numbers (seconds included). */
function wallClock(instant: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = wallFormat(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** How far the site's clock is ahead of UTC at this instant, in ms (Paris: 1 h or 2 h, Réunion: 4 h). */
function zoneOffset(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

const SITE_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

/**
 * "YYYY-MM-DDTHH:MM" read on the site's clock (what an OSNP in Saint-Denis types, whatever the
 * workstation's own zone), to the instant. null when the text is not such a time or the time
 * does not exist on that clock (the hour skipped when summer time starts). A time that happens
 * twice (the hour repeated in autumn) is the first one.
 */
export function parseSiteLocal(text: string, timeZone: string): Date | null {
  const m = SITE_LOCAL.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Zone changes are months apart: the offset a day before and a day after cover both sides of one.
  const candidates = [...new Set([zoneOffset(wall - 86_400_000, timeZone), zoneOffset(wall + 86_400_000, timeZone)])]
    .map((offset) => wall - offset)
    .filter((instant) => {
      const w = wallClock(instant, timeZone);
      return w.year === year && w.month === month && w.day === day && w.hour === hour && w.minute === minute;
    })
    .sort((a, b) => a - b);
  return candidates.length > 0 ? new Date(candidates[0]!) : null;
}

/** The instant as "YYYY-MM-DDTHH:MM" on the site's clock: the inverse of parseSiteLocal. */
export function toSiteLocal(instant: Date, timeZone: string): string {
  const w = wallClock(instant.getTime(), timeZone);
  const p = (n: number, size = 2) => String(n).padStart(size, '0');
  return `${p(w.year, 4)}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`;
}
