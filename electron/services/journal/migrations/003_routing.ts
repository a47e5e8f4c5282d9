/** 003 — where a dossier waits (branch queue), and the deadline of a deferred (P3) regulation. */
export const migration003 = {
  version: 3,
  name: 'routing',
  sql: `
    ALTER TABLE dossiers ADD COLUMN queue TEXT;
    ALTER TABLE dossiers ADD COLUMN callback_due_at TEXT;
    CREATE INDEX dossiers_by_queue ON dossiers (queue, state) WHERE state = 'ACTIF';
  `,
} as const;
