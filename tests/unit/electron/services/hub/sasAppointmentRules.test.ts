import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/services/api';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { HubInbox } from '../../../../../electron/services/hub/inbox';
import { OutboxDrain } from '../../../../../electron/services/hub/outboxDrain';
import type { Dossier } from '../../../../../shared/domain/dossier';
import { readHandoutJson, schemaErrors } from '../../../../support/hubHandout';
import { bytes, envelope, messageOf, PARTNER, SAS, US } from '../../../../support/hub/adversarialCorpus';
import { journalFile } from '../../../../support/journalFile';
import { signIn, TEST_SCRYPT } from '../../../../support/operators';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';

type Obj = Record<string, unknown>;

/**
 * The rules of the SAS guide's page "transmission des informations de RDV au LRM" (main branch of
 * ansforge/IG-fhir-service-acces-aux-soins), one test each, through the real inbound path
 * (HubInbox.receiveMany as the AMQP transport hands deliveries over) on a real journal.
 */
describe('RS-SAS-RDV: the SAS guide\'s integration rules', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  let drain: OutboxDrain;
  let inbox: HubInbox;
  let answers: Buffer[];
  const now = Date.parse('2025-06-17T08:20:00.000Z');
  const sample = (name: string) => structuredClone((readHandoutJson('samples', 'RS-SAS-RDV', name) as Obj).appointment as Obj);
  const create = () => sample('RS-SAS-RDV_appointment_PS.01.json');
  const update = () => sample('RS-SAS-RDV_appointment_PS.01-MAJ.json');

  beforeEach(async () => {
    dir = makeTempDir();
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240 }), { now: () => now, scryptParams: TEST_SCRYPT });
    await signIn(services);
    answers = [];
    drain = new OutboxDrain({ outbox: services.journal.outbox, dossiers: services.journal.dossiers, clientId: US, timeZone: 'Europe/Paris', partners: [{ clientId: PARTNER, filieres: ['SNP'] }], publish: async () => undefined, isConnected: () => true, now: () => now });
    inbox = new HubInbox({ journal: services.journal, clientId: US, siteCode: '690', timeZone: 'Europe/Paris', acceptCasesFrom: new Set([PARTNER]), sasPlatformId: SAS, drain, send: async (b) => void answers.push(b), now: () => now });
  });
  afterEach(() => {
    drain.stop();
    services.close();
    dir.cleanup();
  });

  /** The platform pushes an appointment; the answers it gets back, parsed. */
  const push = async (appointment: Obj, distributionId = `${SAS}_${crypto.randomUUID()}`) => {
    const kept = await inbox.receiveMany([{ queue: 'message', body: bytes(envelope('RS-SAS-RDV', appointment, { from: SAS, sentAtMs: now, distributionId })) }]);
    const before = answers.length;
    for (const k of kept) if (k.after) await k.after();
    const sent = answers.slice(before).map((b) => JSON.parse(b.toString()) as Obj);
    for (const answer of sent) expect(schemaErrors(answer)).toBeNull();
    return { distributionId, answers: sent };
  };
  const inboxRows = () => journalFile(services.journal).prepare<[], { state: string; error_code: number | null; problem: string | null; kind: string }>('SELECT state, error_code, problem, kind FROM hub_inbox ORDER BY id').all();
  const toAttach = () => inbox.appointmentsToAttach();

  it('a creation is kept under the platform\'s appointment id, in the list the OSNP attaches from, and acknowledged (RC-REF) once integrated', async () => {
    const sent = await push(create());
    expect(toAttach()).toEqual([expect.objectContaining({ appointmentId: '2d2db05f-e2b0-4169-be8f-891806da2c74', status: 'booked', practitioner: 'Didier MOREL', start: '2025-06-17T12:00:00.000Z', end: '2025-06-17T12:20:00.000Z' })]);
    expect(sent.answers).toHaveLength(1);
    expect(sent.answers[0]!.distributionKind).toBe('Ack');
    expect(messageOf(sent.answers[0]!).reference).toMatchObject({ distributionID: sent.distributionId });
    expect(sent.answers[0]!.descriptor).toMatchObject({ explicitAddress: { explicitAddressValue: SAS } });
  });

  it('an update applies to the appointment of that id (status, times, practitioner), in place', async () => {
    await push(create());
    await push({ ...update(), start: '2025-06-17T15:00:00+02:00', end: '2025-06-17T15:20:00+02:00', practitioner: { ...(update().practitioner as Obj), rppsId: '810002909371', lastName: 'FORET', firstName: 'Pierre' } });
    expect(toAttach()).toEqual([expect.objectContaining({ appointmentId: '2d2db05f-e2b0-4169-be8f-891806da2c74', status: 'cancelled', practitioner: 'Pierre FORET', start: '2025-06-17T13:00:00.000Z' })]);
  });

  it('an update for an appointment id Plateau does not know is handled as a creation with what it carries', async () => {
    const sent = await push({ ...update(), appointmentId: 'f1c0ffee-0000-4000-8000-000000000001', status: 'booked' });
    expect(toAttach()).toEqual([expect.objectContaining({ appointmentId: 'f1c0ffee-0000-4000-8000-000000000001', status: 'booked', practitioner: 'Didier MOREL' })]);
    expect(sent.answers[0]!.distributionKind).toBe('Ack');
    expect(inboxRows().at(-1)).toMatchObject({ state: 'APPLIED', kind: 'RS-SAS-RDV' });
  });

  it('a creation for an id already known is a conflict: error 409 CONFLICT to the platform, what Plateau holds unchanged, the refusal kept', async () => {
    await push(create());
    const again = await push({ ...create(), start: '2025-06-18T09:00:00+02:00' });
    expect(again.answers).toHaveLength(1);
    const error = messageOf(again.answers[0]!).error as Obj;
    expect(again.answers[0]!.distributionKind).toBe('Error');
    expect(error).toMatchObject({ errorCode: { statusCode: 409, statusString: 'CONFLICT' }, referencedDistributionID: again.distributionId });
    expect(String(error.errorCause)).toContain('2d2db05f-e2b0-4169-be8f-891806da2c74');
    expect(toAttach()).toEqual([expect.objectContaining({ start: '2025-06-17T12:00:00.000Z' })]);
    expect(inboxRows().at(-1)).toMatchObject({ state: 'REJECTED', error_code: 409 });
  });

  it('the same creation delivered twice (the platform missed our receipt) is no conflict: the same receipt again, nothing applied twice', async () => {
    const first = await push(create());
    const second = await push(create(), first.distributionId);
    expect(second.answers).toEqual(first.answers);
    expect(toAttach()).toHaveLength(1);
    expect(inboxRows()).toHaveLength(1);
  });

  it('once attached to a dossier, an update moving the slot or changing the practitioner is journaled on the dossier; an update changing nothing is not', async () => {
    await push(create());
    const created = await dispatch(services.api, 'dossier:create', { callerPhone: '06 12 34 56 78', motive: 'Fièvre, pas de médecin traitant', priority: 'P2' });
    if (!created.ok) throw new Error(created.error.message);
    const dossierId = (created.value as Dossier).id;
    expect(inbox.attachAppointment('2d2db05f-e2b0-4169-be8f-891806da2c74', dossierId, { id: 'osnp', role: 'OSNP' })).toBe(true);
    const moved = { ...create(), method: 'UpdateAppointment', start: '2025-06-17T16:30:00+02:00', practitioner: { ...(create().practitioner as Obj), lastName: 'DURAND', firstName: 'Claire' } };
    await push(moved);
    const appointment = () => services.journal.dossiers.get(dossierId)!.appointments[0]!;
    expect(appointment()).toMatchObject({ status: 'BOOKED', startsAt: '2025-06-17T14:30:00.000Z', practitioner: 'Claire DURAND', appointmentId: '2d2db05f-e2b0-4169-be8f-891806da2c74' });
    // The 48 h indicator reads the projection's time: it moved too.
    expect(journalFile(services.journal).prepare('SELECT starts_at FROM appointments').pluck().get()).toBe('2025-06-17T14:30:00.000Z');
    const updates = () => services.journal.eventsOf(dossierId).filter((e) => e.type === 'dossier.appointmentUpdated').length;
    expect(updates()).toBe(1);
    await push(moved);
    expect(updates()).toBe(1);
    await push({ ...moved, status: 'fulfilled' });
    expect(appointment()).toMatchObject({ status: 'FULFILLED', startsAt: '2025-06-17T14:30:00.000Z' });
    expect(updates()).toBe(2);
  });

  it('keeps the history of what was received and what became of it', async () => {
    await push(create());
    await push(create());
    await push(update());
    expect(inboxRows().map((r) => [r.kind, r.state, r.error_code])).toEqual([
      ['RS-SAS-RDV', 'APPLIED', null],
      ['RS-SAS-RDV', 'REJECTED', 409],
      ['RS-SAS-RDV', 'APPLIED', null],
    ]);
  });
});
