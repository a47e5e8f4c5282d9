import type Database from 'better-sqlite3';
import { nameKey } from '../../../shared/domain/nameKey';
import type { QueueEntry } from '../../../shared/domain/queue';

const COLUMNS = `d.id, d.local_number AS localNumber, d.priority, d.created_at AS createdAt, d.caller_phone AS callerPhone, d.motive, d.state, d.queue`;
/** Open means not closed for good: a new call must be linked to these, whatever their age. */
const OPEN_OR_RECENT = `(d.state NOT IN ('CLOTURE', 'CLASSE', 'ARCHIVE') OR d.created_at >= @since)`;
const LIMIT = 20;
/** How many of the most recent dossiers of one identity are looked at. */
const PATIENT_SCAN = 50;

/**
 * Repeat callers (DOMAIN §3): the open and recent dossiers for a calling number, and for the
 * same patient (name + birth date). Both go through an index; newest first.
 */
export class CallerHistory {
  private readonly byPhone;
  private readonly byPatient;

  constructor(db: Database.Database) {
    this.byPhone = db.prepare<{ phone: string; since: string }, QueueEntry>(
      `SELECT ${COLUMNS} FROM dossiers d WHERE d.caller_phone = @phone AND ${OPEN_OR_RECENT} ORDER BY d.created_at DESC LIMIT ${LIMIT}`,
    );
    // Walks the identity index newest first and stops after the most recent dossiers of that
    // name + birth date, instead of joining and sorting every homonym the journal ever saw.
    this.byPatient = db.prepare<{ nameKey: string; birthDate: string; since: string }, QueueEntry>(
      `SELECT ${COLUMNS} FROM dossiers d
       WHERE d.id IN (SELECT p.dossier_id FROM dossier_patients p WHERE p.name_key = @nameKey AND p.birth_date = @birthDate
                      ORDER BY p.created_at DESC LIMIT ${PATIENT_SCAN})
         AND ${OPEN_OR_RECENT}
       ORDER BY d.created_at DESC LIMIT ${LIMIT}`,
    );
  }

  find(query: { phone: string | null; lastName: string | null; firstName: string | null; birthDate: string | null; since: string }): { byPhone: QueueEntry[]; byPatient: QueueEntry[] } {
    const byPhone = query.phone ? this.byPhone.all({ phone: query.phone, since: query.since }) : [];
    const key = nameKey(query.lastName ?? '');
    const byPatient = key && query.birthDate ? this.byPatient.all({ nameKey: key, birthDate: query.birthDate, since: query.since }) : [];
    return { byPhone, byPatient };
  }
}
