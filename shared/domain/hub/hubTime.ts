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
 * A zone's offset only changes on a quarter hour of UTC (every DST rule and every zone's offset is
 * a whole number of quarter hours), so it is looked up once per zone and quarter hour and the
 * text is then built with arithmetic: formatToParts on every date was the costliest step of
 * building a message in a catch-up (profile of the hub bench).
 */
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, { offsetMinutes: number; text: string }>();

function offsetAt(ms: number, timeZone: string): { offsetMinutes: number; text: string } {
  const quarter = Math.floor(ms / QUARTER_HOUR);
  const key = `${timeZone}\u0000${quarter}`;
  let offset = offsets.get(key);
  if (!offset) {
    const parts = format(timeZone).formatToParts(new Date(quarter * QUARTER_HOUR));
    // "GMT+01:00", or a bare "GMT" at UTC offset, written "+00:00" (the pattern accepts it).
    const text = (parts.find((p) => p.type === 'timeZoneName')?.value ?? '').replace('GMT', '') || '+00:00';
    const m = /^([+-])(\d{2}):(\d{2})$/.exec(text);
    if (!m) throw new RangeError(`unexpected offset ${text} for ${timeZone}`);
    offset = { offsetMinutes: (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])), text };
    // Bounded: a long-running post formats dates of many quarter hours.
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

const two = (n: number) => String(n).padStart(2, '0');

export function hubDateTime(instant: Date | string | number, timeZone: string): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${String(instant)}`);
  const offset = offsetAt(ms, timeZone);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset.offsetMinutes * 60_000);
  return `${String(local.getUTCFullYear()).padStart(4, '0')}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}${offset.text}`;
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
