import { describe, expect, it } from 'vitest';
import { ageInYears, checkAge, checkBirthDate, checkInseeCode, checkNir } from '../../../../shared/domain/identity';

/** A valid NIR for a body: its key computed independently of the code under test. */
function withKey(body: string): string {
  const numeric = body.replace('2A', '19').replace('2B', '18');
  return body + String(97 - Number(BigInt(numeric) % 97n)).padStart(2, '0');
}

describe('NIR', () => {
  it.each([withKey('1850775123456'), withKey('2990269123048'), withKey('1751297123456'), withKey('285012A123456')])('accepts %s', (nir) => {
    expect(checkNir(nir)).toEqual({ ok: true });
  });

  it('accepts Corsican NIRs (2A, 2B) and spaces', () => {
    expect(checkNir(withKey('185072A004123'))).toEqual({ ok: true });
    expect(checkNir(withKey('185072B004123'))).toEqual({ ok: true });
    const spaced = withKey('1850775123456').replace(/^(.)(..)(..)(..)(...)(...)(..)$/, '$1 $2 $3 $4 $5 $6 $7');
    expect(checkNir(spaced)).toEqual({ ok: true });
  });

  it('refuses a wrong key and a wrong format', () => {
    const valid = withKey('1850775123456');
    const wrongKey = valid.slice(0, 13) + String((Number(valid.slice(13)) % 97) + 1).padStart(2, '0');
    expect(checkNir(wrongKey)).toEqual({ ok: false, reason: 'key' });
    expect(checkNir('123')).toEqual({ ok: false, reason: 'format' });
    expect(checkNir('5850775123456' + '12')).toEqual({ ok: false, reason: 'format' });
    expect(checkNir('1851375123456' + '12')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('INSEE commune code', () => {
  it.each(['69123', '75056', '2A004', '2B033', '97411', '01001'])('accepts %s', (code) => expect(checkInseeCode(code).ok).toBe(true));
  it.each(['6912', '00123', '20004', '2C004', '99999', 'ABCDE', '974111'])('refuses %s', (code) => expect(checkInseeCode(code).ok).toBe(false));
});

describe('birth date and age', () => {
  const today = new Date('2026-11-23T10:00:00Z');
  it('accepts a past real day', () => expect(checkBirthDate('1950-02-28', today)).toEqual({ ok: true }));
  it('refuses the future, a non-existent day, and over 130 years', () => {
    expect(checkBirthDate('2026-11-24', today)).toEqual({ ok: false, reason: 'future' });
    expect(checkBirthDate('2025-02-29', today)).toEqual({ ok: false, reason: 'notADay' });
    expect(checkBirthDate('1890-01-01', today)).toEqual({ ok: false, reason: 'tooOld' });
    expect(checkBirthDate('23/11/1950', today)).toEqual({ ok: false, reason: 'format' });
  });
  it('counts completed years', () => {
    expect(ageInYears('2000-11-23', today)).toBe(26);
    expect(ageInYears('2000-11-24', today)).toBe(25);
  });
  it('bounds a typed age', () => {
    expect(checkAge(130)).toEqual({ ok: true });
    expect(checkAge(131)).toEqual({ ok: false, reason: 'tooOld' });
    expect(checkAge(-1)).toEqual({ ok: false, reason: 'format' });
    expect(checkAge(2.5)).toEqual({ ok: false, reason: 'format' });
  });
});
