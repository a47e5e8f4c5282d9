import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../../../shared/domain/phone';

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
