import { describe, expect, it } from 'vitest';
import { bucketOf, daysBetween, hourBounds, isoWeek, siteHour } from '../../../../../shared/domain/indicators/periods';

describe('indicator periods on the site clock', () => {
  it('puts an instant in its site-local hour, whatever the workstation zone', () => {
    expect(siteHour('2026-11-23T21:30:00Z', 'Europe/Paris')).toBe('2026-11-23T22');
    expect(siteHour('2026-11-23T21:30:00Z', 'Indian/Reunion')).toBe('2026-11-24T01');
  });

  it('folds both real hours of the autumn DST night into the one local 02:00 hour', () => {
    expect(siteHour('2026-10-25T00:30:00Z', 'Europe/Paris')).toBe('2026-10-25T02'); // 02:30 CEST
    expect(siteHour('2026-10-25T01:30:00Z', 'Europe/Paris')).toBe('2026-10-25T02'); // 02:30 CET
    expect(siteHour('2026-03-29T01:30:00Z', 'Europe/Paris')).toBe('2026-03-29T03'); // 02:xx is skipped in spring
  });

  it('numbers ISO weeks (Monday first, week 1 holds the first Thursday)', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
  });

  it('groups an hour by day, week and month, and bounds day ranges', () => {
    expect(bucketOf('2026-11-23T10', 'day')).toBe('2026-11-23');
    expect(bucketOf('2026-11-23T10', 'week')).toBe('2026-W48');
    expect(bucketOf('2026-11-23T10', 'month')).toBe('2026-11');
    expect(hourBounds({ from: '2026-11-30', to: '2026-12-31' })).toEqual({ start: '2026-11-30T00', end: '2027-01-01T00' });
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});
