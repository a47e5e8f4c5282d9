import { isDossierEvent, type JournalEventBody } from '../journalEvents';

/** Which Hub Santé message an event enqueues: the first share (RS-EDA), then updates (RS-EDA-MAJ). */
export type OutboxMessageKind = 'RS-EDA' | 'RS-EDA-MAJ';

export function outboxMessageFor(body: JournalEventBody): OutboxMessageKind | null {
  // Accounts, sessions, refusals and the callback list are this centre's own business.
  if (!isDossierEvent(body)) return null;
  switch (body.type) {
    case 'dossier.created':
      return 'RS-EDA';
    case 'dossier.priorityChanged':
    case 'dossier.callerUpdated':
    case 'dossier.patientUpserted':
    case 'dossier.qualificationUpdated':
    case 'dossier.noteAdded':
    case 'dossier.routed':
    case 'dossier.locationSet':
    case 'dossier.decisionAdded':
    case 'dossier.finished':
    case 'dossier.validated':
    case 'dossier.closed':
    case 'dossier.classified':
    case 'dossier.appointmentRecorded':
    case 'dossier.appointmentUpdated':
      return 'RS-EDA-MAJ';
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
