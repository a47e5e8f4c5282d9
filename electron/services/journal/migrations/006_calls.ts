/**
 * 006 — the call log: one row per call, the fold of the journal's `call.*` events. A call can
 * exist before it has a dossier (events.dossier_id is null until `call.attached`). Lost calls
 * (inbound, ended, never answered) have their own partial index: the call-back list reads it.
 */
export const migration006 = {
  version: 6,
  name: 'calls',
  sql: `
    CREATE TABLE calls (
      id               TEXT    PRIMARY KEY,
      sip_call_id      TEXT    NOT NULL,
      direction        TEXT    NOT NULL CHECK (direction IN ('inbound', 'outbound')),
      state            TEXT    NOT NULL,
      remote_number    TEXT,
      remote_name      TEXT,
      dossier_id       TEXT,
      presented_at     TEXT    NOT NULL,
      ringing_at       TEXT,
      answered_at      TEXT,
      ended_at         TEXT,
      outcome          TEXT,
      ended_by         TEXT,
      end_reason       TEXT,
      sip_code         INTEGER,
      transfer_target  TEXT,
      last_seq         INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX calls_by_presented ON calls (presented_at);
    CREATE INDEX calls_by_dossier ON calls (dossier_id) WHERE dossier_id IS NOT NULL;
    CREATE INDEX calls_lost ON calls (presented_at)
      WHERE direction = 'inbound' AND state = 'ended' AND answered_at IS NULL;
  `,
} as const;
