import { isLostCall, type Call } from './callState';

/**
 * Calls in the room (ROOM.md §5): a ring-group call is presented on several desks at once, each
 * desk journaling its own call with the same SIP Call-ID. It is lost only if no desk of the room
 * answered it — answered at another post, it is not a lost call here.
 */

/** The branches of one ring-group call are presented within seconds; this bounds the search. */
export const RING_GROUP_WINDOW_MS = 10 * 60_000;

/** Another desk's branch of the same inbound call that was answered, if any. */
export function answeredElsewhere(call: Call, room: readonly Call[]): Call | null {
  return room.find((other) => other.id !== call.id && other.direction === 'inbound' && other.sipCallId === call.sipCallId && other.answeredAt !== null) ?? null;
}

/** Lost for the room: inbound, ended unanswered here, and answered at no other post. */
export function isLostInRoom(call: Call, room: readonly Call[]): boolean {
  return isLostCall(call) && answeredElsewhere(call, room) === null;
}
