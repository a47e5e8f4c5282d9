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

/**
 * The short numbers a French regulation room dials (SAMU 15, police 17, pompiers 18, 112, 114 for
 * the deaf and hard of hearing, 115, 116 117, 119, 191, 196, 197): not E.164, passed as dialled.
 */
export const SHORT_NUMBERS = ['15', '17', '18', '112', '114', '115', '116117', '119', '191', '196', '197'] as const;

export type DialInput =
  | { ok: true; kind: 'external'; e164: string }
  | { ok: true; kind: 'short'; number: string }
  | { ok: true; kind: 'extension'; extension: string }
  | { ok: false; reason: 'empty' | 'letters' | 'invalid' };

/**
 * What the ARM typed in the free dial field: a French or international number (spaces, dots,
 * dashes and brackets allowed), a short number, or an internal extension (2 to 8 digits that are
 * not a phone number). Letters are refused as such, so the field can say so (a caller's name
 * typed in the wrong field, a number copied as "06 12 ab…"); a number cut short ("06 12 3") is
 * invalid, not an extension (extensions never start with 0, the PABX's outside line).
 */
export function parseDialInput(input: string, defaultCountry: Parameters<typeof normalisePhone>[1] = 'FR'): DialInput {
  const compact = input.replace(/[\s.\-()/]/g, '');
  if (compact === '') return { ok: false, reason: 'empty' };
  if (/\p{L}/u.test(compact)) return { ok: false, reason: 'letters' };
  if (!/^\+?[0-9]+$/.test(compact)) return { ok: false, reason: 'invalid' };
  if ((SHORT_NUMBERS as readonly string[]).includes(compact)) return { ok: true, kind: 'short', number: compact };
  const phone = normalisePhone(compact, defaultCountry);
  if (phone.ok) return { ok: true, kind: 'external', e164: phone.e164 };
  // A leading 0 is the outside line (a national number): a short one is a number cut short, not an extension.
  if (/^[1-9][0-9]{1,7}$/.test(compact)) return { ok: true, kind: 'extension', extension: compact };
  return { ok: false, reason: 'invalid' };
}
