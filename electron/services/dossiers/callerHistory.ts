import { nameKey } from '../../../shared/domain/nameKey';
import type { QueueEntry } from '../../../shared/domain/queue';
import type { CallerHistoryQueries } from '../journal/queries/callerHistory';

export interface CallerHistoryQuery {
  phone: string | null;
  lastName: string | null;
  firstName: string | null;
  birthDate: string | null;
  since: string;
}

/**
 * Repeat callers (DOMAIN §3): the open and recent dossiers for a calling number, and for the
 * same patient (name + birth date); a side without its key is empty rather than a scan.
 */
export function findCallerHistory(queries: CallerHistoryQueries, query: CallerHistoryQuery): { byPhone: QueueEntry[]; byPatient: QueueEntry[] } {
  const byPhone = query.phone ? queries.byPhone(query.phone, query.since) : [];
  const key = nameKey(query.lastName ?? '');
  const byPatient = key && query.birthDate ? queries.byPatient(key, query.birthDate, query.since) : [];
  return { byPhone, byPatient };
}
