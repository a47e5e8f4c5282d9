import { describe, expect, it } from 'vitest';
import { applyDossierEvent, DossierRuleError, type AppliedEvent } from '../../../../shared/domain/dossier';

const created: AppliedEvent = {
  seq: 1,
  dossierId: 'd1',
  at: '2026-11-23T10:00:00.000Z',
  body: { type: 'dossier.created', payload: { localNumber: 'DRFR156902632700001', caseId: 'fr.health.samu690.DRFR156902632700001', kind: 'DRM', origin: '15', callerPhone: null, motive: 'malaise', priority: 'P2' } },
};

describe('dossier fold', () => {
  it('creates an ACTIF dossier from its creation event', () => {
    expect(applyDossierEvent(undefined, created)).toMatchObject({ id: 'd1', state: 'ACTIF', priority: 'P2', lastSeq: 1, createdAt: created.at });
  });

  it('changes the priority and keeps the creation time', () => {
    const first = applyDossierEvent(undefined, created);
    const next = applyDossierEvent(first, { seq: 2, dossierId: 'd1', at: '2026-11-23T10:01:00.000Z', body: { type: 'dossier.priorityChanged', payload: { priority: 'P0' } } });
    expect(next).toMatchObject({ priority: 'P0', lastSeq: 2, createdAt: created.at, updatedAt: '2026-11-23T10:01:00.000Z' });
  });

  it('refuses a second creation and a change to an unknown dossier', () => {
    const first = applyDossierEvent(undefined, created);
    expect(() => applyDossierEvent(first, created)).toThrow(DossierRuleError);
    expect(() => applyDossierEvent(undefined, { ...created, body: { type: 'dossier.priorityChanged', payload: { priority: 'P1' } } })).toThrow(/does not exist/);
  });
});
