/**
 * 005 — what the Hub Santé drain needs on each outbox row: the partner it goes to, the message
 * exactly as first sent (every retry re-sends these bytes, so the distributionID and content
 * never change), its expiry, and the Hub's answer (RS-ERROR code and text, receipt time).
 * The outbox is a work table, not the journal: these columns are updated in place.
 */
export const migration005 = {
  version: 5,
  name: 'hubOutbox',
  sql: `
    ALTER TABLE outbox ADD COLUMN recipient TEXT;
    ALTER TABLE outbox ADD COLUMN message TEXT;
    ALTER TABLE outbox ADD COLUMN expires_at TEXT;
    ALTER TABLE outbox ADD COLUMN sent_at TEXT;
    ALTER TABLE outbox ADD COLUMN acked_at TEXT;
    ALTER TABLE outbox ADD COLUMN error_code INTEGER;
    -- Messages waiting for their receipt, oldest send first (the re-send sweep).
    CREATE INDEX outbox_unacked ON outbox (sent_at) WHERE state = 'SENT';
    -- What the user must be told about: refused or expired messages.
    CREATE INDEX outbox_undelivered ON outbox (event_seq) WHERE state IN ('FAILED', 'EXPIRED');
  `,
} as const;
