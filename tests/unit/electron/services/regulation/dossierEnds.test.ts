import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../../../shared/domain/dossier';
import { dispatch } from '../../../../../electron/services/api';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../../../support/operators';
import { journalFile } from '../../../../support/journalFile';

/** Issue 13 §5: every dossier reaches its end, and every write path asks the same life-cycle guard. */
describe('every dossier reaches its end', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  let clock: number;
  const call = (channel: string, payload: unknown) => dispatch(services.api, channel, payload);
  const value = async <T = Dossier>(channel: string, payload: unknown): Promise<T> => {
    const result = await call(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const count = () => journalFile(services.journal).prepare('SELECT count(*) FROM events').pluck().get() as number;
  const types = (id: string) => services.journal.eventsOf(id).map((e) => e.type);

  beforeEach(() => {
    dir = makeTempDir();
    clock = Date.parse('2026-11-23T21:00:00.000Z');
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240 }), { now: () => clock, scryptParams: TEST_SCRYPT });
  });
  afterEach(() => {
    services.close();
    dir.cleanup();
  });

  /** A dossier taken to CLOTURE the way the room does it. */
  const closedDossier = async () => {
    await signIn(services, 'ARM');
    const d = await value('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'pharmacie de garde', priority: 'NR', kind: 'DR' });
    await value('dossier:finish', { dossierId: d.id });
    await value('dossier:validate', { dossierId: d.id });
    clock += 25 * 3_600_000;
    services.tick();
    expect(services.journal.dossiers.get(d.id)!.state).toBe('CLOTURE');
    await signIn(services, 'ARM');
    return d;
  };

  it('a non-medical dossier (DR) finished and validated by the ARM alone goes CLOTURE → CLASSE → ARCHIVE, each journaled once', async () => {
    await signIn(services, 'ARM');
    const d = await value('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'faux numéro', priority: 'NR', kind: 'DR' });
    // No physician's decision needed for a DR.
    expect(await value('dossier:finish', { dossierId: d.id })).toMatchObject({ state: 'ACHEVE' });
    expect(await value('dossier:validate', { dossierId: d.id })).toMatchObject({ state: 'VALIDE', validatedAt: '2026-11-23T21:00:00.000Z' });
    expect(services.journal.eventsOf(d.id).at(-1)).toMatchObject({ type: 'dossier.validated', actor_role: 'ARM' });
    clock = Date.parse('2026-11-24T21:00:00.000Z');
    services.tick();
    expect(services.journal.dossiers.get(d.id)).toMatchObject({ state: 'CLOTURE', closedAt: '2026-11-24T21:00:00.000Z' });
    clock = Date.parse('2027-02-24T21:00:00.000Z');
    services.tick();
    expect(services.journal.dossiers.get(d.id)).toMatchObject({ state: 'CLASSE', classifiedAt: '2027-02-24T21:00:00.000Z' });
    // A year after CLASSE (calendar months, UTC), not a millisecond before.
    clock = Date.parse('2028-02-24T21:00:00.000Z') - 1;
    services.tick();
    expect(services.journal.dossiers.get(d.id)!.state).toBe('CLASSE');
    clock += 1;
    services.tick();
    services.tick();
    expect(services.journal.dossiers.get(d.id)!.state).toBe('ARCHIVE');
    expect(types(d.id).filter((t) => ['dossier.closed', 'dossier.classified', 'dossier.archived'].includes(t))).toEqual(['dossier.closed', 'dossier.classified', 'dossier.archived']);
    // ARCHIVE refuses everything, like CLOTURE and CLASSE.
    await signIn(services, 'ARM');
    expect(await call('dossier:addNote', { dossierId: d.id, text: 'trop tard' })).toMatchObject({ ok: false, error: { code: 'E_DOSSIER_CLOSED' } });
    // The projections are the fold of the events.
    const live = JSON.stringify(journalFile(services.journal).prepare('SELECT * FROM dossiers ORDER BY id').all());
    services.journal.rebuildProjections();
    expect(JSON.stringify(journalFile(services.journal).prepare('SELECT * FROM dossiers ORDER BY id').all())).toBe(live);
  });

  it('a medical dossier (DRM) still needs a physician: the ARM can neither finish it without a decision nor validate it', async () => {
    await signIn(services, 'ARM');
    const d = await value('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'douleur', priority: 'P2' });
    expect(await call('dossier:finish', { dossierId: d.id })).toMatchObject({ ok: false, error: { code: 'E_INTERLOCK' } });
    await signIn(services, 'MRU');
    await value('dossier:addDecision', { dossierId: d.id, type: 'CONSEIL', careLevel: 'R4', adviceText: 'repos' });
    await value('dossier:finish', { dossierId: d.id });
    await signIn(services, 'ARM');
    const before = count();
    expect(await call('dossier:validate', { dossierId: d.id })).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    expect(services.journal.dossiers.get(d.id)!.state).toBe('ACHEVE');
    // Only the refusal is journaled.
    expect(count()).toBe(before + 1);
    await signIn(services, 'MRU');
    expect(await value('dossier:validate', { dossierId: d.id })).toMatchObject({ state: 'VALIDE' });
  });

  it('attaching a call checks the dossier: unknown → E_NOT_FOUND, closed → E_DOSSIER_CLOSED, nothing written; an open one takes it', async () => {
    const closed = await closedDossier();
    const open = await value('dossier:create', { callerPhone: '06 12 34 56 79', motive: 'rappel', priority: 'P2' });
    const callId = '0190b000-0000-7000-8000-0000000000c1';
    services.journal.command((ctx) =>
      ctx.append({ dossierId: null, actor: { id: 'system', role: 'SYSTEME' }, body: { type: 'call.presented', payload: { callId, sipCallId: `${callId}@sipp`, direction: 'inbound', remoteNumber: '+33612345678', remoteName: null, dossierId: null } } }),
    );
    const before = count();
    expect(await call('call:attach', { callId, dossierId: '0190b000-0000-7000-8000-0000000000ff' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND', field: 'dossierId' } });
    expect(await call('call:attach', { callId, dossierId: closed.id })).toMatchObject({ ok: false, error: { code: 'E_DOSSIER_CLOSED', field: 'dossierId' } });
    // Only the closed-dossier refusal is journaled (as on the screens); the call joined nothing.
    expect(count()).toBe(before + 1);
    expect(services.journal.calls.get(callId)!.dossierId).toBeNull();
    expect(await value('call:attach', { callId, dossierId: open.id })).toMatchObject({ dossierId: open.id });
  });

  it('attaching a SAS appointment from the inbox into a closed dossier is refused by the same guard', async () => {
    const closed = await closedDossier();
    await signIn(services, 'OSNP');
    const before = count();
    expect(await call('sas:attachAppointment', { appointmentId: 'rdv-1', dossierId: closed.id })).toMatchObject({ ok: false, error: { code: 'E_DOSSIER_CLOSED' } });
    expect(await call('sas:attachAppointment', { appointmentId: 'rdv-1', dossierId: '0190b000-0000-7000-8000-0000000000ff' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    expect(count()).toBe(before + 1);
    expect(types(closed.id)).not.toContain('dossier.appointmentRecorded');
  });
});
