/**
 * 002 — the full dossier (caller details, patients, qualification, notes, links) kept as JSON
 * beside the queue columns, and the two look-ups behind repeat callers: by calling number and
 * by patient name + birth date.
 */
export const migration002 = {
  version: 2,
  name: 'dossierDetails',
  sql: `
    ALTER TABLE dossiers ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
    CREATE INDEX dossiers_by_phone ON dossiers (caller_phone, created_at) WHERE caller_phone IS NOT NULL;

    CREATE TABLE dossier_patients (
      dossier_id   TEXT NOT NULL,
      patient_id   TEXT NOT NULL,
      name_key     TEXT NOT NULL,
      birth_date   TEXT,
      created_at   TEXT NOT NULL,
      PRIMARY KEY (dossier_id, patient_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX dossier_patients_by_identity ON dossier_patients (name_key, birth_date, created_at);
  `,
} as const;
