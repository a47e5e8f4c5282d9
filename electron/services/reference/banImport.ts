import { createReadStream, renameSync, rmSync, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import Database from 'better-sqlite3';
import { BAN_INDEX_SCHEMA } from './banIndex';

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportResult {
  rows: number;
  streets: number;
  communes: number;
  seconds: number;
}

const BATCH = 10_000;
const REQUIRED = ['numero', 'rep', 'nom_voie', 'code_postal', 'code_insee', 'nom_commune', 'lon', 'lat'] as const;

/**
 * Loads a département's public BAN file (`adresses-<dép>.csv`: UTF-8, `;`-separated) into a
 * fresh index file, then swaps it in with a rename: a failed or interrupted import leaves the
 * previous index as it was. Streets and communes get their own entries (precision RUE, VILLE),
 * placed at their first address.
 */
export async function importBanCsv(csvPath: string, indexPath: string, onProgress?: (p: ImportProgress) => void): Promise<ImportResult> {
  const started = performance.now();
  const totalBytes = statSync(csvPath).size;
  const temp = `${indexPath}.importing`;
  rmSync(temp, { force: true });
  const db = new Database(temp);
  try {
    // A scratch file until the rename: durability would only slow the import down.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
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
        const lon = Number(r.lon);
        const lat = Number(r.lat);
        if (!r.code_insee || !r.nom_commune || !Number.isFinite(lon) || !Number.isFinite(lat)) continue;
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
    const seconds = (performance.now() - started) / 1000;
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    meta.run('source', csvPath);
    meta.run('rows', String(rows));
    meta.run('importedAt', new Date().toISOString());
    db.exec("INSERT INTO address_search (address_search) VALUES ('optimize')");
    db.close();
    renameSync(temp, indexPath);
    onProgress?.({ rows, bytesRead: totalBytes, totalBytes });
    return { rows, streets: streets.size, communes: communes.size, seconds };
  } catch (error) {
    if (db.open) db.close();
    rmSync(temp, { force: true });
    throw error;
  }
}
