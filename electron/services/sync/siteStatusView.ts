import type { z } from 'zod';
import type { siteStatusSchema } from '../../../shared/api/roomSchemas';
import type { SiteConflictPayload } from '../../../shared/api/siteProtocol';
import type { Journal } from '../journal/journal';
import type { SiteSync } from './siteSync';

export type SiteStatusView = z.output<typeof siteStatusSchema>;

export const STANDALONE_STATUS: SiteStatusView = { configured: false, state: 'standalone', offlineSince: null, pending: 0, refused: 0, pulledPos: 0, head: 0, conflicts: [] };

/** The link's state and the steps this desk lost, in the words the status bar needs. */
export function siteStatusView(site: SiteSync | null, journal: Journal, workstation: string): SiteStatusView {
  if (!site) return STANDALONE_STATUS;
  const conflicts = journal.siteSync.conflictsOf(workstation, 20).map((row) => {
    const p = JSON.parse(row.payload) as SiteConflictPayload;
    return {
      dossierId: row.dossier_id,
      localNumber: row.dossier_id ? (journal.dossiers.get(row.dossier_id)?.localNumber ?? null) : null,
      step: p.step,
      reason: p.reason.slice(0, 100),
      winnerName: p.winner?.name ?? p.winner?.actorId ?? null,
      winnerAt: p.winner?.at ?? null,
      at: row.at,
    };
  });
  return { configured: true, ...site.status(), conflicts };
}
