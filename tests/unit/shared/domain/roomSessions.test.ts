import { describe, expect, it } from 'vitest';
import { foldRoomSession, type RoomSession, type SessionEvent } from '../../../../shared/domain/roomSessions';

const fold = (events: SessionEvent[]) => {
  const sessions = new Map<string, RoomSession>();
  for (const e of events) foldRoomSession(sessions, e);
  return Object.fromEntries(sessions);
};
const e = (workstation: string, type: string, operatorId: string, at = '2026-12-06T10:00:00.000Z'): SessionEvent => ({ workstation, type, at, payload: { operatorId } });

describe('who is signed in where in the room', () => {
  it('a sign-in (password or PSC) opens the desk’s one session; the next sign-in there replaces it', () => {
    expect(fold([e('arm-01', 'auth.loginSucceeded', 'a'), e('mru-01', 'auth.pscSignedIn', 'b', '2026-12-06T10:01:00.000Z')])).toEqual({
      'arm-01': { operatorId: 'a', locked: false, since: '2026-12-06T10:00:00.000Z' },
      'mru-01': { operatorId: 'b', locked: false, since: '2026-12-06T10:01:00.000Z' },
    });
    expect(fold([e('arm-01', 'auth.loginSucceeded', 'a'), e('arm-01', 'auth.loginSucceeded', 'c')])).toMatchObject({ 'arm-01': { operatorId: 'c' } });
  });

  it('a lock keeps the operator at the desk, locked; an unlock opens it again; a sign-out empties the desk', () => {
    expect(fold([e('arm-01', 'auth.loginSucceeded', 'a'), e('arm-01', 'auth.sessionLocked', 'a')])).toMatchObject({ 'arm-01': { operatorId: 'a', locked: true } });
    expect(fold([e('arm-01', 'auth.loginSucceeded', 'a'), e('arm-01', 'auth.sessionLocked', 'a'), e('arm-01', 'auth.loginSucceeded', 'a')])).toMatchObject({ 'arm-01': { locked: false } });
    expect(fold([e('arm-01', 'auth.loginSucceeded', 'a'), e('arm-01', 'auth.loggedOut', 'a')])).toEqual({});
  });

  it('another operator’s lock or sign-out does not touch the desk’s session', () => {
    expect(fold([e('arm-01', 'auth.loginSucceeded', 'a'), e('arm-01', 'auth.sessionLocked', 'b'), e('arm-01', 'auth.loggedOut', 'b')])).toMatchObject({ 'arm-01': { operatorId: 'a', locked: false } });
  });

  it('a deactivation journaled on any desk ends the operator’s sessions on every desk', () => {
    const sessions = fold([e('mru-01', 'auth.loginSucceeded', 'a'), e('mru-02', 'auth.loginSucceeded', 'a'), e('mrl-01', 'auth.loginSucceeded', 'b'), e('arm-01', 'operator.deactivated', 'a')]);
    expect(Object.keys(sessions)).toEqual(['mrl-01']);
  });

  it('events about no operator and other types change nothing', () => {
    const sessions = new Map<string, RoomSession>([['arm-01', { operatorId: 'a', locked: false, since: 'x' }]]);
    foldRoomSession(sessions, { workstation: 'arm-01', type: 'auth.loginFailed', at: 'y', payload: { operatorId: 'a' } });
    foldRoomSession(sessions, { workstation: 'arm-01', type: 'auth.loggedOut', at: 'y', payload: {} });
    expect(Object.fromEntries(sessions)).toEqual({ 'arm-01': { operatorId: 'a', locked: false, since: 'x' } });
  });
});
