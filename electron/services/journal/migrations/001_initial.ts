/**
 * 001 — events (append-only, hash-chained), the dossier projection and the Hub Santé outbox.
 */
export const migration001 = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE events (
      seq          INTEGER PRIMARY KEY,
      id           TEXT    NOT NULL UNIQUE,
      dossier_id   TEXT,
      type         TEXT    NOT NULL,
      payload      TEXT    NOT NULL,
      actor_id     TEXT    NOT NULL,
      actor_role   TEXT    NOT NULL,
      workstation  TEXT    NOT NULL,
      at           TEXT    NOT NULL,
      hlc          TEXT    NOT NULL,
      corrects     TEXT,
      prev_hash    TEXT    NOT NULL,
      hash         TEXT    NOT NULL
    ) STRICT;
    CREATE INDEX events_by_dossier ON events (dossier_id, seq);

    -- The journal is the source of truth: application code can only append to it.
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'journal events are append-only: UPDATE refused'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'journal events are append-only: DELETE refused'); END;
    CREATE TRIGGER events_seq_gap_free BEFORE INSERT ON events
      WHEN NEW.seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM events)
      BEGIN SELECT RAISE(ABORT, 'journal seq must be gap-free'); END;

    CREATE TABLE dossiers (
      id            TEXT    PRIMARY KEY,
      local_number  TEXT    NOT NULL UNIQUE,
      case_id       TEXT    NOT NULL,
      kind          TEXT    NOT NULL,
      state         TEXT    NOT NULL,
      origin        TEXT    NOT NULL,
      caller_phone  TEXT,
      motive        TEXT    NOT NULL,
      priority      TEXT    NOT NULL,
      created_at    TEXT    NOT NULL,
      updated_at    TEXT    NOT NULL,
      last_seq      INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX dossiers_by_state ON dossiers (state, priority, created_at);

    -- One message per event: keyed by the event's seq. distribution_id is \`<client id>_<event id>\`,
    -- found back through the events' id index, so it needs no index of its own.
    CREATE TABLE outbox (
      event_seq        INTEGER PRIMARY KEY REFERENCES events (seq),
      dossier_id       TEXT,
      message_kind     TEXT    NOT NULL,
      distribution_id  TEXT    NOT NULL,
      state            TEXT    NOT NULL DEFAULT 'NEW'
                       CHECK (state IN ('NEW', 'SENT', 'ACKED', 'FAILED', 'EXPIRED')),
      attempts         INTEGER NOT NULL DEFAULT 0,
      created_at       TEXT    NOT NULL,
      updated_at       TEXT    NOT NULL,
      last_error       TEXT
    ) STRICT;
    -- Only what still has to travel is indexed for the drain; ACKED rows leave the index.
    CREATE INDEX outbox_pending ON outbox (dossier_id, event_seq) WHERE state IN ('NEW', 'SENT');
  `,
} as const;
