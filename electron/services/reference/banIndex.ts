import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { AddressCandidate } from '../../../shared/domain/address';
import type { Commune } from '../../../shared/domain/manualLocation';
import { PACK_FILES, type PackMeta } from '../../../shared/domain/referencePack';
import { ftsQuery } from '../search/ftsQuery';
import { readPackMeta } from './packFile';

export { ftsQuery };

export const BAN_INDEX_FILE = PACK_FILES.ban;

export const BAN_INDEX_SCHEMA = `
  CREATE TABLE addresses (
    rowid        INTEGER PRIMARY KEY,
    -- For a house number: the rowid of its street's entry. Null for streets and communes.
    street_id    INTEGER,
    numero       TEXT,
    nom_voie     TEXT,
    code_postal  TEXT,
    nom_commune  TEXT NOT NULL,
    code_insee   TEXT NOT NULL,
    lon          REAL NOT NULL,
    lat          REAL NOT NULL,
    precision    TEXT NOT NULL
  ) STRICT;
  -- Only streets and communes are searched by words (a few thousand per département, cheap to
  -- rank); house numbers are then found through their street. Contentless: the text is in addresses.
  CREATE VIRTUAL TABLE address_search USING fts5(label, content='', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
  CREATE INDEX addresses_by_street ON addresses (street_id, numero) WHERE street_id IS NOT NULL;
`;

interface AddressRow {
  rowid: number;
  numero: string | null;
  nom_voie: string | null;
  code_postal: string | null;
  nom_commune: string;
  code_insee: string;
  lon: number;
  lat: number;
  precision: AddressCandidate['precision'];
}

/** "12 bis rue…" → house number "12 bis" and the rest; a query without a leading number has none. */
export function splitHouseNumber(text: string): { number: string | null; rest: string } {
  const match = /^\s*(\d{1,5})(?:\s*(bis|ter|quater|b|t|q)\b)?[\s,]*(.*)$/i.exec(text);
  if (!match || match[3]!.trim() === '') return { number: null, rest: text };
  const suffix = match[2] ? ` ${({ b: 'bis', t: 'ter', q: 'quater' } as Record<string, string>)[match[2].toLowerCase()] ?? match[2].toLowerCase()}` : '';
  return { number: `${match[1]}${suffix}`, rest: match[3]! };
}

/**
 * The offline address index of the site's département (built by banImport.ts from the public
 * BAN file): answers the same search when the national service is unreachable.
 */
export class BanIndex {
  private readonly searchPlaces;
  private readonly numberOnStreet;

  private constructor(private readonly db: Database.Database) {
    const columns = 'a.rowid, a.numero, a.nom_voie, a.code_postal, a.nom_commune, a.code_insee, a.lon, a.lat, a.precision';
    this.searchPlaces = db.prepare<[string, number], AddressRow>(`
      SELECT ${columns} FROM address_search s JOIN addresses a ON a.rowid = s.rowid
      WHERE address_search MATCH ? ORDER BY s.rank LIMIT ?`);
    this.numberOnStreet = db.prepare<[number, string, string, number], AddressRow>(`
      SELECT ${columns} FROM addresses a
      WHERE a.street_id = ? AND (a.numero = ? OR a.numero LIKE ? ESCAPE '\\') ORDER BY length(a.numero), a.numero LIMIT ?`);
  }

  /** Null when no index was imported on this workstation yet. */
  static open(path: string): BanIndex | null {
    if (!existsSync(path)) return null;
    return new BanIndex(new Database(path, { readonly: true, fileMustExist: true }));
  }

  /**
   * Streets and communes ranked by the words typed; with a leading house number, that number on
   * the best streets first (exact, then the numbers that begin with it), then the streets.
   */
  find(text: string, limit: number): AddressCandidate[] {
    const { number, rest } = splitHouseNumber(text);
    const query = ftsQuery(rest);
    if (!query) return [];
    const places = this.searchPlaces.all(query, limit);
    const numbered = number
      ? places.filter((p) => p.precision === 'RUE').slice(0, 3).flatMap((street) => this.numberOnStreet.all(street.rowid, number, `${number.replace(/[%_\\]/g, '\\$&')}%`, limit))
      : [];
    return [...numbered, ...places].slice(0, limit).map((row) => ({
      label: [row.numero, row.nom_voie, row.code_postal, row.nom_commune].filter(Boolean).join(' '),
      houseNumber: row.numero,
      street: row.nom_voie,
      postcode: row.code_postal,
      city: row.nom_commune,
      inseeCode: row.code_insee,
      lat: row.lat,
      lon: row.lon,
      precision: row.precision,
    }));
  }

  /**
   * The département's communes, the official list a manual location is chosen from: name, INSEE
   * code, postcode of the commune's entry, and its centre as the mean of its addresses (the BAN
   * file has no commune centre; the commune's entry is only its first address). One pass over the
   * table: the caller keeps the list until the pack is replaced.
   */
  communes(): Commune[] {
    const entries = this.db.prepare<[], { code_insee: string; nom_commune: string; code_postal: string | null }>("SELECT code_insee, nom_commune, code_postal FROM addresses WHERE precision = 'VILLE' AND street_id IS NULL AND nom_voie IS NULL").all();
    const centres = new Map(
      this.db
        .prepare<[], { code_insee: string; lat: number; lon: number }>('SELECT code_insee, avg(lat) AS lat, avg(lon) AS lon FROM addresses GROUP BY code_insee')
        .all()
        .map((c) => [c.code_insee, c]),
    );
    const round = (n: number) => Math.round(n * 1e6) / 1e6;
    return entries.map((e) => {
      const centre = centres.get(e.code_insee)!;
      return { name: e.nom_commune, inseeCode: e.code_insee, postcode: e.code_postal || null, lat: round(centre.lat), lon: round(centre.lon) };
    });
  }

  /** Provenance and data date (packFile.ts), for the age shown beside offline answers. */
  info(): PackMeta {
    return readPackMeta(this.db, 'ban');
  }

  close(): void {
    this.db.close();
  }
}
