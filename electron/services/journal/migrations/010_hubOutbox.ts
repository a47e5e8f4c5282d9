/**
 * 010 — what the Hub Santé drain needs on each outbox row: the partner it goes to, its expiry,
 * and the Hub's answer (RS-ERROR code and text, receipt time). The outbox is a work table, not
 * the journal: these columns are updated in place. The message exactly as first sent (every
 * retry re-sends these bytes, so the distributionID and content never change) lives in a table
 * of its own, written once: a state change then rewrites a small row, not kilobytes of JSON.
 */
export const migration010 = {
  version: 10,
  name: 'hubOutbox',
  sql: `
    ALTER TABLE outbox ADD COLUMN recipient TEXT;
    ALTER TABLE outbox ADD COLUMN expires_at TEXT;
    ALTER TABLE outbox ADD COLUMN sent_at TEXT;
    ALTER TABLE outbox ADD COLUMN acked_at TEXT;
    ALTER TABLE outbox ADD COLUMN error_code INTEGER;
    CREATE TABLE outbox_message (
      event_seq  INTEGER PRIMARY KEY REFERENCES outbox (event_seq),
      message    TEXT    NOT NULL
    ) STRICT;
    -- Messages waiting for their receipt, oldest send first (the re-send sweep).
    CREATE INDEX outbox_unacked ON outbox (sent_at) WHERE state = 'SENT';
    -- What the user must be told about: refused or expired messages.
    CREATE INDEX outbox_undelivered ON outbox (event_seq) WHERE state IN ('FAILED', 'EXPIRED');
  `,
} as const;
