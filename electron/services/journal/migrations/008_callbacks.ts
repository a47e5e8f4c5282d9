/**
 * 008 — the callback list (lost calls, deferred P3 regulations, requested call-backs): a
 * projection of callback.* and dossier.routed events, open ones indexed by when they are owed,
 * lost calls by their call id.
 */
export const migration008 = {
  version: 8,
  name: 'callbacks',
  sql: `
    CREATE TABLE callbacks (
      id          TEXT PRIMARY KEY,
      dossier_id  TEXT,
      due_at      TEXT,
      done_at     TEXT,
      call_id     TEXT,
      data        TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX callbacks_open ON callbacks (due_at) WHERE done_at IS NULL;
    CREATE INDEX callbacks_done ON callbacks (done_at) WHERE done_at IS NOT NULL;
    -- Telephony may report the same lost call twice (a retry, a restart): one callback per call.
    CREATE UNIQUE INDEX callbacks_by_call ON callbacks (call_id) WHERE call_id IS NOT NULL;
  `,
} as const;
