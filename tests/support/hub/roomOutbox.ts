import { outboxMessageFor } from '../../../shared/domain/hub/outboxMessage';
import type { JournalEventBody } from '../../../shared/domain/journalEvents';
import type { Journal } from '../../../electron/services/journal/journal';
import { journalFile } from '../journalFile';

/**
 * The distribution ids a dossier's events owe a partner once it is shared (`clientId_eventId`),
 * in journal order, read from the desk's journal with the domain's own rule: nothing before the
 * share, then each event the rule turns into a message.
 */
export function partnerMessagesOf(journal: Journal, dossierId: string, partner: string, clientId: string): string[] {
  const events = journalFile(journal).prepare<[string], { id: string; type: string; payload: string }>('SELECT id, type, payload FROM events WHERE dossier_id = ? ORDER BY seq').all(dossierId);
  const sharedAt = events.findIndex((e) => e.type === 'dossier.shared');
  if (sharedAt < 0) return [];
  const exchange = (i: number) => (i >= sharedAt ? { hub: { receivedFrom: null, received: [], sharedWith: { partner, at: '', by: '', byRole: 'ARM' } } } : null);
  return events.filter((e, i) => outboxMessageFor({ type: e.type, payload: JSON.parse(e.payload) } as JournalEventBody, exchange(i)) !== null).map((e) => `${clientId}_${e.id}`);
}
