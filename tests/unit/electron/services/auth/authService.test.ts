import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/services/api';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';
import { signIn, TEST_PASSWORD, TEST_RPPS, TEST_SCRYPT } from '../../../../support/operators';
import { journalFile } from '../../../../support/journalFile';

describe('operators and sessions', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  let clock: number;
  const open = () => createServices(testConfig(dir.path, { autoLockMinutes: 10, lockoutMinutes: 15 }), { now: () => clock, scryptParams: TEST_SCRYPT });
  const call = (channel: string, payload: unknown) => dispatch(services.api, channel, payload);
  const events = (type: string) => journalFile(services.journal).prepare<[string], { payload: string; actor_id: string; actor_role: string }>('SELECT payload, actor_id, actor_role FROM events WHERE type = ? ORDER BY seq').all(type);

  beforeEach(() => {
    dir = makeTempDir();
    clock = Date.parse('2026-11-23T21:00:00.000Z');
    services = open();
  });
  afterEach(() => {
    services.close();
    dir.cleanup();
  });

  it('an admin creates accounts; the password is hashed with scrypt and a salt, never journaled', async () => {
    await signIn(services, 'ADMIN');
    const created = await call('operator:create', { login: 'dr.durand', displayName: 'Dr Durand', role: 'MRU', password: 'très-secret-123', rpps: TEST_RPPS });
    expect(created).toMatchObject({ ok: true, value: { login: 'dr.durand', role: 'MRU', rpps: TEST_RPPS, active: true } });
    const all = journalFile(services.journal).prepare('SELECT payload FROM events').pluck().all() as string[];
    expect(all.join('\n')).not.toContain('très-secret-123');
    const cred = journalFile(services.journal).prepare("SELECT c.algorithm, c.params, c.salt, c.hash FROM operator_credentials c JOIN operators o ON o.id = c.operator_id WHERE o.login = 'dr.durand'").get() as { algorithm: string; params: string; salt: string; hash: string };
    expect(cred.algorithm).toBe('scrypt');
    expect(JSON.parse(cred.params)).toEqual(TEST_SCRYPT);
    expect(Buffer.from(cred.salt, 'base64')).toHaveLength(16);
    expect(cred.hash).not.toContain('très-secret');
    expect(await call('auth:login', { login: 'dr.durand', password: 'très-secret-123' })).toMatchObject({ ok: true, value: { session: { operator: { login: 'dr.durand', role: 'MRU' }, locked: false } } });
  });

  it('refuses a bad RPPS key, a duplicate login and a short password, writing nothing', async () => {
    await signIn(services, 'ADMIN');
    const count = () => journalFile(services.journal).prepare('SELECT count(*) FROM events').pluck().get();
    const before = count();
    expect(await call('operator:create', { login: 'dr.x', displayName: 'X', role: 'MRU', password: 'long-enough-1', rpps: '10003456784' })).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', field: 'rpps' } });
    expect(await call('operator:create', { login: 'admin', displayName: 'X', role: 'ARM', password: 'long-enough-1' })).toMatchObject({ ok: false, error: { code: 'E_CONFLICT', field: 'login' } });
    expect(await call('operator:create', { login: 'dr.y', displayName: 'Y', role: 'ARM', password: 'court' })).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', field: 'password' } });
    expect(count()).toBe(before);
  });

  it('every event carries the signed-in operator, not the workstation', async () => {
    const armId = await signIn(services, 'ARM');
    const created = await call('dossier:create', { callerPhone: '', motive: 'malaise' });
    expect(created.ok).toBe(true);
    expect(events('dossier.created')).toEqual([expect.objectContaining({ actor_id: armId, actor_role: 'ARM' })]);
  });

  it('5 wrong passwords in a row lock the account out for 15 minutes, journaled; the right one is refused meanwhile', async () => {
    await signIn(services, 'ARM');
    await call('auth:logout', {});
    for (let i = 0; i < 4; i++) expect(await call('auth:login', { login: 'arm', password: 'faux' })).toMatchObject({ ok: false, error: { code: 'E_BAD_CREDENTIALS' } });
    expect(await call('auth:login', { login: 'arm', password: 'faux' })).toMatchObject({ ok: false, error: { code: 'E_LOCKED_OUT' } });
    expect(events('auth.loginFailed').filter((e) => JSON.parse(e.payload).reason === 'badPassword')).toHaveLength(5);
    expect(events('auth.lockedOut')).toHaveLength(1);
    expect(await call('auth:login', { login: 'arm', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'E_LOCKED_OUT' } });
    expect(JSON.parse(events('auth.loginFailed').at(-1)!.payload)).toMatchObject({ reason: 'lockedOut' });
    clock += 15 * 60_000;
    expect(await call('auth:login', { login: 'arm', password: TEST_PASSWORD })).toMatchObject({ ok: true });
    // The counter starts again from zero after a success.
    expect(services.journal.operators.byLogin('arm')).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('the lock-out survives a restart (it is folded from the journal)', async () => {
    await signIn(services, 'ARM');
    await call('auth:logout', {});
    for (let i = 0; i < 5; i++) await call('auth:login', { login: 'arm', password: 'faux' });
    services.close();
    services = open();
    expect(await call('auth:login', { login: 'arm', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'E_LOCKED_OUT' } });
    services.journal.rebuildProjections();
    expect(services.journal.operators.byLogin('arm')?.lockedUntil).toBe('2026-11-23T21:15:00.000Z');
    // Credentials are not a projection: the rebuild keeps them.
    clock += 16 * 60_000;
    expect(await call('auth:login', { login: 'arm', password: TEST_PASSWORD })).toMatchObject({ ok: true });
  });

  it('an unknown login gets the same answer as a wrong password, and is journaled', async () => {
    expect(await call('auth:login', { login: 'inconnu', password: 'x' })).toMatchObject({ ok: false, error: { code: 'E_BAD_CREDENTIALS' } });
    expect(events('auth.loginFailed')).toEqual([expect.objectContaining({ actor_role: 'AUCUN' })]);
    expect(JSON.parse(events('auth.loginFailed')[0]!.payload)).toEqual({ login: 'inconnu', operatorId: null, reason: 'unknownLogin' });
  });

  it('locks after the idle time: E_UNAUTHENTICATED until unlocked by the same operator', async () => {
    await signIn(services, 'MRU');
    clock += 10 * 60_000;
    expect(await call('queue:list', {})).toMatchObject({ ok: false, error: { code: 'E_UNAUTHENTICATED' } });
    expect(JSON.parse(events('auth.sessionLocked')[0]!.payload)).toMatchObject({ reason: 'idle' });
    expect(await call('auth:status', {})).toMatchObject({ ok: true, value: { session: { locked: true, operator: { login: 'mru' } } } });
    expect(await call('auth:unlock', { password: 'faux' })).toMatchObject({ ok: false, error: { code: 'E_BAD_CREDENTIALS' } });
    expect(await call('auth:unlock', { password: TEST_PASSWORD })).toMatchObject({ ok: true, value: { session: { locked: false } } });
    expect(await call('queue:list', {})).toMatchObject({ ok: true });
  });

  it('activity keeps the session open; Ctrl+L (auth:lock) locks it at once; another operator can take over', async () => {
    const arm = await signIn(services, 'ARM');
    clock += 9 * 60_000;
    expect((await call('queue:list', {})).ok).toBe(true);
    clock += 9 * 60_000;
    expect((await call('queue:list', {})).ok).toBe(true);
    expect(await call('auth:lock', {})).toMatchObject({ ok: true, value: { session: { locked: true } } });
    const mrl = await signIn(services, 'MRL');
    expect(await call('auth:status', {})).toMatchObject({ value: { session: { operator: { id: mrl, role: 'MRL' }, locked: false } } });
    expect(events('auth.loggedOut')).toEqual([expect.objectContaining({ actor_id: arm })]);
  });

  it('the command-line bootstrap path: createOperator with no session creates the first admin', async () => {
    expect(await call('auth:status', {})).toEqual({ ok: true, value: { session: null, hasOperators: false, psc: { available: false, requiredForDecisions: false } } });
    const created = await services.auth.createOperator({ login: 'admin.si', displayName: 'Admin SI', role: 'ADMIN', password: 'premier-admin-1' }, { id: 'console', role: 'ADMIN' });
    expect(created.ok).toBe(true);
    expect(await call('auth:status', {})).toEqual({ ok: true, value: { session: null, hasOperators: true, psc: { available: false, requiredForDecisions: false } } });
  });

  it('an admin deactivates an account: journaled, it can no longer sign in, and a session it holds ends at once', async () => {
    const armId = await signIn(services, 'ARM');
    const adminId = await signIn(services, 'ADMIN');
    expect(await call('operator:deactivate', { operatorId: adminId })).toMatchObject({ ok: false, error: { code: 'E_CONFLICT', field: 'operatorId' } });
    expect(await call('operator:deactivate', { operatorId: '01900000-0000-7000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    expect(await call('operator:deactivate', { operatorId: armId })).toMatchObject({ ok: true, value: { id: armId, active: false } });
    expect(events('operator.deactivated')).toEqual([{ payload: JSON.stringify({ operatorId: armId }), actor_id: adminId, actor_role: 'ADMIN' }]);
    // Again: nothing more to do, nothing more written.
    expect(await call('operator:deactivate', { operatorId: armId })).toMatchObject({ ok: true, value: { active: false } });
    expect(events('operator.deactivated')).toHaveLength(1);
    expect(await call('operator:list', {})).toMatchObject({ ok: true, value: { operators: expect.arrayContaining([expect.objectContaining({ login: 'arm', active: false })]) } });

    await call('auth:logout', {});
    expect(await call('auth:login', { login: 'arm', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'E_BAD_CREDENTIALS' } });
    expect(events('auth.loginFailed').map((e) => JSON.parse(e.payload))).toContainEqual({ login: 'arm', operatorId: armId, reason: 'inactive' });
    // It survives a restart: the state is folded from the journal.
    services.close();
    services = open();
    expect(await call('auth:login', { login: 'arm', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'E_BAD_CREDENTIALS' } });
  });

  it('an account closed while its session is open: the session ends at once; closed accounts cannot sign in', async () => {
    const armId = await signIn(services, 'ARM');
    await call('auth:lock', {});
    // Quick switch: the admin signs in over the locked session, deactivates the ARM, hands back.
    await signIn(services, 'ADMIN');
    const mru = await services.auth.createOperator({ login: 'mru2', displayName: 'MRU 2', role: 'MRU', password: TEST_PASSWORD, rpps: null }, { id: 'test', role: 'ADMIN' });
    if (!mru.ok) throw new Error(mru.error.message);
    expect(await call('operator:deactivate', { operatorId: armId })).toMatchObject({ ok: true });
    // An open session held by an account being closed (the admin acting from the service, as the CLI would).
    expect(await call('auth:login', { login: 'mru2', password: TEST_PASSWORD })).toMatchObject({ ok: true });
    services.auth.deactivateOperator({ operatorId: mru.value.id }, { id: 'test', role: 'ADMIN' });
    expect(await call('dossier:create', { callerPhone: '', motive: 'malaise' })).toMatchObject({ ok: false, error: { code: 'E_UNAUTHENTICATED' } });
    expect(await call('auth:status', {})).toMatchObject({ ok: true, value: { session: null } });
    expect(await call('auth:login', { login: 'arm', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'E_BAD_CREDENTIALS' } });
  });

  it('an admin resets a password: scrypt with a new salt, the old one refused, a lock-out cleared, the password never journaled', async () => {
    const armId = await signIn(services, 'ARM');
    await call('auth:logout', {});
    for (let i = 0; i < 5; i++) await call('auth:login', { login: 'arm', password: 'faux' });
    expect(await call('auth:login', { login: 'arm', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'E_LOCKED_OUT' } });
    const credential = () => journalFile(services.journal).prepare<[string], { salt: string; hash: string; params: string }>('SELECT salt, hash, params FROM operator_credentials WHERE operator_id = ?').get(armId)!;
    const before = credential();
    const adminId = await signIn(services, 'ADMIN');
    expect(await call('operator:resetPassword', { operatorId: armId, password: 'court' })).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', field: 'password' } });
    expect(await call('operator:resetPassword', { operatorId: armId, password: 'nouveau-secret-456' })).toMatchObject({ ok: true, value: { id: armId, active: true } });
    const after = credential();
    expect(after.salt).not.toBe(before.salt);
    expect(after.hash).not.toBe(before.hash);
    expect(JSON.parse(after.params)).toEqual(TEST_SCRYPT);
    expect(events('operator.passwordReset')).toEqual([{ payload: JSON.stringify({ operatorId: armId }), actor_id: adminId, actor_role: 'ADMIN' }]);
    const all = journalFile(services.journal).prepare('SELECT payload FROM events').pluck().all() as string[];
    expect(all.join('\n')).not.toContain('nouveau-secret-456');
    expect(all.join('\n')).not.toContain('court');

    await call('auth:logout', {});
    expect(await call('auth:login', { login: 'arm', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'E_BAD_CREDENTIALS' } });
    expect(await call('auth:login', { login: 'arm', password: 'nouveau-secret-456' })).toMatchObject({ ok: true, value: { session: { operator: { login: 'arm' } } } });

    // Not for a closed account; not for an unknown one.
    await signIn(services, 'ADMIN');
    await call('operator:deactivate', { operatorId: armId });
    expect(await call('operator:resetPassword', { operatorId: armId, password: 'encore-un-autre-1' })).toMatchObject({ ok: false, error: { code: 'E_CONFLICT' } });
    expect(await call('operator:resetPassword', { operatorId: '01900000-0000-7000-8000-000000000000', password: 'encore-un-autre-1' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
  });

  it('only an admin deactivates or resets: a supervisor is refused, and nothing but the refusal is written', async () => {
    const armId = await signIn(services, 'ARM');
    await signIn(services, 'SUPERVISEUR');
    expect(await call('operator:deactivate', { operatorId: armId })).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    expect(await call('operator:resetPassword', { operatorId: armId, password: 'pris-par-un-autre' })).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    expect(events('operator.deactivated')).toEqual([]);
    expect(events('operator.passwordReset')).toEqual([]);
    expect(events('security.refused').map((e) => e.payload).join('\n')).not.toContain('pris-par-un-autre');
  });
});
