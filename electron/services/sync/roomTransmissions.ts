import type { Transmission } from '../hub/transmissions';
import type { OutboxBookkeeping } from '../journal/queries/outbox';
import type { SiteSync } from './siteSync';

export type RoomTransmission = Omit<Transmission, 'state'> & { state: Transmission['state'] | 'AWAITING_SITE' };

/**
 * A dossier's Hub messages seen from a desk in a room: the site's sends, receipts and refusals
 * (it is the room's Hub client), asked of it now, then this desk's own messages whose events
 * have not reached the site yet. The site away: only the latter, and the answer says so.
 */
export async function roomTransmissions(site: SiteSync, outbox: Pick<OutboxBookkeeping, 'awaitingSiteOf'>, dossierId: string): Promise<{ transmissions: RoomTransmission[]; siteAnswered: boolean }> {
  const fromSite = await site.transmissions(dossierId);
  const local: RoomTransmission[] = outbox.awaitingSiteOf(dossierId).map((r) => ({
    seq: r.event_seq,
    kind: r.message_kind,
    state: 'AWAITING_SITE',
    recipient: null,
    attempts: 0,
    createdAt: r.created_at,
    sentAt: null,
    ackedAt: null,
    errorCode: null,
    errorText: null,
  }));
  const atSite: RoomTransmission[] = (fromSite ?? []).map((t) => ({
    seq: t.pos,
    kind: t.kind,
    state: t.state,
    recipient: t.recipient,
    attempts: t.attempts,
    createdAt: t.createdAt,
    sentAt: t.sentAt,
    ackedAt: t.ackedAt,
    errorCode: t.errorCode,
    errorText: t.errorText,
  }));
  return { transmissions: [...atSite, ...local], siteAnswered: fromSite !== null };
}
