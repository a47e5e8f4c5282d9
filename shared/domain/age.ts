/**
 * An age as a regulator needs it: days for a newborn (under 28 days, the neonatal period), whole
 * months under two years (an infant's doses and norms go by months), whole years after. "0 an"
 * says nothing about a three-week-old.
 */
export type AgeUnit = 'days' | 'months' | 'years';
export interface Age {
  readonly unit: AgeUnit;
  readonly value: number;
}

const NEWBORN_DAYS = 28;
const INFANT_MONTHS = 24;

/** `today` is the site's calendar day (YYYY-MM-DD); null for a birth date after it or unreadable. */
export function ageFromBirthDate(birthDate: string, today: string): Age | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!b || !d) return null;
  const [by, bm, bd] = b.slice(1).map(Number) as [number, number, number];
  const [ty, tm, td] = d.slice(1).map(Number) as [number, number, number];
  const days = Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(by, bm - 1, bd)) / 86_400_000);
  if (days < 0) return null;
  if (days < NEWBORN_DAYS) return { unit: 'days', value: days };
  // Completed months: the day of the month not yet reached does not count (born 31/01: one month on 28/02 is not complete).
  const months = (ty - by) * 12 + (tm - bm) - (td < bd ? 1 : 0);
  if (months < INFANT_MONTHS) return { unit: 'months', value: months };
  return { unit: 'years', value: Math.floor(months / 12) };
}

/** A patient's age: from the birth date when known, else the age in years given by the caller. */
export function patientAge(patient: { birthDate: string | null; ageYears: number | null }, today: string): Age | null {
  if (patient.birthDate) return ageFromBirthDate(patient.birthDate, today);
  return patient.ageYears === null ? null : { unit: 'years', value: patient.ageYears };
}
