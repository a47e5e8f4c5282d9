import type Database from 'better-sqlite3';

export type InboxState = 'APPLIED' | 'PENDING' | 'REJECTED';

export interface InboxRow {
  distributionId: string | null;
  senderId: string | null;
  queue: string;
  kind: string | null;
  receivedAt: string;
  body: string;
  state: InboxState;
  problem: string | null;
  errorCode: number | null;
  dossierId: string | null;
  caseId: string | null;
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
  excerpt: string;
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
  byDistribution(distributionId: string): { id: number; state: InboxState; kind: string | null; sender_id: string | null } | undefined;
  dossierByCase(caseId: string): string | undefined;
  pendingOfCase(caseId: string): Array<{ id: number; body: string; sender_id: string; distribution_id: string }>;
  rejected(limit: number): RejectedRow[];
  rejectedCount(): number;
  appointmentsToAttach(limit: number): AppointmentRow[];
  appointmentPayload(appointmentId: string): string | undefined;
}

/**
 * The Hub inbox (hub_inbox: every delivery kept as received, deduplicated on distributionID)
 * and the SAS appointments pushed by the platform (sas_appointments). Written inside the
 * journal command that applies the delivery, so the row and the event it causes commit together.
 */
export class HubInboxQueries implements HubInboxReads {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      byDistribution: db.prepare<[string], { id: number; state: InboxState; kind: string | null; sender_id: string | null }>('SELECT id, state, kind, sender_id FROM hub_inbox WHERE distribution_id = ?'),
      duplicate: db.prepare('UPDATE hub_inbox SET duplicates = duplicates + 1 WHERE id = ?'),
      insert: db.prepare(`INSERT INTO hub_inbox (distribution_id, sender_id, queue, kind, received_at, body, state, problem, error_code, dossier_id, case_id)
        VALUES (@distributionId, @senderId, @queue, @kind, @receivedAt, @body, @state, @problem, @errorCode, @dossierId, @caseId)`),
      settle: db.prepare('UPDATE hub_inbox SET state = ?, problem = ?, error_code = ?, dossier_id = ? WHERE id = ?'),
      dossierByCase: db.prepare<[string], string>('SELECT id FROM dossiers WHERE case_id = ? LIMIT 1').pluck(),
      pendingOfCase: db.prepare<[string], { id: number; body: string; sender_id: string; distribution_id: string }>("SELECT id, body, sender_id, distribution_id FROM hub_inbox WHERE state = 'PENDING' AND case_id = ? ORDER BY id"),
      upsertAppointment: db.prepare(`INSERT INTO sas_appointments (appointment_id, status, start_at, end_at, created_at, payload, dossier_id, updated_at, last_distribution_id)
        VALUES (@appointmentId, @status, @start, @end, @created, @payload, NULL, @updatedAt, @distributionId)
        ON CONFLICT (appointment_id) DO UPDATE SET status = excluded.status, start_at = excluded.start_at, end_at = excluded.end_at,
          payload = excluded.payload, updated_at = excluded.updated_at, last_distribution_id = excluded.last_distribution_id`),
      rejected: db.prepare<[number], RejectedRow>(
        "SELECT id, received_at, queue, sender_id, distribution_id, kind, problem, error_code, substr(body, 1, 2000) AS excerpt FROM hub_inbox WHERE state = 'REJECTED' ORDER BY id DESC LIMIT ?",
      ),
      rejectedCount: db.prepare<[], number>("SELECT count(*) FROM hub_inbox WHERE state = 'REJECTED'").pluck(),
      toAttach: db.prepare<[number], AppointmentRow>(
        'SELECT appointment_id, status, start_at, end_at, payload, updated_at FROM sas_appointments WHERE dossier_id IS NULL ORDER BY start_at LIMIT ?',
      ),
      attach: db.prepare('UPDATE sas_appointments SET dossier_id = ?, updated_at = ? WHERE appointment_id = ? AND dossier_id IS NULL'),
      byAppointment: db.prepare<[string], string>('SELECT payload FROM sas_appointments WHERE appointment_id = ?').pluck(),
    };
  }

  byDistribution(distributionId: string) {
    return this.s.byDistribution.get(distributionId);
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
  }

  /** A PENDING row applied once its case arrived (or otherwise settled). */
  settle(id: number, state: InboxState, dossierId: string | null, problem: string | null = null, errorCode: number | null = null): void {
    this.s.settle.run(state, problem, errorCode, dossierId, id);
  }

  upsertAppointment(appointment: AppointmentUpsert): void {
    this.s.upsertAppointment.run(appointment);
  }

  /** Claims an unattached appointment for a dossier; false when it is unknown or already attached. */
  attachAppointment(appointmentId: string, dossierId: string, at: string): boolean {
    return this.s.attach.run(dossierId, at, appointmentId).changes > 0;
  }
}
