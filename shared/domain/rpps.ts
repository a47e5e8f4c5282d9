import type { Check } from './identity';

/**
 * RPPS number (Répertoire partagé des professionnels de santé): 11 digits, the last one a Luhn
 * key over the first ten. Physicians' accounts carry it so that decisions can later be signed
 * with the national identity.
 */
export function checkRpps(input: string): Check {
  const rpps = input.replace(/\s/g, '');
  if (!/^\d{11}$/.test(rpps)) return { ok: false, reason: 'format' };
  return luhnValid(rpps) ? { ok: true } : { ok: false, reason: 'key' };
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
