/**
 * An update is never installed in the middle of work: not while a call is up (ringing, on the
 * line, on hold), nor while the operator has typed a dossier that is not saved. Otherwise it is
 * offered, and the operator applies it with a keystroke — or it is applied at the next start.
 */
export interface WorkInProgress {
  callsUp: number;
  unsavedWork: boolean;
}

export type QuietVerdict = { quiet: true } | { quiet: false; reason: 'callUp' | 'unsavedWork' };

export function quietMoment(work: WorkInProgress): QuietVerdict {
  if (work.callsUp > 0) return { quiet: false, reason: 'callUp' };
  if (work.unsavedWork) return { quiet: false, reason: 'unsavedWork' };
  return { quiet: true };
}
