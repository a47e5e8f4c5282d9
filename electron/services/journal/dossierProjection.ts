import type Database from 'better-sqlite3';
import { awaitsAppointment } from '../../../shared/domain/appointment';
import { applyDossierEvent, type AppliedEvent, type Dossier } from '../../../shared/domain/dossier';
import { nameKey } from '../../../shared/domain/nameKey';
import { nationalNumber } from '../../../shared/domain/phone';

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
  search_rowid: number | null;
}

const DETAIL_KEYS = ['caller', 'patients', 'qualification', 'location', 'notes', 'linkedDossierIds', 'routing', 'regulator', 'decisions', 'careLevel', 'appointments', 'finishedAt', 'validatedAt', 'closedAt', 'classifiedAt', 'hub'] as const;
type Details = Pick<Dossier, (typeof DETAIL_KEYS)[number]>;

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
    // Notes written before the regulation slice have no afterValidation flag: they came first.
    notes: details.notes.map((n) => ({ ...n, afterValidation: n.afterValidation ?? false })),
    linkedDossierIds: details.linkedDossierIds,
    routing: details.routing ?? null,
    queue: row.queue,
    callbackDueAt: row.callback_due_at,
    regulator: details.regulator ?? null,
    decisions: details.decisions ?? [],
    careLevel: details.careLevel ?? null,
    appointments: details.appointments ?? [],
    finishedAt: details.finishedAt ?? null,
    validatedAt: details.validatedAt ?? null,
    closedAt: details.closedAt ?? null,
    classifiedAt: details.classifiedAt ?? null,
    hub: details.hub ?? null,
  };
}

/** Projection tables, emptied before a rebuild. */
export const DOSSIER_PROJECTION_TABLES = ['dossiers', 'dossier_patients', 'dossier_search', 'appointments'] as const;

/** A dossier changed by a page of the site log, not written yet. */
interface BatchedDossier {
  dossier: Dossier;
  searchRowid: number;
  /** Its row was in the table before the page (its search entry is replaced, not added). */
  existed: boolean;
  searchDirty: boolean;
}

/** Events that write rows naming the dossier besides its own. */
const SIDE_ROWS = new Set(['dossier.appointmentRecorded', 'dossier.appointmentUpdated', 'dossier.patientUpserted', 'dossier.received', 'dossier.remoteUpdated']);

/** Events that change what a dossier can be found by. */
const SEARCHABLE = new Set(['dossier.created', 'dossier.callerUpdated', 'dossier.patientUpserted', 'dossier.locationSet', 'dossier.received', 'dossier.remoteUpdated']);

/** The words a dossier is found by: its number, the caller, the motive, the patients, the place. */
export function searchText(d: Dossier): string {
  const nationalPhone = nationalNumber(d.callerPhone);
  return [
    d.localNumber,
    d.callerPhone,
    nationalPhone,
    d.caller.name,
    d.motive,
    ...d.patients.flatMap((p) => [p.lastName, p.firstName, p.birthDate]),
    d.location?.label,
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Keeps the `dossiers` and `dossier_patients` tables equal to the fold of the events. Called
 * inside the command's transaction, and by the rebuild.
 */
export class DossierProjection {
  private readonly select: Database.Statement<[string], DossierRow>;
  private readonly upsert: Database.Statement;
  private readonly lastNumber: Database.Statement<[string, string], string>;
  private readonly upsertPatient: Database.Statement;
  private readonly deleteSearch: Database.Statement;
  private readonly insertSearch: Database.Statement;
  private readonly insertAppointment: Database.Statement;
  private readonly moveAppointment: Database.Statement;
  private readonly dropAppointmentsNotIn: Database.Statement<[string, string]>;
  private readonly byAppointmentId: Database.Statement<[string], { id: string; dossier_id: string }>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT * FROM dossiers WHERE id = ?');
    this.upsert = db.prepare(`
      INSERT INTO dossiers (id, local_number, case_id, kind, state, origin, caller_phone, motive, priority, created_at, updated_at, last_seq, details, queue, callback_due_at, search_rowid, awaits_appointment)
      VALUES (@id, @localNumber, @caseId, @kind, @state, @origin, @callerPhone, @motive, @priority, @createdAt, @updatedAt, @lastSeq, @details, @queue, @callbackDueAt, @searchRowid, @awaitsAppointment)
      ON CONFLICT (id) DO UPDATE SET
        state = excluded.state, origin = excluded.origin, caller_phone = excluded.caller_phone,
        motive = excluded.motive, priority = excluded.priority, updated_at = excluded.updated_at,
        last_seq = excluded.last_seq, details = excluded.details, queue = excluded.queue,
        callback_due_at = excluded.callback_due_at, awaits_appointment = excluded.awaits_appointment`);
    this.lastNumber = db
      .prepare<[string, string], string>('SELECT local_number FROM dossiers WHERE local_number >= ? AND local_number < ? ORDER BY local_number DESC LIMIT 1')
      .pluck();
    this.deleteSearch = db.prepare('DELETE FROM dossier_search WHERE rowid = ?');
    this.insertSearch = db.prepare('INSERT INTO dossier_search (rowid, dossier_id, text) VALUES (?, ?, ?)');
    // In a room two desks may attach one platform appointment before either hears of the other: the
    // one the site applies (site order) takes the row; the other's comes back overruled (refold below).
    this.insertAppointment = db.prepare(`INSERT INTO appointments (id, dossier_id, appointment_id, starts_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (appointment_id) WHERE appointment_id IS NOT NULL DO UPDATE SET id = excluded.id, dossier_id = excluded.dossier_id, starts_at = excluded.starts_at`);
    this.dropAppointmentsNotIn = db.prepare('DELETE FROM appointments WHERE dossier_id = ? AND id NOT IN (SELECT value FROM json_each(?))');
    this.moveAppointment = db.prepare('UPDATE appointments SET starts_at = ? WHERE id = ?');
    this.byAppointmentId = db.prepare('SELECT id, dossier_id FROM appointments WHERE appointment_id = ?');
    this.upsertPatient = db.prepare(`
      INSERT INTO dossier_patients (dossier_id, patient_id, name_key, birth_date, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (dossier_id, patient_id) DO UPDATE SET name_key = excluded.name_key, birth_date = excluded.birth_date`);
  }

  /**
   * While a page of the site log is applied (Journal.applyRemote), each dossier's state is kept
   * here and written once at the end of the page instead of once per event: a dossier's five or
   * ten events in a page cost one row write and one search-index update. Reads go through `get`.
   */
  private batch: Map<string, BatchedDossier> | null = null;

  beginBatch(): void {
    this.batch = new Map();
  }

  /** Writes what the page changed (inside its transaction); `each` isolates one dossier's write. */
  endBatch(each: (write: () => void) => void = (write) => write()): void {
    const batch = this.batch;
    this.batch = null;
    if (!batch) return;
    for (const b of batch.values()) each(() => this.write(b.dossier, b.searchRowid, b.searchDirty, b.existed));
  }

  /** The page failed: nothing of it is written (its transaction rolls back). */
  abortBatch(): void {
    this.batch = null;
  }

  /** How to put a dossier back as it was before one event, when that event's savepoint rolls back. */
  batchUndo(id: string | null): () => void {
    const batch = this.batch;
    if (!batch || id === null) return () => undefined;
    const before = batch.get(id);
    return () => {
      if (before) batch.set(id, before);
      else batch.delete(id);
    };
  }

  get(id: string): Dossier | undefined {
    const batched = this.batch?.get(id);
    if (batched) return batched.dossier;
    const row = this.select.get(id);
    return row ? dossierFromRow(row) : undefined;
  }

  apply(event: AppliedEvent): Dossier {
    return this.applyTracked(event).after;
  }

  /** Applies the event and says what the dossier was before it (the indicator rollups need both). */
  applyTracked(event: AppliedEvent): { before: Dossier | undefined; after: Dossier } {
    const batched = this.batch?.get(event.dossierId);
    const row = batched ? undefined : this.select.get(event.dossierId);
    const before = batched ? batched.dossier : row ? dossierFromRow(row) : undefined;
    const next = applyDossierEvent(before, event);
    // The creation event's seq keys the dossier in the search index (newest first = highest).
    const searchRowid = batched ? batched.searchRowid : (row?.search_rowid ?? event.seq);
    const existed = batched ? batched.existed : row !== undefined;
    const searchable = SEARCHABLE.has(event.body.type);
    // Appointments and patients are rows of their own that name the dossier: it is written first.
    const sideRows = SIDE_ROWS.has(event.body.type);
    if (this.batch && !sideRows) this.batch.set(next.id, { dossier: next, searchRowid, existed, searchDirty: (batched?.searchDirty ?? false) || searchable });
    else {
      this.batch?.delete(next.id);
      this.write(next, searchRowid, searchable || (batched?.searchDirty ?? false), existed);
    }
    if (event.body.type === 'dossier.appointmentRecorded') {
      const { appointment } = event.body.payload;
      this.insertAppointment.run(appointment.id, next.id, appointment.appointmentId, appointment.startsAt);
    }
    // A moved slot moves the 48 h indicator's time too.
    if (event.body.type === 'dossier.appointmentUpdated' && event.body.payload.startsAt) this.moveAppointment.run(event.body.payload.startsAt, event.body.payload.id);
    const upserted =
      event.body.type === 'dossier.patientUpserted'
        ? [event.body.payload.patient]
        : event.body.type === 'dossier.received' || event.body.type === 'dossier.remoteUpdated'
          ? event.body.payload.patients
          : [];
    for (const patient of upserted) {
      // Keyed on the last name only: first names are the part most often spelt differently.
      this.upsertPatient.run(next.id, patient.id, nameKey(patient.lastName ?? ''), patient.birthDate, next.createdAt);
    }
    return { before, after: next };
  }

  private write(next: Dossier, searchRowid: number, searchable: boolean, existed: boolean): void {
    const details = Object.fromEntries(DETAIL_KEYS.map((key) => [key, next[key]]));
    const columns = Object.fromEntries(Object.entries(next).filter(([key]) => !(DETAIL_KEYS as readonly string[]).includes(key)));
    // The OSNP list reads this column through a partial index (migration 010).
    this.upsert.run({ ...columns, searchRowid, details: JSON.stringify(details), awaitsAppointment: awaitsAppointment(next) ? 1 : 0 });
    if (searchable) {
      if (existed) this.deleteSearch.run(searchRowid);
      this.insertSearch.run(searchRowid, next.id, searchText(next));
    }
  }

  /**
   * Puts a dossier as refolded from its events (the room: one of this desk's events was overruled
   * by the site, so the state this desk folded with it is replaced by the room's).
   */
  replace(next: Dossier): void {
    // An appointment the site overruled is no longer this dossier's: its platform id is free again here.
    this.dropAppointmentsNotIn.run(next.id, JSON.stringify(next.appointments.map((a) => a.id)));
    const batched = this.batch?.get(next.id);
    if (batched) {
      this.batch!.set(next.id, { ...batched, dossier: next, searchDirty: true });
      return;
    }
    const row = this.select.get(next.id);
    if (!row) return;
    this.write(next, row.search_rowid ?? next.lastSeq, true, true);
  }

  /** The appointment record carrying the SAS platform's id (RS-SAS-RDV updates apply by it). */
  appointmentByPlatformId(appointmentId: string): { id: string; dossierId: string } | undefined {
    const row = this.byAppointmentId.get(appointmentId);
    return row ? { id: row.id, dossierId: row.dossier_id } : undefined;
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
