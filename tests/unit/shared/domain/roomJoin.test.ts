import { describe, expect, it } from 'vitest';
import { inOpenStage, percentReceived, secondsLeft } from '../../../../shared/domain/roomJoin';

describe('a new desk joining the room: what comes first, how far it is', () => {
  it('takes the accounts, the sessions and the dossier events of dossiers not closed first', () => {
    expect(inOpenStage('operator.created', null)).toBe(true);
    expect(inOpenStage('auth.loginSucceeded', null)).toBe(true);
    expect(inOpenStage('dossier.created', 'ACTIF')).toBe(true);
    expect(inOpenStage('dossier.noteAdded', 'ACHEVE')).toBe(true);
    expect(inOpenStage('dossier.validated', 'VALIDE')).toBe(true);
  });

  it('leaves closed dossiers, calls and callbacks to the history (a call is presented before it is attached)', () => {
    for (const state of ['CLOTURE', 'CLASSE', 'ARCHIVE']) expect(inOpenStage('dossier.created', state)).toBe(false);
    expect(inOpenStage('call.attached', 'ACTIF')).toBe(false);
    expect(inOpenStage('callback.claimed', 'ACTIF')).toBe(false);
    expect(inOpenStage('call.presented', null)).toBe(false);
    expect(inOpenStage('dossier.created', null)).toBe(false);
  });

  it('quotes the time left at the rate measured, and nothing before a second of measure', () => {
    const since = { received: 1000, atMs: 0 };
    expect(secondsLeft({ received: 1000, total: 100_000, since, nowMs: 5000 })).toBeNull();
    expect(secondsLeft({ received: 1500, total: 100_000, since, nowMs: 500 })).toBeNull();
    // 20,000 events in 2 s: 10,000/s, 79,000 left → 8 s (rounded up).
    expect(secondsLeft({ received: 21_000, total: 100_000, since, nowMs: 2000 })).toBe(8);
    expect(secondsLeft({ received: 100_000, total: 100_000, since, nowMs: 2000 })).toBe(0);
  });

  it('never says 100 % before the end', () => {
    expect(percentReceived(0, 1000)).toBe(0);
    expect(percentReceived(999, 1000)).toBe(99);
    expect(percentReceived(1000, 1000)).toBe(100);
    expect(percentReceived(0, 0)).toBe(100);
  });
});
