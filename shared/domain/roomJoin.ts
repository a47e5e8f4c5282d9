import { CLOSED_STATES } from './lifecycle';

/**
 * A new desk joining the room (ROOM.md §4) is usable once it has the accounts (to sign anyone in)
 * and the open dossiers; the rest of the log (closed dossiers, calls, callbacks) follows as history.
 * The first stage carries, in site order, the accounts' and sessions' events and the dossier events
 * of the dossiers not closed. Only `dossier.*` events of a dossier go first: a call or a callback
 * event may depend on an earlier event without that dossier's id (a call is presented before it is
 * attached), so those keep their site order in the history.
 */
export const OPEN_STAGE_ACCOUNT_PREFIXES = ['operator.', 'auth.'] as const;
export const OPEN_STAGE_DOSSIER_PREFIX = 'dossier.';

/** The states whose dossiers wait for the history (closed ones never reopen, so a dossier's events never go back to the first stage). */
export const JOIN_LATER_STATES = CLOSED_STATES;

/** Whether an event of that type, on a dossier in that state (null: about no dossier), goes in the first stage. */
export function inOpenStage(type: string, dossierState: string | null): boolean {
  if (OPEN_STAGE_ACCOUNT_PREFIXES.some((p) => type.startsWith(p))) return true;
  return dossierState !== null && type.startsWith(OPEN_STAGE_DOSSIER_PREFIX) && !(JOIN_LATER_STATES as readonly string[]).includes(dossierState);
}

/** A joining desk below this many events behind pulls the log in order: two stages would not be faster. */
export const JOIN_STAGED_FROM_EVENTS = 20_000;

export interface JoinProgressInput {
  /** Events received since the join started (both stages, this process and before). */
  received: number;
  /** Events to receive in all (the first stage's, then the log up to the head). */
  total: number;
  /** What had been received when this process began measuring, and when (ms). */
  since: { received: number; atMs: number };
  nowMs: number;
}

/** Seconds left at the rate measured since `since`; null until there is a rate worth quoting. */
export function secondsLeft(p: JoinProgressInput): number | null {
  const elapsed = (p.nowMs - p.since.atMs) / 1000;
  const done = p.received - p.since.received;
  if (elapsed < 1 || done <= 0) return null;
  const left = Math.max(0, p.total - p.received);
  return Math.ceil(left / (done / elapsed));
}

/** Received as a share of the total, 0–100, never 100 before the end. */
export function percentReceived(received: number, total: number): number {
  if (total <= 0) return 100;
  if (received >= total) return 100;
  return Math.min(99, Math.floor((received / total) * 100));
}
