import type Database from 'better-sqlite3';
import type { QueueEntry } from '../../../../shared/domain/queue';
import { QUEUE_ENTRY_COLUMNS } from './queues';

/** Open means not closed for good: a new call must be linked to these, whatever their age. */
const OPEN_OR_RECENT = `(d.state NOT IN ('CLOTURE', 'CLASSE', 'ARCHIVE') OR d.created_at >= @since)`;
const LIMIT = 20;
/** How many of the most recent dossiers of one identity are looked at. */
const PATIENT_SCAN = 50;

/**
 * Repeat callers (DOMAIN §3): the open and recent dossiers for a calling number, and for the
 * same patient (name key + birth date). Both go through an index; newest first.
 */
export class CallerHistoryQueries {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      byPhone: db.prepare<{ phone: string; since: string }, QueueEntry>(
        `SELECT ${QUEUE_ENTRY_COLUMNS} FROM dossiers d WHERE d.caller_phone = @phone AND ${OPEN_OR_RECENT} ORDER BY d.created_at DESC LIMIT ${LIMIT}`,
      ),
      // Walks the identity index newest first and stops after the most recent dossiers of that
      // name + birth date, instead of joining and sorting every homonym the journal ever saw.
      byPatient: db.prepare<{ nameKey: string; birthDate: string; since: string }, QueueEntry>(
        `SELECT ${QUEUE_ENTRY_COLUMNS} FROM dossiers d
         WHERE d.id IN (SELECT p.dossier_id FROM dossier_patients p WHERE p.name_key = @nameKey AND p.birth_date = @birthDate
                        ORDER BY p.created_at DESC LIMIT ${PATIENT_SCAN})
           AND ${OPEN_OR_RECENT}
         ORDER BY d.created_at DESC LIMIT ${LIMIT}`,
      ),
    };
  }

  /** Dossiers of this caller number (E.164) open or created since `since`. */
  byPhone(phone: string, since: string): QueueEntry[] {
    return this.s.byPhone.all({ phone, since });
  }

  /** Dossiers of this patient (nameKey() of the last name + birth date) open or created since `since`. */
  byPatient(nameKey: string, birthDate: string, since: string): QueueEntry[] {
    return this.s.byPatient.all({ nameKey, birthDate, since });
  }
}
