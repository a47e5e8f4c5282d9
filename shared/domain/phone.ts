import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: 'empty' | 'invalid' };

/**
 * Caller numbers are stored in E.164 (`+33…`) as exchanged over Hub Santé. A national number
 * typed by the ARM (`06 12 34 56 78`) is read in the site's country; overseas numbers (+262,
 * +596…) are valid as such. libphonenumber-js's full metadata decides what is possible.
 */
export function normalisePhone(input: string, defaultCountry: 'FR' | 'RE' | 'GP' | 'MQ' | 'GF' | 'YT' = 'FR'): PhoneResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'invalid' };
  return { ok: true, e164: parsed.number };
}
