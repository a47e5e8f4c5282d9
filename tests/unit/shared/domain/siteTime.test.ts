import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime, isValidTimeZone, localDay } from '../../../../shared/domain/siteTime';

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

  it('counts the day of the year on the site calendar', () => {
    expect(localDay(new Date('2026-12-31T21:00:00Z'), 'Europe/Paris')).toEqual({ year: 2026, dayOfYear: 365 });
    expect(localDay(new Date('2026-12-31T21:00:00Z'), 'Indian/Reunion')).toEqual({ year: 2027, dayOfYear: 1 });
  });

  it('tells a real zone from a typo', () => {
    expect(isValidTimeZone('Indian/Reunion')).toBe(true);
    expect(isValidTimeZone('America/Martinique')).toBe(true);
    expect(isValidTimeZone('Europe/Pariss')).toBe(false);
  });
});
