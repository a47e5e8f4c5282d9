/**
 * Local dossier number: `DRFR15` + site code (3 characters: the département and the centre's
 * letter/digit, as in the Hub client id `fr.health.samu690`) + year (2 digits) + day of year
 * (3 digits) + a 5-digit counter that restarts every day. Matches the official samples
 * (`DRFR154402413800236`, `DRFR150092406301259`).
 */
export const SITE_CODE_PATTERN = /^[0-9]{2}[0-9A-Z]$|^2[AB][0-9A-Z]$|^9[78][0-9]$/;

export interface LocalDay {
  /** Full year in the site's time zone. */
  year: number;
  /** 1..366 in the site's time zone. */
  dayOfYear: number;
}

export function localDayKey(day: LocalDay): string {
  return `${String(day.year % 100).padStart(2, '0')}${String(day.dayOfYear).padStart(3, '0')}`;
}

export function formatLocalNumber(siteCode: string, day: LocalDay, counter: number): string {
  if (!Number.isInteger(counter) || counter < 1 || counter > 99_999) {
    throw new RangeError(`dossier counter out of range: ${counter}`);
  }
  return `DRFR15${siteCode}${localDayKey(day)}${String(counter).padStart(5, '0')}`;
}

export function hubClientId(siteCode: string): string {
  return `fr.health.samu${siteCode.toLowerCase()}`;
}

/** Shared case id exchanged over Hub Santé: `fr.health.samuXXX.<local number>`. */
export function caseIdFor(siteCode: string, localNumber: string): string {
  return `${hubClientId(siteCode)}.${localNumber}`;
}
