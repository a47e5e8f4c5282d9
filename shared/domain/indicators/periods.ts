/**
 * The periods indicators are counted in, always on the site's clock (the configuration's
 * `timeZone`: Europe/Paris, Indian/Reunion…), never the workstation's own zone.
 *
 * The unit is the site-local clock hour, written `YYYY-MM-DDTHH`. Days, ISO weeks and months are
 * unions of those hours, so every figure of a longer period is the sum of its hours. On the
 * autumn DST night the local hour 02:00–03:00 happens twice: both real hours fall into the one
 * bucket `…T02` (the day still holds all its 25 hours of calls); in spring the skipped hour is
 * simply an empty bucket that never appears.
 */
import { toSiteLocal } from '../siteTime';

export const GRANULARITIES = ['hour', 'day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** `YYYY-MM-DDTHH`: the site-local hour an instant falls in. */
export function siteHour(instant: string | number | Date, timeZone: string): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  return toSiteLocal(date, timeZone).slice(0, 13);
}

/** `YYYY-MM-DD` of a site-local hour key (or a day key). */
export function dayOf(hourKey: string): string {
  return hourKey.slice(0, 10);
}

/** ISO 8601 week of a local calendar day, `YYYY-Www` (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week decides its year
  const weekYear = date.getUTCFullYear();
  const week = 1 + Math.floor((date.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * 86_400_000));
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** The bucket of a given granularity an hour key belongs to. */
export function bucketOf(hourKey: string, granularity: Granularity): string {
  switch (granularity) {
    case 'hour':
      return hourKey;
    case 'day':
      return dayOf(hourKey);
    case 'week':
      return isoWeek(dayOf(hourKey));
    case 'month':
      return hourKey.slice(0, 7);
  }
}

/** The calendar day after a `YYYY-MM-DD` day (pure calendar arithmetic, no zone involved). */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Every calendar day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length < 1_000; day = nextDay(day)) days.push(day);
  return days;
}

/** A period of whole site-local days, `from` and `to` included (what the supervisor picks). */
export interface DayRange {
  from: string;
  to: string;
}

/** The hour-key bounds [start, end) of a day range: compare hour keys as strings. */
export function hourBounds(range: DayRange): { start: string; end: string } {
  return { start: `${range.from}T00`, end: `${nextDay(range.to)}T00` };
}
