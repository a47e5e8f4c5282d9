import type Database from 'better-sqlite3';
import { lambert93ToWgs84 } from '../../../../shared/domain/lambert93';
import { BadRows, readLines } from '../lines';
import type { LoadResult, PackProgress } from '../packFile';

/**
 * The public FINESS extraction on data.gouv.fr ("etalab-cs1100507-stock-<date>.csv"): `;`-separated,
 * no header but a first line `finess;etalab;<version>;<date>`, then one `structureet;…` line per
 * establishment and one `geolocalisation;<finess>;<x>;<y>;<source>;<date>` line per located one.
 * Only officines (category 620) are kept; coordinates are Lambert-93 in metropolitan France.
 */
export const PHARMACY_CATEGORY = '620';

export const PHARMACIES_SCHEMA = `
  CREATE TABLE pharmacies (
    finess TEXT PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL, postcode TEXT, city TEXT,
    insee TEXT, phone TEXT, lat REAL, lon REAL
  ) STRICT;
`;

// structureet fields (0 is the tag).
const F = { finess: 1, rs: 3, rslongue: 4, numvoie: 7, typvoie: 8, voie: 9, compvoie: 10, lieuditbp: 11, commune: 12, departement: 13, acheminement: 15, telephone: 16, categetab: 18 } as const;
const STRUCTURE_FIELDS = 19;

export async function loadFiness(db: Database.Database, path: string, totalBytes: number, onProgress?: (p: PackProgress) => void): Promise<LoadResult> {
  db.exec(PHARMACIES_SCHEMA);
  const insert = db.prepare('INSERT OR REPLACE INTO pharmacies VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)');
  const locate = db.prepare('UPDATE pharmacies SET lat = ?, lon = ? WHERE finess = ?');
  const bad = new BadRows();
  let dataDate: string | null = null;
  let rows = 0;
  let located = 0;
  let lineNumber = 0;
  let unsupportedProjection = 0;
  db.exec('BEGIN');
  try {
    for await (const line of readLines(path, totalBytes, onProgress)) {
      lineNumber += 1;
      if (line === '') continue;
      const f = line.split(';');
      if (lineNumber === 1) {
        if (f[0] !== 'finess' || f[1] !== 'etalab') throw new Error(`${path} is not a FINESS etalab extraction (first line "${line.slice(0, 60)}")`);
        dataDate = /^\d{4}-\d{2}-\d{2}/.exec(f[3] ?? '')?.[0] ?? null;
        continue;
      }
      if (f[0] === 'structureet') {
        if (f.length < STRUCTURE_FIELDS || !/^\d[0-9AB]\d{7}$/.test(f[F.finess]!)) {
          bad.add(lineNumber, f.length < STRUCTURE_FIELDS ? 'colonnes manquantes' : `numéro FINESS invalide « ${f[F.finess]} »`);
          continue;
        }
        if (f[F.categetab] !== PHARMACY_CATEGORY) continue;
        const address = [f[F.numvoie], f[F.typvoie], f[F.voie], f[F.compvoie], f[F.lieuditbp]].map((s) => s?.trim()).filter(Boolean).join(' ');
        const acheminement = /^(\d{5})\s+(.*)$/.exec(f[F.acheminement]!.trim());
        const dep = f[F.departement]!.trim();
        const insee = dep && f[F.commune] ? `${dep.length === 3 ? dep.slice(0, 2) : dep}${f[F.commune]!.trim()}`.slice(-5) : null;
        insert.run(f[F.finess], (f[F.rslongue] || f[F.rs])!.trim(), address, acheminement?.[1] ?? null, acheminement?.[2] ?? f[F.acheminement]!.trim(), insee, f[F.telephone]!.replace(/\D/g, '') || null);
        rows += 1;
      } else if (f[0] === 'geolocalisation') {
        const x = Number(f[2]);
        const y = Number(f[3]);
        if (!f[2] || !f[3] || !Number.isFinite(x) || !Number.isFinite(y)) {
          bad.add(lineNumber, `coordonnées illisibles pour ${f[1]}`);
          continue;
        }
        if (!/LAMBERT_93/.test(f[4] ?? '')) {
          unsupportedProjection += 1;
          continue;
        }
        const { lat, lon } = lambert93ToWgs84(x, y);
        located += locate.run(lat, lon, f[1]).changes;
      } else {
        bad.add(lineNumber, `type de ligne inconnu « ${(f[0] ?? '').slice(0, 30)} »`);
      }
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
  if (!dataDate) throw new Error(`${path} has no FINESS extraction date on its first line`);
  db.exec('CREATE INDEX pharmacies_by_position ON pharmacies (lat, lon)');
  return { rows, badRows: bad.count, badSamples: bad.samples, dataDate, extra: { located: String(located), unsupportedProjection: String(unsupportedProjection) } };
}
