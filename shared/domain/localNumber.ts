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

/** Dossiers a desk can number in a day within its block of the room's counter. */
export const DESK_BLOCK_SIZE = 999;

/**
 * In a room every desk owns a block of the day's 5-digit counter — desk n numbers n·1000+1 to
 * n·1000+999 — so numbers (and the case ids built from them) stay unique in the room even when
 * a desk writes offline, without asking the site. `lastInBlock` is the desk's last number of the
 * day within its block (0 for none).
 */
export function deskCounter(deskNumber: number, lastInBlock: number): number {
  if (!Number.isInteger(deskNumber) || deskNumber < 1 || deskNumber > 99) throw new RangeError(`desk number out of range: ${deskNumber}`);
  if (lastInBlock >= DESK_BLOCK_SIZE) throw new RangeError(`desk ${deskNumber} has used its ${DESK_BLOCK_SIZE} numbers of the day`);
  return deskNumber * 1000 + lastInBlock + 1;
}

/** The prefix of the day's numbers of one desk's block (DRFR15 + site + day + the desk's 2 digits). */
export function deskBlockPrefix(siteCode: string, day: LocalDay, deskNumber: number): string {
  return `DRFR15${siteCode}${localDayKey(day)}${String(deskNumber).padStart(2, '0')}`;
}
