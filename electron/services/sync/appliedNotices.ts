import type { RemoteApplied } from '../journal/journal';

/** More dossiers than this in one applied page: one `dossiers:changed` instead of one notice each. */
export const DOSSIER_NOTICES_PER_PAGE = 20;

export type DossierNotices = { kind: 'each'; dossierIds: string[] } | { kind: 'many'; count: number };

/**
 * What a page of the room's log applied here tells the screens about dossiers. A live notice (a
 * save at another desk: a few events) names each dossier, so the view showing it reads it again;
 * a catch-up page (up to 2,000 events) says "many" once: a `dossier:changed` per dossier there
 * made every screen reload its queue thousands of times a second, and cost a read of each dossier.
 */
export function dossierNotices(applied: Pick<RemoteApplied, 'dossierIds'>): DossierNotices {
  if (applied.dossierIds.size > DOSSIER_NOTICES_PER_PAGE) return { kind: 'many', count: applied.dossierIds.size };
  return { kind: 'each', dossierIds: [...applied.dossierIds] };
}
