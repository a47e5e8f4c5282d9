import type { OutboxQueries, TransmissionState } from '../journal/queries/outbox';

export type { TransmissionState };

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

/**
 * A dossier's outbox rows, oldest first, as the dossier screen shows them. Read from the work
 * table the drain updates in place; works on a workstation without Hub configuration too (the
 * rows then stay NEW: "en attente").
 */
export function dossierTransmissions(outbox: Pick<OutboxQueries, 'ofDossier'>, dossierId: string): Transmission[] {
  return outbox.ofDossier(dossierId).map((r) => ({
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
