import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncStatus } from '../../../electron/services/hub/hubService';
import type { RunningSite } from '../../../electron/services/site/siteServer';
import type { Dossier } from '../../../shared/domain/dossier';
import { HubDispatcher } from '../../support/hub/hubDispatcher';
import { describeWithBroker, hubSectionFor, PTFSAS, SAMU440, SAMU690 } from '../../support/hub/hubWorld';
import { freePort } from '../../support/hub/freePort';
import { PeerRegulationBot, SasPlatformBot } from '../../support/hub/partnerBots';
import { messageOf } from '../../support/hub/hubTestClient';
import { readHandoutJson } from '../../support/hubHandout';
import { DeskEvents, operator } from '../../support/siteEvents';
import { journalFile } from '../../support/journalFile';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startRabbitBroker, type RabbitBroker } from '../../support/hub/rabbitBroker';
import { freshDatabase, postgresProblem, startPostgres, type TestPostgres } from '../../support/postgres';
import { openDesk, startTestSite, until, type Desk } from '../../support/room';
import { makeTempDir } from '../../support/tempDir';

/**
 * The room's Hub seen from a desk (ROOM.md §5; issue 12 item 6): the site is the Hub client, so
 * the desk's Hub status is the site's as told over the link — live, then stale with its time once
 * the site is away; what waits counts the desk's messages not yet at the site plus what the site
 * holds unacknowledged; and the transmissions view shows the site's sends, receipts and
 * refusals. Real PostgreSQL, real RabbitMQ, the real site service and desk composition.
 */
const pgProblem = postgresProblem();

type Transmissions = { transmissions: Array<{ state: string; kind: string; recipient: string | null; errorText: string | null; errorCode: number | null }>; room: { siteAnswered: boolean } | null };

describeWithBroker('Hub Santé from the site, seen from the desks', () => {
  let server: TestPostgres;
  let settings: TestPostgres['settings'];
  let broker: RabbitBroker;
  let dispatcher: HubDispatcher;
  let peer: PeerRegulationBot;
  let sas: SasPlatformBot;
  let site: RunningSite | null = null;
  let desk: Desk;
  let port: number;
  let hub: ReturnType<typeof hubSectionFor>;
  const dir = makeTempDir('plateau-sitehub-desks-');

  beforeAll(async () => {
    if (pgProblem) throw new Error(pgProblem);
    server = await startPostgres();
    settings = await freshDatabase(server, 'site_hub_desks');
    broker = await startRabbitBroker(join(dir.path, 'broker'), [SAMU690, SAMU440, PTFSAS]);
    dispatcher = new HubDispatcher(broker);
    await dispatcher.start();
    peer = new PeerRegulationBot(SAMU440, broker);
    await peer.connect();
    sas = new SasPlatformBot(PTFSAS, broker);
    await sas.connect();
    port = await freePort();
    hub = hubSectionFor(broker, SAMU690, [{ clientId: SAMU440, filieres: ['SNP'] }]);
    site = await startTestSite(settings, port, hub);
    // The desk's hub section names the partners for "Partager avec…"; in a room its client is never opened.
    desk = openDesk(dir.path, 'arm-05', 5, port, { hub });
  }, 120_000);

  afterAll(async () => {
    await desk?.services.close();
    await site?.close();
    await peer?.close();
    await sas?.close();
    await dispatcher?.stop();
    await broker?.stop();
    await server?.stop();
    dir.cleanup();
  });

  const status = () => desk.call<SyncStatus>('hub:status');
  const transmissions = (dossierId: string) => desk.call<Transmissions>('dossier:transmissions', { dossierId });
  const pendingOutbox = async () => (await desk.call<{ pendingOutbox: number }>('journal:status')).pendingOutbox;

  it.skipIf(pgProblem !== null)('the desk shows the site’s Hub link, the site’s sends and receipts, and counts what has not reached the site plus what the Hub has not acknowledged', async () => {
    await desk.signIn('ARM', 'arm.hub', 'Mme Hub');
    await until(() => site!.hub!.lease.isHolder(), 'the site holding the Hub lease', 20_000);
    await until(async () => (await status()).connected, 'the desk told the site is connected to the Hub', 20_000);
    const live = await status();
    expect(live).toMatchObject({ configured: true, clientId: SAMU690, connected: true, room: { stale: false, unknownSince: null, holder: site!.hub!.lease.holderId } });
    // The desk has no Hub client of its own in a room.
    expect(desk.services.hub).toBeNull();

    const d = await desk.call<Dossier>('dossier:create', { callerPhone: '06 12 34 56 71', motive: 'fièvre', priority: 'P2' });
    await desk.call('dossier:updateQualification', { dossierId: d.id, filiere: 'SNP' });
    expect((await transmissions(d.id)).transmissions).toEqual([]);
    await desk.call('dossier:share', { dossierId: d.id, partner: SAMU440 });
    // Acknowledged by the partner: the site's row, with who it went to.
    await until(async () => (await transmissions(d.id)).transmissions.some((t) => t.state === 'ACKED'), 'the share acknowledged, seen from the desk', 30_000);
    const acked = await transmissions(d.id);
    expect(acked.room).toEqual({ siteAnswered: true });
    expect(acked.transmissions).toEqual([expect.objectContaining({ kind: 'RS-EDA', state: 'ACKED', recipient: SAMU440 })]);
    await until(async () => (await status()).waiting === 0 && (await pendingOutbox()) === 0, 'nothing waiting once acknowledged', 20_000);
    // Handed to the site, nothing waits in the desk's own outbox: nothing here drains it, nothing here counts it.
    expect(desk.services.journal.outbox.awaitingSite()).toBe(0);

    // The partner refuses the next message, with its reason: the desk reads the refusal.
    peer.refuse = (_payload, kind) => (kind === 'createCaseHealthUpdate' ? { code: 300, text: 'dossier inconnu chez le partenaire' } : null);
    await desk.call('dossier:setPriority', { dossierId: d.id, priority: 'P1' });
    await until(async () => (await transmissions(d.id)).transmissions.some((t) => t.state === 'FAILED'), 'the refusal seen from the desk', 30_000);
    expect((await transmissions(d.id)).transmissions.find((t) => t.state === 'FAILED')).toMatchObject({ kind: 'RS-EDA-MAJ', errorCode: 300, errorText: expect.stringContaining('dossier inconnu chez le partenaire') });
    await until(async () => (await status()).failed === 1, 'the refusal counted in the desk’s Hub status', 20_000);
    peer.refuse = null;

    // The site goes away: its word on the Hub is kept, said stale with since when.
    const before = Date.now();
    await site!.close();
    site = null;
    await until(async () => (await status()).room?.stale === true, 'the Hub state stale once the site is away', 20_000);
    const stale = await status();
    expect(stale.connected).toBe(false);
    expect(Date.parse(stale.room!.unknownSince!)).toBeGreaterThanOrEqual(before - 1_000);
    expect(stale.failed).toBe(1);

    // Written while the site is away: waiting on this desk, said so, counted.
    await desk.call('dossier:setPriority', { dossierId: d.id, priority: 'P2' });
    const away = await transmissions(d.id);
    expect(away.room).toEqual({ siteAnswered: false });
    expect(away.transmissions).toEqual([expect.objectContaining({ kind: 'RS-EDA-MAJ', state: 'AWAITING_SITE' })]);
    const waiting = await status();
    expect(waiting.room).toMatchObject({ toSite: 1, atSite: 0 });
    expect(waiting.waiting).toBe(1);
    expect(await pendingOutbox()).toBe(1);

    // The site back: the desk hands its message over, the site sends it, the partner acknowledges.
    site = await startTestSite(settings, port, hub);
    await until(async () => {
      const rows = (await transmissions(d.id)).transmissions;
      return rows.length === 3 && rows.every((t) => t.state !== 'AWAITING_SITE') && rows.at(-1)!.state === 'ACKED';
    }, 'the offline message sent from the site and acknowledged', 40_000);
    await until(async () => {
      const s = await status();
      return s.room!.stale === false && s.connected && s.waiting === 0 && s.room!.toSite === 0;
    }, 'the desk’s Hub status live again, nothing waiting', 30_000);
    expect((await transmissions(d.id)).transmissions.map((t) => t.state)).toEqual(['ACKED', 'FAILED', 'ACKED']);
  }, 180_000);

  type Obj = Record<string, unknown>;
  const answersTo = (client: PeerRegulationBot, distributionId: string) => client.client.received.filter((r) => r.queue !== 'message' && JSON.stringify(r.json ?? {}).includes(distributionId)).map((r) => JSON.stringify(r.json));
  const inboxRow = async (distributionId: string) => {
    const db = new pg.Client(settings);
    await db.connect();
    try {
      return (await db.query('SELECT state, problem, case_id FROM site_hub_inbox WHERE distribution_id = $1 ORDER BY id DESC LIMIT 1', [distributionId])).rows[0] as { state: string; problem: string | null; case_id: string | null } | undefined;
    } finally {
      await db.end();
    }
  };
  const partnerCase = (n: string): Obj => {
    const sample = readHandoutJson('envelope-examples', 'RS-EDA-in-envelope.json') as Obj;
    const caseHealth = structuredClone(messageOf(sample).createCaseHealth as Obj);
    return Object.assign(caseHealth, { caseId: `${SAMU440}.DRFR15440260610${n}`, senderCaseId: `DRFR15440260610${n}`, owner: SAMU440 });
  };
  const cancelOf = (caseHealth: Obj): Obj => {
    const envelope = peer.envelopeFor('RS-EDA', SAMU690, caseHealth);
    envelope.distributionKind = 'Cancel';
    messageOf(envelope).kind = 'Cancel';
    return envelope;
  };
  const dossierOfCase = (caseId: string) => journalFile(desk.services.journal).prepare<[string], string>('SELECT id FROM dossiers WHERE case_id = ?').pluck().get(caseId);

  it.skipIf(pgProblem !== null)('the site inbox as a desk’s: an update before its case waits and follows it; Cancel withdraws, or is refused; RS-SAS-RDV updates the dossier it is attached to, a second creation is a conflict', async () => {
    await until(() => site!.hub!.lease.isHolder(), 'the site holding the Hub lease', 20_000);
    await until(() => desk.services.site!.status().state === 'online', 'desk online', 20_000);

    // An update that overtook its case: kept, answered RECU; the case arrives: both written, in order, the update answered INTEGRE.
    const early = partnerCase('201');
    const caseId = String(early.caseId);
    const majId = await peer.send('RS-EDA-MAJ', SAMU690, { caseId, medicalNote: [{ medicalNoteId: `${SAMU440}.medicalNote.777`, operator: { role: 'MEDECIN' }, freetext: 'arrivé avant le dossier' }] });
    await until(async () => (await inboxRow(majId))?.state === 'PENDING', 'the early update kept PENDING on the site', 20_000);
    expect(await inboxRow(majId)).toMatchObject({ case_id: caseId, problem: expect.stringContaining('not in the room yet') });
    await until(() => answersTo(peer, majId).some((a) => a.includes('RECU')), 'RECU for the early update', 20_000);
    await peer.client.publish(peer.envelopeFor('RS-EDA', SAMU690, early));
    await until(() => dossierOfCase(caseId) !== undefined && desk.services.journal.eventsOf(dossierOfCase(caseId)!).length >= 2, 'the case and its early update on the desk', 30_000);
    const id = dossierOfCase(caseId)!;
    expect(desk.services.journal.eventsOf(id).map((e) => e.type)).toEqual(['dossier.received', 'dossier.remoteUpdated']);
    expect(JSON.stringify(desk.services.journal.eventsOf(id)[1]!.payload)).toContain('arrivé avant le dossier');
    await until(() => answersTo(peer, majId).some((a) => a.includes('INTEGRE')), 'INTEGRE for the early update once applied', 20_000);
    expect((await inboxRow(majId))!.state).toBe('APPLIED');

    // Cancel by the partner who shared it: the withdrawal is written on the dossier, on every desk.
    const cancel = cancelOf(early);
    await peer.client.publish(cancel);
    await until(() => desk.services.journal.eventsOf(id).length >= 3, 'the withdrawal on the desk', 30_000);
    const withdrawal = desk.services.journal.eventsOf(id)[2]!;
    expect(withdrawal.type).toBe('dossier.remoteUpdated');
    expect(JSON.stringify(withdrawal.payload)).toContain(`Partage retiré par ${SAMU440}`);
    expect((await desk.call<Dossier>('dossier:get', { dossierId: id })).hub!.received).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'status', value: 'ANNULE' })]));
    // Cancel of a case nobody shared: refused, answered RS-ERROR with the reason.
    const stray = cancelOf(partnerCase('202'));
    await peer.client.publish(stray);
    const strayId = String(stray.distributionID);
    await until(async () => (await inboxRow(strayId))?.state === 'REJECTED', 'the stray Cancel refused', 20_000);
    expect((await inboxRow(strayId))!.problem).toContain('nothing fr.health.samu440 shared matches it here');
    await until(() => answersTo(peer, strayId).some((a) => a.includes('errorCode')), 'RS-ERROR for the stray Cancel', 20_000);
    // A Cancel dropping an update still waiting for its case: the update never applies.
    const later = partnerCase('203');
    const waitingId = await peer.send('RS-EDA-MAJ', SAMU690, { caseId: String(later.caseId), medicalNote: [{ medicalNoteId: `${SAMU440}.medicalNote.778`, operator: { role: 'MEDECIN' }, freetext: 'jamais appliqué' }] });
    await until(async () => (await inboxRow(waitingId))?.state === 'PENDING', 'the second early update PENDING', 20_000);
    const dropping = cancelOf(later);
    await peer.client.publish(dropping);
    await until(async () => (await inboxRow(String(dropping.distributionID)))?.state === 'APPLIED', 'the Cancel applied to what waited', 20_000);
    expect((await inboxRow(waitingId))).toMatchObject({ state: 'REJECTED', problem: expect.stringContaining('withdrawn by fr.health.samu440') });

    // RS-SAS-RDV: kept by the site; attached to a dossier (recorded on a desk with its platform id), its update is written on that dossier.
    const create = (readHandoutJson('samples', 'RS-SAS-RDV', 'RS-SAS-RDV_appointment_PS.01.json') as Obj).appointment as Obj;
    const appointmentId = String(create.appointmentId);
    const createId = await sas.sendAppointment(SAMU690, create);
    await until(async () => (await inboxRow(createId))?.state === 'APPLIED', 'the appointment kept on the site', 20_000);
    const osnp = operator('osnp.rdv', 'OSNP');
    const arm = operator('arm.rdv', 'ARM');
    const deskEvents = new DeskEvents('osnp-07');
    const dossierId = randomUUID();
    const recorded = await site!.store.append('osnp-07', randomUUID(), [
      deskEvents.operatorCreated(osnp),
      deskEvents.login(osnp),
      deskEvents.operatorCreated(arm),
      deskEvents.login(arm),
      deskEvents.dossierCreated({ id: arm.id, role: 'ARM' }, dossierId, 'P3', '00301'),
      deskEvents.event('dossier.appointmentRecorded', { appointment: { id: 'a-1', appointmentId, practitioner: 'Dr Test', place: 'Cabinet', startsAt: new Date(String(create.start)).toISOString(), category: 'AMB', status: 'BOOKED' } }, { id: osnp.id, role: 'OSNP' }, dossierId),
    ]);
    expect(recorded.results.map((r) => r.status)).toEqual(['appended', 'appended', 'appended', 'appended', 'appended', 'appended']);
    // A second creation with the same id is a conflict (409): what is held stays.
    const again = await sas.sendAppointment(SAMU690, { ...create });
    await until(async () => (await inboxRow(again))?.state === 'REJECTED', 'the second creation refused', 20_000);
    expect((await inboxRow(again))!.problem).toContain('this appointment id exists already');
    await until(() => answersTo(sas, again).some((a) => a.includes('409')), 'RS-ERROR 409 to the platform', 20_000);
    // The platform's update (fulfilled) is written on the dossier it is attached to, and reaches the desk.
    const update = (readHandoutJson('samples', 'RS-SAS-RDV', 'RS-SAS-RDV_appointment_PS.01-MAJ.json') as Obj).appointment as Obj;
    await sas.sendAppointment(SAMU690, { ...update, appointmentId, status: 'fulfilled' });
    await until(() => desk.services.journal.dossiers.get(dossierId)?.appointments[0]?.status === 'FULFILLED', 'the appointment fulfilled on the desk', 30_000);
    expect(desk.services.journal.eventsOf(dossierId).map((e) => e.type)).toContain('dossier.appointmentUpdated');
  }, 180_000);

  it.skipIf(pgProblem !== null)('a partner’s case carrying a NUL and half an emoji reaches every desk, the characters shown as U+FFFD; the room’s log is not stuck on it', async () => {
    await until(() => site!.hub!.lease.isHolder(), 'the site holding the Hub lease', 20_000);
    await until(() => desk.services.site!.status().state === 'online', 'desk online', 20_000);
    const hostile = partnerCase('301');
    const caseId = String(hostile.caseId);
    (hostile.medicalNote as Obj[])[0]!.freetext = 'douleur\u0000thoracique \uD83D';
    const envelope = peer.envelopeFor('RS-EDA', SAMU690, hostile);
    await peer.client.publish(envelope);
    const distributionId = String(envelope.distributionID);
    await until(async () => (await inboxRow(distributionId))?.state === 'APPLIED', 'the case applied on the site', 20_000);
    await until(() => dossierOfCase(caseId) !== undefined, 'the case on the desk', 30_000);
    const received = desk.services.journal.eventsOf(dossierOfCase(caseId)!)[0]!;
    expect(received.type).toBe('dossier.received');
    expect(JSON.stringify(received.payload)).toContain('douleur\uFFFDthoracique \uFFFD');
    await until(() => answersTo(peer, distributionId).some((a) => a.includes('INTEGRE')), 'INTEGRE to the partner', 20_000);
    // What follows is not held back behind it.
    const next = partnerCase('302');
    await peer.client.publish(peer.envelopeFor('RS-EDA', SAMU690, next));
    await until(() => dossierOfCase(String(next.caseId)) !== undefined, 'the next case on the desk', 30_000);
  }, 120_000);
});
