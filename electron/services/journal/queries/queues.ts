import type Database from 'better-sqlite3';
import type { QueueEntry } from '../../../../shared/domain/queue';

export const QUEUE_ENTRY_COLUMNS = 'd.id, d.local_number AS localNumber, d.priority, d.created_at AS createdAt, d.caller_phone AS callerPhone, d.motive, d.state, d.queue';

/**
 * The dossier lists the screens and the tick work from: what is active, what no physician has
 * taken, what may be due a transition, what waits for an appointment. Each returns candidates
 * through an index; the services' domain rules decide.
 */
export class QueueQueries {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      active: db.prepare<[], QueueEntry>(`SELECT ${QUEUE_ENTRY_COLUMNS} FROM dossiers d WHERE d.state = 'ACTIF'`),
      untaken: db.prepare<[], QueueEntry>(`
        SELECT ${QUEUE_ENTRY_COLUMNS} FROM dossiers d
        WHERE d.state = 'ACTIF' AND d.queue IS NOT NULL AND json_extract(d.details, '$.regulator') IS NULL`),
      // Only the dossiers whose transition may be due: a CLOTURE dossier waits 3 months, and the
      // tick runs every 30 s. The bounds are loose (89 days ≤ 3 months); dueTransition decides.
      dueForTransition: db.prepare<[string, string, string], { id: string }>(`
        SELECT id FROM dossiers WHERE state = 'VALIDE' AND json_extract(details, '$.validatedAt') <= ?
        UNION ALL
        SELECT id FROM dossiers WHERE state = 'CLOTURE' AND json_extract(details, '$.closedAt') <= ?
        UNION ALL
        SELECT id FROM dossiers WHERE state = 'CLASSE' AND json_extract(details, '$.classifiedAt') <= ?`),
      // Dossiers with an orientation to a GP office and no booked appointment: the OSNP list.
      // Through the partial index of migration 010: only the dossiers waiting for an appointment.
      awaitingAppointment: db.prepare<[], { id: string }>(`
        SELECT id FROM dossiers WHERE awaits_appointment = 1 AND state IN ('ACTIF', 'ACHEVE', 'VALIDE')`),
      // Appointments starting from a week ago (index of migration 010) about 48 h or more after the
      // call: a loose bound (one second), beyondPromise decides.
      beyondPromise: db.prepare<[string], { id: string }>(`
        SELECT DISTINCT d.id FROM appointments a JOIN dossiers d ON d.id = a.dossier_id
        WHERE a.starts_at >= ? AND julianday(a.starts_at) > julianday(d.created_at) + 2 - 1.0 / 86400 AND d.state IN ('ACTIF', 'ACHEVE', 'VALIDE')`),
    };
  }

  /** Every ACTIF dossier, unsorted (the queue's order is a domain rule). */
  active(): QueueEntry[] {
    return this.s.active.all();
  }

  /** ACTIF dossiers sent to a branch queue that no physician has taken yet. */
  untaken(): QueueEntry[] {
    return this.s.untaken.all();
  }

  /** Ids of VALIDE dossiers validated before `validatedBefore`, CLOTURE ones closed before `closedBefore`, CLASSE ones classified before `classifiedBefore`. */
  dueForTransition(validatedBefore: string, closedBefore: string, classifiedBefore = closedBefore): string[] {
    return this.s.dueForTransition.all(validatedBefore, closedBefore, classifiedBefore).map((r) => r.id);
  }

  /** Ids of the open dossiers flagged as waiting for a GP appointment. */
  awaitingAppointment(): string[] {
    return this.s.awaitingAppointment.all().map((r) => r.id);
  }

  /** Ids of open dossiers with an appointment starting since `startingFrom`, booked about 48 h or more after the call. */
  appointmentsBeyondPromise(startingFrom: string): string[] {
    return this.s.beyondPromise.all(startingFrom).map((r) => r.id);
  }
}
