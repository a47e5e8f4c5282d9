/**
 * Hub Santé date-times: `YYYY-MM-DDThh:mm:ss±hh:mm`, seconds only, never `Z` (the official
 * pattern refuses both milliseconds and `Z`), in the site's own offset so that a reader sees
 * the regulation room's wall clock.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formats.set(timeZone, f);
  }
  return f;
}

export const HUB_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$/;

/**
 * The last text written per time zone: a catch-up builds thousands of messages within the same
 * second, and formatToParts was the costliest step of building one (profile of the hub bench).
 */
const lastWritten = new Map<string, { second: number; text: string }>();

export function hubDateTime(instant: Date | string | number, timeZone: string): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(instant)}`);
  const second = Math.floor(date.getTime() / 1000);
  const last = lastWritten.get(timeZone);
  if (last?.second === second) return last.text;
  const text = formatHubDateTime(date, timeZone);
  lastWritten.set(timeZone, { second, text });
  return text;
}

function formatHubDateTime(date: Date, timeZone: string): string {
  const parts = format(timeZone).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // "GMT+01:00", or a bare "GMT" at UTC offset, written "+00:00" (the pattern accepts it).
  const zone = get('timeZoneName').replace('GMT', '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${zone}`;
}

const PARTS = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})([-+])(\d{2}):(\d{2}))?$/;

/** Whether a `YYYY-MM-DD` day exists (Date.parse rolls 30 February over to 2 March). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && dayExists(Number(m[1]), Number(m[2]), Number(m[3]));
}

function dayExists(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC: no time-zone or DST shift).
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Milliseconds since the epoch of a Hub date-time (offset included); NaN when malformed or when
 * the date or time does not exist (30 February, 24:00, an offset beyond ±14:00).
 */
export function parseHubDateTime(text: string): number {
  const m = HUB_DATE_TIME.test(text) ? PARTS.exec(text) : null;
  if (!m) return Number.NaN;
  const [year, month, day, hour, minute, second, , offsetHours, offsetMinutes] = m.slice(1).map(Number) as number[];
  if (!dayExists(year!, month!, day!) || hour! > 23 || minute! > 59 || second! > 59 || offsetHours! > 14 || offsetMinutes! > 59) return Number.NaN;
  return Date.parse(text);
}
