import type { DossierEventBody } from '../../../shared/domain/dossier';

/** Which Hub Santé message an event enqueues: the first share (RS-EDA), then updates (RS-EDA-MAJ). */
export type OutboxMessageKind = 'RS-EDA' | 'RS-EDA-MAJ';

export function outboxMessageFor(body: DossierEventBody): OutboxMessageKind | null {
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
      return 'RS-EDA-MAJ';
    case 'dossier.linked':
      // A local aid for the regulators: nothing to tell the partners.
      return null;
    case 'dossier.received':
    case 'dossier.remoteUpdated':
      // Came from a partner: echoing it back would loop.
      return null;
  }
}
