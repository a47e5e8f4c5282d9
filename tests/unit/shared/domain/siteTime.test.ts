import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime, isValidTimeZone, localDay, parseSiteLocal, toSiteLocal } from '../../../../shared/domain/siteTime';

// 2026-03-29 00:30 UTC: Paris has just switched to summer time (02:30 CEST); Réunion is UTC+4 all year.
const dstNight = new Date('2026-03-29T00:30:00Z');

describe('site time', () => {
  it('shows times on the site clock: Paris and Réunion differ, whatever the workstation zone', () => {
    expect(formatTime(new Date('2026-01-15T22:05:09Z'), 'Europe/Paris', 'fr')).toBe('23:05:09');
    expect(formatTime(new Date('2026-01-15T22:05:09Z'), 'Indian/Reunion', 'fr')).toBe('02:05:09');
    expect(formatTime(dstNight, 'Europe/Paris', 'fr')).toBe('01:30:00');
    expect(formatTime(new Date('2026-03-29T01:30:00Z'), 'Europe/Paris', 'fr')).toBe('03:30:00');
  });

  it('dates a note with the site day, which may differ from Paris', () => {
    expect(formatDateTime(new Date('2026-01-15T22:05:09Z'), 'Europe/Paris', 'fr')).toBe('15/01/2026 23:05:09');
    expect(formatDateTime(new Date('2026-01-15T22:05:09Z'), 'Indian/Reunion', 'fr')).toBe('16/01/2026 02:05:09');
    expect(formatDateTime(new Date('2026-01-15T22:05:09Z'), 'Indian/Reunion', 'en')).toMatch(/16.*2026.*02:05:09/);
  });

  it('writes English dates with the month’s name: never 12/05 for 5 December', () => {
    expect(formatDateTime(new Date('2026-12-05T08:30:00Z'), 'Europe/Paris', 'en')).toBe('5 Dec 2026, 09:30:00');
  });

  it('counts the day of the year on the site calendar', () => {
    expect(localDay(new Date('2026-12-31T21:00:00Z'), 'Europe/Paris')).toEqual({ year: 2026, dayOfYear: 365 });
    expect(localDay(new Date('2026-12-31T21:00:00Z'), 'Indian/Reunion')).toEqual({ year: 2027, dayOfYear: 1 });
  });

  it('tells a real zone from a typo', () => {
    expect(isValidTimeZone('Indian/Reunion')).toBe(true);
    expect(isValidTimeZone('America/Martinique')).toBe(true);
    expect(isValidTimeZone('Europe/Pariss')).toBe(false);
  });

  it('reads a site-local time typed by the OSNP as the instant on the site clock', () => {
    expect(parseSiteLocal('2026-11-24T09:30', 'Europe/Paris')?.toISOString()).toBe('2026-11-24T08:30:00.000Z');
    expect(parseSiteLocal('2026-07-14T09:30', 'Europe/Paris')?.toISOString()).toBe('2026-07-14T07:30:00.000Z');
    expect(parseSiteLocal('2026-11-24T09:30', 'Indian/Reunion')?.toISOString()).toBe('2026-11-24T05:30:00.000Z');
    expect(parseSiteLocal('2026-07-14T09:30', 'Indian/Reunion')?.toISOString()).toBe('2026-07-14T05:30:00.000Z');
    expect(parseSiteLocal('2026-11-24 09:30', 'Indian/Reunion')?.toISOString()).toBe('2026-11-24T05:30:00.000Z');
    // The same text is a different instant in Paris and in Réunion.
    expect(parseSiteLocal('2027-01-01T00:00', 'Indian/Reunion')?.toISOString()).toBe('2026-12-31T20:00:00.000Z');
  });

  it('around the Paris summer-time changes: the skipped hour does not exist, the repeated one is its first time', () => {
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST.
    expect(parseSiteLocal('2026-03-29T01:59', 'Europe/Paris')?.toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(parseSiteLocal('2026-03-29T02:30', 'Europe/Paris')).toBeNull();
    expect(parseSiteLocal('2026-03-29T03:00', 'Europe/Paris')?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    expect(parseSiteLocal('2026-10-25T02:30', 'Europe/Paris')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(parseSiteLocal('2026-10-25T03:30', 'Europe/Paris')?.toISOString()).toBe('2026-10-25T02:30:00.000Z');
    // Réunion has no summer time: every wall time exists once.
    expect(parseSiteLocal('2026-03-29T02:30', 'Indian/Reunion')?.toISOString()).toBe('2026-03-28T22:30:00.000Z');
  });

  it('refuses what is not a site-local minute', () => {
    for (const bad of ['', '2026-11-24', '24/11/2026 09:30', '2026-13-01T09:30', '2026-11-24T24:00', '2026-11-24T09:60', '2026-11-24T09:30Z', '2026-02-30T09:30']) {
      expect(parseSiteLocal(bad, 'Europe/Paris'), bad).toBeNull();
    }
  });

  it('writes an instant back as the site-local text it was read from', () => {
    expect(toSiteLocal(new Date('2026-11-24T05:30:00Z'), 'Indian/Reunion')).toBe('2026-11-24T09:30');
    expect(toSiteLocal(new Date('2026-11-24T05:30:00Z'), 'Europe/Paris')).toBe('2026-11-24T06:30');
    for (const text of ['2026-03-29T01:59', '2026-03-29T03:00', '2026-10-25T02:30', '2026-12-31T23:59']) {
      for (const zone of ['Europe/Paris', 'Indian/Reunion', 'America/Martinique']) expect(toSiteLocal(parseSiteLocal(text, zone)!, zone)).toBe(text);
    }
  });
});
