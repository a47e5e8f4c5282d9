import { describe, expect, it } from 'vitest';
import { ageFromBirthDate, patientAge } from '../../../../shared/domain/age';

describe('ages as a regulator needs them', () => {
  it('days for a newborn, months under two years, years after', () => {
    expect(ageFromBirthDate('2026-12-06', '2026-12-06')).toEqual({ unit: 'days', value: 0 });
    expect(ageFromBirthDate('2026-11-15', '2026-12-06')).toEqual({ unit: 'days', value: 21 });
    expect(ageFromBirthDate('2026-11-08', '2026-12-06')).toEqual({ unit: 'months', value: 0 });
    expect(ageFromBirthDate('2026-03-06', '2026-12-06')).toEqual({ unit: 'months', value: 9 });
    expect(ageFromBirthDate('2024-12-07', '2026-12-06')).toEqual({ unit: 'months', value: 23 });
    expect(ageFromBirthDate('2024-12-06', '2026-12-06')).toEqual({ unit: 'years', value: 2 });
    expect(ageFromBirthDate('1948-03-12', '2026-12-06')).toEqual({ unit: 'years', value: 78 });
  });

  it('counts completed months and years across month ends and 29 February', () => {
    expect(ageFromBirthDate('2026-02-01', '2026-02-28')).toEqual({ unit: 'days', value: 27 });
    expect(ageFromBirthDate('2026-01-31', '2026-02-28')).toEqual({ unit: 'months', value: 0 });
    expect(ageFromBirthDate('2025-12-31', '2026-02-28')).toEqual({ unit: 'months', value: 1 });
    expect(ageFromBirthDate('2024-02-29', '2027-02-28')).toEqual({ unit: 'years', value: 2 });
    expect(ageFromBirthDate('2024-02-29', '2027-03-01')).toEqual({ unit: 'years', value: 3 });
    // Across the change to summer time the day count is still whole days.
    expect(ageFromBirthDate('2027-03-20', '2027-04-05')).toEqual({ unit: 'days', value: 16 });
  });

  it('nothing for a birth date to come or unreadable', () => {
    expect(ageFromBirthDate('2026-12-07', '2026-12-06')).toBeNull();
    expect(ageFromBirthDate('07/12/2026', '2026-12-06')).toBeNull();
  });

  it('a patient without a birth date keeps the years the caller gave', () => {
    expect(patientAge({ birthDate: null, ageYears: 4 }, '2026-12-06')).toEqual({ unit: 'years', value: 4 });
    expect(patientAge({ birthDate: null, ageYears: null }, '2026-12-06')).toBeNull();
    expect(patientAge({ birthDate: '2026-10-01', ageYears: null }, '2026-12-06')).toEqual({ unit: 'months', value: 2 });
  });
});
