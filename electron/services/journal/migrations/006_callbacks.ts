/**
 * 006 — the callback list (lost calls, deferred P3 regulations, requested call-backs): a
 * projection of callback.* and dossier.routed events, open ones indexed by when they are owed.
 */
export const migration006 = {
  version: 6,
  name: 'callbacks',
  sql: `
    CREATE TABLE callbacks (
      id          TEXT PRIMARY KEY,
      dossier_id  TEXT,
      due_at      TEXT,
      done_at     TEXT,
      data        TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX callbacks_open ON callbacks (due_at) WHERE done_at IS NULL;
  `,
} as const;
