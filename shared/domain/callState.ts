/**
 * A telephone call as the regulation room sees it, and its transitions. Pure: the softphone
 * service, the `calls` projection (a fold of the journal's call events) and the renderer's
 * call store all use this one reducer, so the screen, the journal and the call log cannot
 * disagree about what state a call is in.
 */

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/**
 * presented: an inbound INVITE reached us, the position is not alerting yet;
 * dialing: our INVITE is on its way; ringing: alerting (180 sent or received);
 * active / held: established; ended: over, with an outcome.
 */
export const CALL_STATES = ['presented', 'dialing', 'ringing', 'active', 'held', 'ended'] as const;
export type CallStateName = (typeof CALL_STATES)[number];

/** How a call ended, for the call log and the answer-time indicators. */
export const CALL_OUTCOMES = ['answered', 'transferred', 'abandoned', 'missed', 'rejected', 'busy', 'cancelled', 'failed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const CALL_ENDED_BY = ['local', 'remote', 'system'] as const;
export type CallEndedBy = (typeof CALL_ENDED_BY)[number];

export const TRANSFER_MODES = ['blind', 'attended'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

export interface Call {
  /** Our id (UUID), stable across re-INVITEs and reconnects; the SIP Call-ID is kept apart. */
  id: string;
  sipCallId: string;
  direction: CallDirection;
  state: CallStateName;
  /** E.164 when it could be normalised, else as received; null when withheld. */
  remoteNumber: string | null;
  remoteName: string | null;
  dossierId: string | null;
  presentedAt: string;
  ringingAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  outcome: CallOutcome | null;
  endedBy: CallEndedBy | null;
  endReason: string | null;
  sipCode: number | null;
  transferTarget: string | null;
  lastSeq: number;
}

export interface CallPresentedPayload {
  callId: string;
  sipCallId: string;
  direction: CallDirection;
  remoteNumber: string | null;
  remoteName: string | null;
  dossierId: string | null;
}

export type CallEventBody =
  | { type: 'call.presented'; payload: CallPresentedPayload }
  | { type: 'call.ringing'; payload: { callId: string } }
  | { type: 'call.answered'; payload: { callId: string } }
  /** `consultation`: the consultation call of an accompanied transfer the caller waits for (DOMAIN §2, P0). */
  | { type: 'call.held'; payload: { callId: string; consultation?: string } }
  | { type: 'call.resumed'; payload: { callId: string } }
  | { type: 'call.transferred'; payload: { callId: string; target: string; mode: TransferMode } }
  /** The caller hung up (CANCEL) before anyone answered: the call to call back. */
  | { type: 'call.abandoned'; payload: { callId: string } }
  | { type: 'call.ended'; payload: { callId: string; by: CallEndedBy; reason: string; sipCode: number | null } }
  /** Calls exist before their dossier: attached when the ARM opens or links one. */
  | { type: 'call.attached'; payload: { callId: string; dossierId: string } }
  /** The ARM joined this call and the consultation call at the desk (three-way conference). */
  | { type: 'call.conferenced'; payload: { callId: string; withCallId: string } }
  /** A P0 call held, hung up or blind-transferred outside the accompanied transfer: the reason the ARM gave (DOMAIN §8.1). */
  | { type: 'call.p0Exception'; payload: { callId: string; action: P0ExceptionAction; reason: string } };

export const P0_EXCEPTION_ACTIONS = ['hold', 'hangup', 'blindTransfer'] as const;
export type P0ExceptionAction = (typeof P0_EXCEPTION_ACTIONS)[number];

export type CallEventType = CallEventBody['type'];

export const CALL_EVENT_TYPES: readonly CallEventType[] = [
  'call.presented',
  'call.ringing',
  'call.answered',
  'call.held',
  'call.resumed',
  'call.transferred',
  'call.abandoned',
  'call.ended',
  'call.attached',
  'call.conferenced',
  'call.p0Exception',
];

export function isCallEvent(body: { type: string }): body is CallEventBody {
  return body.type.startsWith('call.');
}

export interface AppliedCallEvent {
  seq: number;
  at: string;
  body: CallEventBody;
}

export class CallTransitionError extends Error {
  readonly code = 'E_CONFLICT' as const;
  constructor(
    readonly from: CallStateName | 'none',
    readonly event: CallEventType,
  ) {
    super(`call event ${event} is not possible in state ${from}`);
  }
}

/** Which events each state accepts (call.attached is accepted everywhere, ended included). */
const ACCEPTS: Record<CallStateName, readonly CallEventType[]> = {
  presented: ['call.ringing', 'call.answered', 'call.abandoned', 'call.ended', 'call.attached'],
  dialing: ['call.ringing', 'call.answered', 'call.ended', 'call.attached'],
  ringing: ['call.ringing', 'call.answered', 'call.abandoned', 'call.ended', 'call.attached'],
  active: ['call.held', 'call.transferred', 'call.ended', 'call.attached', 'call.conferenced', 'call.p0Exception'],
  held: ['call.resumed', 'call.transferred', 'call.ended', 'call.attached', 'call.conferenced', 'call.p0Exception'],
  ended: ['call.attached'],
};

export function canApply(call: Call | undefined, type: CallEventType): boolean {
  if (!call) return type === 'call.presented';
  if (call.direction === 'outbound' && type === 'call.abandoned') return false;
  return ACCEPTS[call.state].includes(type);
}

/** Outcome of a call that ends now, from how far it got and who ended it. */
function outcomeOf(call: Call, by: CallEndedBy, sipCode: number | null): CallOutcome {
  if (call.answeredAt !== null) return call.transferTarget !== null ? 'transferred' : 'answered';
  if (call.direction === 'inbound') {
    if (by === 'remote') return 'abandoned';
    if (by === 'local') return 'rejected';
    return 'missed';
  }
  if (sipCode === 486 || sipCode === 600) return 'busy';
  if (by === 'local') return 'cancelled';
  return 'failed';
}

export function applyCallEvent(call: Call | undefined, event: AppliedCallEvent): Call {
  const { body, at, seq } = event;
  if (!canApply(call, body.type)) throw new CallTransitionError(call?.state ?? 'none', body.type);
  if (body.type === 'call.presented') {
    const p = body.payload;
    return {
      id: p.callId,
      sipCallId: p.sipCallId,
      direction: p.direction,
      state: p.direction === 'inbound' ? 'presented' : 'dialing',
      remoteNumber: p.remoteNumber,
      remoteName: p.remoteName,
      dossierId: p.dossierId,
      presentedAt: at,
      ringingAt: null,
      answeredAt: null,
      endedAt: null,
      outcome: null,
      endedBy: null,
      endReason: null,
      sipCode: null,
      transferTarget: null,
      lastSeq: seq,
    };
  }
  const current = call!;
  const next = { ...current, lastSeq: seq };
  switch (body.type) {
    case 'call.ringing':
      return { ...next, state: 'ringing', ringingAt: current.ringingAt ?? at };
    case 'call.answered':
      return { ...next, state: 'active', answeredAt: at };
    case 'call.held':
      return { ...next, state: 'held' };
    case 'call.resumed':
      return { ...next, state: 'active' };
    case 'call.transferred':
      return { ...next, transferTarget: body.payload.target };
    case 'call.abandoned':
      return { ...next, state: 'ended', endedAt: at, endedBy: 'remote', endReason: 'CANCEL', outcome: 'abandoned' };
    case 'call.ended': {
      const { by, reason, sipCode } = body.payload;
      return { ...next, state: 'ended', endedAt: at, endedBy: by, endReason: reason, sipCode, outcome: outcomeOf(current, by, sipCode) };
    }
    case 'call.attached':
      return { ...next, dossierId: body.payload.dossierId };
    case 'call.conferenced':
      // A held caller joins the conference: it is talking again.
      return { ...next, state: 'active' };
    case 'call.p0Exception':
      return next;
  }
}

/** A call to call back: presented to us and never answered (abandoned, missed, cut or refused). */
export function isLostCall(call: Call): boolean {
  return call.direction === 'inbound' && call.state === 'ended' && call.answeredAt === null;
}

/** Calls still on the position (for the call panel): not ended. */
export function isLive(call: Call): boolean {
  return call.state !== 'ended';
}
