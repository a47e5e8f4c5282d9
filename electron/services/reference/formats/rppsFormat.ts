import type Database from 'better-sqlite3';
import { checkRpps } from '../../../../shared/domain/rpps';
import { nameKey } from '../../../../shared/domain/nameKey';
import { BadRows, readLineBatches } from '../lines';
import type { LoadResult, PackProgress } from '../packFile';

/**
 * The public Annuaire Santé extraction "PS_LibreAcces_Personne_activite_<AAAAMMJJhhmm>.txt":
 * UTF-8, `|`-separated with a header line, one line per practitioner and place of practice.
 * Columns are found by their published names, so that added columns do not break the import.
 */
const COLUMNS = {
  rpps: 'Identifiant PP',
  lastName: "Nom d'exercice",
  firstName: "Prénom d'exercice",
  profession: 'Libellé profession',
  specialty: 'Libellé savoir-faire',
  place: 'Raison sociale site',
  numero: 'Numéro Voie (coord. structure)',
  repetition: 'Indice répétition voie (coord. structure)',
  typeVoie: 'Libellé type de voie (coord. structure)',
  voie: 'Libellé Voie (coord. structure)',
  postcode: 'Code postal (coord. structure)',
  insee: 'Code commune (coord. structure)',
  city: 'Libellé commune (coord. structure)',
  phone: 'Téléphone (coord. structure)',
} as const;

export const RPPS_SCHEMA = `
  CREATE TABLE practitioners (
    rpps TEXT NOT NULL, last_name TEXT NOT NULL, first_name TEXT, profession TEXT NOT NULL, specialty TEXT,
    place TEXT, address TEXT, postcode TEXT, insee TEXT, city TEXT, phone TEXT, lat REAL, lon REAL,
    name_key TEXT NOT NULL, city_key TEXT NOT NULL
  ) STRICT;
`;
/** Built once the rows are in (one sort each, not a million B-tree inserts): the lookup's ways in. */
const RPPS_INDEXES = `
  CREATE INDEX practitioners_by_rpps ON practitioners (rpps);
  CREATE INDEX practitioners_by_name ON practitioners (name_key);
  CREATE INDEX practitioners_by_city ON practitioners (city_key);
`;

/** RPPS (11 digits, Luhn key) or, for the professions still registered there, ADELI (9 characters). */
function validPpId(id: string): boolean {
  return checkRpps(id).ok || /^[0-9A-Z]{9}$/.test(id);
}

/** "PS_LibreAcces_Personne_activite_202612020830.txt" → 2026-12-02. */
function dateFromName(path: string): string | null {
  const match = /_(\d{4})(\d{2})(\d{2})\d{0,4}\.(txt|csv)$/i.exec(path);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

type Columns = Record<keyof typeof COLUMNS, number>;

function columnsOf(path: string, header: string[]): Columns {
  const found = Object.fromEntries(Object.entries(COLUMNS).map(([key, name]) => [key, header.indexOf(name)])) as Columns;
  const missing = Object.entries(found).filter(([, i]) => i < 0).map(([key]) => COLUMNS[key as keyof typeof COLUMNS]);
  if (missing.length > 0) throw new Error(`${path} is not an Annuaire Santé PS_LibreAcces extraction: missing column(s) ${missing.join(', ')}`);
  return found;
}

const COLUMN_COUNT = Object.keys(COLUMNS).length;

/**
 * One transaction for the whole load (the scratch file has no journal: a failure discards it
 * whole), rows inserted straight from each batch of lines, indexes built at the end.
 */
export async function loadRpps(db: Database.Database, path: string, totalBytes: number, onProgress?: (p: PackProgress) => void): Promise<LoadResult> {
  db.exec(RPPS_SCHEMA);
  const insert = db.prepare('INSERT INTO practitioners VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)');
  const bad = new BadRows();
  let c: Columns | null = null;
  let rows = 0;
  let lineNumber = 0;
  db.exec('BEGIN');
  for await (const lines of readLineBatches(path, totalBytes, onProgress)) {
    for (const line of lines) {
      lineNumber += 1;
      if (line === '') continue;
      const fields = line.split('|');
      if (!c) {
        c = columnsOf(path, fields);
        continue;
      }
      const rpps = (fields[c.rpps] ?? '').trim();
      if (fields.length < COLUMN_COUNT || !validPpId(rpps)) {
        bad.add(lineNumber, fields.length < COLUMN_COUNT ? 'colonnes manquantes' : `identifiant RPPS invalide « ${rpps} »`);
        continue;
      }
      const lastName = (fields[c.lastName] ?? '').trim();
      const profession = (fields[c.profession] ?? '').trim();
      if (!lastName || !profession) {
        bad.add(lineNumber, 'nom ou profession absent');
        continue;
      }
      const city = (fields[c.city] ?? '').trim();
      const address = [fields[c.numero], fields[c.repetition], fields[c.typeVoie], fields[c.voie]].map((f) => (f ?? '').trim()).filter(Boolean).join(' ');
      insert.run(
        rpps, lastName, (fields[c.firstName] ?? '').trim(), profession, (fields[c.specialty] ?? '').trim(), (fields[c.place] ?? '').trim(), address,
        (fields[c.postcode] ?? '').trim(), (fields[c.insee] ?? '').trim(), city, (fields[c.phone] ?? '').replace(/\D/g, ''), nameKey(lastName), nameKey(city),
      );
      rows += 1;
    }
  }
  if (!c) throw new Error(`${path} is empty`);
  db.exec('COMMIT');
  db.exec(RPPS_INDEXES);
  return { rows, badRows: bad.count, badSamples: bad.samples, dataDate: dateFromName(path) ?? new Date().toISOString().slice(0, 10) };
}
