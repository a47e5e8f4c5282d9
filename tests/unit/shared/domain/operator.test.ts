import { describe, expect, it } from 'vitest';
import { idleExpired, isLockedOut, locksOut } from '../../../../shared/domain/operator';
import { MAX_FAILED_LOGINS } from '../../../../shared/domain/roles';

describe('sign-in rules', () => {
  it('locks out on the 5th wrong password in a row, not before', () => {
    expect(MAX_FAILED_LOGINS).toBe(5);
    expect([0, 1, 2, 3, 4].map(locksOut)).toEqual([false, false, false, false, true]);
  });
  it('a lock-out lasts until its end', () => {
    const until = '2026-11-23T10:15:00.000Z';
    expect(isLockedOut(until, Date.parse(until) - 1)).toBe(true);
    expect(isLockedOut(until, Date.parse(until))).toBe(false);
    expect(isLockedOut(null, 0)).toBe(false);
  });
  it('an idle session locks after the configured minutes', () => {
    expect(idleExpired(0, 10 * 60_000 - 1, 10)).toBe(false);
    expect(idleExpired(0, 10 * 60_000, 10)).toBe(true);
  });
});
