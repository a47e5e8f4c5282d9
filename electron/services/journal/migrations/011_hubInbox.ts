/**
 * 011 — the Hub Santé inbox: every message received, kept as received (even unreadable ones),
 * before the broker is acknowledged; deduplicated on distributionID. And the SAS appointments
 * pushed by the national platform (RS-SAS-RDV), waiting to be attached to a dossier.
 * PENDING holds an update that arrived before the case it updates (reordering on the way):
 * it is applied when the case arrives, instead of being refused.
 */
export const migration011 = {
  version: 11,
  name: 'hubInbox',
  sql: `
    CREATE TABLE hub_inbox (
      id               INTEGER PRIMARY KEY,
      distribution_id  TEXT    UNIQUE,
      sender_id        TEXT,
      queue            TEXT    NOT NULL,
      kind             TEXT,
      received_at      TEXT    NOT NULL,
      body             TEXT    NOT NULL,
      state            TEXT    NOT NULL CHECK (state IN ('APPLIED', 'PENDING', 'REJECTED')),
      problem          TEXT,
      error_code       INTEGER,
      dossier_id       TEXT,
      case_id          TEXT,
      duplicates       INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX hub_inbox_pending ON hub_inbox (case_id, id) WHERE state = 'PENDING';
    -- Updates from partners find their dossier by the shared caseId.
    CREATE INDEX dossiers_by_case ON dossiers (case_id);
    -- The supervisor's list of refused messages, newest first.
    CREATE INDEX hub_inbox_rejected ON hub_inbox (id) WHERE state = 'REJECTED';

    CREATE TABLE sas_appointments (
      appointment_id   TEXT    PRIMARY KEY,
      status           TEXT    NOT NULL,
      start_at         TEXT    NOT NULL,
      end_at           TEXT,
      created_at       TEXT    NOT NULL,
      payload          TEXT    NOT NULL,
      dossier_id       TEXT,
      updated_at       TEXT    NOT NULL,
      last_distribution_id TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX sas_appointments_to_attach ON sas_appointments (start_at) WHERE dossier_id IS NULL;
  `,
} as const;
