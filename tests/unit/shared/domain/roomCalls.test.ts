import { describe, expect, it } from 'vitest';
import type { Call } from '../../../../shared/domain/callState';
import { answeredElsewhere, isLostInRoom } from '../../../../shared/domain/roomCalls';

const call = (over: Partial<Call>): Call => ({
  id: 'a',
  sipCallId: 'sip-1@pbx',
  direction: 'inbound',
  state: 'ended',
  remoteNumber: '+33612345678',
  remoteName: null,
  dossierId: null,
  presentedAt: '2026-12-06T10:00:00.000Z',
  ringingAt: '2026-12-06T10:00:00.100Z',
  answeredAt: null,
  endedAt: '2026-12-06T10:00:05.000Z',
  outcome: 'cancelled' as Call['outcome'],
  endedBy: 'remote',
  endReason: null,
  sipCode: null,
  transferTarget: null,
  lastSeq: 1,
  ...over,
});

describe('calls in the room: a ring-group call answered at another post is not lost here', () => {
  const here = call({ id: 'here' });

  it('alone (standalone, or no other branch known): an inbound call ended unanswered is lost', () => {
    expect(isLostInRoom(here, [])).toBe(true);
  });

  it('another desk’s branch of the same SIP call answered: not lost, and the rule says which branch', () => {
    const there = call({ id: 'there', answeredAt: '2026-12-06T10:00:03.000Z', state: 'active' });
    expect(isLostInRoom(here, [there])).toBe(false);
    expect(answeredElsewhere(here, [there])).toBe(there);
  });

  it('other branches that rang unanswered, another SIP call answered, or an outbound leg do not save it', () => {
    expect(isLostInRoom(here, [call({ id: 'b' }), call({ id: 'c' })])).toBe(true);
    expect(isLostInRoom(here, [call({ id: 'd', sipCallId: 'other@pbx', answeredAt: '2026-12-06T10:00:03.000Z' })])).toBe(true);
    expect(isLostInRoom(here, [call({ id: 'e', direction: 'outbound', answeredAt: '2026-12-06T10:00:03.000Z' })])).toBe(true);
  });

  it('a call answered here, or an outbound call, is never lost whatever the room did', () => {
    expect(isLostInRoom(call({ answeredAt: '2026-12-06T10:00:01.000Z' }), [])).toBe(false);
    expect(isLostInRoom(call({ direction: 'outbound' }), [])).toBe(false);
  });
});
