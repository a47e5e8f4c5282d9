import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../../../shared/domain/dossier';
import { programmedState } from '../../../../../shared/domain/lifecycle';
import { dispatch } from '../../../../../electron/services/api';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../../../support/operators';
import { journalConnectionForFaults, journalFile } from '../../../../support/journalFile';

/** The dossier commands through the handler table, as the renderer calls them. */
describe('dossier commands', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  let clock = Date.parse('2026-11-23T21:00:00.000Z');
  const call = async (channel: string, payload: unknown) => dispatch(services.api, channel, payload);
  const value = async (channel: string, payload: unknown) => {
    const result = await call(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as Dossier;
  };
  const eventCount = () => journalFile(services.journal).prepare('SELECT count(*) FROM events').pluck().get() as number;
  const create = (phone = '06 12 34 56 78') => value('dossier:create', { callerPhone: phone, motive: 'malaise' });

  beforeEach(async () => {
    dir = makeTempDir();
    clock = Date.parse('2026-11-23T21:00:00.000Z');
    // The injected clock jumps ahead: a long idle limit keeps the session open meanwhile.
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240 }), { now: () => clock, scryptParams: TEST_SCRYPT });
    await signIn(services);
  });
  afterEach(() => {
    services.close();
    dir.cleanup();
  });

  it('records the caller, normalising the callback number', async () => {
    const d = await create();
    const updated = await value('dossier:updateCaller', { dossierId: d.id, callbackPhone: '04 72 11 22 33', name: 'Mme Martin', type: 'FAMILLE', communication: null });
    expect(updated.caller).toMatchObject({ callbackPhone: '+33472112233', name: 'Mme Martin', type: 'FAMILLE' });
  });

  it.each([
    ['an impossible callback number', 'dossier:updateCaller', { callbackPhone: '12' }, 'callbackPhone'],
    ['an unknown caller type', 'dossier:updateCaller', { type: 'ALIEN' }, 'type'],
    ['a birth date in the future', 'dossier:upsertPatient', { lastName: 'X', birthDate: '2026-12-01' }, 'birthDate'],
    ['an age over 130', 'dossier:upsertPatient', { ageYears: 131 }, 'ageYears'],
    ['an INS for an identity not qualified', 'dossier:upsertPatient', { ins: '185077512345678' }, 'ins'],
    ['an INS with a wrong key', 'dossier:upsertPatient', { ins: '185077512345600', identityQualified: true }, 'ins'],
    ['an unknown motive code', 'dossier:updateQualification', { motif: 'M99.99' }, 'motif'],
  ])('refuses %s at the field, writing nothing', async (_name, channel, patch, field) => {
    const d = await create();
    const before = eventCount();
    const result = await call(channel, { dossierId: d.id, ...patch });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', field } });
    expect(eventCount()).toBe(before);
  });

  it('adds patients and amends one without losing what was typed before', async () => {
    const d = await create();
    const withPatient = await value('dossier:upsertPatient', { dossierId: d.id, lastName: 'Lefèvre', firstName: 'Anne', sex: 'F', birthDate: '1948-03-12' });
    const patientId = withPatient.patients[0]!.id;
    const amended = await value('dossier:upsertPatient', { dossierId: d.id, patientId, weightKg: 58 });
    expect(amended.patients).toEqual([expect.objectContaining({ id: patientId, lastName: 'Lefèvre', birthDate: '1948-03-12', weightKg: 58 })]);
    const second = await value('dossier:upsertPatient', { dossierId: d.id, ageYears: 4 });
    expect(second.patients).toHaveLength(2);
  });

  it('qualifies with official codes, keeps notes with their author, and links dossiers', async () => {
    const first = await create();
    const d = await create();
    await value('dossier:updateQualification', { dossierId: d.id, motif: 'M01.01', filiere: 'AMU', attribution: 'DRM.MRU.MU' });
    const noted = await value('dossier:addNote', { dossierId: d.id, text: 'Conscient, respire.' });
    expect(noted.notes).toEqual([expect.objectContaining({ text: 'Conscient, respire.', authorRole: 'ARM' })]);
    expect(noted.qualification).toMatchObject({ motif: 'M01.01', filiere: 'AMU', attribution: 'DRM.MRU.MU' });
    const linked = await value('dossier:link', { dossierId: d.id, otherDossierId: first.id });
    expect(linked.linkedDossierIds).toEqual([first.id]);
    await expect(call('dossier:link', { dossierId: d.id, otherDossierId: d.id })).resolves.toMatchObject({ ok: false, error: { field: 'otherDossierId' } });
  });

  it('finds repeat callers by number and by patient name + birth date, open or within 72 h', async () => {
    const old = await create('0612345678');
    await value('dossier:upsertPatient', { dossierId: old.id, lastName: 'LEFEVRE', birthDate: '1948-03-12' });
    clock += 10 * 60_000;
    const other = await create('0699999999');
    await value('dossier:upsertPatient', { dossierId: other.id, lastName: 'Lefèvre', firstName: 'Anne', birthDate: '1948-03-12' });
    await create('0611111111');

    const history = (await call('dossier:callerHistory', { phone: '06 12 34 56 78', lastName: 'lefevre', birthDate: '1948-03-12' })) as { ok: true; value: { byPhone: Array<{ id: string }>; byPatient: Array<{ id: string }> } };
    expect(history.value.byPhone.map((e) => e.id)).toEqual([old.id]);
    expect(history.value.byPatient.map((e) => e.id)).toEqual([other.id, old.id]);

    const none = (await call('dossier:callerHistory', { phone: '+33 6 00 00 00 01' })) as { ok: true; value: { byPhone: unknown[]; byPatient: unknown[] } };
    expect(none.value).toEqual({ byPhone: [], byPatient: [] });
  });

  it('routes by the number dialled unless told otherwise; P0 goes to accompanied transfer, P3 to a timed callback', async () => {
    const sas = await value('dossier:create', { callerPhone: '', motive: 'fièvre', origin: '116117', priority: 'P2' });
    expect(await value('dossier:route', { dossierId: sas.id })).toMatchObject({ queue: 'SNP', routing: 'queue', callbackDueAt: null });
    const psy = await value('dossier:create', { callerPhone: '', motive: 'angoisse', origin: '15', priority: 'P2' });
    expect(await value('dossier:route', { dossierId: psy.id, queue: 'PSY' })).toMatchObject({ queue: 'PSY', routing: 'queue' });
    const vital = await value('dossier:create', { callerPhone: '', motive: 'arrêt', origin: '116117', priority: 'P0' });
    expect(await value('dossier:route', { dossierId: vital.id, queue: 'SNP' })).toMatchObject({ queue: 'AMU', routing: 'accompaniedTransfer' });
    const deferred = await value('dossier:create', { callerPhone: '', motive: 'certificat', origin: '15', priority: 'P3' });
    expect(await value('dossier:route', { dossierId: deferred.id, queue: 'SNP' })).toMatchObject({ queue: 'SNP', routing: 'deferredCallback', callbackDueAt: '2026-11-23T22:00:00.000Z' });

    const snp = (await call('queue:list', { queue: 'SNP' })) as { ok: true; value: { entries: Array<{ id: string }> } };
    expect(snp.value.entries.map((e) => e.id)).toEqual([sas.id, deferred.id]);
    const all = (await call('queue:list', {})) as { ok: true; value: { entries: Array<{ id: string }> } };
    expect(all.value.entries[0]!.id).toBe(vital.id);
    expect(all.value.entries).toHaveLength(4);
  });

  it('a new priority re-applies the routing: a P3 raised to P0 leaves PROGRAM and its callback; lowered again it keeps its history', async () => {
    const deferred = await value('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'douleur thoracique', origin: '15', priority: 'P3' });
    await value('dossier:route', { dossierId: deferred.id, queue: 'SNP' });
    const callbacks = async () => ((await call('callback:list', { includeDone: true })) as { ok: true; value: { entries: Array<{ id: string; doneAt: string | null; reason: string | null }> } }).value.entries;
    expect((await callbacks()).find((c) => c.id === deferred.id)).toMatchObject({ doneAt: null });
    // The state shown (and exported): PROGRAM while the deferred callback stands.
    const shown = (d: Dossier) => programmedState(d, services.journal.callbacks.get(d.id)?.doneAt != null);
    expect(shown(await value('dossier:get', { dossierId: deferred.id }))).toBe('PROGRAM');

    clock += 60_000;
    const raised = await value('dossier:setPriority', { dossierId: deferred.id, priority: 'P0' });
    expect(raised).toMatchObject({ priority: 'P0', queue: 'AMU', routing: 'accompaniedTransfer', callbackDueAt: null });
    const withdrawn = (await callbacks()).find((c) => c.id === deferred.id)!;
    expect(withdrawn.doneAt).not.toBeNull();
    expect(withdrawn.reason).toMatch(/P3 → P0/);
    expect(shown(raised)).toBe('ACTIF');
    const all = (await call('queue:list', {})) as { ok: true; value: { entries: Array<{ id: string }> } };
    expect(all.value.entries[0]!.id).toBe(deferred.id);

    clock += 60_000;
    const lowered = await value('dossier:setPriority', { dossierId: deferred.id, priority: 'P2' });
    expect(lowered).toMatchObject({ priority: 'P2', queue: 'AMU', routing: 'queue' });
    // The journal keeps every step: P3, routed deferred, P0, accompanied transfer, callback withdrawn, P2, queue.
    const types = journalFile(services.journal).prepare('SELECT type FROM events WHERE dossier_id = ? ORDER BY seq').pluck().all(deferred.id);
    expect(types).toEqual(['dossier.created', 'dossier.routed', 'dossier.priorityChanged', 'dossier.routed', 'callback.withdrawn', 'dossier.priorityChanged', 'dossier.routed']);
    // An unrouted dossier only changes priority (F9 routes it by the new one).
    const fresh = await create();
    expect(await value('dossier:setPriority', { dossierId: fresh.id, priority: 'P0' })).toMatchObject({ priority: 'P0', routing: null });
  });

  it('locates the dossier with the address chosen and the access details; refuses an impossible INSEE code', async () => {
    const d = await create();
    const address = { label: '12 Rue de la République 69002 Lyon', houseNumber: '12', street: 'Rue de la République', postcode: '69002', city: 'Lyon', inseeCode: '69382', lat: 45.7578, lon: 4.835, precision: 'ADRESSE' };
    const located = await value('dossier:setLocation', { dossierId: d.id, address, source: 'OFFLINE', floor: '3e', doorCode: '1234A', intercom: 'DUPONT' });
    expect(located.location).toMatchObject({ inseeCode: '69382', precision: 'ADRESSE', source: 'OFFLINE', floor: '3e', doorCode: '1234A', intercom: 'DUPONT', accessDetails: null });
    await expect(call('dossier:setLocation', { dossierId: d.id, address: { ...address, inseeCode: '99999' }, source: 'MANUAL' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'E_BAD_REQUEST', field: 'address.inseeCode' },
    });
  });

  it('searches all dossiers by free text, newest first, accents and case ignored', async () => {
    const a = await value('dossier:create', { callerPhone: '0612345678', motive: 'Chute dans l’escalier' });
    clock += 60_000;
    const b = await value('dossier:create', { callerPhone: '0699999999', motive: 'Douleur thoracique' });
    await value('dossier:upsertPatient', { dossierId: a.id, lastName: 'Lefèvre', firstName: 'Anne' });
    clock += 60_000;
    const c = await value('dossier:create', { callerPhone: '0611111111', motive: 'chute de vélo' });
    const search = async (text: string) => ((await call('dossier:search', { text })) as { ok: true; value: { entries: Array<{ id: string }> } }).value.entries.map((e) => e.id);
    expect(await search('CHUTE')).toEqual([c.id, a.id]);
    expect(await search('lefevre')).toEqual([a.id]);
    expect(await search('06 99 99')).toEqual([b.id]);
    expect(await search(b.localNumber)).toEqual([b.id]);
    expect(await search('"); DROP TABLE dossiers; --')).toEqual([]);
  });

  it('keeps every change in the journal: the projections equal a rebuild', async () => {
    const d = await create();
    await value('dossier:updateCaller', { dossierId: d.id, name: 'M. Durand' });
    await value('dossier:upsertPatient', { dossierId: d.id, lastName: 'Durand', birthDate: '1960-01-01' });
    await value('dossier:addNote', { dossierId: d.id, text: 'note' });
    const snapshot = () => JSON.stringify([journalFile(services.journal).prepare('SELECT * FROM dossiers ORDER BY id').all(), journalFile(services.journal).prepare('SELECT * FROM dossier_patients ORDER BY dossier_id, patient_id').all(), journalFile(services.journal).prepare('SELECT rowid, dossier_id, text FROM dossier_search ORDER BY rowid').all()]);
    const live = snapshot();
    services.journal.rebuildProjections();
    expect(snapshot()).toBe(live);
    expect(services.journal.verify().ok).toBe(true);
    // Never shared: nothing of it is queued for the Hub (issue 13 §6).
    expect(journalFile(services.journal).prepare("SELECT message_kind FROM outbox ORDER BY event_seq").pluck().all()).toEqual([]);
    // Once a person shares it, the share is the RS-EDA and each later change an RS-EDA-MAJ; the
    // regulators' notes stay in the room.
    services.journal.command((ctx) => ctx.append({ dossierId: d.id, actor: { id: 'op', role: 'ARM' }, body: { type: 'dossier.shared', payload: { partner: 'fr.health.samu440' } } }));
    await value('dossier:updateCaller', { dossierId: d.id, name: 'Mme Durand' });
    await value('dossier:addNote', { dossierId: d.id, text: 'note 2' });
    expect(journalFile(services.journal).prepare("SELECT message_kind FROM outbox ORDER BY event_seq").pluck().all()).toEqual(['RS-EDA', 'RS-EDA-MAJ']);
    services.journal.rebuildProjections();
    expect(services.journal.verify().ok).toBe(true);
  });

  describe('a dossier created for the call being answered', () => {
    const SYSTEM = { id: 'systeme', role: 'SYSTEME' };
    const answeredCall = () => {
      const callId = '0190a0b0-0000-7000-8000-00000000ca11';
      services.journal.command((ctx) => {
        ctx.append({ dossierId: null, actor: SYSTEM, body: { type: 'call.presented', payload: { callId, sipCallId: 'sip-1', direction: 'inbound', remoteNumber: '+33612345678', remoteName: null, dossierId: null } } });
        ctx.append({ dossierId: null, actor: SYSTEM, body: { type: 'call.answered', payload: { callId } } });
      });
      return callId;
    };
    const eventsAfter = (seq: number) =>
      journalFile(services.journal).prepare<[number], { type: string; dossier_id: string | null }>('SELECT type, dossier_id FROM events WHERE seq > ? ORDER BY seq').all(seq);
    const lastSeq = () => journalFile(services.journal).prepare('SELECT max(seq) FROM events').pluck().get() as number;
    const dossierCount = () => journalFile(services.journal).prepare('SELECT count(*) FROM dossiers').pluck().get() as number;

    it('is written with the call attached in one command: the call log names the dossier', async () => {
      const callId = answeredCall();
      const before = lastSeq();
      const d = await value('dossier:create', { callerPhone: '0612345678', motive: 'douleur thoracique', callId });
      expect(eventsAfter(before)).toEqual([
        { type: 'dossier.created', dossier_id: d.id },
        { type: 'call.attached', dossier_id: d.id },
      ]);
      expect(services.journal.calls.get(callId)).toMatchObject({ dossierId: d.id, state: 'active' });
      expect(services.journal.eventsOf(d.id).map((e) => e.type)).toEqual(['dossier.created', 'call.attached']);
      expect(services.journal.verify().ok).toBe(true);
    });

    it('refuses a call that is not in the log, and the dossier is not written either', async () => {
      const before = lastSeq();
      const result = await call('dossier:create', { callerPhone: '0612345678', motive: 'malaise', callId: '0190a0b0-0000-7000-8000-00000000dead' });
      expect(result).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND', field: 'callId' } });
      expect(eventsAfter(before)).toEqual([]);
      expect(dossierCount()).toBe(0);
      // The number the refused dossier took inside the transaction is the next dossier's.
      expect((await create()).localNumber).toMatch(/0001$/);
    });

    it('rolls the dossier back when the journal refuses the attachment itself', async () => {
      const callId = answeredCall();
      const before = lastSeq();
      // A TEMP trigger belongs to one connection: it goes on the journal's own.
      journalConnectionForFaults(services.journal).exec("CREATE TEMP TRIGGER refuse_attach BEFORE INSERT ON events WHEN NEW.type = 'call.attached' BEGIN SELECT RAISE(ABORT, 'attachment refused'); END");
      const result = await call('dossier:create', { callerPhone: '0612345678', motive: 'malaise', callId });
      journalConnectionForFaults(services.journal).exec('DROP TRIGGER refuse_attach');
      expect(result.ok).toBe(false);
      expect(eventsAfter(before)).toEqual([]);
      expect(dossierCount()).toBe(0);
      expect(services.journal.calls.get(callId)).toMatchObject({ dossierId: null });
      // The journal goes on: the same save, tried again, writes both.
      const d = await value('dossier:create', { callerPhone: '0612345678', motive: 'malaise', callId });
      expect(services.journal.calls.get(callId)).toMatchObject({ dossierId: d.id });
      expect(services.journal.verify().ok).toBe(true);
    });
  });
});
