import type { Services } from '../../electron/services/composition';

/**
 * Journals "Partager avec…" on a dossier directly, for unit tests whose workstation has no Hub
 * section (so no configured partner for dossier:share to accept). The Hub suites share through
 * the API, as a person does.
 */
export function journalShare(services: Pick<Services, 'journal'>, dossierId: string, partner: string, actor = { id: 'test-arm', role: 'ARM' }): void {
  services.journal.command((ctx) => ctx.append({ dossierId, actor, body: { type: 'dossier.shared', payload: { partner } } }));
}
