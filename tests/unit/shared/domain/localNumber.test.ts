import { describe, expect, it } from 'vitest';
import { caseIdFor, deskBlockPrefix, deskCounter, formatLocalNumber, hubClientId, SITE_CODE_PATTERN } from '../../../../shared/domain/localNumber';
import { localDay } from '../../../../shared/domain/siteTime';

describe('local dossier number', () => {
  it('matches the official samples', () => {
    expect(formatLocalNumber('440', { year: 2024, dayOfYear: 138 }, 236)).toBe('DRFR154402413800236');
    expect(formatLocalNumber('009', { year: 2024, dayOfYear: 63 }, 1259)).toBe('DRFR150092406301259');
    expect(caseIdFor('440', 'DRFR154402413800236')).toBe('fr.health.samu440.DRFR154402413800236');
    expect(hubClientId('2A0')).toBe('fr.health.samu2a0');
  });

  it('refuses counters outside 1..99999', () => {
    expect(() => formatLocalNumber('690', { year: 2026, dayOfYear: 1 }, 0)).toThrow(RangeError);
    expect(() => formatLocalNumber('690', { year: 2026, dayOfYear: 1 }, 100_000)).toThrow(RangeError);
  });

  it('accepts site codes of metropolitan, Corsican and overseas centres', () => {
    for (const code of ['690', '750', '2A0', '2B0', '974', '971']) expect(SITE_CODE_PATTERN.test(code)).toBe(true);
    for (const code of ['69', '6900', 'abc', '']) expect(SITE_CODE_PATTERN.test(code)).toBe(false);
  });

  it('counts days in the site time zone: 22:30 UTC on 31 Dec is already 1 Jan in Réunion, not in Paris', () => {
    const instant = new Date('2026-12-31T22:30:00Z');
    expect(localDay(instant, 'Europe/Paris')).toEqual({ year: 2026, dayOfYear: 365 });
    expect(localDay(instant, 'Indian/Reunion')).toEqual({ year: 2027, dayOfYear: 1 });
  });

  it('handles the DST change in Paris (25 Oct 2026)', () => {
    expect(localDay(new Date('2026-10-25T00:30:00Z'), 'Europe/Paris')).toEqual({ year: 2026, dayOfYear: 298 });
    expect(localDay(new Date('2026-10-25T23:30:00Z'), 'Europe/Paris')).toEqual({ year: 2026, dayOfYear: 299 });
  });
});

describe('a desk’s block of the room’s daily counter', () => {
  it('numbers desk n from n·1000+1 to n·1000+999, then refuses', () => {
    expect(deskCounter(3, 0)).toBe(3001);
    expect(deskCounter(3, 41)).toBe(3042);
    expect(deskCounter(99, 998)).toBe(99_999);
    expect(() => deskCounter(3, 999)).toThrow(/used its 999 numbers/);
    expect(() => deskCounter(0, 0)).toThrow(RangeError);
    const day = { year: 2026, dayOfYear: 340 };
    const number = formatLocalNumber('690', day, deskCounter(3, 41));
    expect(number).toBe('DRFR156902634003042');
    expect(number.startsWith(deskBlockPrefix('690', day, 3))).toBe(true);
    expect(number.slice(deskBlockPrefix('690', day, 3).length)).toBe('042');
  });
});
