import { describe, expect, it } from 'vitest';
import {
  applyCallEvent,
  CALL_EVENT_TYPES,
  CALL_STATES,
  CallTransitionError,
  isLostCall,
  type Call,
  type CallDirection,
  type CallEventBody,
  type CallEventType,
  type CallStateName,
} from '../../../../shared/domain/callState';

const callId = '0190a0b0-0000-7000-8000-000000000001';
let seq = 0;
const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, n)).toISOString();
const ev = (body: CallEventBody, s = ++seq) => ({ seq: s, at: at(s), body });

function bodyOf(type: CallEventType, direction: CallDirection = 'inbound'): CallEventBody {
  switch (type) {
    case 'call.presented':
      return { type, payload: { callId, sipCallId: 'abc@host', direction, remoteNumber: '+33612345678', remoteName: null, dossierId: null } };
    case 'call.transferred':
      return { type, payload: { callId, target: 'sip:201@plateau', mode: 'blind' } };
    case 'call.ended':
      return { type, payload: { callId, by: 'remote', reason: 'BYE', sipCode: null } };
    case 'call.attached':
      return { type, payload: { callId, dossierId: '0190a0b0-0000-7000-8000-0000000000aa' } };
    default:
      return { type, payload: { callId } } as CallEventBody;
  }
}

function fold(types: CallEventType[], direction: CallDirection = 'inbound'): Call {
  let call: Call | undefined;
  for (const type of types) call = applyCallEvent(call, ev(bodyOf(type, direction)));
  return call!;
}

/** A shortest path to each state, per direction. */
const PATHS: Record<CallDirection, Partial<Record<CallStateName, CallEventType[]>>> = {
  inbound: {
    presented: ['call.presented'],
    ringing: ['call.presented', 'call.ringing'],
    active: ['call.presented', 'call.ringing', 'call.answered'],
    held: ['call.presented', 'call.answered', 'call.held'],
    ended: ['call.presented', 'call.ended'],
  },
  outbound: {
    dialing: ['call.presented'],
    ringing: ['call.presented', 'call.ringing'],
    active: ['call.presented', 'call.answered'],
    held: ['call.presented', 'call.answered', 'call.held'],
    ended: ['call.presented', 'call.ended'],
  },
};

/** The whole transition table, written out: [direction, from, event] → state after, or null (refused). */
const EXPECTED: Record<CallStateName, Partial<Record<CallEventType, CallStateName>>> = {
  presented: { 'call.ringing': 'ringing', 'call.answered': 'active', 'call.abandoned': 'ended', 'call.ended': 'ended', 'call.attached': 'presented' },
  dialing: { 'call.ringing': 'ringing', 'call.answered': 'active', 'call.ended': 'ended', 'call.attached': 'dialing' },
  ringing: { 'call.ringing': 'ringing', 'call.answered': 'active', 'call.abandoned': 'ended', 'call.ended': 'ended', 'call.attached': 'ringing' },
  active: { 'call.held': 'held', 'call.transferred': 'active', 'call.ended': 'ended', 'call.attached': 'active', 'call.conferenced': 'active', 'call.p0Exception': 'active' },
  held: { 'call.resumed': 'active', 'call.transferred': 'held', 'call.ended': 'ended', 'call.attached': 'held', 'call.conferenced': 'active', 'call.p0Exception': 'held' },
  ended: { 'call.attached': 'ended' },
};

describe('call state reducer', () => {
  const cases: Array<[CallDirection, CallStateName, CallEventType]> = [];
  for (const direction of ['inbound', 'outbound'] as const) {
    for (const state of CALL_STATES) {
      if (!PATHS[direction][state]) continue;
      for (const type of CALL_EVENT_TYPES) cases.push([direction, state, type]);
    }
  }

  it('covers every state of both directions', () => {
    const reached = new Set(cases.map(([, s]) => s));
    expect([...reached].sort()).toEqual([...CALL_STATES].sort());
  });

  it.each(cases)('%s call in %s, event %s', (direction, state, type) => {
    const call = fold(PATHS[direction][state]!, direction);
    expect(call.state).toBe(state);
    let expected: CallStateName | null = EXPECTED[state][type] ?? null;
    if (type === 'call.presented') expected = null;
    if (direction === 'outbound' && type === 'call.abandoned') expected = null;
    if (expected === null) {
      expect(() => applyCallEvent(call, ev(bodyOf(type, direction)))).toThrow(CallTransitionError);
    } else {
      expect(applyCallEvent(call, ev(bodyOf(type, direction))).state).toBe(expected);
    }
  });

  it('refuses any event but call.presented for an unknown call', () => {
    for (const type of CALL_EVENT_TYPES.filter((t) => t !== 'call.presented')) {
      expect(() => applyCallEvent(undefined, ev(bodyOf(type)))).toThrow(CallTransitionError);
    }
  });

  it('keeps the timestamps of each step and the first ringing time', () => {
    const c1 = applyCallEvent(undefined, { seq: 1, at: at(1), body: bodyOf('call.presented') });
    const c2 = applyCallEvent(c1, { seq: 2, at: at(2), body: bodyOf('call.ringing') });
    const c3 = applyCallEvent(c2, { seq: 3, at: at(3), body: bodyOf('call.ringing') });
    const c4 = applyCallEvent(c3, { seq: 4, at: at(4), body: bodyOf('call.answered') });
    const c5 = applyCallEvent(c4, { seq: 5, at: at(9), body: { type: 'call.ended', payload: { callId, by: 'local', reason: 'BYE', sipCode: null } } });
    expect(c5).toMatchObject({ presentedAt: at(1), ringingAt: at(2), answeredAt: at(4), endedAt: at(9), endedBy: 'local', outcome: 'answered', lastSeq: 5 });
  });

  it.each([
    ['inbound', ['call.presented', 'call.ringing', 'call.abandoned'], 'abandoned', true],
    ['inbound', ['call.presented', 'call.ringing', 'call.answered', 'call.ended'], 'answered', false],
    ['inbound', ['call.presented', 'call.answered', 'call.transferred', 'call.ended'], 'transferred', false],
    ['outbound', ['call.presented', 'call.ringing', 'call.ended'], 'abandoned', false],
  ] as const)('%s %j → outcome %s, lost %s', (direction, types, outcome, lost) => {
    const call = fold([...types], direction);
    // An outbound call the far end hangs up before answering is not "abandoned": it failed.
    const expectedOutcome = direction === 'outbound' && outcome === 'abandoned' ? 'failed' : outcome;
    expect(call.outcome).toBe(expectedOutcome);
    expect(isLostCall(call)).toBe(lost);
  });

  it.each([
    ['inbound', 'local', null, 'rejected', true],
    ['inbound', 'system', null, 'missed', true],
    ['inbound', 'remote', null, 'abandoned', true],
    ['outbound', 'remote', 486, 'busy', false],
    ['outbound', 'remote', 600, 'busy', false],
    ['outbound', 'local', null, 'cancelled', false],
    ['outbound', 'system', 408, 'failed', false],
  ] as const)('%s call ended unanswered by %s (SIP %s) → %s, lost %s', (direction, by, sipCode, outcome, lost) => {
    const presented = fold(['call.presented'], direction);
    const ended = applyCallEvent(presented, ev({ type: 'call.ended', payload: { callId, by, reason: 'test', sipCode } }));
    expect(ended).toMatchObject({ state: 'ended', outcome, endedBy: by, sipCode });
    expect(isLostCall(ended)).toBe(lost);
  });

  it('attaches a dossier after the call ended (call-back list)', () => {
    const call = fold(['call.presented', 'call.abandoned', 'call.attached']);
    expect(call).toMatchObject({ state: 'ended', outcome: 'abandoned', dossierId: '0190a0b0-0000-7000-8000-0000000000aa' });
    expect(isLostCall(call)).toBe(true);
  });

  it('does not mutate the call it is given', () => {
    const call = fold(['call.presented']);
    const copy = structuredClone(call);
    applyCallEvent(call, ev(bodyOf('call.ringing')));
    expect(call).toEqual(copy);
  });
});

describe('conference and P0 exceptions', () => {
  it('a held caller joined to the consultation is active again; a P0 exception changes nothing but the seq', () => {
    const held = fold(['call.presented', 'call.answered', 'call.held']);
    const joined = applyCallEvent(held, ev({ type: 'call.conferenced', payload: { callId, withCallId: '0190a0b0-0000-7000-8000-000000000002' } }));
    expect(joined.state).toBe('active');
    const excepted = applyCallEvent(joined, ev({ type: 'call.p0Exception', payload: { callId, action: 'hangup', reason: 'second P0' } }));
    expect({ ...excepted, lastSeq: 0 }).toEqual({ ...joined, lastSeq: 0 });
    expect(() => applyCallEvent(fold(['call.presented', 'call.ringing']), ev({ type: 'call.conferenced', payload: { callId, withCallId: callId } }))).toThrow();
  });
});
