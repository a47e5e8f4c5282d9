import type Database from 'better-sqlite3';
import type { EventRow } from '../eventRow';

/** What a dossier's printable report is made of. */
export class ReportQueries {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      // The dossier's own events, and the refused attempts on it (journaled without a dossier id).
      events: db.prepare<[string, string], EventRow>(`
        SELECT * FROM events WHERE dossier_id = ?
        UNION ALL
        SELECT * FROM events WHERE dossier_id IS NULL AND type = 'security.refused' AND json_extract(payload, '$.dossierId') = ?
        ORDER BY seq`),
    };
  }

  /** Every event of the dossier and every refusal naming it, in journal order. */
  eventsOfDossier(dossierId: string): EventRow[] {
    return this.s.events.all(dossierId, dossierId);
  }
}
