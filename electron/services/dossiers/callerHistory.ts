import type Database from 'better-sqlite3';
import { nameKey } from '../../../shared/domain/nameKey';
import type { QueueEntry } from '../../../shared/domain/queue';

const COLUMNS = `d.id, d.local_number AS localNumber, d.priority, d.created_at AS createdAt, d.caller_phone AS callerPhone, d.motive, d.state, d.queue`;
/** Open means not closed for good: a new call must be linked to these, whatever their age. */
const OPEN_OR_RECENT = `(d.state NOT IN ('CLOTURE', 'CLASSE', 'ARCHIVE') OR d.created_at >= @since)`;
const LIMIT = 20;

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
    this.byPatient = db.prepare<{ nameKey: string; birthDate: string; since: string }, QueueEntry>(
      `SELECT DISTINCT ${COLUMNS} FROM dossier_patients p JOIN dossiers d ON d.id = p.dossier_id
       WHERE p.name_key = @nameKey AND p.birth_date = @birthDate AND ${OPEN_OR_RECENT}
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
