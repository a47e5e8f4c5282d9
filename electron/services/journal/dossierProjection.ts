import type Database from 'better-sqlite3';
import { applyDossierEvent, type AppliedEvent, type Dossier } from '../../../shared/domain/dossier';
import { nameKey } from '../../../shared/domain/nameKey';

interface DossierRow {
  id: string;
  local_number: string;
  case_id: string;
  kind: Dossier['kind'];
  state: Dossier['state'];
  origin: Dossier['origin'];
  caller_phone: string | null;
  motive: string;
  priority: Dossier['priority'];
  created_at: string;
  updated_at: string;
  last_seq: number;
  details: string;
  queue: Dossier['queue'];
  callback_due_at: string | null;
}

type Details = Pick<Dossier, 'caller' | 'patients' | 'qualification' | 'location' | 'notes' | 'linkedDossierIds' | 'routing'>;

export function dossierFromRow(row: DossierRow): Dossier {
  const details = JSON.parse(row.details) as Details;
  return {
    id: row.id,
    localNumber: row.local_number,
    caseId: row.case_id,
    kind: row.kind,
    state: row.state,
    origin: row.origin,
    callerPhone: row.caller_phone,
    motive: row.motive,
    priority: row.priority,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSeq: row.last_seq,
    caller: details.caller,
    patients: details.patients,
    qualification: details.qualification,
    location: details.location ?? null,
    notes: details.notes,
    linkedDossierIds: details.linkedDossierIds,
    routing: details.routing ?? null,
    queue: row.queue,
    callbackDueAt: row.callback_due_at,
  };
}

/** Projection tables, emptied before a rebuild. */
export const DOSSIER_PROJECTION_TABLES = ['dossiers', 'dossier_patients'] as const;

/**
 * Keeps the `dossiers` and `dossier_patients` tables equal to the fold of the events. Called
 * inside the command's transaction, and by the rebuild.
 */
export class DossierProjection {
  private readonly select: Database.Statement<[string], DossierRow>;
  private readonly upsert: Database.Statement;
  private readonly lastNumber: Database.Statement<[string, string], string>;
  private readonly upsertPatient: Database.Statement;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT * FROM dossiers WHERE id = ?');
    this.upsert = db.prepare(`
      INSERT INTO dossiers (id, local_number, case_id, kind, state, origin, caller_phone, motive, priority, created_at, updated_at, last_seq, details, queue, callback_due_at)
      VALUES (@id, @localNumber, @caseId, @kind, @state, @origin, @callerPhone, @motive, @priority, @createdAt, @updatedAt, @lastSeq, @details, @queue, @callbackDueAt)
      ON CONFLICT (id) DO UPDATE SET
        state = excluded.state, origin = excluded.origin, caller_phone = excluded.caller_phone,
        motive = excluded.motive, priority = excluded.priority, updated_at = excluded.updated_at,
        last_seq = excluded.last_seq, details = excluded.details, queue = excluded.queue,
        callback_due_at = excluded.callback_due_at`);
    this.lastNumber = db
      .prepare<[string, string], string>('SELECT local_number FROM dossiers WHERE local_number >= ? AND local_number < ? ORDER BY local_number DESC LIMIT 1')
      .pluck();
    this.upsertPatient = db.prepare(`
      INSERT INTO dossier_patients (dossier_id, patient_id, name_key, birth_date, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (dossier_id, patient_id) DO UPDATE SET name_key = excluded.name_key, birth_date = excluded.birth_date`);
  }

  get(id: string): Dossier | undefined {
    const row = this.select.get(id);
    return row ? dossierFromRow(row) : undefined;
  }

  apply(event: AppliedEvent): Dossier {
    const next = applyDossierEvent(this.get(event.dossierId), event);
    const { caller, patients, qualification, location, notes, linkedDossierIds, routing, ...columns } = next;
    this.upsert.run({ ...columns, details: JSON.stringify({ caller, patients, qualification, location, notes, linkedDossierIds, routing }) });
    if (event.body.type === 'dossier.patientUpserted') {
      const { patient } = event.body.payload;
      // Keyed on the last name only: first names are the part most often spelt differently.
      this.upsertPatient.run(next.id, patient.id, nameKey(patient.lastName ?? ''), patient.birthDate, next.createdAt);
    }
    return next;
  }

  /**
   * The last counter used under a local-number prefix (`DRFR15` + site + day): read from the
   * unique index on local_number, so no separate counter table can drift from the dossiers.
   */
  lastCounter(prefix: string): number {
    const last = this.lastNumber.get(prefix, `${prefix}:`);
    return last ? Number(last.slice(prefix.length)) : 0;
  }
}
