import type Database from 'better-sqlite3';
import { checkRpps } from '../../../../shared/domain/rpps';
import { BadRows, readLines } from '../lines';
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
    place TEXT, address TEXT, postcode TEXT, insee TEXT, city TEXT, phone TEXT, lat REAL, lon REAL
  ) STRICT;
`;
const RPPS_INDEXES = 'CREATE INDEX practitioners_by_rpps ON practitioners (rpps); CREATE INDEX practitioners_by_insee ON practitioners (insee, profession);';

/** RPPS (11 digits, Luhn key) or, for the professions still registered there, ADELI (9 characters). */
function validPpId(id: string): boolean {
  return checkRpps(id).ok || /^[0-9A-Z]{9}$/.test(id);
}

/** "PS_LibreAcces_Personne_activite_202612020830.txt" → 2026-12-02. */
function dateFromName(path: string): string | null {
  const match = /_(\d{4})(\d{2})(\d{2})\d{0,4}\.(txt|csv)$/i.exec(path);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

export async function loadRpps(db: Database.Database, path: string, totalBytes: number, onProgress?: (p: PackProgress) => void): Promise<LoadResult> {
  db.exec(RPPS_SCHEMA);
  const insert = db.prepare('INSERT INTO practitioners VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)');
  const bad = new BadRows();
  let index: Record<keyof typeof COLUMNS, number> | null = null;
  let rows = 0;
  let lineNumber = 0;
  let batch: string[][] = [];
  const flush = db.transaction((cells: string[][]) => {
    for (const c of cells) insert.run(...(c as [string, string, string, string, string, string, string, string, string, string, string]));
  });
  for await (const line of readLines(path, totalBytes, onProgress)) {
    lineNumber += 1;
    if (line === '') continue;
    const fields = line.split('|');
    if (!index) {
      const found = Object.fromEntries(Object.entries(COLUMNS).map(([key, name]) => [key, fields.indexOf(name)])) as Record<keyof typeof COLUMNS, number>;
      const missing = Object.entries(found).filter(([, i]) => i < 0).map(([key]) => COLUMNS[key as keyof typeof COLUMNS]);
      if (missing.length > 0) throw new Error(`${path} is not an Annuaire Santé PS_LibreAcces extraction: missing column(s) ${missing.join(', ')}`);
      index = found;
      continue;
    }
    const get = (key: keyof typeof COLUMNS) => (fields[index![key]] ?? '').trim();
    const rpps = get('rpps');
    if (fields.length < Object.keys(COLUMNS).length || !validPpId(rpps)) {
      bad.add(lineNumber, fields.length < Object.keys(COLUMNS).length ? 'colonnes manquantes' : `identifiant RPPS invalide « ${rpps} »`);
      continue;
    }
    if (!get('lastName') || !get('profession')) {
      bad.add(lineNumber, 'nom ou profession absent');
      continue;
    }
    const address = [get('numero'), get('repetition'), get('typeVoie'), get('voie')].filter(Boolean).join(' ');
    batch.push([rpps, get('lastName'), get('firstName'), get('profession'), get('specialty'), get('place'), address, get('postcode'), get('insee'), get('city'), get('phone').replace(/\D/g, '')]);
    rows += 1;
    if (batch.length === 10_000) {
      flush(batch);
      batch = [];
    }
  }
  if (!index) throw new Error(`${path} is empty`);
  flush(batch);
  db.exec(RPPS_INDEXES);
  return { rows, badRows: bad.count, badSamples: bad.samples, dataDate: dateFromName(path) ?? new Date().toISOString().slice(0, 10) };
}
