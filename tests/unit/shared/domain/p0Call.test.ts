import { describe, expect, it } from 'vitest';
import { guardP0Call } from '../../../../shared/domain/p0Call';
import { PRIORITIES } from '../../../../shared/domain/priority';

describe('P0 call guard (DOMAIN §2, §8.1: a P0 is never parked)', () => {
  it('leaves every other priority, and a call without a dossier, alone', () => {
    for (const priority of [...PRIORITIES.filter((p) => p !== 'P0'), null]) {
      for (const action of ['hold', 'hangup', 'blindTransfer'] as const) {
        expect(guardP0Call({ priority, action, consultation: false }), `${priority} ${action}`).toEqual({ ok: true, exception: null });
      }
    }
  });

  it('lets the caller wait during the consultation of the accompanied transfer, without a reason', () => {
    expect(guardP0Call({ priority: 'P0', action: 'hold', consultation: true })).toEqual({ ok: true, exception: null });
  });

  it('refuses any other hold, a hang-up or a blind transfer of a P0 without a reason', () => {
    for (const action of ['hold', 'hangup', 'blindTransfer'] as const) {
      expect(guardP0Call({ priority: 'P0', action, consultation: false })).toEqual({ ok: false, refusal: 'reasonRequired' });
      expect(guardP0Call({ priority: 'P0', action, consultation: false, reason: '   ' })).toEqual({ ok: false, refusal: 'reasonRequired' });
      expect(guardP0Call({ priority: 'P0', action, consultation: false, reason: ' ok ' })).toEqual({ ok: false, refusal: 'reasonTooShort' });
    }
    // A consultation does not excuse a hang-up.
    expect(guardP0Call({ priority: 'P0', action: 'hangup', consultation: true })).toEqual({ ok: false, refusal: 'reasonRequired' });
  });

  it('accepts them with a reason, trimmed and bounded, which is what gets journaled', () => {
    expect(guardP0Call({ priority: 'P0', action: 'hangup', consultation: false, reason: '  second P0 on the line  ' })).toEqual({ ok: true, exception: { action: 'hangup', reason: 'second P0 on the line' } });
    const long = guardP0Call({ priority: 'P0', action: 'hold', consultation: false, reason: 'x'.repeat(1000) });
    expect(long.ok && long.exception?.reason.length).toBe(300);
  });
});
