/**
 * Who is signed in where in the room (ROOM.md §3, the supervisor's floor view), folded from the
 * synced session events of every desk in journal order. A desk holds one session at a time; a
 * deactivation ends the operator's session on every desk, whichever desk journaled it.
 */
export interface RoomSession {
  operatorId: string;
  locked: boolean;
  /** When the session opened (or was last unlocked). */
  since: string;
}

export interface SessionEvent {
  workstation: string;
  type: string;
  at: string;
  payload: { operatorId?: string };
}

/** The event types this fold reads; the others leave the sessions as they are. */
export const ROOM_SESSION_EVENT_TYPES = ['auth.loginSucceeded', 'auth.pscSignedIn', 'auth.sessionLocked', 'auth.loggedOut', 'operator.deactivated'] as const;

/** Applies one event to the sessions per workstation (in place: the floor view folds many). */
export function foldRoomSession(sessions: Map<string, RoomSession>, event: SessionEvent): void {
  const operatorId = event.payload.operatorId;
  if (!operatorId) return;
  const current = sessions.get(event.workstation);
  switch (event.type) {
    case 'auth.loginSucceeded':
    case 'auth.pscSignedIn':
      sessions.set(event.workstation, { operatorId, locked: false, since: event.at });
      return;
    case 'auth.sessionLocked':
      if (current?.operatorId === operatorId) sessions.set(event.workstation, { ...current, locked: true });
      return;
    case 'auth.loggedOut':
      if (current?.operatorId === operatorId) sessions.delete(event.workstation);
      return;
    case 'operator.deactivated':
      for (const [workstation, session] of sessions) if (session.operatorId === operatorId) sessions.delete(workstation);
      return;
    default:
      return;
  }
}
