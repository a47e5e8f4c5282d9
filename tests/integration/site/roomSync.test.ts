import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dossier } from '../../../shared/domain/dossier';
import { SiteLink } from '../../../electron/services/sync/siteLink';
import { journalFile } from '../../support/journalFile';
import { postgresProblem } from '../../support/postgres';
import { openRoom, until, type Desk, type TestRoom } from '../../support/room';

const problem = postgresProblem();

describe.skipIf(problem !== null)('the room: three desks synced through a real site on PostgreSQL', () => {
  let room: TestRoom;
  let arm: Desk;
  let mru1: Desk;
  let mru2: Desk;
  const ids = (desk: Desk) => journalFile(desk.services.journal).prepare<[], string>('SELECT id FROM events ORDER BY seq').pluck().all();

  beforeAll(async () => {
    room = await openRoom('room_test', [
      { id: 'arm-01', signIn: { role: 'ARM', login: 'arm.durand', name: 'Mme Durand' } },
      { id: 'mru-01', signIn: { role: 'MRU', login: 'dr.martin', name: 'Dr Martin' } },
      { id: 'mru-02', signIn: { role: 'MRU', login: 'dr.petit', name: 'Dr Petit' } },
    ]);
    [arm, mru1, mru2] = room.desks as [Desk, Desk, Desk];
  }, 60_000);
  afterAll(async () => {
    await room?.close();
  });

  it('a P1 dossier saved at the ARM desk appears in the physicians’ queues; numbers carry the desk’s block', async () => {
    const d = await arm.call<Dossier>('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'douleur thoracique', priority: 'P1' });
    expect(d.localNumber).toMatch(/^DRFR15690\d{5}01001$/);
    await until(() => mru1.services.journal.queues.active().some((e) => e.id === d.id) && mru2.services.journal.queues.active().some((e) => e.id === d.id), 'dossier in both MRU queues');
    const remote = journalFile(mru1.services.journal).prepare<[string], { workstation: string; actor_role: string }>('SELECT workstation, actor_role FROM events WHERE id = (SELECT id FROM events WHERE dossier_id = ? ORDER BY seq LIMIT 1)').get(d.id);
    expect(remote).toEqual({ workstation: 'arm-01', actor_role: 'ARM' });
  });

  it('two physicians take the same dossier at once: exactly one gets it on every desk, the other is told who', async () => {
    const d = await arm.call<Dossier>('dossier:create', { callerPhone: '06 12 34 56 79', motive: 'dyspnée', priority: 'P1' });
    await until(() => !!mru1.services.journal.dossiers.get(d.id) && !!mru2.services.journal.dossiers.get(d.id), 'dossier on both MRU desks');
    await Promise.all([mru1.call('dossier:take', { dossierId: d.id }), mru2.call('dossier:take', { dossierId: d.id })]);
    await until(() => {
      const regs = [arm, mru1, mru2].map((x) => x.services.journal.dossiers.get(d.id)?.regulator?.id);
      return regs[0] !== undefined && regs.every((r) => r === regs[0]) && [mru1, mru2].some((x) => x.services.journal.siteSync.conflictsOf(x.id).some((c) => c.dossier_id === d.id));
    }, 'one regulator everywhere and a conflict at the loser');
    const winnerId = arm.services.journal.dossiers.get(d.id)!.regulator!.id;
    const loser = mru1.services.journal.siteSync.conflictsOf('mru-01').some((c) => c.dossier_id === d.id) ? mru1 : mru2;
    const conflict = JSON.parse(loser.services.journal.siteSync.conflictsOf(loser.id).find((c) => c.dossier_id === d.id)!.payload);
    expect(conflict).toMatchObject({ step: 'take', winner: { actorId: winnerId, name: loser === mru1 ? 'Dr Petit' : 'Dr Martin' } });
    const winner = loser === mru1 ? mru2 : mru1;
    expect(winner.services.journal.siteSync.conflictsOf(winner.id).some((c) => c.dossier_id === d.id)).toBe(false);
  });

  it('desks that follow apply a save announced by the site without pulling it', async () => {
    await until(async () => {
      const head = await room.site.store.head();
      return [arm, mru1, mru2].every((x) => x.services.journal.siteSync.pulledPos() === head && x.services.site!.status().pending === 0);
    }, 'every desk up to date');
    for (const x of [arm, mru1, mru2]) await x.services.site!.idle();
    const pull = SiteLink.prototype.pull;
    const pulls: number[] = [];
    const spy = vi.spyOn(SiteLink.prototype, 'pull').mockImplementation(function (this: SiteLink, after: number, limit: number) {
      pulls.push(after);
      return pull.call(this, after, limit);
    });
    try {
      const d = await arm.call<Dossier>('dossier:create', { callerPhone: '06 12 34 56 71', motive: 'malaise', priority: 'P1' });
      await until(() => !!mru1.services.journal.dossiers.get(d.id) && !!mru2.services.journal.dossiers.get(d.id), 'dossier on both MRU desks');
      const head = await room.site.store.head();
      await until(() => [arm, mru1, mru2].every((x) => x.services.journal.siteSync.pulledPos() === head), 'every desk at the head');
      expect(pulls).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('the site away: desks keep working, then push and pull; every event everywhere exactly once, chains verified', async () => {
    await room.stopSite();
    await until(() => arm.services.site!.status().state === 'offline', 'ARM sees the site away');
    const offline: Dossier[] = [];
    for (let i = 0; i < 5; i++) offline.push(await arm.call<Dossier>('dossier:create', { callerPhone: '06 12 34 56 70', motive: `hors ligne ${i}`, priority: 'P2' }));
    const status = arm.services.site!.status();
    expect(status.pending).toBeGreaterThanOrEqual(5);
    expect(status.offlineSince).not.toBeNull();
    await room.startSite();
    await until(() => [arm, mru1, mru2].every((x) => x.services.site!.status().pending === 0), 'everything pushed', 20_000);
    await until(async () => {
      const head = await room.site.store.head();
      return [arm, mru1, mru2].every((x) => x.services.journal.siteSync.pulledPos() === head);
    }, 'everything pulled', 20_000);
    for (const x of [mru1, mru2]) for (const o of offline) expect(x.services.journal.dossiers.get(o.id)?.motive).toBe(o.motive);
    const all = [arm, mru1, mru2].map(ids);
    for (const list of all) expect(new Set(list).size).toBe(list.length);
    const { events } = await room.site.store.pull(0, 2000);
    const siteIds = events.map((e) => e.id).sort();
    for (const list of all) expect([...list].sort()).toEqual(siteIds);
    for (const x of [arm, mru1, mru2]) expect(x.services.journal.verify().ok).toBe(true);
    expect((await room.site.store.verifyChain()).ok).toBe(true);
  }, 60_000);
});
