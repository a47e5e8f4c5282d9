import { describe, expect, it } from 'vitest';
import { isOfficialCode } from '../../../../shared/domain/codes';
import { defaultQueueFor, otherBranch, QUEUES, routeDossier } from '../../../../shared/domain/routing';

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
