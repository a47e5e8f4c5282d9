import { describe, expect, it } from 'vitest';
import { parseInbound } from '../../../../../electron/services/hub/inboundMessage';
import { localIdOf, receivedCaseOf, remoteUpdateOf } from '../../../../../electron/services/hub/receivedCase';
import type { CreateCaseHealth, CreateCaseHealthUpdate } from '../../../../../electron/services/hub/inboundMessage';
import { readHandoutJson } from '../../../../support/hubHandout';

type Obj = Record<string, unknown>;
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const example = (file: string) => readHandoutJson('envelope-examples', file) as Obj;
const messageOf = (envelope: Obj) => (envelope.content as Array<{ jsonContent: { embeddedJsonContent: { message: Obj } } }>)[0]!.jsonContent.embeddedJsonContent.message;

describe('reading what arrives from the Hub', () => {
  it('reads the official examples: kind, sender, recipient, expiry', () => {
    const eda = parseInbound(bytes(example('RS-EDA-in-envelope.json')));
    expect(eda).toMatchObject({ ok: true, kind: 'RS-EDA', envelope: { senderId: 'fr.health.samu690', recipientId: 'fr.health.samu691', distributionKind: 'Report', expiresAtMs: Date.parse('2025-11-04T10:04:00+01:00') } });
    expect(parseInbound(bytes(example('RC-REF-in-envelope.json')))).toMatchObject({ ok: true, kind: 'RC-REF', payload: { distributionID: 'fr.health.samu690_3f1c2a9e-8b7d-4c1e-9a55-0d2b7e4c1a10' } });
  });

  it('says why it refuses: not JSON, a broken envelope (keeping the claimed sender), no known payload, a bad field, an oversized value', () => {
    expect(parseInbound(bytes('{ nope'))).toMatchObject({ ok: false, stage: 'json' });
    const envelope = example('RS-EDA-in-envelope.json');
    expect(parseInbound(bytes({ ...envelope, dateTimeExpires: 'tomorrow' }))).toMatchObject({ ok: false, stage: 'envelope', senderId: 'fr.health.samu690', problem: expect.stringContaining('dateTimeExpires') });
    const unknownPayload = structuredClone(envelope);
    const message = messageOf(unknownPayload);
    message.somethingElse = message.createCaseHealth;
    delete message.createCaseHealth;
    expect(parseInbound(bytes(unknownPayload))).toMatchObject({ ok: false, stage: 'payload', problem: expect.stringContaining('found 0') });
    const badCase = structuredClone(envelope);
    (messageOf(badCase).createCaseHealth as Obj).caseId = 'no dots here';
    expect(parseInbound(bytes(badCase))).toMatchObject({ ok: false, stage: 'payload', problem: expect.stringContaining('caseId') });
    const huge = structuredClone(envelope);
    ((messageOf(huge).createCaseHealth as Obj).medicalNote as Obj[])[0]!.freetext = 'x'.repeat(100_000);
    expect(parseInbound(bytes(huge))).toMatchObject({ ok: false, stage: 'payload', problem: expect.stringContaining('freetext') });
    expect(parseInbound(bytes([1, 2, 3]))).toMatchObject({ ok: false, stage: 'envelope' });
  });

  it('reads a partner’s invisible characters as U+FFFD instead of losing the case; an id carrying one is still refused', () => {
    const envelope = example('RS-EDA-in-envelope.json');
    const withNul = structuredClone(envelope);
    ((messageOf(withNul).createCaseHealth as Obj).medicalNote as Obj[])[0]!.freetext = 'douleur\u0000thoracique \uD83D';
    const parsed = parseInbound(bytes(withNul));
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(((parsed.payload as Obj).medicalNote as Obj[])[0]!.freetext).toBe('douleur\uFFFDthoracique \uFFFD');
    const badId = structuredClone(envelope);
    (messageOf(badId).createCaseHealth as Obj).caseId = `${String((messageOf(envelope).createCaseHealth as Obj).caseId)}\u0000`;
    expect(parseInbound(bytes(badId))).toMatchObject({ ok: false, stage: 'payload', problem: expect.stringContaining('caseId') });
  });

  it('maps a partner case to the dossier model, with stable local ids for official patient and note ids', () => {
    const parsed = parseInbound(bytes(example('RS-EDA-in-envelope.json')));
    if (!parsed.ok) throw new Error(parsed.problem);
    const c = receivedCaseOf(parsed.payload as CreateCaseHealth, 'fr.health.samu690', '2025-11-03T09:05:00.000Z');
    expect(c).toMatchObject({
      kind: 'DRM',
      origin: '15',
      callerPhone: '+33612345678',
      priority: 'P2',
      caller: { name: 'Marie Martin', type: 'FAMILLE', communication: 'AUCUNE' },
      qualification: { filiere: 'SNP', motif: 'M03.14', fait: 'C02.05.00', lieu: 'L01.01.01', attribution: 'DRM.MRL.MG' },
      location: { inseeCode: '80021', lat: 49.897443, precision: 'ADRESSE', houseNumber: '8', street: 'Boulevard du Port' },
    });
    expect(c.patients[0]).toMatchObject({ id: localIdOf('fr.health.samu690.patient.DRFR15690253070001.1'), firstName: 'Léo', ageYears: 6, sex: 'M', identityQualified: false });
    expect(c.notes[0]).toMatchObject({ id: localIdOf('fr.health.samu690.medicalNote.000123'), authorRole: 'MEDECIN', at: '2025-11-03T09:03:00.000Z' });
    const withoutCoordinates = structuredClone(parsed.payload as CreateCaseHealth);
    delete withoutCoordinates.location.geometry;
    const unlocated = receivedCaseOf(withoutCoordinates, 'fr.health.samu690', '2025-11-03T09:05:00.000Z');
    expect(unlocated.location).toBeNull();
    expect(unlocated.notes.at(-1)).toMatchObject({ text: 'Adresse transmise par fr.health.samu690 : 8 Boulevard du Port, Amiens, 80021' });
    const update = remoteUpdateOf({ caseId: 'a.b.c.d', qualification: { details: { priority: 'P0', status: 'ACHEVE' } }, perimeter: 'AMU', freetext: 'transféré' } as CreateCaseHealthUpdate, 'fr.health.samu440', 'fr.health.samu440_1', 'x');
    expect(update.received).toEqual([
      { field: 'priority', value: 'P0' },
      { field: 'status', value: 'ACHEVE' },
      { field: 'perimeter', value: 'AMU' },
      { field: 'freetext', value: 'transféré' },
    ]);
  });
});
