import { describe, expect, it } from 'vitest';
import { dialString, displayPhone, nationalNumber, normalisePhone, parseDialInput } from '../../../../shared/domain/phone';

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

describe('the free dial field', () => {
  it('reads French and international numbers written any usual way', () => {
    expect(parseDialInput('06 12 34 56 78')).toEqual({ ok: true, kind: 'external', e164: '+33612345678' });
    expect(parseDialInput('04.72.11.69.11')).toEqual({ ok: true, kind: 'external', e164: '+33472116911' });
    expect(parseDialInput('+262 692 12 34 56')).toEqual({ ok: true, kind: 'external', e164: '+262692123456' });
  });

  it('keeps the short numbers as dialled, and short digit strings as extensions', () => {
    for (const n of ['15', '17', '18', '112', '114', '116 117']) expect(parseDialInput(n)).toEqual({ ok: true, kind: 'short', number: n.replace(' ', '') });
    expect(parseDialInput('201')).toEqual({ ok: true, kind: 'extension', extension: '201' });
    expect(parseDialInput('3100')).toEqual({ ok: true, kind: 'extension', extension: '3100' });
  });

  it('says letters when there are letters, empty when nothing, invalid otherwise', () => {
    expect(parseDialInput('06 12 ab 56 78')).toEqual({ ok: false, reason: 'letters' });
    expect(parseDialInput('SAMU')).toEqual({ ok: false, reason: 'letters' });
    expect(parseDialInput('éè')).toEqual({ ok: false, reason: 'letters' });
    expect(parseDialInput('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseDialInput('06#12')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDialInput('1')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDialInput('06 12 3')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDialInput('0612345678901234')).toEqual({ ok: false, reason: 'invalid' });
  });
});
