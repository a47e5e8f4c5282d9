import { describe, expect, it } from 'vitest';
import { checkRpps, luhnValid } from '../../../../shared/domain/rpps';

describe('RPPS number (11 digits, Luhn key)', () => {
  it.each(['10003456786', '10100000008', '1000 3456 786'])('accepts %s', (rpps) => expect(checkRpps(rpps)).toEqual({ ok: true }));

  it('refuses every wrong key of a valid number', () => {
    for (let key = 0; key <= 9; key++) {
      const candidate = `1000345678${key}`;
      expect(checkRpps(candidate).ok, candidate).toBe(key === 6);
    }
  });

  it.each(['', '1000345678', '100034567861', '1000345678A', '10003-456786'])('refuses the format %j', (rpps) => expect(checkRpps(rpps)).toEqual({ ok: false, reason: 'format' }));

  it('catches a swap of two adjacent digits (what Luhn is for)', () => {
    expect(luhnValid('10003456786')).toBe(true);
    expect(luhnValid('10003465786')).toBe(false);
  });
});
