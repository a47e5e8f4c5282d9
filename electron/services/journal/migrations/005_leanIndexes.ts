/**
 * 005 — fewer pages written per command (each one is a WAL frame under synchronous=FULL):
 * - `dossiers_by_state` goes: the open queue reads the partial `dossiers_by_queue` (state =
 *   'ACTIF'), and nothing else asked for it; it cost a page on every creation and every change.
 * - the search index keeps no positions (`detail = none`) nor column sizes (`columnsize = 0`):
 *   searches are prefix terms AND-ed, newest first, never phrases nor ranked, so neither was
 *   read. Its rows are copied over, so nothing has to be re-derived from the events.
 */
export const migration005 = {
  version: 5,
  name: 'leanIndexes',
  sql: `
    DROP INDEX dossiers_by_state;
    CREATE VIRTUAL TABLE dossier_search_lean USING fts5(dossier_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = none, columnsize = 0);
    INSERT INTO dossier_search_lean (rowid, dossier_id, text) SELECT rowid, dossier_id, text FROM dossier_search;
    DROP TABLE dossier_search;
    ALTER TABLE dossier_search_lean RENAME TO dossier_search;
  `,
} as const;
