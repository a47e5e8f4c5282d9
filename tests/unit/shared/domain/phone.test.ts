import { describe, expect, it } from 'vitest';
import { dialString, displayPhone, nationalNumber, normalisePhone } from '../../../../shared/domain/phone';

describe('caller phone normalisation', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['+33 4 72 11 22 33', '+33472112233'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+262 692 12 34 56', '+262692123456'],
  ])('%s → %s', (input, e164) => {
    expect(normalisePhone(input)).toEqual({ ok: true, e164 });
  });

  it('reads a national number in the site country (Réunion)', () => {
    expect(normalisePhone('0692 12 34 56', 'RE')).toEqual({ ok: true, e164: '+262692123456' });
  });

  it.each(['12', '06 12', '+33 1', 'abcdefghij', '0000000000'])('refuses the impossible %s', (input) => {
    expect(normalisePhone(input)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('tells an empty number apart', () => {
    expect(normalisePhone('   ')).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('phone display', () => {
  it('writes a French number in its national form', () => {
    expect(nationalNumber('+33612345678')).toBe('0612345678');
    expect(displayPhone('+33472112233')).toBe('0472112233');
  });

  it('has no national form for a number outside +33 (overseas, foreign) nor for none', () => {
    expect(nationalNumber('+262692123456')).toBeNull();
    expect(nationalNumber('+441632960961')).toBeNull();
    expect(nationalNumber(null)).toBeNull();
    expect(nationalNumber(undefined)).toBeNull();
  });

  it('shows any other number as received, and nothing for a withheld one', () => {
    expect(displayPhone('+262692123456')).toBe('+262692123456');
    expect(displayPhone('201')).toBe('201');
    expect(displayPhone(null)).toBe('');
  });

  it('dials a French number nationally and any other through the international prefix 00', () => {
    expect(dialString('+33612345678')).toBe('0612345678');
    expect(dialString('+262692123456')).toBe('00262692123456');
    expect(dialString('+441632960961')).toBe('00441632960961');
  });
});
