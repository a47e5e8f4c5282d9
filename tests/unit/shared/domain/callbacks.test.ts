import { describe, expect, it } from 'vitest';
import { applyCallbackEvent, ATTEMPT_OUTCOMES, callBackNumber, compareCallbacks, isLate, needsEscalation, type Callback, type CallbackEvent } from '../../../../shared/domain/callbacks';

const actor = { id: 'arm-1', role: 'ARM' };
const at = (minute: number) => new Date(Date.parse('2026-11-23T10:00:00.000Z') + minute * 60_000).toISOString();
const ev = (minute: number, body: CallbackEvent['body']): CallbackEvent => ({ at: at(minute), actor, body });

const deferred = () => applyCallbackEvent(undefined, ev(0, { type: 'callback.deferred', payload: { callbackId: 'c1', dossierId: 'd1', phone: '+33612345678', dueAt: at(60) } }));

describe('callback list (DOMAIN §8.3–4)', () => {
  it('opens a lost call at the time it was presented, owed as soon as possible', () => {
    const lost = applyCallbackEvent(undefined, ev(5, { type: 'callback.lostCall', payload: { callbackId: 'c2', phone: '+33612345678', presentedAt: at(3), callId: 'call-9' } }));
    expect(lost).toMatchObject({ kind: 'LOST_CALL', createdAt: at(3), dueAt: null, callId: 'call-9', attempts: [], doneAt: null });
    expect(isLate(lost, Date.parse(at(500)))).toBe(false);
  });

  it('opens a deferred regulation with its deadline; a new P3 routing moves it and keeps the attempts', () => {
    let c = deferred();
    c = applyCallbackEvent(c, ev(10, { type: 'callback.attempted', payload: { callbackId: 'c1', outcome: 'BUSY', note: null } }));
    c = applyCallbackEvent(c, ev(20, { type: 'callback.deferred', payload: { callbackId: 'c1', dossierId: 'd1', phone: '+33612345678', dueAt: at(120) } }));
    expect(c).toMatchObject({ kind: 'DEFERRED', dueAt: at(120), attempts: [{ outcome: 'BUSY', at: at(10), authorId: 'arm-1' }] });
  });

  it.each(ATTEMPT_OUTCOMES)('an attempt %s is recorded; only REACHED and WRONG_NUMBER end the obligation', (outcome) => {
    const c = applyCallbackEvent(deferred(), ev(10, { type: 'callback.attempted', payload: { callbackId: 'c1', outcome, note: 'n' } }));
    expect(c.attempts).toEqual([{ at: at(10), outcome, note: 'n', authorId: 'arm-1', authorRole: 'ARM' }]);
    expect(c.doneAt).toBe(outcome === 'REACHED' || outcome === 'WRONG_NUMBER' ? at(10) : null);
  });

  it('is late after its deadline, escalates once, and is never late once done', () => {
    let c = deferred();
    expect(isLate(c, Date.parse(at(60)))).toBe(false);
    expect(isLate(c, Date.parse(at(61)))).toBe(true);
    expect(needsEscalation(c, Date.parse(at(61)))).toBe(true);
    c = applyCallbackEvent(c, ev(61, { type: 'callback.escalated', payload: { callbackId: 'c1' } }));
    c = applyCallbackEvent(c, ev(62, { type: 'callback.escalated', payload: { callbackId: 'c1' } }));
    expect(c.escalatedAt).toBe(at(61));
    expect(needsEscalation(c, Date.parse(at(70)))).toBe(false);
    expect(isLate(c, Date.parse(at(70)))).toBe(true);
    c = applyCallbackEvent(c, ev(75, { type: 'callback.attempted', payload: { callbackId: 'c1', outcome: 'REACHED', note: null } }));
    expect(isLate(c, Date.parse(at(80)))).toBe(false);
  });

  it('refuses an attempt on a callback that does not exist, and a second creation', () => {
    expect(() => applyCallbackEvent(undefined, ev(1, { type: 'callback.attempted', payload: { callbackId: 'x', outcome: 'BUSY', note: null } }))).toThrow(/does not exist/);
    const lost = applyCallbackEvent(undefined, ev(1, { type: 'callback.lostCall', payload: { callbackId: 'x', phone: null, presentedAt: at(1), callId: 'k' } }));
    expect(() => applyCallbackEvent(lost, ev(2, { type: 'callback.lostCall', payload: { callbackId: 'x', phone: null, presentedAt: at(1), callId: 'k' } }))).toThrow(/already exists/);
  });

  it('sorts open callbacks first, most overdue first', () => {
    const make = (id: string, dueAt: string | null, doneAt: string | null = null, createdAt = at(0)): Callback => ({ id, kind: 'REQUESTED', dossierId: null, phone: null, callId: null, reason: null, createdAt, dueAt, attempts: [], escalatedAt: null, doneAt });
    const list = [make('done', at(1), at(2)), make('later', at(90)), make('sooner', at(30)), make('lost', null, null, at(10))];
    expect([...list].sort(compareCallbacks).map((c) => c.id)).toEqual(['lost', 'sooner', 'later', 'done']);
  });
});

describe('a withdrawn callback', () => {
  it('is done, with the reason, and cannot be withdrawn twice', () => {
    const withdrawn = applyCallbackEvent(deferred(), ev(5, { type: 'callback.withdrawn', payload: { callbackId: 'c1', reason: 'P3 → P0' } }));
    expect(withdrawn).toMatchObject({ doneAt: at(5), reason: 'P3 → P0', attempts: [] });
    expect(isLate(withdrawn, Date.parse(at(120)))).toBe(false);
    expect(() => applyCallbackEvent(withdrawn, ev(6, { type: 'callback.withdrawn', payload: { callbackId: 'c1', reason: 'again' } }))).toThrow(/already done/);
  });
});

describe('callBackNumber (issue 13 item 7)', () => {
  it('is the callback number when the caller gave one, else the line they called from', () => {
    expect(callBackNumber({ callerPhone: '+33612345678', caller: { callbackPhone: '+33478000000' } })).toBe('+33478000000');
    expect(callBackNumber({ callerPhone: '+33612345678', caller: { callbackPhone: null } })).toBe('+33612345678');
    expect(callBackNumber({ callerPhone: null, caller: {} })).toBeNull();
  });
});
