import type { Dossier } from '../dossier';
import { isDossierEvent, type JournalEventBody } from '../journalEvents';

/** Which Hub Santé message an event enqueues: the first share (RS-EDA), then updates (RS-EDA-MAJ). */
export type OutboxMessageKind = 'RS-EDA' | 'RS-EDA-MAJ';

/** What the policy needs of the dossier right after the event: who, if anyone, it is exchanged with. */
export type ExchangeOf = Pick<Dossier, 'hub'> | null | undefined;

/**
 * Nothing leaves the room without a person deciding it (issue 13 §6): a dossier of ours enqueues
 * nothing until someone shares it (dossier.shared, which enqueues the RS-EDA); from then on each
 * change enqueues an update for that partner. A dossier a partner shared with us answers to it.
 */
export function outboxMessageFor(body: JournalEventBody, dossier: ExchangeOf): OutboxMessageKind | null {
  // Accounts, sessions, refusals and the callback list are this centre's own business.
  if (!isDossierEvent(body)) return null;
  const received = Boolean(dossier?.hub?.receivedFrom);
  const shared = Boolean(dossier?.hub?.sharedWith);
  switch (body.type) {
    case 'dossier.shared':
      return 'RS-EDA';
    case 'dossier.created':
      // Born here, shared with nobody yet.
      return null;
    case 'dossier.noteAdded':
      // The regulators' notes stay in the room; the partner that owns a case gets ours back.
      return received ? 'RS-EDA-MAJ' : null;
    case 'dossier.priorityChanged':
    case 'dossier.callerUpdated':
    case 'dossier.patientUpserted':
    case 'dossier.qualificationUpdated':
    case 'dossier.routed':
    case 'dossier.locationSet':
    case 'dossier.decisionAdded':
    case 'dossier.finished':
    case 'dossier.validated':
    case 'dossier.closed':
    case 'dossier.classified':
    case 'dossier.archived':
    case 'dossier.appointmentRecorded':
    case 'dossier.appointmentUpdated':
      return received || shared ? 'RS-EDA-MAJ' : null;
    case 'dossier.taken':
      // Who regulates it is local floor organisation.
      return null;
    case 'dossier.linked':
      // A local aid for the regulators: nothing to tell the partners.
      return null;
    case 'dossier.received':
    case 'dossier.remoteUpdated':
      // Came from a partner: echoing it back would loop.
      return null;
  }
}
