import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

/** The official Hub Santé code lists, from the handout beside the project (../shared). */
export const NOMENCLATURE_DIR = resolve(process.env.PLATEAU_HANDOUT ?? '../shared', 'hubsante', 'nomenclatures');

export interface OfficialCode {
  code: string;
  label: string;
}

/**
 * Reads `HubSante.<list>.csv`: an index column, `code`, one to three label levels, then
 * description and comment. A code's label is its deepest non-empty level (`M01.01` is labelled
 * "Suspicion d’arrêt cardiaque, mort subite", not its parent's "Détresse vitale").
 */
export function readOfficialList(list: string): OfficialCode[] {
  const rows = parse(readFileSync(join(NOMENCLATURE_DIR, `HubSante.${list}.csv`), 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Array<Record<string, string>>;
  return rows.map((row) => {
    const labelColumns = Object.keys(row).filter((key) => /^label_n\d$|^Libellé niveau \d$/.test(key));
    const label = labelColumns.map((key) => row[key]!.trim()).filter(Boolean).at(-1) ?? '';
    return { code: row.code!.trim(), label };
  });
}
