import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../../../shared/domain/dossier';
import { dispatch } from '../../../../../electron/services/api';
import { cssString } from '../../../../../electron/services/regulation/dossierReport';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../../../support/operators';
import { journalFile } from '../../../../support/journalFile';

/** The regulator's and the OSNP's commands through the handler table, with an injected clock. */
describe('medical regulation', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  let clock: number;
  const HOUR = 3_600_000;
  const call = (channel: string, payload: unknown) => dispatch(services.api, channel, payload);
  const value = async <T = Dossier>(channel: string, payload: unknown): Promise<T> => {
    const result = await call(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const count = () => journalFile(services.journal).prepare('SELECT count(*) FROM events').pluck().get() as number;
  const lastEvent = () => journalFile(services.journal).prepare<[], { type: string; actor_role: string; payload: string }>('SELECT type, actor_role, payload FROM events ORDER BY seq DESC LIMIT 1').get()!;
  /** As the ARM: a dossier routed to a branch queue. */
  const routed = async (queue: 'SNP' | 'AMU', motive = 'fièvre') => {
    await signIn(services, 'ARM');
    const d = await value('dossier:create', { callerPhone: '06 12 34 56 78', motive, priority: 'P2' });
    await value('dossier:route', { dossierId: d.id, queue });
    return d;
  };

  beforeEach(() => {
    dir = makeTempDir();
    clock = Date.parse('2026-11-23T21:00:00.000Z');
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240 }), { now: () => clock, scryptParams: TEST_SCRYPT });
  });
  afterEach(() => {
    services.close();
    dir.cleanup();
  });

  it('a regulator takes the next dossier of a branch queue: highest priority, then the oldest; then the next one', async () => {
    const first = await routed('SNP', 'premier');
    clock += 60_000;
    const second = await routed('SNP', 'second');
    await routed('AMU', 'ailleurs');
    const mrl = await signIn(services, 'MRL');
    expect(await value('dossier:take', { queue: 'SNP' })).toMatchObject({ id: first.id, regulator: { id: mrl, role: 'MRL' } });
    expect((await value('dossier:take', { queue: 'SNP' })).id).toBe(second.id);
    expect(await call('dossier:take', { queue: 'SNP' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND', field: 'queue' } });
  });

  it('ARM or OSNP writing a decision: E_FORBIDDEN, nothing written but the refusal', async () => {
    const d = await routed('AMU');
    for (const role of ['ARM', 'OSNP'] as const) {
      await signIn(services, role);
      const before = count();
      expect(await call('dossier:addDecision', { dossierId: d.id, type: 'CONSEIL', careLevel: 'R4', adviceText: 'repos' })).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
      expect(count()).toBe(before + 1);
      expect(lastEvent()).toMatchObject({ type: 'security.refused', actor_role: role });
      expect(services.journal.dossiers.get(d.id)!.decisions).toEqual([]);
    }
  });

  it.each([
    ['CONSEIL without its advice', { type: 'CONSEIL', careLevel: 'R4' }, 'adviceText'],
    ['PMT without its prescription', { type: 'PMT', careLevel: 'R4' }, 'prescriptionText'],
    ['INTER without a resource', { type: 'INTER', careLevel: 'R1' }, 'resourceType'],
    ['ORIENT without transport yes/no', { type: 'ORIENT', careLevel: 'R3', orientationType: 'URGENCES', destination: 'HEH' }, 'transport'],
    ['PASPLUS without a reason', { type: 'PASPLUS', careLevel: 'R4' }, 'reason'],
    ['an unknown resource code', { type: 'INTER', careLevel: 'R1', resourceType: 'HELICO' }, 'resourceType'],
    ['an unknown care level', { type: 'CONSEIL', careLevel: 'R9', adviceText: 'x' }, 'careLevel'],
  ])('refuses %s at the field, writing nothing', async (_name, decision, field) => {
    const d = await routed('AMU');
    await signIn(services, 'MRU');
    const before = count();
    expect(await call('dossier:addDecision', { dossierId: d.id, ...decision })).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', field } });
    expect(count()).toBe(before);
  });

  it('writes INTER SMUR with its care level; a new decision supersedes it and both stay', async () => {
    const d = await routed('AMU', 'douleur thoracique');
    const mru = await signIn(services, 'MRU');
    await value('dossier:take', { dossierId: d.id });
    // Shared with a partner (as "Partager avec…" journals it): the decisions then travel as updates.
    services.journal.command((ctx) => ctx.append({ dossierId: d.id, actor: { id: mru, role: 'MRU' }, body: { type: 'dossier.shared', payload: { partner: 'fr.health.samu440' } } }));
    const inter = await value('dossier:addDecision', { dossierId: d.id, type: 'INTER', careLevel: 'R1', resourceType: 'SMUR' });
    expect(inter.decisions).toEqual([expect.objectContaining({ type: 'INTER', resourceType: 'SMUR', careLevel: 'R1', authorId: mru, authorRole: 'MRU', supersedes: null })]);
    expect(inter.careLevel).toBe('R1');
    const first = inter.decisions[0]!.id;
    const orient = await value('dossier:addDecision', { dossierId: d.id, type: 'ORIENT', careLevel: 'R2', orientationType: 'URGENCES', transport: true, destination: 'HEH Lyon', supersedes: first });
    expect(orient.decisions.map((x) => [x.type, x.supersedes])).toEqual([['INTER', null], ['ORIENT', first]]);
    expect(orient.careLevel).toBe('R2');
    expect(journalFile(services.journal).prepare("SELECT count(*) FROM outbox WHERE message_kind = 'RS-EDA-MAJ'").pluck().get()).toBeGreaterThanOrEqual(2);
  });

  it('the same decision signed twice within seconds is refused (E_DUPLICATE), nothing written; a different one, or the same later, is signed', async () => {
    const d = await routed('AMU', 'douleur thoracique');
    await signIn(services, 'MRU');
    await value('dossier:take', { dossierId: d.id });
    const inter = { dossierId: d.id, type: 'INTER', careLevel: 'R1', resourceType: 'SMUR' };
    await value('dossier:addDecision', inter);
    clock += 5_000;
    const before = journalFile(services.journal).prepare("SELECT count(*) FROM events WHERE type = 'dossier.decisionAdded'").pluck().get();
    expect(await call('dossier:addDecision', inter)).toMatchObject({ ok: false, error: { code: 'E_DUPLICATE', field: 'type' } });
    expect(journalFile(services.journal).prepare("SELECT count(*) FROM events WHERE type = 'dossier.decisionAdded'").pluck().get()).toBe(before);
    expect((await value('dossier:addDecision', { ...inter, careLevel: 'R2' })).decisions).toHaveLength(2);
    clock += 60_000;
    expect((await value('dossier:addDecision', inter)).decisions).toHaveLength(3);
  });

  it('interlock: nobody finishes a DRM without a physician decision (refusal journaled); a DR the ARM may finish', async () => {
    const d = await routed('AMU');
    const before = count();
    expect(await call('dossier:finish', { dossierId: d.id })).toMatchObject({ ok: false, error: { code: 'E_INTERLOCK' } });
    expect(count()).toBe(before + 1);
    expect(JSON.parse(lastEvent().payload)).toMatchObject({ channel: 'dossier:finish', code: 'E_INTERLOCK', dossierId: d.id });
    const dr = await value('dossier:create', { kind: 'DR', callerPhone: '', motive: 'pharmacie de garde' });
    expect(await value('dossier:finish', { dossierId: dr.id })).toMatchObject({ state: 'ACHEVE' });
  });

  it('life cycle: ACHEVE → VALIDE (later notes stand apart) → CLOTURE 24 h later → CLASSE 3 months later; a closed dossier refuses everything, journaled', async () => {
    const d = await routed('AMU');
    await signIn(services, 'MRU');
    await value('dossier:addNote', { dossierId: d.id, text: 'examen au téléphone' });
    await value('dossier:addDecision', { dossierId: d.id, type: 'CONSEIL', careLevel: 'R4', adviceText: 'repos' });
    expect(await value('dossier:finish', { dossierId: d.id })).toMatchObject({ state: 'ACHEVE', finishedAt: '2026-11-23T21:00:00.000Z' });
    clock += HOUR;
    expect(await value('dossier:validate', { dossierId: d.id })).toMatchObject({ state: 'VALIDE', validatedAt: '2026-11-23T22:00:00.000Z' });
    clock += HOUR;
    const late = await value('dossier:addNote', { dossierId: d.id, text: 'rappel de la famille : va mieux' });
    expect(late.notes.map((n) => [n.text, n.afterValidation])).toEqual([['examen au téléphone', false], ['rappel de la famille : va mieux', true]]);
    expect(await call('dossier:addDecision', { dossierId: d.id, type: 'CONSEIL', careLevel: 'R4', adviceText: 'x' })).toMatchObject({ ok: false, error: { code: 'E_CONFLICT' } });

    clock = Date.parse('2026-11-24T22:00:00.000Z') - 1;
    services.tick();
    expect(services.journal.dossiers.get(d.id)!.state).toBe('VALIDE');
    clock += 1;
    services.tick();
    expect(services.journal.dossiers.get(d.id)).toMatchObject({ state: 'CLOTURE', closedAt: '2026-11-24T22:00:00.000Z' });
    expect(lastEvent()).toMatchObject({ type: 'dossier.closed', actor_role: 'SYSTEME' });

    await signIn(services, 'MRU'); // a day later: the session had locked itself meanwhile
    const before = count();
    expect(await call('dossier:addNote', { dossierId: d.id, text: 'trop tard' })).toMatchObject({ ok: false, error: { code: 'E_DOSSIER_CLOSED' } });
    expect(count()).toBe(before + 1);
    expect(lastEvent()).toMatchObject({ type: 'security.refused', actor_role: 'MRU' });
    await signIn(services, 'ARM');
    expect(await call('dossier:setPriority', { dossierId: d.id, priority: 'P0' })).toMatchObject({ ok: false, error: { code: 'E_DOSSIER_CLOSED' } });
    // A new call makes a new dossier, linked to the closed one.
    const next = await value('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'rappelle' });
    expect(await value('dossier:link', { dossierId: next.id, otherDossierId: d.id })).toMatchObject({ linkedDossierIds: [d.id] });

    clock = Date.parse('2027-02-24T22:00:00.000Z');
    services.tick();
    expect(services.journal.dossiers.get(d.id)).toMatchObject({ state: 'CLASSE', classifiedAt: '2027-02-24T22:00:00.000Z' });
    services.tick();
    expect(journalFile(services.journal).prepare("SELECT count(*) FROM events WHERE type = 'dossier.classified'").pluck().get()).toBe(1);
  });

  it('OSNP hand-off: ORIENT CABINET on an SNP dossier lands in the OSNP list (48 h from the call) until an appointment is recorded', async () => {
    const d = await routed('SNP');
    const amu = await routed('AMU');
    await signIn(services, 'MRL');
    await value('dossier:take', { dossierId: d.id });
    await value('dossier:addDecision', { dossierId: d.id, type: 'ORIENT', careLevel: 'R3', orientationType: 'CABINET', transport: false, destination: 'médecin traitant ou cabinet proche' });
    await value('dossier:addDecision', { dossierId: amu.id, type: 'ORIENT', careLevel: 'R3', orientationType: 'CABINET', transport: false, destination: 'cabinet' });
    // The patient's name goes with the entry: a SAS appointment pushed later is matched on it.
    await value('dossier:upsertPatient', { dossierId: d.id, lastName: 'Martin', firstName: 'Léo' });
    clock += 49 * HOUR;
    await signIn(services, 'OSNP');
    expect(await value('osnp:list', {})).toEqual({ entries: [expect.objectContaining({ dossierId: d.id, patientName: 'Martin Léo', deadline: '2026-11-25T21:00:00.000Z', late: true })], beyondPromise: [] });
    clock -= 48 * HOUR;
    const list = await value<{ entries: Array<{ late: boolean }> }>('osnp:list', {});
    expect(list.entries[0]!.late).toBe(false);
    const withRdv = await value('appointment:record', { dossierId: d.id, practitioner: 'Dr Martin (MG)', place: 'Cabinet, 3 rue Garibaldi, Lyon', startsAt: '2026-11-24T09:30:00+01:00', category: 'AMB', appointmentId: 'sas-rdv-42' });
    expect(withRdv.appointments).toEqual([expect.objectContaining({ practitioner: 'Dr Martin (MG)', startsAt: '2026-11-24T08:30:00.000Z', status: 'BOOKED', authorRole: 'OSNP', appointmentId: 'sas-rdv-42' })]);
    expect(await value('osnp:list', {})).toEqual({ entries: [], beyondPromise: [] });
    // The indexed column follows the rule: AMU oriented to a GP office is not the OSNP's, a booked one no longer waits.
    const awaiting = () => journalFile(services.journal).prepare('SELECT id FROM dossiers WHERE awaits_appointment = 1').pluck().all();
    expect(awaiting()).toEqual([]);
    expect(services.regulation.updateAppointmentByPlatformId('sas-rdv-42', 'CANCELLED')).toMatchObject({ ok: true });
    expect(awaiting()).toEqual([d.id]);
    expect(await value('osnp:list', {})).toEqual({ entries: [expect.objectContaining({ dossierId: d.id })], beyondPromise: [] });
    // Hub Santé RS-SAS-RDV updates apply by the platform's appointment id.
    expect(services.regulation.updateAppointmentByPlatformId('sas-rdv-42', 'FULFILLED')).toMatchObject({ ok: true, value: { appointments: [expect.objectContaining({ status: 'FULFILLED' })] } });
    expect(services.regulation.updateAppointmentByPlatformId('unknown', 'NOSHOW')).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    expect(await call('appointment:record', { dossierId: amu.id, practitioner: 'x', place: 'y', startsAt: '2026-11-24T09:30:00Z', category: 'AMB', appointmentId: 'sas-rdv-42' })).toMatchObject({ ok: false, error: { code: 'E_CONFLICT' } });
  });

  it('the dossier report: every event with author, role and time, the chain verification, everything escaped', async () => {
    const d = await routed('AMU', '<script>alert("x")</script> & douleur');
    await signIn(services, 'MRU');
    await value('dossier:addDecision', { dossierId: d.id, type: 'INTER', careLevel: 'R1', resourceType: 'SMUR' });
    await signIn(services, 'ARM');
    await call('dossier:addDecision', { dossierId: d.id, type: 'CONSEIL', careLevel: 'R4', adviceText: 'x' });
    await signIn(services, 'MRU');
    const report = await value<{ html: string; chainValid: boolean }>('dossier:report', { dossierId: d.id });
    expect(report.chainValid).toBe(true);
    expect(report.html).not.toContain('<script>');
    expect(report.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; douleur');
    expect(report.html).toContain('Chaîne de hachage vérifiée');
    const rows = [...report.html.matchAll(/<tr><td>(\d+)<\/td><td>(<time[^>]*>[^<]+<\/time>)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => [m[3], m[4]]);
    expect(rows).toEqual([
      ['ARM de test (ARM)', 'dossier.created'],
      ['ARM de test (ARM)', 'dossier.routed'],
      ['MRU de test (MRU)', 'dossier.decisionAdded'],
      ['ARM de test (ARM)', 'security.refused'],
    ]);
    // Site clock for the reader (Paris here), the exact instant kept in the datetime attribute.
    expect(report.html).toContain('<td><time datetime="2026-11-23T21:00:00.000Z">23/11/2026 22:00:00</time></td>');
    expect(report.html).toContain('Édité le 23/11/2026 22:00:00 (Europe/Paris)');
    expect(report.html).toMatch(/<header class="report-header"><span>SAMU 69 — test<\/span><span>Dossier DRFR15690\d+<\/span>/);
    expect(report.html).toContain('@page { size: A4;');
    // The running head of every printed page, as a CSS string nothing can break out of.
    expect(report.html).toContain(`@page { @top-left { content: "SAMU 69 \\2014  test \\2014  dossier ${d.localNumber} \\2014  \\e9 dit\\e9  le 23\\2f 11\\2f 2026 22\\3a 00\\3a 00 \\28 Europe\\2f Paris\\29 "`);
    expect(report.html).toContain('dossier DRM, état ACTIF, priorité P2');
    expect(cssString('a"b\\</style>é')).toBe('"a\\22 b\\5c \\3c \\2f style\\3e \\e9 "');
  });

  it('the report\'s full verification re-reads what the warm incremental check had already passed: an altered row is reported', async () => {
    const d = await routed('AMU', 'douleur thoracique');
    const other = await routed('SNP', 'autre dossier');
    await signIn(services, 'MRU');
    // The cache is warm: the status check has verified every event up to now.
    expect(await value('journal:status', {})).toMatchObject({ chainValid: true });
    expect((await value<{ chainValid: boolean; html: string }>('dossier:report', { dossierId: d.id })).html).toContain('Vérification complète : la chaîne relue depuis son origine et 2 évènements de ce dossier recalculés un à un.');
    const tamper = (sql: string) => journalFile(services.journal).exec(`DROP TRIGGER IF EXISTS events_no_update; ${sql}`);
    const seqOf = (dossierId: string, type: string) => journalFile(services.journal).prepare<[string, string], number>('SELECT seq FROM events WHERE dossier_id = ? AND type = ? ORDER BY seq LIMIT 1').pluck().get(dossierId, type)!;

    // Another dossier's event: only the walk of the whole chain can see it.
    const otherSeq = seqOf(other.id, 'dossier.routed');
    tamper(`UPDATE events SET payload = replace(payload, 'SNP', 'AMU') WHERE seq = ${otherSeq}`);
    expect(await value('journal:status', {})).toMatchObject({ chainValid: true }); // the cached check does not look back
    const report = await value<{ chainValid: boolean; html: string }>('dossier:report', { dossierId: d.id });
    expect(report.chainValid).toBe(false);
    expect(report.html).toContain(`Chaîne de hachage ROMPUE à l’évènement ${otherSeq} : hash of seq ${otherSeq} does not match its content`);

    // The dossier's own event, before the other: named first.
    const ownSeq = seqOf(d.id, 'dossier.created');
    tamper(`UPDATE events SET actor_role = 'MRU' WHERE seq = ${ownSeq}`);
    expect((await value<{ html: string }>('dossier:report', { dossierId: d.id })).html).toContain(`Chaîne de hachage ROMPUE à l’évènement ${ownSeq} : hash of seq ${ownSeq}`);
  });

  it('the full verification walks a chain longer than one slice, between other requests', async () => {
    const d = await routed('AMU');
    for (let i = 0; i < 30; i += 1) await value('dossier:create', { callerPhone: '0612345678', motive: `m${i}`, priority: 'P2' });
    await signIn(services, 'MRU');
    const slices: number[] = [];
    const original = services.journal.verifySlice.bind(services.journal);
    services.journal.verifySlice = (from, _maxEvents) => {
      slices.push(from.seq);
      return original(from, 7);
    };
    const report = await value<{ chainValid: boolean; html: string }>('dossier:report', { dossierId: d.id });
    expect(report.chainValid).toBe(true);
    const total = journalFile(services.journal).prepare('SELECT count(*) FROM events').pluck().get() as number;
    expect(report.html).toContain(`Chaîne de hachage vérifiée : ${total} évènements, intègre.`);
    // From the genesis, seven events at a time.
    expect(slices[0]).toBe(0);
    expect(slices).toEqual(Array.from({ length: slices.length }, (_, i) => i * 7));
    expect(slices.length).toBe(Math.floor(total / 7) + 1);
  });

  it('the report names PROGRAM while a P3 deferred regulation waits for its callback, ACTIF once the caller is reached', async () => {
    await signIn(services, 'ARM');
    const p3 = await value('dossier:create', { callerPhone: '0472112233', motive: 'certificat', priority: 'P3' });
    await value('dossier:route', { dossierId: p3.id, queue: 'SNP' });
    await signIn(services, 'MRL');
    const state = async () => /état ([^,]+), priorité/.exec((await value<{ html: string }>('dossier:report', { dossierId: p3.id })).html)?.[1];
    expect(await state()).toBe('PROGRAM (programmé jusqu’au rappel P3)');
    await value('callback:recordAttempt', { callbackId: p3.id, outcome: 'NO_ANSWER' });
    expect(await state()).toBe('PROGRAM (programmé jusqu’au rappel P3)');
    await value('callback:recordAttempt', { callbackId: p3.id, outcome: 'REACHED' });
    expect(await state()).toBe('ACTIF');
    expect(services.journal.dossiers.get(p3.id)!.state).toBe('ACTIF');
  });

  it('the report of a Réunion site: its times on the Réunion clock, an appointment beyond 48 h flagged', async () => {
    services.close();
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240, timeZone: 'Indian/Reunion' }), { now: () => clock, scryptParams: TEST_SCRYPT });
    const d = await routed('SNP');
    await signIn(services, 'MRL');
    await value('dossier:take', { dossierId: d.id });
    await value('dossier:addDecision', { dossierId: d.id, type: 'ORIENT', careLevel: 'R3', orientationType: 'CABINET', transport: false, destination: 'cabinet' });
    await signIn(services, 'OSNP');
    await value('appointment:record', { dossierId: d.id, practitioner: 'Dr Payet', place: 'Saint-Denis', startsAt: '2026-11-26T05:30:00Z', category: 'AMB' });
    // Recorded, out of the waiting list, and shown in the OSNP list as beyond the 48 h window.
    expect(await value('osnp:list', {})).toEqual({
      entries: [],
      beyondPromise: [{ dossierId: d.id, localNumber: d.localNumber, motive: 'fièvre', practitioner: 'Dr Payet', startsAt: '2026-11-26T05:30:00.000Z', deadline: '2026-11-25T21:00:00.000Z' }],
    });
    await signIn(services, 'MRL');
    const report = await value<{ html: string }>('dossier:report', { dossierId: d.id });
    expect(report.html).toContain('Créé le <time datetime="2026-11-23T21:00:00.000Z">24/11/2026 01:00:00</time>');
    expect(report.html).toContain('Édité le 24/11/2026 01:00:00 (Indian/Reunion)');
    expect(report.html).toMatch(/<li class="beyond-promise"><time datetime="2026-11-26T05:30:00.000Z">26\/11\/2026 09:30:00<\/time> — Dr Payet, Saint-Denis \(AMB, BOOKED\) — hors délai 48 h<\/li>/);
  });

  it('the projections equal a rebuild from the events, callbacks and accounts included', async () => {
    const d = await routed('SNP');
    await signIn(services, 'ARM');
    const p3 = await value('dossier:create', { callerPhone: '0472112233', motive: 'certificat', priority: 'P3' });
    await value('dossier:route', { dossierId: p3.id, queue: 'SNP' });
    services.callbacks.addLostCall({ phone: '06 99 88 77 66', presentedAt: '2026-11-23T20:55:00.000Z', callId: 'call-1' });
    await signIn(services, 'MRL');
    await value('dossier:take', { dossierId: d.id });
    await value('dossier:addDecision', { dossierId: d.id, type: 'ORIENT', careLevel: 'R3', orientationType: 'CABINET', transport: false, destination: 'cabinet' });
    await signIn(services, 'OSNP');
    await value('appointment:record', { dossierId: d.id, practitioner: 'Dr A', place: 'Lyon', startsAt: '2026-11-24T10:00:00Z', category: 'VR' });
    await value('callback:recordAttempt', { callbackId: p3.id, outcome: 'NO_ANSWER' });
    // Accounts closed and passwords reset are folded too.
    const osnpId = services.journal.operators.byLogin('osnp')!.id;
    await signIn(services, 'ADMIN');
    await value('operator:resetPassword', { operatorId: services.journal.operators.byLogin('arm')!.id, password: 'nouveau-secret-456' });
    await value('operator:deactivate', { operatorId: osnpId });
    expect(services.journal.operators.byId(osnpId)!.active).toBe(false);
    const snapshot = () =>
      Object.fromEntries(['dossiers', 'callbacks', 'operators', 'appointments'].map((t) => [t, journalFile(services.journal).prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
    const live = snapshot();
    services.journal.rebuildProjections();
    expect(snapshot()).toEqual(live);
  });
});
