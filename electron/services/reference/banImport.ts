import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import type Database from 'better-sqlite3';
import type { PackMeta } from '../../../shared/domain/referencePack';
import { BAN_INDEX_SCHEMA } from './banIndex';
import { BadRows } from './lines';
import { buildPack, type LoadResult, type PackProgress } from './packFile';

export type ImportProgress = PackProgress;

export interface ImportResult {
  rows: number;
  streets: number;
  communes: number;
  seconds: number;
  meta: PackMeta;
}

const BATCH = 10_000;
const REQUIRED = ['numero', 'rep', 'nom_voie', 'code_postal', 'code_insee', 'nom_commune', 'lon', 'lat'] as const;

/**
 * Loads a département's public BAN file (`adresses-<dép>.csv`: UTF-8, `;`-separated) as the `ban`
 * reference pack (packFile.ts: built aside, swapped in with a rename, so a failed or interrupted
 * import leaves the previous index as it was). Streets and communes get their own entries
 * (precision RUE, VILLE), placed at their first address.
 */
export async function importBanCsv(csvPath: string, indexPath: string, onProgress?: (p: ImportProgress) => void): Promise<ImportResult> {
  const started = performance.now();
  let counts = { streets: 0, communes: 0 };
  const meta = await buildPack(indexPath, 'ban', csvPath, async (db) => {
    const result = await loadBan(db, csvPath, onProgress);
    counts = { streets: Number(result.extra!.streets), communes: Number(result.extra!.communes) };
    return result;
  });
  return { rows: meta.rows, ...counts, seconds: (performance.now() - started) / 1000, meta };
}

async function loadBan(db: Database.Database, csvPath: string, onProgress?: (p: ImportProgress) => void): Promise<LoadResult> {
  const totalBytes = statSync(csvPath).size;
  const bad = new BadRows();
  let seen = 0;
  {
    db.exec(BAN_INDEX_SCHEMA);
    const insertAddress = db.prepare('INSERT INTO addresses (street_id, numero, nom_voie, code_postal, nom_commune, code_insee, lon, lat, precision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const insertSearch = db.prepare('INSERT INTO address_search (rowid, label) VALUES (?, ?)');
    /** Streets and communes are searchable by words; house numbers are reached through their street. */
    const addPlace = (voie: string | null, cp: string, commune: string, insee: string, lon: number, lat: number, precision: 'RUE' | 'VILLE') => {
      const rowid = Number(insertAddress.run(null, null, voie, cp, commune, insee, lon, lat, precision).lastInsertRowid);
      insertSearch.run(rowid, [voie, cp, commune].filter(Boolean).join(' '));
      return rowid;
    };
    const streets = new Map<string, number>();
    const communes = new Set<string>();
    type Row = Record<(typeof REQUIRED)[number], string>;
    const writeBatch = db.transaction((rows: Row[]) => {
      for (const r of rows) {
        seen += 1;
        const lon = Number(r.lon);
        const lat = Number(r.lat);
        if (!r.code_insee || !r.nom_commune || !r.lon || !r.lat || !Number.isFinite(lon) || !Number.isFinite(lat)) {
          // Line numbers count the header.
          bad.add(seen + 1, 'commune ou coordonnées absentes');
          continue;
        }
        if (!communes.has(r.code_insee)) {
          communes.add(r.code_insee);
          addPlace(null, r.code_postal, r.nom_commune, r.code_insee, lon, lat, 'VILLE');
        }
        if (!r.nom_voie) continue;
        const streetKey = `${r.code_insee}|${r.nom_voie}`;
        let streetId = streets.get(streetKey);
        if (streetId === undefined) {
          streetId = addPlace(r.nom_voie, r.code_postal, r.nom_commune, r.code_insee, lon, lat, 'RUE');
          streets.set(streetKey, streetId);
        }
        // 99999 is the BAN's "no number" (lieux-dits): the street entry stands for it.
        if (r.numero && r.numero !== '99999') {
          const numero = `${r.numero}${r.rep ? ` ${r.rep.toLowerCase()}` : ''}`;
          insertAddress.run(streetId, numero, r.nom_voie, r.code_postal, r.nom_commune, r.code_insee, lon, lat, 'ADRESSE');
        }
      }
    });

    const stream = createReadStream(csvPath);
    const parser = stream.pipe(parse({ delimiter: ';', columns: true, bom: true, relax_column_count: true, skip_empty_lines: true }));
    let rows = 0;
    let batch: Row[] = [];
    let checkedHeader = false;
    for await (const record of parser as AsyncIterable<Row>) {
      if (!checkedHeader) {
        const missing = REQUIRED.filter((column) => !(column in record));
        if (missing.length > 0) throw new Error(`${csvPath} is not a BAN address file: missing column(s) ${missing.join(', ')}`);
        checkedHeader = true;
      }
      batch.push(record);
      rows += 1;
      if (batch.length === BATCH) {
        writeBatch(batch);
        batch = [];
        onProgress?.({ rows, bytesRead: stream.bytesRead, totalBytes });
      }
    }
    writeBatch(batch);
    db.exec("INSERT INTO address_search (address_search) VALUES ('optimize')");
    onProgress?.({ rows, bytesRead: totalBytes, totalBytes });
    // The BAN file carries no extraction date: the day it is imported stands for it.
    return { rows: rows - bad.count, badRows: bad.count, badSamples: bad.samples, dataDate: new Date().toISOString().slice(0, 10), extra: { streets: String(streets.size), communes: String(communes.size) } };
  }
}
