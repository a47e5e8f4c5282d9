import { describe, expect, it } from 'vitest';
import { applyDossierEvent, type AppliedEvent, type Dossier, type DossierEventBody } from '../../../../../shared/domain/dossier';
import { createCaseHealth, interventionTypeOf } from '../../../../../shared/domain/hub/caseMessage';
import { checkShare, exchangePartnerOf, partnersFor, partnerView, sharedFieldList } from '../../../../../shared/domain/hub/partnerShare';

const PARTNERS = [
  { clientId: 'fr.health.samu440', filieres: ['SNP', 'PSY'] },
  { clientId: 'fr.health.samu800', filieres: ['AMU'] },
];
const actor = { id: 'arm-1', role: 'ARM' };

function fold(bodies: DossierEventBody[]): Dossier {
  let d: Dossier | undefined;
  bodies.forEach((body, i) => {
    const event: AppliedEvent = { seq: i + 1, dossierId: 'd-1', at: `2026-11-23T21:0${i}:00.000Z`, actor, body };
    d = applyDossierEvent(d, event);
  });
  return d!;
}

const CREATED: DossierEventBody = {
  type: 'dossier.created',
  payload: { localNumber: 'DRFR15690263270001', caseId: 'fr.health.samu690.DRFR15690263270001', kind: 'DRM', origin: '15', callerPhone: '+33612345678', motive: 'fièvre', priority: 'P2' },
};
const PATIENT: DossierEventBody = {
  type: 'dossier.patientUpserted',
  payload: { patient: { id: 'p-1', lastName: 'Martin', firstName: 'Léo', sex: 'M', birthDate: '2019-05-02', ageYears: null, weightKg: null, ins: '119057512345609', identityQualified: true } },
};
const NOTE: DossierEventBody = { type: 'dossier.noteAdded', payload: { noteId: 'n-1', text: 'note du régulateur' } };

describe('"Partager avec…" (issue 13 §6)', () => {
  it('suggests the partner of the perimeter first, never chooses it', () => {
    const d = fold([CREATED, { type: 'dossier.qualificationUpdated', payload: { qualification: { filiere: 'AMU' } } }]);
    expect(partnersFor(d, PARTNERS).map((p) => [p.clientId, p.suggested])).toEqual([
      ['fr.health.samu800', true],
      ['fr.health.samu440', false],
    ]);
    expect(exchangePartnerOf(d)).toBeNull();
  });

  it('journals who shared with whom; shared once; a partner IT did not configure, a closed dossier or a partner’s own case are refused', () => {
    const d = fold([CREATED]);
    expect(checkShare(d, 'fr.health.samu999', PARTNERS, 'ARM')).toEqual({ ok: false, reason: 'unknownPartner' });
    expect(checkShare(d, 'fr.health.samu440', PARTNERS, 'ARM')).toEqual({ ok: true });
    const shared = fold([CREATED, { type: 'dossier.shared', payload: { partner: 'fr.health.samu440' } }]);
    expect(shared.hub?.sharedWith).toEqual({ partner: 'fr.health.samu440', at: '2026-11-23T21:01:00.000Z', by: 'arm-1', byRole: 'ARM' });
    expect(exchangePartnerOf(shared)).toBe('fr.health.samu440');
    expect(checkShare(shared, 'fr.health.samu800', PARTNERS, 'ARM')).toEqual({ ok: false, reason: 'alreadyShared' });
    expect(checkShare({ ...d, state: 'CLOTURE' }, 'fr.health.samu440', PARTNERS, 'ARM')).toEqual({ ok: false, reason: 'closed' });
    expect(checkShare({ ...d, hub: { receivedFrom: 'fr.health.samu440', received: [] } }, 'fr.health.samu800', PARTNERS, 'ARM')).toEqual({ ok: false, reason: 'receivedFromPartner' });
  });

  it('sends what the partner needs: no NIR, no notes; a partner’s own case gets our notes back', () => {
    const d = fold([CREATED, PATIENT, NOTE]);
    const view = partnerView(d);
    expect(view.patients[0]).toMatchObject({ lastName: 'Martin', birthDate: '2019-05-02', ins: null });
    expect(view.notes).toEqual([]);
    const message = JSON.stringify(createCaseHealth(view, { clientId: 'fr.health.samu690', timeZone: 'Europe/Paris' }));
    expect(message).not.toContain('119057512345609');
    expect(message).not.toContain('note du régulateur');
    expect(sharedFieldList(d)).toEqual(['caseId', 'qualification', 'priority', 'caller', 'patients']);
    const theirs = { ...d, hub: { receivedFrom: 'fr.health.samu440', received: [] } };
    expect(partnerView(theirs)).toBe(theirs);
  });

  it('interventionType comes from the dossier: T1 for a DRM outside a health establishment, left out otherwise', () => {
    const d = fold([CREATED]);
    expect(interventionTypeOf(d)).toBe('T1');
    expect(interventionTypeOf({ ...d, kind: 'DR' })).toBeUndefined();
    expect(interventionTypeOf({ ...d, qualification: { ...d.qualification, lieu: 'L04.07.01' } })).toBeUndefined();
    expect(createCaseHealth({ ...d, kind: 'DR' }, { clientId: 'fr.health.samu690', timeZone: 'Europe/Paris' }).interventionType).toBeUndefined();
  });

  it('isAml only for a position the caller’s phone sent', () => {
    const location = { label: '1 rue X, Lyon', houseNumber: '1', street: 'rue X', postcode: '69001', city: 'Lyon', inseeCode: '69381', lat: 45.76, lon: 4.83, precision: 'ADRESSE' as const, floor: null, doorCode: null, intercom: null, accessDetails: null };
    const point = (source: 'BAN' | 'AML') => ((createCaseHealth({ ...fold([CREATED]), location: { ...location, source } }, { clientId: 'fr.health.samu690', timeZone: 'Europe/Paris' }).location as Record<string, { point: { isAml: boolean } }>).geometry!.point.isAml);
    expect(point('BAN')).toBe(false);
    expect(point('AML')).toBe(true);
  });
});
