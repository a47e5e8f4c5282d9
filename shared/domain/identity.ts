/**
 * Checks on what the ARM types about a patient. Each answers with a reason code the UI turns
 * into a message at the field; none of them throws.
 */
export type Check = { ok: true } | { ok: false; reason: string };

const OK: Check = { ok: true };
const no = (reason: string): Check => ({ ok: false, reason });

/**
 * NIR (numéro de sécurité sociale): 13 characters + a 2-digit key = 97 − (number mod 97).
 * Corsican départements are computed with 2A → 19 and 2B → 18, as the official rule says.
 */
export function checkNir(input: string): Check {
  const nir = input.replace(/[\s.-]/g, '').toUpperCase();
  if (!/^[1-478]\d{2}(0[1-9]|1[0-2]|[2-9]\d)(\d{2}|2A|2B)\d{6}\d{2}$/.test(nir)) return no('format');
  const body = nir.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = 97n - (BigInt(body) % 97n);
  return Number(key) === Number(nir.slice(13)) ? OK : no('key');
}

/** INSEE commune code: département (2 digits, 2A/2B; overseas 97x) + 3 digits. */
export function checkInseeCode(input: string): Check {
  const code = input.trim().toUpperCase();
  if (!/^(0[1-9]|1\d|2[AB1-9]|[3-8]\d|9[0-5]|97[1-8])\d{2,3}$/.test(code) || code.length !== 5) return no('format');
  return OK;
}

export const MAX_AGE_YEARS = 130;

/** A birth date (YYYY-MM-DD) that is a real day, not in the future, and not over 130 years ago. */
export function checkBirthDate(input: string, today: Date): Check {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  if (!match) return no('format');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return no('notADay');
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (date.getTime() > todayUtc) return no('future');
  if (ageInYears(input, today) > MAX_AGE_YEARS) return no('tooOld');
  return OK;
}

export function checkAge(years: number): Check {
  if (!Number.isInteger(years) || years < 0) return no('format');
  return years > MAX_AGE_YEARS ? no('tooOld') : OK;
}

/** Completed years at `today` for a YYYY-MM-DD birth date. */
export function ageInYears(birthDate: string, today: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  if (today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day)) age -= 1;
  return age;
}
