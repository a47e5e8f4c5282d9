/**
 * 009 — appointments found for SNP patients, by the SAS platform's id: RS-SAS-RDV carries no
 * dossier id, so its later updates find their record through this index.
 */
export const migration009 = {
  version: 9,
  name: 'appointments',
  sql: `
    CREATE TABLE appointments (
      id              TEXT PRIMARY KEY,
      dossier_id      TEXT NOT NULL,
      appointment_id  TEXT,
      starts_at       TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE UNIQUE INDEX appointments_by_platform_id ON appointments (appointment_id) WHERE appointment_id IS NOT NULL;
  `,
} as const;
