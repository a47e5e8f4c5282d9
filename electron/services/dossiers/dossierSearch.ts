import type { QueueEntry } from '../../../shared/domain/queue';
import type { SearchQueries } from '../journal/queries/search';
import { ftsQuery } from '../search/ftsQuery';

/** Free-text search across all dossiers, newest first. */
export function searchDossiers(queries: SearchQueries, text: string, limit: number): QueueEntry[] {
  // A phone number typed with spaces or dots ("06 99 99") is one number, not three words.
  const query = ftsQuery(/^[+\d\s.-]+$/.test(text) ? text.replace(/[\s.-]/g, '') : text);
  return query ? queries.match(query, limit) : [];
}
