import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_LIMITS_MINUTES, type QueueEntry } from '../../../../shared/domain/queue';
import { alertsDesk, dueWaitEscalations, escalationKey, waitLimitMinutes, waitThresholds } from '../../../../shared/domain/queueEscalation';

const T0 = Date.parse('2026-12-06T01:00:00.000Z');
const entry = (over: Partial<QueueEntry> = {}): QueueEntry => ({
  id: 'd1',
  localNumber: '690-261206-0001',
  priority: 'P2',
  createdAt: new Date(T0).toISOString(),
  callerPhone: null,
  motive: 'douleur',
  state: 'ACTIF',
  queue: 'AMU',
  ...over,
});
const min = (m: number) => T0 + m * 60_000;

describe('waiting too long (issue 13 item 7)', () => {
  it('the limit is the branch’s own when configured, else the priority’s', () => {
    expect(waitLimitMinutes('PSY', 'P2', DEFAULT_QUEUE_LIMITS_MINUTES, { PSY: { P2: 10 } })).toBe(10);
    expect(waitLimitMinutes('PSY', 'P1', DEFAULT_QUEUE_LIMITS_MINUTES, { PSY: { P2: 10 } })).toBe(3);
    expect(waitLimitMinutes('AMU', 'P2', DEFAULT_QUEUE_LIMITS_MINUTES, { PSY: { P2: 10 } })).toBe(20);
  });

  it('escalates at the limit and at twice it; a zero limit has one threshold', () => {
    expect(waitThresholds(20)).toEqual([20, 40]);
    expect(waitThresholds(0)).toEqual([0]);
  });

  it('nothing is due at exactly the limit; past it, the dossier is due once per threshold', () => {
    const limits = DEFAULT_QUEUE_LIMITS_MINUTES;
    expect(dueWaitEscalations([entry()], new Set(), min(20), limits)).toEqual([]);
    const first = dueWaitEscalations([entry()], new Set(), min(21), limits);
    expect(first).toEqual([{ dossierId: 'd1', queue: 'AMU', priority: 'P2', thresholdMinutes: 20, waitedMinutes: 21 }]);
    const done = new Set([escalationKey('d1', 'P2', 20)]);
    expect(dueWaitEscalations([entry()], done, min(30), limits)).toEqual([]);
    expect(dueWaitEscalations([entry()], done, min(41), limits)).toEqual([expect.objectContaining({ thresholdMinutes: 40, waitedMinutes: 41 })]);
    done.add(escalationKey('d1', 'P2', 40));
    expect(dueWaitEscalations([entry()], done, min(500), limits)).toEqual([]);
  });

  it('a desk back after a long gap raises one alert per dossier (the highest threshold passed), not a backlog', () => {
    expect(dueWaitEscalations([entry()], new Set(), min(90), DEFAULT_QUEUE_LIMITS_MINUTES)).toEqual([expect.objectContaining({ thresholdMinutes: 40 })]);
  });

  it('a priority change starts its own thresholds; a dossier out of the queues or no longer active is never due', () => {
    const done = new Set([escalationKey('d1', 'P2', 20)]);
    expect(dueWaitEscalations([entry({ priority: 'P1' })], done, min(21), DEFAULT_QUEUE_LIMITS_MINUTES)).toEqual([expect.objectContaining({ priority: 'P1', thresholdMinutes: 6 })]);
    expect(dueWaitEscalations([entry({ queue: null }), entry({ id: 'd2', state: 'ACHEVE' })], new Set(), min(100), DEFAULT_QUEUE_LIMITS_MINUTES)).toEqual([]);
  });

  it('the branch overrides apply per branch', () => {
    const entries = [entry({ id: 'amu' }), entry({ id: 'psy', queue: 'PSY' })];
    expect(dueWaitEscalations(entries, new Set(), min(11), DEFAULT_QUEUE_LIMITS_MINUTES, { PSY: { P2: 10 } }).map((d) => d.dossierId)).toEqual(['psy']);
  });

  it('the desks of that branch, the ARMs and the supervisor hear it; IT never does', () => {
    expect(alertsDesk('MRU', 'AMU')).toBe(true);
    expect(alertsDesk('MRU', 'PSY')).toBe(true);
    expect(alertsDesk('MRU', 'SNP')).toBe(false);
    expect(alertsDesk('MRL', 'SNP')).toBe(true);
    expect(alertsDesk('OSNP', 'DENT')).toBe(true);
    expect(alertsDesk('MRL', 'AMU')).toBe(false);
    expect(alertsDesk('ARM', 'PEDIA')).toBe(true);
    expect(alertsDesk('SUPERVISEUR', 'SNP')).toBe(true);
    expect(alertsDesk('ADMIN', 'AMU')).toBe(false);
  });
});
