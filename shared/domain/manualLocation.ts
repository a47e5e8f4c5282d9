import type { DossierLocation, LocationAccess, ManualCommune, UnverifiedLocation } from './dossier';

/**
 * A place no address index knows, entered by hand (issue 13 item 9): the commune from the official
 * list, a free description, optional coordinates. Pure rules, shared by the screen (to say what is
 * wrong at the field as it is typed) and the services (which decide).
 */

/** Enough for "A7 sortie 12 direction Lyon, bande d'arrêt d'urgence, après le pont": a description, not a file. */
export const MANUAL_DESCRIPTION_MAX = 500;
export const COMMUNE_NAME_MAX = 100;

/** A commune of the official list (the BAN pack of the département), with its centre. */
export interface Commune {
  name: string;
  inseeCode: string;
  postcode: string | null;
  lat: number;
  lon: number;
}

/** Lower case, accents and punctuation gone, "St" and "Ste" read as the words they shorten. */
export function communeWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (w === 'st' ? 'saint' : w === 'ste' ? 'sainte' : w));
}

/**
 * The communes matching what was typed: every word typed begins a word of the name (accents and
 * case ignored: "st genis lav" finds Saint-Genis-Laval), or the text begins the postcode or the
 * INSEE code. Exact names first, then names beginning with the first word, then the alphabet.
 */
export function searchCommunes(communes: readonly Commune[], query: string, limit: number): Commune[] {
  const words = communeWords(query);
  if (words.length === 0) return [];
  const digits = query.trim();
  const scored: { commune: Commune; rank: number; key: string }[] = [];
  for (const commune of communes) {
    const name = communeWords(commune.name);
    const key = name.join(' ');
    if (/^\d{2,5}$/.test(digits)) {
      if (commune.inseeCode.startsWith(digits) || commune.postcode?.startsWith(digits)) scored.push({ commune, rank: 1, key });
      continue;
    }
    if (!words.every((w) => name.some((n) => n.startsWith(w)))) continue;
    const rank = key === words.join(' ') ? 0 : name[0]!.startsWith(words[0]!) ? 1 : 2;
    scored.push({ commune, rank, key });
  }
  return scored
    .sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key) || a.commune.inseeCode.localeCompare(b.commune.inseeCode))
    .slice(0, limit)
    .map((s) => s.commune);
}

export type CoordinateProblem = 'format' | 'latitudeRange' | 'longitudeRange';
export type ParsedCoordinates = { ok: true; lat: number; lon: number } | { ok: false; reason: CoordinateProblem };

const DMS = /(\d{1,3}(?:[.,]\d+)?)\s*°\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*['′’]\s*)?(?:(\d{1,2}(?:[.,]\d+)?)\s*(?:["″”]|''|′′)\s*)?([NSEOW])?/giu;

/**
 * Coordinates as people dictate them: decimal degrees with a dot or a comma ("45.7578, 4.8320",
 * "45,7578 4,8320", "45,7578; 4,8320"), or degrees-minutes-seconds (45°45'28"N 4°49'55"E; O or W
 * for west). Latitude first. Out of range is said as such, not read as something else.
 */
export function parseCoordinates(text: string): ParsedCoordinates {
  const t = text.trim();
  if (t.length === 0 || t.length > 100) return { ok: false, reason: 'format' };
  const pair = t.includes('°') ? dmsPair(t) : decimalPair(t);
  if (!pair) return { ok: false, reason: 'format' };
  const [lat, lon] = pair;
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return { ok: false, reason: 'format' };
  if (lat < -90 || lat > 90) return { ok: false, reason: 'latitudeRange' };
  if (lon < -180 || lon > 180) return { ok: false, reason: 'longitudeRange' };
  return { ok: true, lat: round6(lat), lon: round6(lon) };
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function decimalPair(t: string): [number, number] | null {
  // A dot anywhere: commas separate. Otherwise a comma followed by a space, a semicolon or a space
  // separates, and a comma between digits is the decimal one ("45,75 4,83").
  let parts: string[];
  if (t.includes('.')) parts = t.split(/[\s,;]+/);
  else {
    parts = t.split(/\s*;\s*|,\s+|\s+/);
    if (parts.length === 1) {
      const commas = t.split(',');
      parts = commas.length === 2 ? commas : commas.length === 4 ? [`${commas[0]}.${commas[1]}`, `${commas[2]}.${commas[3]}`] : [t];
    }
  }
  parts = parts.filter(Boolean).map((p) => p.replace(',', '.'));
  if (parts.length !== 2 || !parts.every((p) => /^[-+]?\d{1,3}(\.\d+)?$/.test(p))) return null;
  return [Number(parts[0]), Number(parts[1])];
}

function dmsPair(t: string): [number, number] | null {
  const found = [...t.matchAll(DMS)];
  // Whatever is not one of the two coordinates (or spaces and separators between them) is not understood.
  const rest = found.reduce((left, m) => left.replace(m[0], ' '), t).replace(/[\s,;]+/g, '');
  if (found.length !== 2 || rest.length > 0) return null;
  const value = (m: RegExpMatchArray): { v: number; hemisphere: string | null } => {
    const n = (s: string | undefined) => (s ? Number(s.replace(',', '.')) : 0);
    const minutes = n(m[2]);
    const seconds = n(m[3]);
    if (minutes >= 60 || seconds >= 60) return { v: Number.NaN, hemisphere: null };
    return { v: n(m[1]) + minutes / 60 + seconds / 3600, hemisphere: m[4]?.toUpperCase() ?? null };
  };
  const a = value(found[0]!);
  const b = value(found[1]!);
  if ((a.hemisphere && !'NS'.includes(a.hemisphere)) || (b.hemisphere && !'EOW'.includes(b.hemisphere))) return null;
  return [a.hemisphere === 'S' ? -a.v : a.v, b.hemisphere === 'O' || b.hemisphere === 'W' ? -b.v : b.v];
}

export interface ManualLocationInput {
  /** The chosen commune's INSEE code, or (no official list on this desk) the name as typed. */
  commune: { inseeCode: string } | { name: string };
  description: string;
  /** As typed; empty: none given. */
  coordinates: string;
}

export type ManualLocationField = 'commune' | 'description' | 'coordinates';
export type ManualLocationProblem = 'empty' | 'tooLong' | 'unknownCommune' | 'notListed' | CoordinateProblem;

export type ManualLocationCheck =
  | { ok: true; commune: ManualCommune; description: string; lat: number | null; lon: number | null }
  | { ok: false; field: ManualLocationField; reason: ManualLocationProblem };

/**
 * The manual location as the services record it. `list` is the official commune list (null: no BAN
 * pack on this desk, a free name is then accepted and flagged as not listed); with a list, only its
 * communes are accepted.
 */
export function checkManualLocation(input: ManualLocationInput, list: { byInsee(code: string): Commune | null } | null): ManualLocationCheck {
  const description = input.description.trim().replace(/\s+/g, ' ');
  let commune: ManualCommune;
  if ('inseeCode' in input.commune) {
    const code = input.commune.inseeCode.trim();
    if (code === '') return { ok: false, field: 'commune', reason: 'empty' };
    const found = list?.byInsee(code) ?? null;
    if (!found) return { ok: false, field: 'commune', reason: 'unknownCommune' };
    commune = { name: found.name, inseeCode: found.inseeCode, postcode: found.postcode, listed: true };
  } else {
    const name = input.commune.name.trim().replace(/\s+/g, ' ');
    if (name === '') return { ok: false, field: 'commune', reason: 'empty' };
    if (name.length > COMMUNE_NAME_MAX) return { ok: false, field: 'commune', reason: 'tooLong' };
    // With an official list the commune is chosen from it: a name typed freely is not one of its communes.
    if (list) return { ok: false, field: 'commune', reason: 'notListed' };
    commune = { name, inseeCode: null, postcode: null, listed: false };
  }
  if (description === '') return { ok: false, field: 'description', reason: 'empty' };
  if (description.length > MANUAL_DESCRIPTION_MAX) return { ok: false, field: 'description', reason: 'tooLong' };
  if (input.coordinates.trim() === '') return { ok: true, commune, description, lat: null, lon: null };
  const coordinates = parseCoordinates(input.coordinates);
  if (!coordinates.ok) return { ok: false, field: 'coordinates', reason: coordinates.reason };
  return { ok: true, commune, description, lat: coordinates.lat, lon: coordinates.lon };
}

export function manualLocationLabel(description: string, commune: ManualCommune): string {
  return `${description}, ${commune.postcode ? `${commune.postcode} ` : ''}${commune.name}`;
}

export function unverifiedLocation(checked: Extract<ManualLocationCheck, { ok: true }>, access: LocationAccess): UnverifiedLocation {
  return { source: 'UNVERIFIED', label: manualLocationLabel(checked.description, checked.commune), description: checked.description, commune: checked.commune, lat: checked.lat, lon: checked.lon, ...access };
}

/** Where distances are measured from: the address found, coordinates typed, or the commune's centre. */
export const POSITION_BASES = ['address', 'coordinates', 'communeCentre'] as const;
export type PositionBasis = (typeof POSITION_BASES)[number];

/**
 * The point a search for the nearest pharmacy or slot starts from. An unverified location uses its
 * coordinates when given, else its commune's centre from the official list; otherwise there is none
 * (and the screen says so rather than pretending).
 */
export function searchPosition(location: DossierLocation | null, communeCentre: (inseeCode: string) => { lat: number; lon: number } | null): { lat: number; lon: number; basis: PositionBasis } | null {
  if (!location) return null;
  if (location.source !== 'UNVERIFIED') return { lat: location.lat, lon: location.lon, basis: 'address' };
  if (location.lat !== null && location.lon !== null) return { lat: location.lat, lon: location.lon, basis: 'coordinates' };
  const centre = location.commune.inseeCode ? communeCentre(location.commune.inseeCode) : null;
  return centre ? { ...centre, basis: 'communeCentre' } : null;
}
