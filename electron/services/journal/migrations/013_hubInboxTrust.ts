/**
 * 013 — the inbox trusts nothing that arrives (issue 18). The table is rebuilt (SQLite cannot
 * drop a UNIQUE constraint):
 * - `body` is a BLOB: the bytes exactly as received (011 kept a lossy UTF-8 decoding);
 * - deduplication only among `proven` messages (valid, from a sender entitled to send them),
 *   keyed by (sender, distributionID): a refused message or a stranger can no longer claim a
 *   partner's distributionID and have its genuine message dropped as a duplicate;
 * - `digest` (SHA-256 of the body) finds a refused message sent again, and `answer` holds the
 *   bytes we answered it with, so a retry gets the same RS-ERROR (or receipt) again;
 * - `distribution_kind` as claimed, for the supervisor.
 * Existing rows are kept: the ones applied or pending count as proven (they passed the checks of
 * their day), the body's text becomes its UTF-8 bytes.
 */
export const migration013 = {
  version: 13,
  name: 'hubInboxTrust',
  sql: `
    CREATE TABLE hub_inbox_v13 (
      id                INTEGER PRIMARY KEY,
      distribution_id   TEXT,
      sender_id         TEXT,
      proven            INTEGER NOT NULL CHECK (proven IN (0, 1)),
      queue             TEXT    NOT NULL,
      kind              TEXT,
      distribution_kind TEXT,
      received_at       TEXT    NOT NULL,
      body              BLOB    NOT NULL,
      digest            BLOB,
      state             TEXT    NOT NULL CHECK (state IN ('APPLIED', 'PENDING', 'REJECTED')),
      problem           TEXT,
      error_code        INTEGER,
      dossier_id        TEXT,
      case_id           TEXT,
      duplicates        INTEGER NOT NULL DEFAULT 0,
      answer            BLOB
    ) STRICT;
    INSERT INTO hub_inbox_v13 (id, distribution_id, sender_id, proven, queue, kind, received_at, body, state, problem, error_code, dossier_id, case_id, duplicates)
      SELECT id, distribution_id, sender_id, CASE WHEN state IN ('APPLIED', 'PENDING') AND sender_id IS NOT NULL AND distribution_id IS NOT NULL THEN 1 ELSE 0 END,
             queue, kind, received_at, CAST(body AS BLOB), state, problem, error_code, dossier_id, case_id, duplicates
      FROM hub_inbox;
    DROP TABLE hub_inbox;
    ALTER TABLE hub_inbox_v13 RENAME TO hub_inbox;
    CREATE UNIQUE INDEX hub_inbox_proven ON hub_inbox (sender_id, distribution_id) WHERE proven = 1;
    CREATE INDEX hub_inbox_refused_digest ON hub_inbox (digest) WHERE proven = 0;
    CREATE INDEX hub_inbox_pending ON hub_inbox (case_id, id) WHERE state = 'PENDING';
    CREATE INDEX hub_inbox_rejected ON hub_inbox (id) WHERE state = 'REJECTED';
  `,
} as const;
