import { describe, expect, it } from 'vitest';
import { callListReducer, focusedCall, ringingCalls, type CallList } from '../../../../shared/domain/callList';
import type { Call } from '../../../../shared/domain/callState';

const call = (n: number, state: Call['state'], lastSeq = n, presentedSecond = n): Call => ({
  id: `0190a0b0-0000-7000-8000-00000000000${n}`,
  sipCallId: `c${n}`,
  direction: 'inbound',
  state,
  remoteNumber: '+33612345678',
  remoteName: null,
  dossierId: null,
  presentedAt: new Date(Date.UTC(2026, 0, 1, 10, 0, presentedSecond)).toISOString(),
  ringingAt: null,
  answeredAt: null,
  endedAt: null,
  outcome: null,
  endedBy: null,
  endReason: null,
  sipCode: null,
  transferTarget: null,
  lastSeq,
});

describe('call list', () => {
  const empty: CallList = { calls: [] };

  it('orders ringing (oldest first), then active, then held; drops ended calls', () => {
    const list = callListReducer(empty, { type: 'loaded', calls: [call(1, 'held'), call(2, 'active'), call(4, 'ringing'), call(3, 'ringing'), call(5, 'ended')] });
    expect(list.calls.map((c) => c.id.slice(-1))).toEqual(['3', '4', '2', '1']);
    expect(ringingCalls(list).map((c) => c.id.slice(-1))).toEqual(['3', '4']);
    expect(focusedCall(list)?.id.slice(-1)).toBe('2');
  });

  it('applies a newer change, ignores an older one, and removes a call when it ends', () => {
    let list = callListReducer(empty, { type: 'changed', call: call(1, 'ringing', 10) });
    expect(focusedCall(list)?.state).toBe('ringing');
    list = callListReducer(list, { type: 'changed', call: call(1, 'active', 12) });
    list = callListReducer(list, { type: 'changed', call: call(1, 'ringing', 11) });
    expect(list.calls.map((c) => c.state)).toEqual(['active']);
    list = callListReducer(list, { type: 'changed', call: call(1, 'ended', 13) });
    expect(list.calls).toEqual([]);
  });
});
