/**
 * 004 — free-text search over dossiers (number, caller, motive, patients, address), newest
 * first. The FTS rowid is the seq of the dossier's creation event: ordering by it is ordering by
 * age, without ranking every match.
 */
export const migration004 = {
  version: 4,
  name: 'dossierSearch',
  sql: `
    ALTER TABLE dossiers ADD COLUMN search_rowid INTEGER;
    CREATE VIRTUAL TABLE dossier_search USING fts5(dossier_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
  `,
} as const;
