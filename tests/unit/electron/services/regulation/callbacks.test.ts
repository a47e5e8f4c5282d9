import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/services/api';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../../../support/operators';
import { journalFile } from '../../../../support/journalFile';

type Entry = { id: string; kind: string; late: boolean; escalatedAt: string | null; attempts: Array<{ outcome: string }>; ageMinutes: number; doneAt: string | null; phone: string | null };

describe('callback list', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  let clock: number;
  const open = () => createServices(testConfig(dir.path, { autoLockMinutes: 240, p3CallbackMinutes: 60 }), { now: () => clock, scryptParams: TEST_SCRYPT });
  const call = (channel: string, payload: unknown) => dispatch(services.api, channel, payload);
  const list = async (includeDone = false) => {
    const result = await call('callback:list', { includeDone });
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as { entries: Entry[] }).entries;
  };

  beforeEach(async () => {
    dir = makeTempDir();
    clock = Date.parse('2026-11-23T21:00:00.000Z');
    services = open();
    await signIn(services, 'ARM');
  });
  afterEach(() => {
    services.close();
    dir.cleanup();
  });

  it('a P3 routing opens a deferred callback that escalates once when late, in the journal, and survives a restart', async () => {
    const created = await call('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'certificat', priority: 'P3' });
    const dossierId = (created as { value: { id: string } }).value.id;
    await call('dossier:route', { dossierId });
    expect(await list()).toEqual([expect.objectContaining({ id: dossierId, kind: 'DEFERRED', phone: '+33612345678', late: false, escalatedAt: null })]);
    const pushed: unknown[] = [];
    services.events.subscribe((channel, payload) => channel === 'callback:changed' && pushed.push(payload));
    clock += 61 * 60_000;
    services.tick();
    services.tick();
    // The screens hear of the escalation at once, once.
    expect(pushed).toEqual([{ callbackId: dossierId, seq: expect.any(Number) }]);
    expect(journalFile(services.journal).prepare("SELECT count(*) FROM events WHERE type = 'callback.escalated'").pluck().get()).toBe(1);
    services.close();
    services = open();
    await signIn(services, 'ARM');
    expect(await list()).toEqual([expect.objectContaining({ id: dossierId, late: true, escalatedAt: '2026-11-23T22:01:00.000Z', ageMinutes: 61 })]);
  });

  it('lost calls from telephony: idempotent on the call id, attempts with their outcome, done when reached', async () => {
    const first = services.callbacks.addLostCall({ phone: '04 72 11 22 33', presentedAt: '2026-11-23T20:50:00.000Z', callId: 'sip-abc' });
    const again = services.callbacks.addLostCall({ phone: '04 72 11 22 33', presentedAt: '2026-11-23T20:50:00.000Z', callId: 'sip-abc' });
    expect(first.ok && again.ok && first.value.id === again.value.id).toBe(true);
    const id = (first as { value: { id: string } }).value.id;
    expect(await list()).toEqual([expect.objectContaining({ kind: 'LOST_CALL', phone: '+33472112233', ageMinutes: 10, late: false })]);
    expect(await call('callback:recordAttempt', { callbackId: id, outcome: 'NO_ANSWER' })).toMatchObject({ ok: true, value: { attempts: [{ outcome: 'NO_ANSWER' }], doneAt: null } });
    expect(await call('callback:recordAttempt', { callbackId: id, outcome: 'REACHED', note: 'va bien' })).toMatchObject({ ok: true, value: { doneAt: '2026-11-23T21:00:00.000Z' } });
    expect(await list()).toEqual([]);
    expect((await list(true)).map((c) => c.attempts.map((a) => a.outcome))).toEqual([['NO_ANSWER', 'REACHED']]);
    expect(await call('callback:recordAttempt', { callbackId: id, outcome: 'BUSY' })).toMatchObject({ ok: false, error: { code: 'E_CONFLICT' } });
  });

  it('a requested callback on a dossier uses its callback number; a closed dossier refuses one', async () => {
    const created = await call('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'résultats', priority: 'P2' });
    const dossierId = (created as { value: { id: string } }).value.id;
    await call('dossier:updateCaller', { dossierId, callbackPhone: '04 78 00 00 00' });
    expect(await call('callback:request', { dossierId, dueAt: '2026-11-23T23:00:00+01:00', reason: 'résultats de biologie' })).toMatchObject({ ok: true, value: { kind: 'REQUESTED', phone: '+33478000000', dueAt: '2026-11-23T22:00:00.000Z' } });
    expect(await call('callback:request', { dossierId, phone: '12' })).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', field: 'phone' } });
  });
});
