import { describe, expect, it } from 'vitest';
import { countByPriority, DEFAULT_QUEUE_LIMITS_MINUTES, isOverdue, sortQueue, type QueueEntry } from '../../../../shared/domain/queue';
import { priorityRank, PRIORITIES } from '../../../../shared/domain/priority';

const entry = (id: string, priority: QueueEntry['priority'], createdAt: string): QueueEntry => ({
  id, priority, createdAt, localNumber: id, callerPhone: null, motive: 'm', state: 'ACTIF', queue: null,
});

describe('queue order', () => {
  it('puts higher priorities first, then the longest wait, NR last', () => {
    const sorted = sortQueue([
      entry('a', 'P2', '2026-11-23T10:00:00.000Z'),
      entry('b', 'NR', '2026-11-23T09:00:00.000Z'),
      entry('c', 'P0', '2026-11-23T10:05:00.000Z'),
      entry('d', 'P2', '2026-11-23T09:30:00.000Z'),
      entry('e', 'P3', '2026-11-23T08:00:00.000Z'),
      entry('f', 'P1', '2026-11-23T10:06:00.000Z'),
    ]);
    expect(sorted.map((e) => e.id)).toEqual(['c', 'f', 'd', 'a', 'e', 'b']);
  });

  it('is a total order (ties broken by id) so every workstation shows the same list', () => {
    const a = entry('x2', 'P1', '2026-11-23T10:00:00.000Z');
    const b = entry('x1', 'P1', '2026-11-23T10:00:00.000Z');
    expect(sortQueue([a, b]).map((e) => e.id)).toEqual(['x1', 'x2']);
    expect(sortQueue([b, a]).map((e) => e.id)).toEqual(['x1', 'x2']);
  });

  it('counts every priority, zeros included', () => {
    expect(countByPriority([entry('a', 'P0', 't'), entry('b', 'P0', 't'), entry('c', 'P3', 't')])).toEqual({ P0: 2, P1: 0, P2: 0, P3: 1, NR: 0 });
  });

  it('ranks the official codes in order', () => {
    expect(PRIORITIES.map(priorityRank)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('escalation', () => {
  const now = Date.parse('2026-11-23T10:30:00.000Z');
  it('escalates an entry that waited past its priority limit, and only then', () => {
    expect(isOverdue(entry('a', 'P1', '2026-11-23T10:27:30.000Z'), now, DEFAULT_QUEUE_LIMITS_MINUTES)).toBe(false);
    expect(isOverdue(entry('a', 'P1', '2026-11-23T10:26:59.000Z'), now, DEFAULT_QUEUE_LIMITS_MINUTES)).toBe(true);
    expect(isOverdue(entry('b', 'P2', '2026-11-23T10:11:00.000Z'), now, DEFAULT_QUEUE_LIMITS_MINUTES)).toBe(false);
    expect(isOverdue(entry('b', 'P2', '2026-11-23T10:11:00.000Z'), now, { ...DEFAULT_QUEUE_LIMITS_MINUTES, P2: 10 })).toBe(true);
  });
  it('escalates a waiting P0 at once', () => {
    expect(isOverdue(entry('c', 'P0', '2026-11-23T10:29:59.000Z'), now, DEFAULT_QUEUE_LIMITS_MINUTES)).toBe(true);
  });
});
