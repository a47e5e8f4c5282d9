/**
 * Offline reference packs (issue 14): data sets IT imports on each workstation so that the desk
 * keeps answering with the network down. Their age is part of every answer they give.
 */
export const PACK_KINDS = ['ban', 'rpps', 'pharmacies', 'rotas'] as const;
export type PackKind = (typeof PACK_KINDS)[number];

/** One SQLite file per pack in the data folder; the BAN index keeps the name it always had. */
export const PACK_FILES: Record<PackKind, string> = {
  ban: 'ban-addresses.sqlite3',
  rpps: 'pack-rpps.sqlite3',
  pharmacies: 'pack-pharmacies.sqlite3',
  rotas: 'pack-rotas.sqlite3',
};

/** Beyond this many days a pack's answers carry a warning (workstation config may change it). */
export const DEFAULT_PACK_MAX_AGE_DAYS: Record<PackKind, number> = { ban: 180, rpps: 60, pharmacies: 60, rotas: 31 };

export interface PackMeta {
  kind: PackKind;
  /** The file it was imported from, as given to the import. */
  source: string;
  /** The date the data describes, YYYY-MM-DD (the extraction's date when the file says so). */
  dataDate: string;
  importedAt: string;
  rows: number;
  badRows: number;
  badSamples: string[];
}

export interface PackAge {
  kind: PackKind;
  dataDate: string;
  /** Whole days between the data date and now, on the site's calendar. */
  days: number;
  stale: boolean;
  /** e.g. "données du 02/12, 3 jours". */
  source: string;
}

/** Days from a YYYY-MM-DD date to the site's current day (calendar days, not 24 h periods). */
export function ageInDays(dataDate: string, now: Date, timeZone: string): number {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dataDate}T00:00:00Z`)) / 86_400_000);
}

export function packAge(meta: Pick<PackMeta, 'kind' | 'dataDate' | 'source'>, now: Date, timeZone: string, maxAgeDays: number): PackAge {
  const days = ageInDays(meta.dataDate, now, timeZone);
  return { kind: meta.kind, dataDate: meta.dataDate, days, stale: days > maxAgeDays, source: meta.source };
}

/** "02/12" from "2026-12-02": what the age line shows. */
export function shortDate(dataDate: string): string {
  const [, month, day] = dataDate.split('-');
  return `${day}/${month}`;
}
