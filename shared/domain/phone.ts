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

const FRANCE = '+33';

/**
 * The national form of a metropolitan French number (`+33612345678` → `0612345678`), as an ARM
 * reads and types it; null for any other number (or none). The one place the "+33 → 0" rule lives.
 */
export function nationalNumber(e164: string | null | undefined): string | null {
  return e164?.startsWith(FRANCE) ? `0${e164.slice(FRANCE.length)}` : null;
}

/** A number shown to the ARM (the phone field): national when French, as received otherwise, '' when none. */
export function displayPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  return nationalNumber(e164) ?? e164;
}

/** E.164 → what a French PABX dials after its outside-line prefix: national, else `00` + the international number. */
export function dialString(e164: string): string {
  return nationalNumber(e164) ?? `00${e164.slice(1)}`;
}
