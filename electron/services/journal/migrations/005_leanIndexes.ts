/**
 * 005 — fewer pages written per command (each one is a WAL frame under synchronous=FULL):
 * - `dossiers_by_state` goes: the open queue reads the partial `dossiers_by_queue` (state =
 *   'ACTIF'), and nothing else asked for it; it cost a page on every creation and every change.
 * - the search index keeps no token positions (`detail = column`) nor column sizes
 *   (`columnsize = 0`): searches are prefix terms AND-ed, newest first, never phrases nor
 *   ranked, so neither was read. (`detail = none` writes as little but made the 2 M-dossier
 *   search three times slower.) Its rows are copied over: nothing is re-derived from the events;
 *   on a 2 M-dossier journal this one-time copy took 25 s.
 */
export const migration005 = {
  version: 5,
  name: 'leanIndexes',
  sql: `
    DROP INDEX dossiers_by_state;
    CREATE VIRTUAL TABLE dossier_search_lean USING fts5(dossier_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = column, columnsize = 0);
    INSERT INTO dossier_search_lean (rowid, dossier_id, text) SELECT rowid, dossier_id, text FROM dossier_search;
    DROP TABLE dossier_search;
    ALTER TABLE dossier_search_lean RENAME TO dossier_search;
  `,
} as const;
