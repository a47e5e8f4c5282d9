import { describe, expect, it } from 'vitest';
import { isLate } from '../../../../../shared/domain/callbacks';
import { OpenCallbackDeadlines } from '../../../../../shared/domain/indicators/openCallbacks';

describe('open callback deadlines (the floor view\'s due and late counts)', () => {
  it('count as reading every open callback would: due from the deadline on (undated at once), late strictly past it', () => {
    const d = new OpenCallbackDeadlines();
    const now = Date.parse('2026-11-23T10:00:00Z');
    d.set('lost', true, null);
    d.set('exact', true, '2026-11-23T10:00:00.000Z');
    d.set('past', true, '2026-11-23T09:00:00.000Z');
    d.set('future', true, '2026-11-23T11:00:00.000Z');
    expect(d.counts(now)).toEqual({ open: 4, due: 3, late: 1 });
    // Moved, closed, closed twice, reopened: each id counted once, as it now stands.
    d.set('future', true, '2026-11-23T09:30:00.000Z');
    d.set('past', false, '2026-11-23T09:00:00.000Z');
    d.set('past', false, '2026-11-23T09:00:00.000Z');
    d.set('lost', false, null);
    expect(d.counts(now)).toEqual({ open: 2, due: 2, late: 1 });
    d.set('lost', true, null);
    expect(d.counts(now)).toEqual({ open: 3, due: 3, late: 1 });
  });

  it('agree with isLate and the due rule on many callbacks with equal deadlines, at every instant', () => {
    const d = new OpenCallbackDeadlines();
    const all = new Map<string, { dueAt: string | null; doneAt: string | null }>();
    const base = Date.parse('2026-11-23T00:00:00Z');
    for (let i = 0; i < 400; i++) {
      const dueAt = i % 7 === 0 ? null : new Date(base + (i % 13) * 600_000).toISOString();
      const doneAt = i % 5 === 0 ? new Date(base).toISOString() : null;
      all.set(`c${i}`, { dueAt, doneAt });
      d.set(`c${i}`, doneAt === null, dueAt);
    }
    for (let t = base - 600_000; t <= base + 14 * 600_000; t += 300_000) {
      const open = [...all.values()].filter((c) => c.doneAt === null);
      expect(d.counts(t)).toEqual({ open: open.length, due: open.filter((c) => c.dueAt === null || Date.parse(c.dueAt) <= t).length, late: open.filter((c) => isLate(c, t)).length });
    }
  });
});
