import { describe, expect, it } from 'vitest';
import { applyDossierEvent, DossierRuleError, type AppliedEvent } from '../../../../shared/domain/dossier';

const created: AppliedEvent = {
  seq: 1,
  dossierId: 'd1',
  at: '2026-11-23T10:00:00.000Z',
  actor: { id: 'arm-1', role: 'ARM' },
  body: { type: 'dossier.created', payload: { localNumber: 'DRFR156902632700001', caseId: 'fr.health.samu690.DRFR156902632700001', kind: 'DRM', origin: '15', callerPhone: null, motive: 'malaise', priority: 'P2' } },
};

describe('dossier fold', () => {
  it('creates an ACTIF dossier from its creation event', () => {
    expect(applyDossierEvent(undefined, created)).toMatchObject({ id: 'd1', state: 'ACTIF', priority: 'P2', lastSeq: 1, createdAt: created.at });
  });

  it('changes the priority and keeps the creation time', () => {
    const first = applyDossierEvent(undefined, created);
    const next = applyDossierEvent(first, { seq: 2, dossierId: 'd1', at: '2026-11-23T10:01:00.000Z', actor: created.actor, body: { type: 'dossier.priorityChanged', payload: { priority: 'P0' } } });
    expect(next).toMatchObject({ priority: 'P0', lastSeq: 2, createdAt: created.at, updatedAt: '2026-11-23T10:01:00.000Z' });
  });

  it('refuses a second creation and a change to an unknown dossier', () => {
    const first = applyDossierEvent(undefined, created);
    expect(() => applyDossierEvent(first, created)).toThrow(DossierRuleError);
    expect(() => applyDossierEvent(undefined, { ...created, body: { type: 'dossier.priorityChanged', payload: { priority: 'P1' } } })).toThrow(/does not exist/);
  });
});

describe('dossier fold: caller, patients, qualification, notes, links', () => {
  const at = (seq: number) => ({ seq, dossierId: 'd1', at: `2026-11-23T10:0${seq}:00.000Z`, actor: { id: 'arm-1', role: 'ARM' } });
  const patient = { id: 'p1', lastName: 'Martin', firstName: null, sex: 'F' as const, birthDate: '1950-02-01', ageYears: null, weightKg: null, ins: null, identityQualified: false };

  it('starts empty and merges caller and qualification patches', () => {
    let d = applyDossierEvent(undefined, created);
    expect(d).toMatchObject({ patients: [], notes: [], linkedDossierIds: [], caller: { name: null }, qualification: { motif: null } });
    d = applyDossierEvent(d, { ...at(2), body: { type: 'dossier.callerUpdated', payload: { caller: { name: 'Mme Martin', type: 'FAMILLE' } } } });
    d = applyDossierEvent(d, { ...at(3), body: { type: 'dossier.callerUpdated', payload: { caller: { callbackPhone: '+33472112233' } } } });
    expect(d.caller).toMatchObject({ name: 'Mme Martin', callbackPhone: '+33472112233' });
    d = applyDossierEvent(d, { ...at(4), body: { type: 'dossier.qualificationUpdated', payload: { qualification: { motif: 'M01.01', filiere: 'AMU' } } } });
    d = applyDossierEvent(d, { ...at(5), body: { type: 'dossier.qualificationUpdated', payload: { qualification: { filiere: 'SNP' } } } });
    expect(d.qualification).toEqual({ motif: 'M01.01', fait: null, lieu: null, filiere: 'SNP', attribution: null });
    expect(d.lastSeq).toBe(5);
  });

  it('adds a patient, then replaces the same one in place', () => {
    let d = applyDossierEvent(undefined, created);
    d = applyDossierEvent(d, { ...at(2), body: { type: 'dossier.patientUpserted', payload: { patient } } });
    d = applyDossierEvent(d, { ...at(3), body: { type: 'dossier.patientUpserted', payload: { patient: { ...patient, id: 'p2', lastName: 'Martin', firstName: 'Léo' } } } });
    d = applyDossierEvent(d, { ...at(4), body: { type: 'dossier.patientUpserted', payload: { patient: { ...patient, weightKg: 61 } } } });
    expect(d.patients.map((p) => [p.id, p.weightKg])).toEqual([['p1', 61], ['p2', null]]);
  });

  it('keeps notes in order with their author, and links each dossier once, never to itself', () => {
    let d = applyDossierEvent(undefined, created);
    d = applyDossierEvent(d, { ...at(2), body: { type: 'dossier.noteAdded', payload: { noteId: 'n1', text: 'conscient' } } });
    d = applyDossierEvent(d, { ...at(3), body: { type: 'dossier.noteAdded', payload: { noteId: 'n2', text: 'respire' } } });
    expect(d.notes.map((n) => [n.text, n.authorId, n.at])).toEqual([['conscient', 'arm-1', at(2).at], ['respire', 'arm-1', at(3).at]]);
    d = applyDossierEvent(d, { ...at(4), body: { type: 'dossier.linked', payload: { otherDossierId: 'd0' } } });
    d = applyDossierEvent(d, { ...at(5), body: { type: 'dossier.linked', payload: { otherDossierId: 'd0' } } });
    d = applyDossierEvent(d, { ...at(6), body: { type: 'dossier.linked', payload: { otherDossierId: 'd1' } } });
    expect(d.linkedDossierIds).toEqual(['d0']);
  });

  it('a dossier received from a partner keeps its content; later updates merge notes once and record operational values beside ours', () => {
    const note = { id: 'n1', text: 'vu par le MR', at: '2026-11-23T10:00:30.000Z', authorId: 'fr.health.samu440', authorRole: 'MEDECIN', afterValidation: false };
    const received = applyDossierEvent(undefined, {
      ...created,
      body: {
        type: 'dossier.received',
        payload: { ...(created.body.payload as never as Record<string, never>), from: 'fr.health.samu440', distributionId: 'fr.health.samu440_1', caller: { callbackPhone: null, name: null, type: null, language: null, communication: null }, patients: [], qualification: { motif: null, fait: null, lieu: null, filiere: 'SNP', attribution: null }, location: null, notes: [note] } as never,
      },
    });
    expect(received).toMatchObject({ priority: 'P2', qualification: { filiere: 'SNP' }, notes: [note], hub: { receivedFrom: 'fr.health.samu440', received: [] } });
    const update = (seq: number, distributionId: string) =>
      applyDossierEvent(received, {
        ...created,
        seq,
        at: '2026-11-23T10:05:00.000Z',
        body: { type: 'dossier.remoteUpdated', payload: { from: 'fr.health.samu440', distributionId, patients: [], notes: [note, { ...note, id: 'n2' }], received: [{ field: 'priority', value: 'P0' }] } },
      });
    const next = update(2, 'fr.health.samu440_2');
    expect(next.priority).toBe('P2');
    expect(next.notes.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(next.hub?.received).toEqual([{ field: 'priority', value: 'P0', at: '2026-11-23T10:05:00.000Z', from: 'fr.health.samu440', distributionId: 'fr.health.samu440_2' }]);
  });
});

describe('dossier fold: regulation', () => {
  const by = (seq: number, role: string, id = `${role.toLowerCase()}-1`) => ({ seq, dossierId: 'd1', at: `2026-11-23T10:0${seq}:00.000Z`, actor: { id, role } });
  const fields = { adviceText: null, prescriptionText: null, resourceType: null, orientationType: null, transport: null, destination: null, reason: null, supersedes: null };

  it('takes the regulator from the event author, decisions with theirs; the care level follows the decision in force', () => {
    let d = applyDossierEvent(undefined, created);
    d = applyDossierEvent(d, { ...by(2, 'MRU'), body: { type: 'dossier.taken', payload: {} } });
    expect(d.regulator).toEqual({ id: 'mru-1', role: 'MRU', at: by(2, 'MRU').at });
    d = applyDossierEvent(d, { ...by(3, 'MRU'), body: { type: 'dossier.decisionAdded', payload: { decisionId: 'x1', decision: { ...fields, type: 'INTER', careLevel: 'R1', resourceType: 'SMUR' } } } });
    d = applyDossierEvent(d, { ...by(4, 'MRU'), body: { type: 'dossier.decisionAdded', payload: { decisionId: 'x2', decision: { ...fields, type: 'CONSEIL', careLevel: 'R4', adviceText: 'a', supersedes: 'x1' } } } });
    expect(d.decisions.map((x) => [x.id, x.authorId, x.supersedes])).toEqual([['x1', 'mru-1', null], ['x2', 'mru-1', 'x1']]);
    expect(d.careLevel).toBe('R4');
  });

  it('moves through ACHEVE, VALIDE, CLOTURE, CLASSE with their times; a note after validation is marked', () => {
    let d = applyDossierEvent(undefined, created);
    d = applyDossierEvent(d, { ...by(2, 'MRU'), body: { type: 'dossier.noteAdded', payload: { noteId: 'n1', text: 'avant' } } });
    d = applyDossierEvent(d, { ...by(3, 'MRU'), body: { type: 'dossier.finished', payload: {} } });
    expect(d).toMatchObject({ state: 'ACHEVE', finishedAt: by(3, 'MRU').at });
    d = applyDossierEvent(d, { ...by(4, 'MRU'), body: { type: 'dossier.validated', payload: {} } });
    d = applyDossierEvent(d, { ...by(5, 'MRU'), body: { type: 'dossier.noteAdded', payload: { noteId: 'n2', text: 'après' } } });
    expect(d.notes.map((n) => [n.text, n.afterValidation])).toEqual([['avant', false], ['après', true]]);
    d = applyDossierEvent(d, { ...by(6, 'SYSTEME', 'systeme'), body: { type: 'dossier.closed', payload: {} } });
    d = applyDossierEvent(d, { ...by(7, 'SYSTEME', 'systeme'), body: { type: 'dossier.classified', payload: {} } });
    expect(d).toMatchObject({ state: 'CLASSE', validatedAt: by(4, 'MRU').at, closedAt: by(6, 'SYSTEME').at, classifiedAt: by(7, 'SYSTEME').at });
  });

  it('records an appointment with its author, and updates its status by record id', () => {
    let d = applyDossierEvent(undefined, created);
    const appointment = { id: 'a1', appointmentId: 'sas-1', practitioner: 'Dr D', place: 'Lyon', startsAt: '2026-11-24T09:00:00.000Z', category: 'AMB' as const, status: 'BOOKED' as const };
    d = applyDossierEvent(d, { ...by(2, 'OSNP'), body: { type: 'dossier.appointmentRecorded', payload: { appointment } } });
    d = applyDossierEvent(d, { ...by(3, 'SYSTEME'), body: { type: 'dossier.appointmentUpdated', payload: { id: 'a1', status: 'NOSHOW' } } });
    expect(d.appointments).toEqual([{ ...appointment, status: 'NOSHOW', recordedAt: by(2, 'OSNP').at, authorId: 'osnp-1', authorRole: 'OSNP' }]);
  });
});
