import { createHash } from 'node:crypto';

export const SITE_GENESIS_HASH = '0'.repeat(64);

/** The fields of a site_events row its hash covers, the outcome the site decided included. */
export interface SiteChainedFields {
  pos: number;
  id: string;
  site: string;
  workstation: string;
  dossierId: string | null;
  type: string;
  payload: string;
  actorId: string;
  actorRole: string;
  at: string;
  hlc: string;
  corrects: string | null;
  outcome: string;
  prevHash: string;
}

/** SHA-256 over a JSON array of the fields in a fixed order, like the desks' chain (hashChain.ts). */
export function siteEventHash(f: SiteChainedFields): string {
  const canonical = JSON.stringify([f.pos, f.id, f.site, f.workstation, f.dossierId, f.type, f.payload, f.actorId, f.actorRole, f.at, f.hlc, f.corrects, f.outcome, f.prevHash]);
  return createHash('sha256').update(canonical).digest('hex');
}
