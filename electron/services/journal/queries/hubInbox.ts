import type Database from 'better-sqlite3';
import type { InboxFactsRow } from '../../../../shared/domain/indicators/facts';

export type InboxState = 'APPLIED' | 'PENDING' | 'REJECTED';

export interface InboxRow {
  /** As claimed by the message (proven or not). */
  distributionId: string | null;
  senderId: string | null;
  /** 1: valid and from a sender entitled to send it — the only rows that count for duplicates. */
  proven: 0 | 1;
  queue: string;
  kind: string | null;
  distributionKind: string | null;
  receivedAt: string;
  /** The bytes exactly as received. */
  body: Buffer;
  /** SHA-256 of the body: a refused message sent again is found by it. */
  digest: Buffer;
  state: InboxState;
  problem: string | null;
  errorCode: number | null;
  dossierId: string | null;
  caseId: string | null;
  /** The bytes we answered with, sent again to a retry. */
  answer: Buffer | null;
}

/** A message seen before, and the answer it got. */
export interface KnownDelivery {
  id: number;
  answer: Buffer | null;
}

export interface RejectedRow {
  id: number;
  received_at: string;
  queue: string;
  sender_id: string | null;
  distribution_id: string | null;
  kind: string | null;
  problem: string;
  error_code: number | null;
  /** The first bytes as received. */
  excerpt: Buffer;
}

export interface AppointmentRow {
  appointment_id: string;
  status: string;
  start_at: string;
  end_at: string | null;
  payload: string;
  updated_at: string;
}

export interface AppointmentUpsert {
  appointmentId: string;
  status: string;
  start: string;
  end: string | null;
  created: string;
  payload: string;
  updatedAt: string;
  distributionId: string;
}

/** What the inbox reads outside a command (the supervisor's list, the OSNP's list). */
export interface HubInboxReads {
  dossierByCase(caseId: string): string | undefined;
  pendingOfCase(caseId: string): Array<{ id: number; body: Buffer; sender_id: string; distribution_id: string }>;
  rejected(limit: number): RejectedRow[];
  rejectedCount(): number;
  appointmentsToAttach(limit: number): AppointmentRow[];
  appointmentPayload(appointmentId: string): string | undefined;
}

/**
 * The Hub inbox (hub_inbox: every delivery kept exactly as received; duplicates are proven
 * messages per (sender, distributionID), or refused ones by the digest of their bytes)
 * and the SAS appointments pushed by the platform (sas_appointments). Written inside the
 * journal command that applies the delivery, so the row and the event it causes commit together.
 */
export class HubInboxQueries implements HubInboxReads {
  private readonly s;

  constructor(
    db: Database.Database,
    /** Told of every row written or settled (the indicator rollups count received messages). */
    private readonly changed: (receivedAt: string, before: InboxFactsRow | undefined, after: InboxFactsRow) => void = () => undefined,
  ) {
    this.s = {
      factsOf: db.prepare<[number], { received_at: string; kind: string | null; state: InboxState; error_code: number | null }>('SELECT received_at, kind, state, error_code FROM hub_inbox WHERE id = ?'),
      factsPage: db.prepare<[number], { id: number; received_at: string; kind: string | null; state: InboxState; error_code: number | null }>('SELECT id, received_at, kind, state, error_code FROM hub_inbox WHERE id > ? ORDER BY id LIMIT 1000'),
      proven: db.prepare<[string, string], KnownDelivery>('SELECT id, answer FROM hub_inbox WHERE proven = 1 AND sender_id = ? AND distribution_id = ?'),
      refusedByDigest: db.prepare<[Buffer], KnownDelivery>('SELECT id, answer FROM hub_inbox WHERE proven = 0 AND digest = ? ORDER BY id LIMIT 1'),
      duplicate: db.prepare('UPDATE hub_inbox SET duplicates = duplicates + 1 WHERE id = ?'),
      insert: db.prepare(`INSERT INTO hub_inbox (distribution_id, sender_id, proven, queue, kind, distribution_kind, received_at, body, digest, state, problem, error_code, dossier_id, case_id, answer)
        VALUES (@distributionId, @senderId, @proven, @queue, @kind, @distributionKind, @receivedAt, @body, @digest, @state, @problem, @errorCode, @dossierId, @caseId, @answer)`),
      settle: db.prepare('UPDATE hub_inbox SET state = ?, problem = ?, error_code = ?, dossier_id = ?, answer = coalesce(?, answer) WHERE id = ?'),
      dossierByCase: db.prepare<[string], string>('SELECT id FROM dossiers WHERE case_id = ? LIMIT 1').pluck(),
      pendingOfCase: db.prepare<[string], { id: number; body: Buffer; sender_id: string; distribution_id: string }>("SELECT id, body, sender_id, distribution_id FROM hub_inbox WHERE state = 'PENDING' AND case_id = ? ORDER BY id"),
      upsertAppointment: db.prepare(`INSERT INTO sas_appointments (appointment_id, status, start_at, end_at, created_at, payload, dossier_id, updated_at, last_distribution_id)
        VALUES (@appointmentId, @status, @start, @end, @created, @payload, NULL, @updatedAt, @distributionId)
        ON CONFLICT (appointment_id) DO UPDATE SET status = excluded.status, start_at = excluded.start_at, end_at = excluded.end_at,
          payload = excluded.payload, updated_at = excluded.updated_at, last_distribution_id = excluded.last_distribution_id`),
      rejected: db.prepare<[number], RejectedRow>(
        "SELECT id, received_at, queue, sender_id, distribution_id, kind, problem, error_code, substr(body, 1, 8000) AS excerpt FROM hub_inbox WHERE state = 'REJECTED' ORDER BY id DESC LIMIT ?",
      ),
      rejectedCount: db.prepare<[], number>("SELECT count(*) FROM hub_inbox WHERE state = 'REJECTED'").pluck(),
      toAttach: db.prepare<[number], AppointmentRow>(
        'SELECT appointment_id, status, start_at, end_at, payload, updated_at FROM sas_appointments WHERE dossier_id IS NULL ORDER BY start_at LIMIT ?',
      ),
      attach: db.prepare('UPDATE sas_appointments SET dossier_id = ?, updated_at = ? WHERE appointment_id = ? AND dossier_id IS NULL'),
      byAppointment: db.prepare<[string], string>('SELECT payload FROM sas_appointments WHERE appointment_id = ?').pluck(),
    };
  }

  /** A proven message seen before from this sender with this distributionID. */
  provenDelivery(senderId: string, distributionId: string): KnownDelivery | undefined {
    return this.s.proven.get(senderId, distributionId);
  }

  /** A message refused before (never proven) with exactly these bytes. */
  refusedDelivery(digest: Buffer): KnownDelivery | undefined {
    return this.s.refusedByDigest.get(digest);
  }

  /** The dossier carrying this Hub case id, if one does. */
  dossierByCase(caseId: string): string | undefined {
    return this.s.dossierByCase.get(caseId) ?? undefined;
  }

  /** Updates kept PENDING until their case arrives, in arrival order. */
  pendingOfCase(caseId: string) {
    return this.s.pendingOfCase.all(caseId);
  }

  rejected(limit: number): RejectedRow[] {
    return this.s.rejected.all(limit);
  }

  rejectedCount(): number {
    return this.s.rejectedCount.get() ?? 0;
  }

  /** Pushed appointments no dossier claims yet, soonest first. */
  appointmentsToAttach(limit: number): AppointmentRow[] {
    return this.s.toAttach.all(limit);
  }

  appointmentPayload(appointmentId: string): string | undefined {
    return this.s.byAppointment.get(appointmentId) ?? undefined;
  }

  /** A delivery seen again: counted, never applied twice. */
  countDuplicate(id: number): void {
    this.s.duplicate.run(id);
  }

  insert(row: InboxRow): void {
    this.s.insert.run(row);
    this.changed(row.receivedAt, undefined, { kind: row.kind, state: row.state, errorCode: row.errorCode });
  }

  /** A PENDING row applied once its case arrived (or otherwise settled); `answer` replaces the one kept. */
  settle(id: number, state: InboxState, dossierId: string | null, problem: string | null = null, errorCode: number | null = null, answer: Buffer | null = null): void {
    const before = this.s.factsOf.get(id);
    this.s.settle.run(state, problem, errorCode, dossierId, answer, id);
    if (before) this.changed(before.received_at, { kind: before.kind, state: before.state, errorCode: before.error_code }, { kind: before.kind, state, errorCode });
  }

  /** Every row as the indicators count it, in pages (for a refold of the rollups). */
  eachForIndicators(each: (receivedAt: string, row: InboxFactsRow) => void): void {
    for (let rows = this.s.factsPage.all(0); rows.length > 0; rows = this.s.factsPage.all(rows.at(-1)!.id)) {
      for (const r of rows) each(r.received_at, { kind: r.kind, state: r.state, errorCode: r.error_code });
    }
  }

  upsertAppointment(appointment: AppointmentUpsert): void {
    this.s.upsertAppointment.run(appointment);
  }

  /** Claims an unattached appointment for a dossier; false when it is unknown or already attached. */
  attachAppointment(appointmentId: string, dossierId: string, at: string): boolean {
    return this.s.attach.run(dossierId, at, appointmentId).changes > 0;
  }
}
