import { describe, expect, it } from 'vitest';
import { isOfficialCode } from '../../../../shared/domain/codes';
import { defaultQueueFor, otherBranch, QUEUES, reroutingOnPriorityChange, routeDossier } from '../../../../shared/domain/routing';

describe('routing', () => {
  it('uses official attribution and filière codes for every queue', () => {
    for (const [id, queue] of Object.entries(QUEUES)) {
      expect(isOfficialCode('attribution', queue.attribution), id).toBe(true);
      expect(isOfficialCode('filiere', queue.filiere), id).toBe(true);
    }
  });

  it('routes by default from the number dialled: 116117 to SNP, 15 and 112 to AMU', () => {
    expect(defaultQueueFor('116117')).toBe('SNP');
    expect(defaultQueueFor('15')).toBe('AMU');
    expect(defaultQueueFor('112')).toBe('AMU');
  });

  it('lets the priority decide first: P0/P1 to AMU from any line, P3 to SNP from any line, P2 and NR by the line', () => {
    expect(defaultQueueFor('116117', 'P1')).toBe('AMU');
    expect(defaultQueueFor('116117', 'P0')).toBe('AMU');
    expect(defaultQueueFor('15', 'P3')).toBe('SNP');
    expect(defaultQueueFor('15', 'P2')).toBe('AMU');
    expect(defaultQueueFor('116117', 'P2')).toBe('SNP');
    expect(defaultQueueFor('15', 'NR')).toBe('AMU');
    expect(otherBranch('AMU')).toBe('SNP');
    expect(otherBranch('SNP')).toBe('AMU');
    expect(otherBranch('PEDIA')).toBe('SNP');
    expect(otherBranch('DENT')).toBe('AMU');
  });

  const now = new Date('2026-11-23T22:00:00.000Z');

  it('never parks a P0: accompanied transfer to AMU, whatever queue was chosen', () => {
    expect(routeDossier('P0', 'SNP', now)).toEqual({ kind: 'accompaniedTransfer', queue: 'AMU' });
  });

  it('turns a P3 into a timed callback', () => {
    expect(routeDossier('P3', 'SNP', now, 30)).toEqual({ kind: 'deferredCallback', queue: 'SNP', callbackDueAt: '2026-11-23T22:30:00.000Z' });
    expect(routeDossier('P3', 'AMU', now)).toMatchObject({ callbackDueAt: '2026-11-23T23:00:00.000Z' });
  });

  it.each(['P1', 'P2', 'NR'] as const)('puts a %s in the chosen queue', (priority) => {
    expect(routeDossier(priority, 'PSY', now)).toEqual({ kind: 'queue', queue: 'PSY' });
  });
});

describe('re-routing when the priority changes', () => {
  const now = new Date('2026-12-06T01:00:00.000Z');

  it('a P3 raised to P0 leaves its deferred regulation for the accompanied transfer in AMU, and its callback is withdrawn', () => {
    expect(reroutingOnPriorityChange({ priority: 'P3', routing: 'deferredCallback', queue: 'SNP' }, 'P0', now)).toEqual({
      route: { kind: 'accompaniedTransfer', queue: 'AMU' },
      withdrawCallback: true,
    });
  });

  it('a P3 raised to P1 or P2 goes to a queue (AMU for P1, its branch for P2) and the callback is withdrawn', () => {
    expect(reroutingOnPriorityChange({ priority: 'P3', routing: 'deferredCallback', queue: 'SNP' }, 'P1', now)).toEqual({ route: { kind: 'queue', queue: 'AMU' }, withdrawCallback: true });
    expect(reroutingOnPriorityChange({ priority: 'P3', routing: 'deferredCallback', queue: 'SNP' }, 'P2', now)).toEqual({ route: { kind: 'queue', queue: 'SNP' }, withdrawCallback: true });
  });

  it('a P0 lowered goes to the queue of its branch (its history stays in the journal); lowered to P3 it becomes a timed callback', () => {
    expect(reroutingOnPriorityChange({ priority: 'P0', routing: 'accompaniedTransfer', queue: 'AMU' }, 'P1', now)).toEqual({ route: { kind: 'queue', queue: 'AMU' }, withdrawCallback: false });
    expect(reroutingOnPriorityChange({ priority: 'P0', routing: 'accompaniedTransfer', queue: 'AMU' }, 'P3', now, 30)).toEqual({
      route: { kind: 'deferredCallback', queue: 'AMU', callbackDueAt: '2026-12-06T01:30:00.000Z' },
      withdrawCallback: false,
    });
  });

  it('anything queued raised to P0 becomes an accompanied transfer', () => {
    expect(reroutingOnPriorityChange({ priority: 'P2', routing: 'queue', queue: 'SNP' }, 'P0', now)).toEqual({ route: { kind: 'accompaniedTransfer', queue: 'AMU' }, withdrawCallback: false });
  });

  it('nothing to do for a dossier never routed, the same priority, or a queue that does not change', () => {
    expect(reroutingOnPriorityChange({ priority: 'P3', routing: null, queue: null }, 'P0', now)).toEqual({ route: null, withdrawCallback: false });
    expect(reroutingOnPriorityChange({ priority: 'P2', routing: 'queue', queue: 'AMU' }, 'P2', now)).toEqual({ route: null, withdrawCallback: false });
    expect(reroutingOnPriorityChange({ priority: 'P1', routing: 'queue', queue: 'AMU' }, 'P2', now)).toEqual({ route: null, withdrawCallback: false });
  });
});
