import type Database from 'better-sqlite3';

export type TransmissionState = 'NEW' | 'SENT' | 'ACKED' | 'FAILED' | 'EXPIRED';

export interface Transmission {
  seq: number;
  kind: string;
  state: TransmissionState;
  recipient: string | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  ackedAt: string | null;
  errorCode: number | null;
  errorText: string | null;
}

interface Row {
  event_seq: number;
  message_kind: string;
  state: TransmissionState;
  recipient: string | null;
  attempts: number;
  created_at: string;
  sent_at: string | null;
  acked_at: string | null;
  error_code: number | null;
  last_error: string | null;
}

/**
 * A dossier's outbox rows, oldest first, as the dossier screen shows them. Read from the work
 * table the drain updates in place; works on a workstation without Hub configuration too (the
 * rows then stay NEW: "en attente").
 */
export function dossierTransmissions(db: Database.Database, dossierId: string): Transmission[] {
  const rows = db
    .prepare<[string], Row>(
      'SELECT event_seq, message_kind, state, recipient, attempts, created_at, sent_at, acked_at, error_code, last_error FROM outbox WHERE dossier_id = ? ORDER BY event_seq',
    )
    .all(dossierId);
  return rows.map((r) => ({
    seq: r.event_seq,
    kind: r.message_kind,
    state: r.state,
    recipient: r.recipient,
    attempts: r.attempts,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    ackedAt: r.acked_at,
    errorCode: r.error_code,
    // A row the Hub refused keeps its text; an in-flight retry's transport error is not the Hub's word.
    errorText: r.last_error === null ? null : r.last_error.slice(0, 2000),
  }));
}
