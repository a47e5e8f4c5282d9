import type { CallbackEventBody } from './callbacks';
import type { CallEventBody } from './callState';
import type { DossierEventBody } from './dossier';
import type { OperatorEventBody } from './operator';
import type { QueueEventBody } from './queueEscalation';

/** Everything the journal records: dossier events (with a dossier id), calls (with one once attached) and the others (none). */
export type JournalEventBody = DossierEventBody | CallEventBody | CallbackEventBody | OperatorEventBody | QueueEventBody;

export function isDossierEvent(body: JournalEventBody): body is DossierEventBody {
  return body.type.startsWith('dossier.');
}
