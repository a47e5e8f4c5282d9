import { describe, expect, it } from 'vitest';
import { floorView, type FloorInput } from '../../../../../shared/domain/indicators/floor';

const base: FloorInput = {
  now: Date.parse('2026-12-06T10:00:00.000Z'),
  post: 'sup-01',
  session: { operatorId: 's', displayName: 'Mme Chef', role: 'SUPERVISEUR', locked: false },
  liveCalls: [],
  queue: [],
  callbacks: { open: 0, due: 0, late: 0 },
  limitsMinutes: { P0: 1, P1: 5, P2: 20, P3: 60 } as FloorInput['limitsMinutes'],
  telephony: { configured: true, registered: true },
  hub: { configured: false, connected: false, waiting: 0, failed: 0 },
};

describe('the floor view in a room', () => {
  it('standalone: only this post', () => {
    expect(floorView(base).posts.map((p) => p.post)).toEqual(['sup-01']);
  });

  it('in a room: this post first, then who is signed in at each other desk (their lines are their own)', () => {
    const view = floorView({
      ...base,
      otherPosts: [
        { post: 'mru-01', operator: { operatorId: 'm', displayName: 'Dr Martin', role: 'MRU', locked: true } },
        { post: 'sup-01', operator: null },
      ],
    });
    expect(view.posts).toEqual([
      expect.objectContaining({ post: 'sup-01', operator: base.session, telephony: { configured: true, registered: true } }),
      { post: 'mru-01', operator: { operatorId: 'm', displayName: 'Dr Martin', role: 'MRU', locked: true }, telephony: { configured: false, registered: false }, ringing: 0, inProgress: 0, calls: [] },
    ]);
  });
});
