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

export function hubDateTime(instant: Date | string | number, timeZone: string): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(instant)}`);
  const parts = format(timeZone).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // "GMT+01:00", or a bare "GMT" at UTC offset, written "+00:00" (the pattern accepts it).
  const zone = get('timeZoneName').replace('GMT', '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${zone}`;
}

/** Milliseconds since the epoch of a Hub date-time (offset included); NaN when malformed. */
export function parseHubDateTime(text: string): number {
  return HUB_DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
}
