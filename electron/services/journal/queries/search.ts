import type Database from 'better-sqlite3';
import type { QueueEntry } from '../../../../shared/domain/queue';
import { QUEUE_ENTRY_COLUMNS } from './queues';

/** Free-text search across all dossiers, newest first, never ranking the whole table. */
export class SearchQueries {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      match: db.prepare<[string, number], QueueEntry>(`
        SELECT ${QUEUE_ENTRY_COLUMNS}
        FROM dossier_search s JOIN dossiers d ON d.id = s.dossier_id
        WHERE dossier_search MATCH ? ORDER BY s.rowid DESC LIMIT ?`),
    };
  }

  /** `ftsQuery` is an FTS5 expression already built (search/ftsQuery.ts): user text never reaches MATCH raw. */
  match(ftsQuery: string, limit: number): QueueEntry[] {
    return this.s.match.all(ftsQuery, limit);
  }
}
