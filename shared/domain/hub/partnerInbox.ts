import { checkAction } from '../lifecycle';
import type { Dossier, RemoteUpdatePayload } from '../dossier';

/**
 * What a partner's message may do to the room, decided the same way on a standalone desk's inbox
 * (electron/services/hub/inbox.ts) and on the site's (electron/services/site/hub/siteHubClient.ts).
 */

/**
 * Why a partner's or the SAS platform's message may not be written into the dossier: the same
 * life-cycle rules as the screens — a CLOTURE, CLASSE or ARCHIVE dossier is never reopened.
 */
export function closedToPartners(dossier: Dossier): string | null {
  const check = checkAction(dossier, 'partnerUpdate', 'HUB');
  return check.ok ? null : `dossier ${dossier.localNumber} is ${dossier.state}: it is never reopened, the update is kept here and not applied`;
}

/** Whether `sender` shared this dossier with us (it came from them, or they sent us values about it): only then may it withdraw it. */
export function sharedBy(dossier: Dossier, sender: string): boolean {
  return dossier.hub?.receivedFrom === sender || (dossier.hub?.received ?? []).some((r) => r.from === sender);
}

/**
 * A Cancel never creates anything: it withdraws what the partner shared, journaled on the dossier
 * as a remote update — its status as the partner now gives it, and a note saying who withdrew it.
 */
export function withdrawalUpdate(sender: string, distributionId: string, at: string, noteId: string): RemoteUpdatePayload {
  return {
    from: sender,
    distributionId,
    patients: [],
    notes: [{ id: noteId, text: `Partage retiré par ${sender} (annulation ${distributionId})`, at, authorId: sender, authorRole: 'AUTRE', afterValidation: false }],
    received: [{ field: 'status', value: 'ANNULE' }],
  };
}

export function nothingToWithdraw(caseId: string, sender: string): string {
  return `Cancel of case ${caseId}: nothing ${sender} shared matches it here`;
}

/**
 * Updates that arrived before their case are applied, once it arrives, in the order their sender
 * sent them (dateTimeSent), arrival order between equal times: the way they were meant to be read.
 */
export function replayOrder<T extends { sentAtMs: number | null; arrival: number }>(pending: readonly T[]): T[] {
  return [...pending].sort((a, b) => (a.sentAtMs !== null && b.sentAtMs !== null ? a.sentAtMs - b.sentAtMs : 0) || a.arrival - b.arrival);
}

/** SAS guide: a CreateAppointment for an id already held is a conflict (409); what is held stays. */
export function appointmentConflict(method: string, appointmentId: string, known: boolean): string | null {
  return method === 'CreateAppointment' && known ? `CreateAppointment ${appointmentId.slice(0, 100)}: this appointment id exists already` : null;
}
