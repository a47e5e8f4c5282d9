import type { z } from 'zod';
import type { siteStatusSchema } from '../../../shared/api/roomSchemas';
import type { SiteConflictPayload } from '../../../shared/api/siteProtocol';
import type { Journal } from '../journal/journal';
import type { ConflictRow } from '../journal/queries/siteSync';
import type { SiteSync } from './siteSync';

export type SiteStatusView = z.output<typeof siteStatusSchema>;

export const STANDALONE_STATUS: SiteStatusView = { configured: false, state: 'standalone', offlineSince: null, pending: 0, refused: 0, pulledPos: 0, head: 0, join: null, conflicts: [] };

/**
 * The latest 20 conflicts about this desk, kept per journal and read on from the last seq seen: the
 * status is asked a few times a second while a desk joins a room of a million events, and a query
 * over the whole journal each time would cost more than applying them.
 */
const conflictCache = new WeakMap<Journal, { seq: number; rows: ConflictRow[] }>();
function latestConflicts(journal: Journal, workstation: string): ConflictRow[] {
  const seq = journal.lastSeq();
  let cached = conflictCache.get(journal);
  if (!cached) {
    cached = { seq, rows: journal.siteSync.conflictsOf(workstation, 20) };
    conflictCache.set(journal, cached);
  } else if (seq > cached.seq) {
    const newer = journal.siteSync.conflictsAfter(workstation, cached.seq).reverse();
    cached.rows = [...newer, ...cached.rows].slice(0, 20);
    cached.seq = seq;
  }
  return cached.rows;
}

/** The link's state and the steps this desk lost, in the words the status bar needs. */
export function siteStatusView(site: SiteSync | null, journal: Journal, workstation: string): SiteStatusView {
  if (!site) return STANDALONE_STATUS;
  const conflicts = latestConflicts(journal, workstation).map((row) => {
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
