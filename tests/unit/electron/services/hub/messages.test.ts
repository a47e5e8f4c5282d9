import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { applyDossierEvent, type AppliedEvent, type Dossier, type DossierEventBody } from '../../../../../shared/domain/dossier';
import { createCaseHealth, createCaseHealthUpdate } from '../../../../../shared/domain/hub/caseMessage';
import { hubDateTime, parseHubDateTime } from '../../../../../shared/domain/hub/hubTime';
import { buildEnvelope, errorPayload, referencePayload } from '../../../../../electron/services/hub/edxlEnvelope';
import { kindOfPayloadKey, type HubMessageKind } from '../../../../../electron/services/hub/messageKinds';
import { readHandoutJson, sampleFiles, schemaErrors } from '../../../../support/hubHandout';

const CTX = { clientId: 'fr.health.samu690', timeZone: 'Europe/Paris' };
const PARTNER = 'fr.health.samu440';
const T0 = Date.parse('2026-03-02T09:15:00Z');

function envelope(kind: HubMessageKind, payload: Record<string, unknown>, sender = CTX.clientId, recipient = PARTNER) {
  return buildEnvelope({ kind, distributionId: `${sender}_${uuidv7()}`, senderId: sender, recipientId: recipient, sentAtMs: T0, timeZone: CTX.timeZone, payload });
}

/** A dossier folded from journal events, as the projection holds it. */
function dossierWith(bodies: DossierEventBody[]): { dossier: Dossier; steps: Array<{ dossier: Dossier; body: DossierEventBody }> } {
  let dossier: Dossier | undefined;
  const steps: Array<{ dossier: Dossier; body: DossierEventBody }> = [];
  bodies.forEach((body, i) => {
    const event: AppliedEvent = { seq: i + 1, dossierId: '0195a3f0-0000-7000-8000-000000000001', at: new Date(T0 + i * 60_000).toISOString(), actor: { id: 'dr.martin', role: body.type === 'dossier.decisionAdded' ? 'MRU' : i % 2 ? 'MEDECIN' : 'ARM' }, body };
    dossier = applyDossierEvent(dossier, event);
    steps.push({ dossier, body });
  });
  return { dossier: dossier!, steps };
}

const PATIENT_ID = '0195a3f0-0000-7000-8000-0000000000a1';
const EVENTS: DossierEventBody[] = [
  { type: 'dossier.created', payload: { localNumber: 'DRFR15690260610001', caseId: 'fr.health.samu690.DRFR15690260610001', kind: 'DRM', origin: '15', callerPhone: '+33612345678', motive: 'Fièvre chez un enfant', priority: 'P2' } },
  { type: 'dossier.callerUpdated', payload: { caller: { name: 'Marie Martin', callbackPhone: '+33698765432', type: 'FAMILLE', language: 'fr', communication: 'AUCUNE' } } },
  { type: 'dossier.patientUpserted', payload: { patient: { id: PATIENT_ID, lastName: 'Martin', firstName: 'Léo', sex: 'M', birthDate: '2019-05-02', ageYears: 6, weightKg: 21, ins: '1190575123456', identityQualified: true } } },
  { type: 'dossier.qualificationUpdated', payload: { qualification: { motif: 'M03.14', fait: 'C02.05.00', lieu: 'L01.01.01', filiere: 'SNP', attribution: 'DRM.MRL.MG' } } },
  { type: 'dossier.locationSet', payload: { location: { label: '8 Boulevard du Port 80000 Amiens', houseNumber: '8', street: 'Boulevard du Port', postcode: '80000', city: 'Amiens', inseeCode: '80021', lat: 49.897443, lon: 2.290084, precision: 'ADRESSE', source: 'BAN', floor: '2', doorCode: 'A12B', intercom: 'Martin', accessDetails: 'Porte de gauche' } } },
  { type: 'dossier.noteAdded', payload: { noteId: '0195a3f0-0000-7000-8000-0000000000b1', text: 'Fièvre 39 depuis 24h, bon état général.' } },
  { type: 'dossier.priorityChanged', payload: { priority: 'P3' } },
  { type: 'dossier.routed', payload: { kind: 'deferredCallback', queue: 'SNP', callbackDueAt: new Date(T0 + 3_600_000).toISOString() } },
  { type: 'dossier.routed', payload: { kind: 'accompaniedTransfer', queue: 'AMU' } },
  { type: 'dossier.linked', payload: { otherDossierId: '0195a3f0-0000-7000-8000-000000000002' } },
  { type: 'dossier.taken', payload: {} },
  {
    type: 'dossier.decisionAdded',
    payload: { decisionId: '0195a3f0-0000-7000-8000-0000000000c1', decision: { type: 'INTER', careLevel: 'R1', adviceText: null, prescriptionText: null, resourceType: 'SMUR', orientationType: null, transport: null, destination: null, reason: null, supersedes: null } },
  },
  {
    type: 'dossier.decisionAdded',
    payload: { decisionId: '0195a3f0-0000-7000-8000-0000000000c2', decision: { type: 'ORIENT', careLevel: 'R2', adviceText: null, prescriptionText: null, resourceType: null, orientationType: 'URGENCES', transport: true, destination: 'CHU Amiens-Picardie, urgences pédiatriques', reason: null, supersedes: '0195a3f0-0000-7000-8000-0000000000c1' } },
  },
];
/** Regulation goes on after the first share: the stages travel as updates. */
const FINISHED: DossierEventBody = { type: 'dossier.finished', payload: {} };

describe('the official schemas, loaded as the handout says', () => {
  it('accept the two complete messages of the handout (positive control)', () => {
    expect(schemaErrors(readHandoutJson('envelope-examples', 'RS-EDA-in-envelope.json'))).toBeNull();
    expect(schemaErrors(readHandoutJson('envelope-examples', 'RC-REF-in-envelope.json'))).toBeNull();
  });

  it.each(['RS-EDA', 'RS-EDA-MAJ', 'RC-REF', 'RS-ERROR', 'RS-SAS-RDV'].flatMap((kind) => sampleFiles(kind).map((file) => [kind, file])))(
    'accept the official %s sample %s in our envelope',
    (kind, file) => {
      const sample = readHandoutJson('samples', kind, file) as Record<string, Record<string, unknown>>;
      const [key] = Object.keys(sample);
      expect(kindOfPayloadKey(key!)).toBe(kind);
      expect(schemaErrors(envelope(kind as HubMessageKind, sample[key!]!))).toBeNull();
    },
  );

  it('refuse broken messages (negative controls)', () => {
    type Obj = Record<string, unknown>;
    const good = readHandoutJson('envelope-examples', 'RS-EDA-in-envelope.json') as Obj;
    const mutate = (change: (envelope: Obj, message: Obj, caseHealth: Obj) => void) => {
      const copy = structuredClone(good);
      const message = (copy.content as Array<{ jsonContent: { embeddedJsonContent: { message: Obj } } }>)[0]!.jsonContent.embeddedJsonContent.message;
      change(copy, message, message.createCaseHealth as Obj);
      return copy;
    };
    expect(schemaErrors(mutate((_e, _m, c) => (c.surprise = 1)))).toMatch(/additional/);
    expect(schemaErrors(mutate((_e, _m, c) => delete c.caseId))).not.toBeNull();
    expect(schemaErrors(mutate((_e, m) => (m.sentAt = '2025-11-03T09:04:00Z')))).not.toBeNull();
    expect(schemaErrors(mutate((_e, _m, c) => ((c.patient as Obj[])[0]!.patientId = 'patient-1')))).not.toBeNull();
    expect(schemaErrors(mutate((e) => (e.distributionKind = 'Info')))).not.toBeNull();
    expect(schemaErrors(mutate((e) => delete e.dateTimeExpires))).not.toBeNull();
    expect(schemaErrors({})).not.toBeNull();
  });
});

describe('messages Plateau produces', () => {
  it('RS-EDA of a full dossier validates and carries the official ids', () => {
    const { dossier } = dossierWith(EVENTS);
    const payload = createCaseHealth(dossier, CTX);
    const message = envelope('RS-EDA', payload);
    expect(schemaErrors(message)).toBeNull();
    expect(message.distributionKind).toBe('Report');
    expect(message.distributionID).toMatch(/^fr\.health\.samu690_[0-9a-f-]{36}$/);
    expect(payload).toMatchObject({
      caseId: 'fr.health.samu690.DRFR15690260610001',
      senderCaseId: 'DRFR15690260610001',
      perimeter: 'SNP',
      owner: 'fr.health.samu690',
      qualification: { origin: '15', healthMotive: { code: 'M03.14' }, details: { priority: 'P3', attribution: 'DRM.MRL.MG', status: 'ACTIF' } },
      location: { city: { inseeCode: '80021' }, access: { floor: '2', accessCode: ['A12B'], interphone: 'Martin' } },
      patient: [{ patientId: `fr.health.samu690.patient.DRFR15690260610001.${PATIENT_ID}`, administrativeFile: { externalId: [{ source: 'NIR', value: '1190575123456' }] } }],
      medicalNote: [{ medicalNoteId: 'fr.health.samu690.medicalNote.0195a3f0-0000-7000-8000-0000000000b1', operator: { role: 'MEDECIN' } }],
    });
  });

  it('RS-EDA of a fresh dossier (withheld number, no location) validates too', () => {
    const { dossier } = dossierWith([{ type: 'dossier.created', payload: { ...(EVENTS[0] as Extract<DossierEventBody, { type: 'dossier.created' }>).payload, callerPhone: null, origin: 'CNR' } }]);
    const message = envelope('RS-EDA', createCaseHealth(dossier, CTX));
    expect(schemaErrors(message)).toBeNull();
  });

  it('an RS-EDA-MAJ for every change validates; a local link sends nothing', () => {
    const { steps } = dossierWith([...EVENTS, FINISHED]);
    const sent: string[] = [];
    for (const { dossier, body } of steps) {
      const payload = createCaseHealthUpdate(dossier, body, CTX);
      if (!payload) continue;
      sent.push(body.type);
      const message = envelope('RS-EDA-MAJ', payload);
      expect(schemaErrors(message), body.type).toBeNull();
      expect(message.distributionKind).toBe('Update');
    }
    expect(sent).toEqual([
      'dossier.callerUpdated',
      'dossier.patientUpserted',
      'dossier.qualificationUpdated',
      'dossier.locationSet',
      'dossier.noteAdded',
      'dossier.priorityChanged',
      'dossier.routed',
      'dossier.routed',
      'dossier.decisionAdded',
      'dossier.decisionAdded',
      'dossier.finished',
    ]);
  });

  it('a decision travels as the Hub decision (type, resource, transport, orientation, destination) signed by a MEDECIN', () => {
    const { steps } = dossierWith(EVENTS);
    const orient = steps.filter((s) => s.body.type === 'dossier.decisionAdded').at(-1)!;
    const payload = createCaseHealthUpdate(orient.dossier, orient.body, CTX)!;
    expect(payload.decision).toEqual([
      expect.objectContaining({ decisionType: 'ORIENT', orientationType: 'URGENCES', medicalTransport: true, destination: { freetext: 'CHU Amiens-Picardie, urgences pédiatriques' }, operator: { role: 'MEDECIN', label: 'dr.martin' } }),
    ]);
    // The correction names the decision it replaces, and says it is no longer in force.
    expect(payload.freetext).toMatch(/^Décision ORIENT \(niveau de soin R2\).*remplace la décision INTER du \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d, qui n'est plus en vigueur$/);
    expect(schemaErrors(envelope('RS-EDA-MAJ', payload))).toBeNull();
  });

  it('RC-REF receipts and RS-ERROR go to .ack and .info with their own kinds, and validate', () => {
    const ref = envelope('RC-REF', referencePayload('fr.health.samu440_0195a3f0-0000-7000-8000-000000000009'));
    expect(ref.distributionKind).toBe('Ack');
    expect(schemaErrors(ref)).toBeNull();
    const refused = envelope('RC-REF', referencePayload('fr.health.samu440_x', { refused: true, errorDistributionId: 'fr.health.samu690_y' }));
    expect(schemaErrors(refused)).toBeNull();
    const error = envelope('RS-ERROR', errorPayload(300, 'INVALID_MESSAGE', 'caseId missing', 'fr.health.samu440_x', { distributionID: 'fr.health.samu440_x' }));
    expect(error.distributionKind).toBe('Error');
    expect(schemaErrors(error)).toBeNull();
  });

  it('date-times have the site offset, whole seconds and no Z; expiry is 24 h for cases, 1 h for receipts', () => {
    expect(hubDateTime(T0, 'Europe/Paris')).toBe('2026-03-02T10:15:00+01:00');
    expect(hubDateTime(Date.parse('2026-07-02T09:15:00.789Z'), 'Europe/Paris')).toBe('2026-07-02T11:15:00+02:00');
    expect(hubDateTime(T0, 'Indian/Reunion')).toBe('2026-03-02T13:15:00+04:00');
    expect(hubDateTime(T0, 'UTC')).toBe('2026-03-02T09:15:00+00:00');
    expect(parseHubDateTime('2026-03-02T10:15:00+01:00')).toBe(T0);
    expect(parseHubDateTime('2026-03-02T09:15:00Z')).toBeNaN();
    const eda = envelope('RS-EDA', createCaseHealth(dossierWith(EVENTS.slice(0, 1)).dossier, CTX));
    expect(parseHubDateTime(eda.dateTimeExpires) - parseHubDateTime(eda.dateTimeSent)).toBe(24 * 3_600_000);
    const ref = envelope('RC-REF', referencePayload('x_y'));
    expect(parseHubDateTime(ref.dateTimeExpires) - parseHubDateTime(ref.dateTimeSent)).toBe(3_600_000);
  });
});
