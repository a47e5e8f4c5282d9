import type Database from 'better-sqlite3';
import type { QueueEntry } from '../../../shared/domain/queue';
import { ftsQuery } from '../search/ftsQuery';

/** Free-text search across all dossiers, newest first, never ranking the whole table. */
export class DossierSearch {
  private readonly query;

  constructor(db: Database.Database) {
    this.query = db.prepare<[string, number], QueueEntry>(`
      SELECT d.id, d.local_number AS localNumber, d.priority, d.created_at AS createdAt, d.caller_phone AS callerPhone, d.motive, d.state, d.queue
      FROM dossier_search s JOIN dossiers d ON d.id = s.dossier_id
      WHERE dossier_search MATCH ? ORDER BY s.rowid DESC LIMIT ?`);
  }

  find(text: string, limit: number): QueueEntry[] {
    // A phone number typed with spaces or dots ("06 99 99") is one number, not three words.
    const query = ftsQuery(/^[+\d\s.-]+$/.test(text) ? text.replace(/[\s.-]/g, '') : text);
    return query ? this.query.all(query, limit) : [];
  }
}
