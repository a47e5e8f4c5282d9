import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_LIMITS_MINUTES } from '../../../../../shared/domain/queue';
import { percentile } from '../../../../../shared/domain/indicators/summary';
import { recomputeHourly, sumHours } from '../../../../../shared/domain/indicators/recompute';
import { summarize } from '../../../../../shared/domain/indicators/summary';
import { Scenario, parisDay } from '../../../../support/indicatorEvents';

const day = (s: Scenario, tz: string, d: string, next: string) => summarize(sumHours(recomputeHourly(s.events, tz), `${d}T00`, `${next}T00`), DEFAULT_QUEUE_LIMITS_MINUTES);

describe('indicator formulas on a hand-computed day (Paris, 23 Nov 2026)', () => {
  const ind = day(parisDay(), 'Europe/Paris', '2026-11-23', '2026-11-24');

  it('counts calls presented, answered, lost, abandoned and answered within 15/30/60 s of those presented', () => {
    expect(ind.calls).toMatchObject({ presented: 6, answered: 4, lost: 2, abandoned: 1, lostAfter15s: 1, outbound: 1 });
    expect(ind.calls.within15s).toEqual({ count: 1, share: 1 / 6 });
    expect(ind.calls.within30s).toEqual({ count: 2, share: 2 / 6 });
    expect(ind.calls.within60s).toEqual({ count: 3, share: 3 / 6 });
    // Answer times 12, 25, 45, 90 s: the median is the 2nd, p90 the 4th.
    expect(ind.calls.ttaP50s).toBe(25);
    expect(ind.calls.ttaP90s).toBe(90);
  });

  it('follows lost calls to their callback, and deferred P3 callbacks', () => {
    expect(ind.callbacks).toMatchObject({ lostCalls: 2, lostReached: 1, callbackDelayP50Min: 12, deferred: 1, deferredLate: 1, requested: 0 });
    expect(ind.callbacks.lostCalledBack).toEqual({ count: 1, share: 0.5 });
  });

  it('breaks dossiers down by origin, kind, priority and branch, with queue waits and escalations', () => {
    expect(ind.dossiers).toMatchObject({
      total: 5,
      byOrigin: { '15': 2, '116117': 3 },
      byKind: { DRM: 4, DR: 1 },
      byPriority: { P1: 1, P2: 2, P3: 1, NR: 1 },
      byBranch: { AMU: 1, SNP: 3, none: 1 },
      pharmacy: 1,
      regulationP50Min: 5,
      regulationP90Min: 5,
    });
    expect(ind.dossiers.waits).toEqual([
      { queue: 'AMU', priority: 'P1', taken: 1, p50Min: 2, p90Min: 2, escalated: 0 },
      { queue: 'SNP', priority: 'P2', taken: 2, p50Min: 5, p90Min: 30, escalated: 1 },
      { queue: 'SNP', priority: 'P3', taken: 1, p50Min: 74, p90Min: 74, escalated: 1 },
    ]);
  });

  it('counts the decisions in force (a superseded one no longer counts)', () => {
    expect(ind.decisions).toEqual({ byType: { CONSEIL: 1, ORIENT: 3 }, interByResource: {}, orientByOrientation: { CABINET: 3 } });
  });

  it('follows SNP patients oriented to a GP to their appointment within 48 h', () => {
    expect(ind.snp).toEqual({ oriented: 3, within48h: { count: 1, share: 1 / 3 }, beyond48h: 1, none: 1, delayP50H: 29 });
  });

  it('credits each figure to its cohort hour: the calls of 10:00 and of 11:00 apart', () => {
    const hourly = recomputeHourly(parisDay().events, 'Europe/Paris');
    expect(hourly.get('2026-11-23T10')?.['call.in']).toBe(5);
    expect(hourly.get('2026-11-23T11')?.['call.in']).toBe(1);
    // The appointment of D3 recorded the next day still counts on the day of its call.
    expect(hourly.get('2026-11-23T10')?.['snp.beyond48']).toBe(1);
    // Its hour keeps only the Hub update that event produced: messages count when they happen.
    expect(hourly.get('2026-11-24T09')).toEqual({ 'hub.sent': 1, 'hub.sent:RS-EDA-MAJ': 1 });
  });

  it('reads percentiles as the smallest bin reaching the share', () => {
    expect(percentile([0, 0], 0.5)).toBeNull();
    expect(percentile([1, 1, 1, 1], 0.5)).toBe(1);
    expect(percentile([1, 1, 1, 1], 0.9)).toBe(3);
  });
});

describe('indicator days across a DST night and on a Réunion site', () => {
  it('gives the autumn DST day its 25 hours of calls', () => {
    const s = new Scenario();
    s.call('a', '2026-10-24T22:30:00Z').answer('a', '2026-10-24T22:30:05Z'); // 00:30 CEST on the 25th
    s.call('b', '2026-10-25T00:30:00Z').answer('b', '2026-10-25T00:30:05Z'); // 02:30 CEST
    s.call('c', '2026-10-25T01:30:00Z').answer('c', '2026-10-25T01:30:40Z'); // 02:30 CET, one real hour later
    s.call('d', '2026-10-25T22:30:00Z').abandon('d', '2026-10-25T22:30:30Z'); // 23:30 CET on the 25th
    s.call('e', '2026-10-25T23:30:00Z'); // 00:30 on the 26th
    const ind = day(s, 'Europe/Paris', '2026-10-25', '2026-10-26');
    expect(ind.calls).toMatchObject({ presented: 4, answered: 3, lost: 1, abandoned: 1, lostAfter15s: 1 });
    expect(ind.calls.within30s.count).toBe(2);
    expect(recomputeHourly(s.events, 'Europe/Paris').get('2026-10-25T02')?.['call.in']).toBe(2);
  });

  it('counts a Réunion night call on the Réunion day, not on Paris’ day', () => {
    const s = new Scenario();
    s.call('r1', '2026-11-23T21:30:00Z').answer('r1', '2026-11-23T21:30:20Z'); // 01:30 on the 24th in Saint-Denis
    s.dossier('R1', '2026-11-23T21:31:00Z', { origin: '116117' }).route('R1', '2026-11-23T21:31:30Z', 'SNP');
    s.take('R1', '2026-11-23T21:40:00Z').decide('R1', '2026-11-23T21:45:00Z', 'y1', { type: 'ORIENT', orientationType: 'CABINET', transport: false, destination: 'MG' });
    s.appointment('R1', '2026-11-24T06:00:00Z', 'ar1', '2026-11-25T21:00:00Z'); // 47.5 h after the call
    const reunion24 = day(s, 'Indian/Reunion', '2026-11-24', '2026-11-25');
    expect(reunion24.calls.presented).toBe(1);
    expect(reunion24.snp).toMatchObject({ oriented: 1, within48h: { count: 1, share: 1 }, delayP50H: 47 });
    expect(day(s, 'Indian/Reunion', '2026-11-23', '2026-11-24').calls.presented).toBe(0);
    expect(day(s, 'Europe/Paris', '2026-11-23', '2026-11-24').calls.presented).toBe(1);
  });
});
