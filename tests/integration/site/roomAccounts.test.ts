import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalFile } from '../../support/journalFile';
import { postgresProblem } from '../../support/postgres';
import { openRoom, until, type Desk, type TestRoom } from '../../support/room';

const problem = postgresProblem();
const IT = { id: 'console:it', role: 'ADMIN' } as const;

describe.skipIf(problem !== null)('room-wide accounts through a real site on PostgreSQL', () => {
  let room: TestRoom;
  let a: Desk;
  let b: Desk;
  let c: Desk;

  beforeAll(async () => {
    room = await openRoom('room_accounts', [{ id: 'arm-01' }, { id: 'mru-01' }, { id: 'mrl-01' }]);
    [a, b, c] = room.desks as [Desk, Desk, Desk];
  }, 60_000);
  afterAll(async () => {
    await room?.close();
  });

  it('an account made on one desk signs in on every desk, also while the site is away; the password itself never travels', async () => {
    const created = await a.services.auth.createOperator({ login: 'dr.room', displayName: 'Dr Room', role: 'MRU', password: 'secret-de-salle-1', rpps: null }, IT);
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : '';
    await until(room.settled, 'account synced');
    for (const d of [b, c]) {
      expect(d.services.journal.operators.byLogin('dr.room')).toMatchObject({ id, role: 'MRU', active: true });
      expect(d.services.journal.credentials.get(id)).toEqual(a.services.journal.credentials.get(id));
    }
    // The site's log carries the hash (base64 scrypt), never the password.
    const logged = await room.site.store.pool.query<{ payload: string }>("SELECT payload::text AS payload FROM site_events WHERE type = 'operator.created'");
    expect(logged.rows.length).toBeGreaterThan(0);
    expect(logged.rows.map((r) => r.payload).join()).not.toContain('secret-de-salle-1');
    expect(JSON.parse(logged.rows.at(-1)!.payload)).toMatchObject({ operatorId: id, credential: { algorithm: 'scrypt', hash: a.services.journal.credentials.get(id)!.hash } });

    await room.stopSite();
    await until(() => b.services.site!.status().state === 'offline', 'desk B sees the site away');
    expect(await b.services.auth.login({ login: 'dr.room', password: 'faux-mot-de-passe' })).toMatchObject({ ok: false, error: { code: 'E_BAD_CREDENTIALS' } });
    expect(await b.services.auth.login({ login: 'dr.room', password: 'secret-de-salle-1' })).toMatchObject({ ok: true, value: { session: { operator: { login: 'dr.room' } } } });
    expect(await c.services.auth.login({ login: 'dr.room', password: 'secret-de-salle-1' })).toMatchObject({ ok: true });
    await room.startSite();
    await until(room.settled, 'offline sign-ins pushed', 20_000);
    // The offline sign-ins opened sessions on the site: the operator's work at desk B is accepted.
    expect(b.services.journal.siteSync.refusedCount()).toBe(0);
    // The supervisor's floor view at desk A: who is signed in where, from the synced session events.
    const posts = a.services.indicators.floor().posts;
    expect(posts.map((p) => [p.post, p.operator?.displayName ?? null])).toEqual([
      ['arm-01', null],
      ['mrl-01', 'Dr Room'],
      ['mru-01', 'Dr Room'],
    ]);
  }, 60_000);

  it('a password reset on one desk is the password on every desk', async () => {
    const id = a.services.journal.operators.byLogin('dr.room')!.id;
    expect(await a.services.auth.resetPassword({ operatorId: id, password: 'nouveau-secret-2' }, IT)).toMatchObject({ ok: true });
    await until(() => c.services.journal.credentials.get(id)?.hash === a.services.journal.credentials.get(id)!.hash, 'new hash on desk C');
    await c.services.auth.logout();
    expect(await c.services.auth.login({ login: 'dr.room', password: 'secret-de-salle-1' })).toMatchObject({ ok: false, error: { code: 'E_BAD_CREDENTIALS' } });
    expect(await c.services.auth.login({ login: 'dr.room', password: 'nouveau-secret-2' })).toMatchObject({ ok: true });
  }, 30_000);

  it('a deactivation on one desk ends the operator’s session on every desk', async () => {
    const id = a.services.journal.operators.byLogin('dr.room')!.id;
    expect(b.services.auth.status()).toMatchObject({ ok: true, value: { session: { operator: { id } } } });
    expect(a.services.auth.deactivateOperator({ operatorId: id }, IT)).toMatchObject({ ok: true, value: { active: false } });
    await until(() => [b, c].every((d) => d.services.auth.status().ok && (d.services.auth.status() as { value: { session: unknown } }).value.session === null), 'sessions ended on B and C');
    expect(b.services.auth.current()).toBeNull();
    expect(await b.services.auth.login({ login: 'dr.room', password: 'nouveau-secret-2' })).toMatchObject({ ok: false });
    const deactivations = journalFile(c.services.journal).prepare<[], string>("SELECT workstation FROM events WHERE type = 'operator.deactivated'").pluck().all();
    expect(deactivations).toEqual(['arm-01']);
    expect(a.services.indicators.floor().posts.map((p) => p.post)).toEqual(['arm-01']);
  }, 30_000);
});
