import { parseSiteLocal, toSiteLocal } from './siteTime';

/**
 * Dates as a French regulation room types and reads them: JJ/MM/AAAA HH:MM, on the site's clock.
 * Usual short forms are accepted — "6/12 9h30", "06/12/26 9h", "06.12.2026 à 09:30", "demain 9h",
 * "aujourd'hui 14h15" — and the ISO form the first screens asked for. A date without its year is
 * the next one to come (on 31/12, "02/01" is next January). Pure: "now" is given.
 */

export type DateEntryProblem = 'format' | 'noSuchDate' | 'noSuchTime';
export type DateEntry = { ok: true; instant: Date } | { ok: false; problem: DateEntryProblem };

const RELATIVE: Record<string, number> = { "aujourd'hui": 0, 'aujourd’hui': 0, auj: 0, demain: 1, 'après-demain': 2, 'apres-demain': 2, today: 0, tomorrow: 1 };
const TIME = String.raw`(\d{1,2})\s*(?:[:hH]\s*(\d{2})?)`;
const NUMERIC = new RegExp(String.raw`^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?\s*(?:à|a|,)?\s*${TIME}$`);
const WORDED = new RegExp(String.raw`^(\S+)\s*(?:à|a)?\s*${TIME}$`);

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, size = 2) => String(n).padStart(size, '0');

function build(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): DateEntry {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, problem: 'noSuchDate' };
  if (hour > 23 || minute > 59) return { ok: false, problem: 'noSuchTime' };
  // null here: the hour skipped when summer time starts on the site's clock.
  const instant = parseSiteLocal(`${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`, timeZone);
  return instant ? { ok: true, instant } : { ok: false, problem: 'noSuchTime' };
}

/** The site's calendar day of an instant. */
function siteDay(instant: Date, timeZone: string): { year: number; month: number; day: number } {
  const local = toSiteLocal(instant, timeZone);
  return { year: Number(local.slice(0, 4)), month: Number(local.slice(5, 7)), day: Number(local.slice(8, 10)) };
}

export function parseDateEntry(text: string, now: Date, timeZone: string): DateEntry {
  const typed = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const iso = /^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})$/.exec(typed);
  if (iso) {
    const [y, mo, d, h, mi] = iso.slice(1).map(Number) as [number, number, number, number, number];
    return build(y, mo, d, h, mi, timeZone);
  }
  const today = siteDay(now, timeZone);
  const numeric = NUMERIC.exec(typed);
  if (numeric) {
    const [, d, mo, y, h, mi] = numeric;
    const day = Number(d);
    const month = Number(mo);
    const hour = Number(h);
    const minute = Number(mi ?? 0);
    if (y !== undefined) return build(y.length === 2 ? 2000 + Number(y) : Number(y), month, day, hour, minute, timeZone);
    // Without a year: this year, unless that day is already past on the site's calendar.
    const past = month < today.month || (month === today.month && day < today.day);
    const year = past ? today.year + 1 : today.year;
    return build(year, month, day, hour, minute, timeZone);
  }
  const worded = WORDED.exec(typed);
  if (worded && RELATIVE[worded[1]!] !== undefined) {
    const shifted = new Date(Date.UTC(today.year, today.month - 1, today.day + RELATIVE[worded[1]!]!));
    return build(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate(), Number(worded[2]), Number(worded[3] ?? 0), timeZone);
  }
  return { ok: false, problem: 'format' };
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An instant as the room reads it on the site's clock: "06/12/2026 09:30" in French, "6 Dec 2026
 * 09:30" in English (never 12/06, which an English reader takes for the 6th of December and an
 * American for June).
 */
export function formatDateEntry(instant: Date, timeZone: string, language: string): string {
  const local = toSiteLocal(instant, timeZone);
  const [year, month, day, time] = [local.slice(0, 4), Number(local.slice(5, 7)), local.slice(8, 10), local.slice(11, 16)];
  return language.startsWith('en') ? `${Number(day)} ${MONTHS_EN[month - 1]} ${year} ${time}` : `${day}/${pad(month)}/${year} ${time}`;
}
