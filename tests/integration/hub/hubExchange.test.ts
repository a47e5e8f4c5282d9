import { readFileSync } from 'node:fs';
import amqp from 'amqplib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/api';
import { AmqpTransport } from '../../../electron/services/hub/amqpTransport';
import type { Dossier } from '../../../shared/domain/dossier';
import { readHandoutJson } from '../../support/hubHandout';
import { messageOf } from '../../support/hub/hubTestClient';
import { signIn } from '../../support/operators';
import { describeWithBroker, PTFSAS, SAMU440, SAMU690, startHubWorld, until, type HubWorld } from '../../support/hub/hubWorld';
import { journalFile } from '../../support/journalFile';

type Obj = Record<string, unknown>;

describeWithBroker('Hub Santé exchange through a real RabbitMQ (TLS, certificate login) and the test dispatcher', () => {
  let world: HubWorld;
  const call = async <T = Dossier>(channel: string, request: Obj = {}): Promise<T> => {
    const result = await dispatch(world.services.api, channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  const outbox = (dossierId: string) =>
    journalFile(world.services.journal).prepare<[string], { event_seq: number; message_kind: string; state: string; distribution_id: string; error_code: number | null; last_error: string | null; recipient: string | null }>(
      'SELECT event_seq, message_kind, state, distribution_id, error_code, last_error, recipient FROM outbox WHERE dossier_id = ? ORDER BY event_seq',
    ).all(dossierId);
  const snpDossier = async (motive: string) => {
    const d = await call('dossier:create', { callerPhone: '06 12 34 56 78', motive, priority: 'P2' });
    await call('dossier:updateQualification', { dossierId: d.id, filiere: 'SNP', motif: 'M03.14' });
    // "Partager avec…": a person shares it (issue 13 §6).
    await call('dossier:share', { dossierId: d.id, partner: SAMU440 });
    return d;
  };

  beforeAll(async () => {
    world = await startHubWorld();
  }, 90_000);
  afterAll(async () => {
    await world?.stop();
  }, 60_000);

  it('refuses a client certificate from another CA (TLS client authentication is real)', async () => {
    const stranger = world.broker.certificates.stranger;
    await expect(
      amqp.connect(world.broker.amqpsUrl, { credentials: amqp.credentials.external(), cert: readFileSync(stranger.certFile), key: readFileSync(stranger.keyFile), ca: [readFileSync(world.broker.certificates.caFile)], servername: 'localhost' }),
    ).rejects.toThrow();
  });

  it('nothing leaves before a person shares: no message for a qualified dossier until "Partager avec…", which shows what will go and journals who shared it', async () => {
    const d = await call('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'Fièvre enfant', priority: 'P2', kind: 'DRM' });
    await call('dossier:updateQualification', { dossierId: d.id, filiere: 'SNP', motif: 'M03.14' });
    await call('dossier:upsertPatient', { dossierId: d.id, lastName: 'Martin', firstName: 'Léo', sex: 'M', birthDate: '2019-05-02', identityQualified: true, ins: '119057512345609' });
    await call('dossier:addNote', { dossierId: d.id, text: 'Note du régulateur, reste au centre' });
    // A partner takes SNP here, and the broker is up: still nothing queued, nothing published.
    await new Promise((r) => setTimeout(r, 800));
    expect(outbox(d.id)).toEqual([]);
    expect(world.dispatcher.routed.some((r) => r.body.toString().includes(d.caseId))).toBe(false);
    expect(world.peer.applied.some((a) => a.caseId === d.caseId)).toBe(false);
    // The screen's preview: the partner suggested by the perimeter, the fields, what never goes,
    // and the very message the partner would receive.
    const preview = await call<Obj>('dossier:sharePreview', { dossierId: d.id });
    expect(preview).toMatchObject({ partners: [{ clientId: SAMU440, suggested: true }], sharedWith: null, neverShared: ['nir', 'notes'], fields: expect.arrayContaining(['patients', 'caller']) });
    const previewText = JSON.stringify(preview.message);
    expect(previewText).not.toContain('119057512345609');
    expect(previewText).not.toContain('reste au centre');
    // Bad input at the field: a partner IT did not configure.
    expect(await dispatch(world.services.api, 'dossier:share', { dossierId: d.id, partner: 'fr.health.samu999' })).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', field: 'partner' } });
    expect(outbox(d.id)).toEqual([]);
    // The person's action: journaled with who and when, then the RS-EDA leaves.
    const shared = await call('dossier:share', { dossierId: d.id, partner: SAMU440 });
    expect(shared.hub?.sharedWith).toMatchObject({ partner: SAMU440, byRole: 'ARM' });
    expect(world.services.journal.eventsOf(d.id).map((e) => e.type)).toContain('dossier.shared');
    await until(() => outbox(d.id).length === 1 && outbox(d.id)[0]!.state === 'ACKED', 'share ACKED');
    const got = world.peer.applied.filter((a) => a.caseId === d.caseId);
    expect(got.map((a) => a.kind)).toEqual(['createCaseHealth']);
    // Only what the partner needs: no NIR, no medical notes; interventionType from the dossier (a DRM outside a health establishment: T1), isAml from it too.
    const sent = got[0]!.payload as Obj;
    expect(JSON.stringify(sent)).not.toContain('119057512345609');
    expect(sent.medicalNote).toBeUndefined();
    expect(sent).toMatchObject({ interventionType: 'T1', patient: [expect.objectContaining({ identity: expect.objectContaining({ strictFeatures: { birthDate: '2019-05-02', sex: 'M' } }) })] });
    expect((sent.patient as Obj[])[0]!.administrativeFile).toBeUndefined();
    // The message as sent is the preview, and it validates against the official schemas (the peer checks every one).
    expect(world.peer.invalid).toEqual([]);
    // Shared once: a second share is refused, and a later note still stays here.
    expect(await dispatch(world.services.api, 'dossier:share', { dossierId: d.id, partner: SAMU440 })).toMatchObject({ ok: false, error: { code: 'E_CONFLICT' } });
    await call('dossier:addNote', { dossierId: d.id, text: 'Deuxième note' });
    await call('dossier:setPriority', { dossierId: d.id, priority: 'P1' });
    await until(() => outbox(d.id).length === 2 && outbox(d.id).every((r) => r.state === 'ACKED'), 'update ACKED');
    expect(world.peer.applied.filter((a) => a.caseId === d.caseId).map((a) => a.kind)).toEqual(['createCaseHealth', 'createCaseHealthUpdate']);
  });

  it('shares an SNP dossier: RS-EDA first, then one RS-EDA-MAJ per change, in order, each valid; RC-REF marks them ACKED', async () => {
    const d = await snpDossier('Fièvre enfant');
    await call('dossier:updateCaller', { dossierId: d.id, name: 'Mme Martin' });
    await call('dossier:setPriority', { dossierId: d.id, priority: 'P3' });
    await call('dossier:upsertPatient', { dossierId: d.id, lastName: 'Martin', firstName: 'Léo', sex: 'M', ageYears: 6 });
    await until(() => outbox(d.id).every((r) => r.state === 'ACKED'), 'all rows ACKED');
    const rows = outbox(d.id);
    expect(rows.map((r) => r.message_kind)).toEqual(['RS-EDA', 'RS-EDA-MAJ', 'RS-EDA-MAJ', 'RS-EDA-MAJ']);
    expect(rows.every((r) => r.recipient === SAMU440)).toBe(true);
    const got = world.peer.applied.filter((a) => a.caseId === d.caseId);
    expect(got.map((a) => a.distributionId)).toEqual(rows.map((r) => r.distribution_id));
    expect(got[0]!.kind).toBe('createCaseHealth');
    expect(got[0]!.payload).toMatchObject({ caseId: d.caseId, perimeter: 'SNP', owner: SAMU690 });
    expect(got.slice(1).every((a) => a.kind === 'createCaseHealthUpdate')).toBe(true);
    expect(world.peer.invalid).toEqual([]);
    // The Hub saw the same ids, published under our routing key.
    expect(world.dispatcher.routed.filter((r) => r.sender === SAMU690 && rows.some((row) => row.distribution_id === r.distributionId)).every((r) => r.queue === `${SAMU440}.message`)).toBe(true);
    const status = await call<Obj>('hub:status');
    expect(status).toMatchObject({ configured: true, connected: true, clientId: SAMU690, waiting: 0, failed: 0 });
    // The dossier screen's view of the same rows: each transmitted, with its receipt time.
    const { transmissions } = await call<{ transmissions: Obj[] }>('dossier:transmissions', { dossierId: d.id });
    expect(transmissions.map((t) => t.kind)).toEqual(rows.map((r) => r.message_kind));
    expect(transmissions.every((t) => t.state === 'ACKED' && t.recipient === SAMU440 && typeof t.ackedAt === 'string' && t.errorCode === null)).toBe(true);
  });

  it('keeps a dossier out of the exchange until it is shared, whatever its perimeter; shared later, it leaves then, RS-EDA first', async () => {
    const d = await call('dossier:create', { callerPhone: '06 12 34 56 79', motive: 'Information', priority: 'P2' });
    await call('dossier:updateQualification', { dossierId: d.id, filiere: 'PSY' });
    await new Promise((r) => setTimeout(r, 600));
    expect(outbox(d.id)).toEqual([]);
    expect(world.dispatcher.routed.some((r) => r.body.toString().includes(d.caseId))).toBe(false);
    expect(await call<Obj>('hub:status')).toMatchObject({ notRouted: 0 });
    // Shared later: the share leaves then, RS-EDA first, then the next change.
    await call('dossier:share', { dossierId: d.id, partner: SAMU440 });
    await call('dossier:setPriority', { dossierId: d.id, priority: 'P1' });
    await until(() => outbox(d.id).length === 2 && outbox(d.id).every((r) => r.state === 'ACKED'), 'late share ACKED');
    expect(world.peer.applied.filter((a) => a.caseId === d.caseId).map((a) => a.kind)).toEqual(['createCaseHealth', 'createCaseHealthUpdate']);
  });

  it('an RS-ERROR from the partner leaves the message FAILED with the code and text, shown in the status', async () => {
    world.peer.refuse = (payload) => (JSON.stringify(payload).includes('REFUSE-ME') ? { code: 300, text: 'patient inconnu chez nous' } : null);
    const d = await snpDossier('REFUSE-ME');
    await until(() => outbox(d.id).length === 1 && outbox(d.id).every((r) => r.state !== 'NEW' && r.state !== 'SENT'), 'settled');
    world.peer.refuse = null;
    expect(outbox(d.id)[0]).toMatchObject({ state: 'FAILED', error_code: 300, last_error: expect.stringContaining('patient inconnu chez nous') });
    expect((await call<{ transmissions: Obj[] }>('dossier:transmissions', { dossierId: d.id })).transmissions[0]).toMatchObject({ state: 'FAILED', errorCode: 300, errorText: expect.stringContaining('patient inconnu chez nous'), ackedAt: null });
    expect((await call<Obj>('hub:status')).failed).toBeGreaterThanOrEqual(1);
  });

  it('an RS-EDA from the partner becomes a local dossier; its RS-EDA-MAJ merges notes once and records the partner priority beside ours; each gets an RC-REF', async () => {
    const sample = readHandoutJson('envelope-examples', 'RS-EDA-in-envelope.json') as Obj;
    const caseHealth = structuredClone(messageOf(sample).createCaseHealth as Obj);
    const caseId = `${SAMU440}.DRFR15440260610042`;
    Object.assign(caseHealth, { caseId, senderCaseId: 'DRFR15440260610042', owner: SAMU440 });
    const noteId = `${SAMU440}.medicalNote.777`;
    (caseHealth.medicalNote as Obj[])[0]!.medicalNoteId = noteId;
    const edaId = await world.peer.send('RS-EDA', SAMU690, caseHealth);
    await until(() => journalFile(world.services.journal).prepare('SELECT count(*) FROM dossiers WHERE case_id = ?').pluck().get(caseId) === 1, 'dossier received');
    const id = journalFile(world.services.journal).prepare<[string], string>('SELECT id FROM dossiers WHERE case_id = ?').pluck().get(caseId)!;
    const received = await call('dossier:get', { dossierId: id });
    expect(received).toMatchObject({ caseId, priority: 'P2', qualification: { filiere: 'SNP', motif: 'M03.14' }, hub: { receivedFrom: SAMU440 }, location: { inseeCode: '80021', city: 'Amiens' } });
    expect(received.localNumber).toMatch(/^DRFR15690/);
    expect(received.notes).toHaveLength(1);
    expect(received.patients[0]).toMatchObject({ firstName: 'Léo', birthDate: '2019-05-02', sex: 'M' });
    expect(world.services.journal.eventsOf(id).map((e) => e.type)).toEqual(['dossier.received']);
    const update = { caseId, qualification: { details: { priority: 'P1' } }, medicalNote: [(caseHealth.medicalNote as Obj[])[0], { medicalNoteId: `${SAMU440}.medicalNote.778`, operator: { role: 'MEDECIN' }, freetext: 'Rappel: enfant apyrétique' }] };
    await world.peer.send('RS-EDA-MAJ', SAMU690, update);
    await until(() => world.services.journal.eventsOf(id).length === 2, 'update applied');
    const updated = await call('dossier:get', { dossierId: id });
    expect(updated.priority).toBe('P2');
    expect(updated.notes.map((n) => n.text)).toEqual([expect.stringContaining('Fièvre 39'), 'Rappel: enfant apyrétique']);
    expect(updated.hub?.received).toEqual([expect.objectContaining({ field: 'priority', value: 'P1', from: SAMU440 })]);
    // Receipts on the partner's .ack queue, for both.
    await world.peer.client.waitFor((all) => all.filter((m) => m.queue === 'ack').some((m) => (messageOf(m.json).reference as Obj | undefined)?.distributionID === edaId), 10_000, 'RC-REF');
    // A change made here goes back to the partner that owns the case, as an update.
    await call('dossier:addNote', { dossierId: id, text: 'Pris en charge par le 69' });
    await until(() => outbox(id).length === 1 && outbox(id)[0]!.state === 'ACKED', 'note sent back');
    expect(outbox(id)[0]).toMatchObject({ message_kind: 'RS-EDA-MAJ', recipient: SAMU440 });
  });

  it('keeps invalid or unexpected messages as received, answers RS-ERROR when it can, shows them to a supervisor, and goes on', async () => {
    // What the Hub refused is shown to a supervisor only (permission table).
    expect(await dispatch(world.services.api, 'hub:inboxProblems', {})).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    await signIn(world.services, 'SUPERVISEUR');
    const before = (await call<{ total: number }>('hub:inboxProblems', {})).total;
    const infoBefore = world.peer.client.received.filter((m) => m.queue === 'info').length;
    await world.dispatcher.injectRaw(`${SAMU690}.message`, 'this is { not json');
    const broken = world.peer.envelopeFor('RS-EDA-MAJ', SAMU690, { caseId: `${SAMU440}.X.Y.Z`, surprise: true, patient: 'not a list' });
    await world.dispatcher.injectRaw(`${SAMU690}.message`, JSON.stringify(broken));
    const expired = world.peer.envelopeFor('RS-EDA-MAJ', SAMU690, { caseId: `${SAMU440}.X.Y.Z` }, { sentAtMs: Date.now() - 7_200_000, expiresAtMs: Date.now() - 3_600_000 });
    await world.dispatcher.injectRaw(`${SAMU690}.message`, JSON.stringify(expired));
    // A case from the SAS platform: not a partner of ours for cases.
    await world.sas.send('RS-EDA-MAJ', SAMU690, { caseId: `${SAMU440}.X.Y.Z` });
    // …and the next, good message is still applied.
    const caseId = `${SAMU440}.DRFR15440260610099`;
    const good = structuredClone(messageOf(readHandoutJson('envelope-examples', 'RS-EDA-in-envelope.json') as Obj).createCaseHealth as Obj);
    Object.assign(good, { caseId, owner: SAMU440, medicalNote: undefined });
    await world.peer.send('RS-EDA', SAMU690, JSON.parse(JSON.stringify(good)) as Obj);
    await until(() => journalFile(world.services.journal).prepare('SELECT count(*) FROM dossiers WHERE case_id = ?').pluck().get(caseId) === 1, 'good message after bad ones');
    const problems = await call<{ total: number; messages: Array<Obj> }>('hub:inboxProblems', {});
    expect(problems.total - before).toBe(4);
    const recent = problems.messages.slice(0, 4);
    expect(recent.map((m) => m.errorCode).sort()).toEqual([102, 200, 300, 400]);
    expect(recent.find((m) => m.errorCode === 102)).toMatchObject({ excerpt: 'this is { not json', senderId: null });
    expect(recent.find((m) => m.errorCode === 200)).toMatchObject({ senderId: PTFSAS, problem: expect.stringContaining('not expected') });
    // RS-ERROR back to the partner for the two it sent (the unreadable one has no sender to answer).
    await world.peer.client.waitFor((all) => all.filter((m) => m.queue === 'info').length >= infoBefore + 2, 10_000, 'RS-ERROR');
    const errors = world.peer.client.received.filter((m) => m.queue === 'info').slice(infoBefore).map((m) => messageOf(m.json).error as Obj);
    expect(errors.map((e) => (e.errorCode as Obj).statusCode).sort()).toEqual([300, 400]);
    expect(errors.map((e) => e.referencedDistributionID).sort()).toEqual([broken.distributionID, expired.distributionID].sort());
    expect((await call<Obj>('hub:status')).rejectedInbound).toBeGreaterThanOrEqual(4);
  });

  it('RS-SAS-RDV from the SAS platform lands in the list to attach, updated by appointmentId', async () => {
    const create = (readHandoutJson('samples', 'RS-SAS-RDV', 'RS-SAS-RDV_appointment_PS.01.json') as Obj).appointment as Obj;
    const cancel = (readHandoutJson('samples', 'RS-SAS-RDV', 'RS-SAS-RDV_appointment_PS.01-MAJ.json') as Obj).appointment as Obj;
    await world.sas.sendAppointment(SAMU690, create);
    await until(() => world.services.hub!.inbox.appointmentsToAttach().length === 1, 'appointment');
    // The OSNP attaches SAS appointments.
    await signIn(world.services, 'OSNP');
    expect((await call<{ entries: Obj[] }>('sas:appointmentsToAttach')).entries).toEqual([
      expect.objectContaining({ appointmentId: create.appointmentId, status: 'booked', practitioner: 'Didier MOREL', start: '2025-06-17T12:00:00.000Z', bookedAt: new Date(create.created as string).toISOString() }),
    ]);
    await world.sas.sendAppointment(SAMU690, cancel);
    await until(() => world.services.hub!.inbox.appointmentsToAttach()[0]?.status === 'cancelled', 'appointment update');
    expect(world.services.hub!.inbox.appointmentsToAttach()).toHaveLength(1);
    await signIn(world.services, 'ARM');
    const d = await snpDossier('RDV à rattacher');
    await signIn(world.services, 'OSNP');
    expect(await call<Obj>('sas:attachAppointment', { appointmentId: create.appointmentId, dossierId: d.id })).toEqual({ attached: true });
    expect((await call<{ entries: Obj[] }>('sas:appointmentsToAttach')).entries).toEqual([]);
    // Attached = journaled on the dossier, by the OSNP, with the platform's id and latest status.
    const attached = await call<Dossier>('dossier:get', { dossierId: d.id });
    expect(attached.appointments).toEqual([expect.objectContaining({ appointmentId: create.appointmentId, status: 'CANCELLED', practitioner: 'Didier MOREL', startsAt: '2025-06-17T12:00:00.000Z', authorRole: 'OSNP' })]);
    const types = () => world.services.journal.eventsOf(d.id).map((e) => e.type);
    expect(types()).toContain('dossier.appointmentRecorded');
    // A later update from the platform is applied to the dossier by appointmentId, journaled.
    // (An UpdateAppointment: the SAS guide makes a second CreateAppointment for the id a 409 conflict.)
    await world.sas.sendAppointment(SAMU690, { ...cancel, status: 'fulfilled' });
    await until(() => world.services.journal.dossiers.get(d.id)!.appointments[0]!.status === 'FULFILLED', 'appointment fulfilled on the dossier');
    expect(types().filter((t) => t === 'dossier.appointmentUpdated')).toHaveLength(1);
    // From anyone else than the platform, an appointment is refused (seen by the supervisor).
    await signIn(world.services, 'SUPERVISEUR');
    const before = (await call<{ total: number }>('hub:inboxProblems', {})).total;
    await world.peer.send('RS-SAS-RDV', SAMU690, { ...create, appointmentId: 'forged' });
    await until(() => world.services.hub!.inbox.rejected(1).total === before + 1, 'forged appointment refused');
    expect(world.services.hub!.inbox.appointmentsToAttach()).toEqual([]);
  });

  it('the Hub refuses what breaks its rules and tells the sender on .info (dispatcher rules)', async () => {
    const envelope = world.peer.envelopeFor('RS-EDA-MAJ', SAMU690, { caseId: `${SAMU440}.A.B.C` });
    const distributionId = String(envelope.distributionID);
    await world.peer.client.publish(envelope, { routingKey: SAMU690 }).catch(() => undefined);
    await world.peer.client.publish({ ...envelope, surprise: 1 });
    // Wait for the Hub's answer to *these* messages: an earlier test's RS-ERROR may still be on
    // its way to the peer's .info, and counting .info messages raced with it.
    await world.peer.client.waitFor((all) => all.some((m) => m.queue === 'info' && m.body.toString().includes(distributionId)), 10_000, 'Hub errors');
    await until(() => world.dispatcher.refused.some((r) => r.sender === SAMU440 && r.code === 300), 'the Hub refusal (300)', 10_000);
    const codes = world.dispatcher.refused.filter((r) => r.sender === SAMU440).map((r) => r.code);
    expect(codes).toContain(300);
  });

  it('connects with the PKCS#12 form of the certificate too; a wrong pass phrase is reported, never connected', async () => {
    const own = world.broker.certificates.clients[SAMU690]!;
    const tls = { ca: readFileSync(world.broker.certificates.caFile), pfx: readFileSync(own.p12File), servername: 'localhost' };
    const problems: string[] = [];
    const make = (passphrase: string) =>
      new AmqpTransport({ brokerUrl: world.broker.amqpsUrl.replace(/\/$/, ''), vhost: '/', clientId: SAMU690, tls: { ...tls, passphrase }, prefetch: 1, initialDelayMs: 100, maxDelayMs: 200, onDeliveries: async (d) => d.map(() => ({ kept: false, after: undefined })), onDisconnected: (reason) => problems.push(reason) });
    const good = make('test');
    await good.start();
    await until(() => good.connected, 'PKCS#12 connection');
    await good.close();
    const bad = make('wrong');
    await bad.start();
    await until(() => problems.length > 0, 'refusal reported');
    expect(bad.connected).toBe(false);
    expect(problems[0]).toMatch(/connect failed/);
    await bad.close();
  });
});
