import type { DossierEventBody } from '../../../shared/domain/dossier';

/** Which Hub Santé message an event enqueues: the first share (RS-EDA), then updates (RS-EDA-MAJ). */
export type OutboxMessageKind = 'RS-EDA' | 'RS-EDA-MAJ';

export function outboxMessageFor(body: DossierEventBody): OutboxMessageKind | null {
  switch (body.type) {
    case 'dossier.created':
      return 'RS-EDA';
    case 'dossier.priorityChanged':
      return 'RS-EDA-MAJ';
  }
}
