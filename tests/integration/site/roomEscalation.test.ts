import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../shared/domain/dossier';
import type { RunningSite } from '../../../electron/services/site/siteServer';
import { journalFile } from '../../support/journalFile';
import { freshDatabase, postgresProblem, startPostgres, type TestPostgres } from '../../support/postgres';
import { openDesk, startTestSite, until, type Desk } from '../../support/room';
import { makeTempDir } from '../../support/tempDir';

const problem = postgresProblem();

/** Every wait limit at 0: an untaken dossier escalates at the first tick (one threshold). */
const AT_ONCE = { queueLimitsMinutes: { P0: 0, P1: 0, P2: 0, P3: 0, NR: 0 } };

describe.skipIf(problem !== null)('the room: a waiting dossier escalates once per room, not once per desk', () => {
  let server: TestPostgres;
  let settings: TestPostgres['settings'];
  let site: RunningSite;
  let dir: ReturnType<typeof makeTempDir>;
  let arm1: Desk;
  let arm2: Desk;
  const alerts = new Map<string, string[]>();
  const escalationsOn = (desk: Desk, dossierId: string) =>
    journalFile(desk.services.journal)
      .prepare<[string], { id: string; workstation: string }>("SELECT id, workstation FROM events WHERE type = 'queue.waitEscalated' AND dossier_id = ? ORDER BY seq")
      .all(dossierId);
  const settled = async () => {
    await until(() => [arm1, arm2].every((d) => d.services.site!.status().state === 'online' && d.services.site!.status().pending === 0), 'everything pushed', 20_000);
    await until(async () => {
      const head = await site.store.head();
      return [arm1, arm2].every((d) => d.services.journal.siteSync.pulledPos() === head);
    }, 'everything pulled', 20_000);
  };

  beforeAll(async () => {
    dir = makeTempDir('plateau-room-escalation-');
    server = await startPostgres();
    settings = await freshDatabase(server, 'room_escalation');
    site = await startTestSite(settings);
    arm1 = openDesk(dir.path, 'arm-01', 1, site.port, AT_ONCE);
    arm2 = openDesk(dir.path, 'arm-02', 2, site.port, AT_ONCE);
    for (const desk of [arm1, arm2]) {
      alerts.set(desk.id, []);
      desk.services.events.subscribe((channel, payload) => {
        if (channel === 'queue:escalated') alerts.get(desk.id)!.push((payload as { dossierId: string }).dossierId);
      });
    }
    await arm1.signIn('ARM', 'arm.durand', 'Mme Durand');
    await arm2.signIn('ARM', 'arm.morel', 'M. Morel');
    await settled();
  }, 60_000);
  afterAll(async () => {
    for (const d of [arm1, arm2]) await d?.services.close();
    await site?.close();
    await server?.stop();
    dir?.cleanup();
  });

  it('a desk that pulled the escalation writes none of its own, and alerts from the pulled one', async () => {
    const d = await arm1.call<Dossier>('dossier:create', { callerPhone: '06 12 34 56 01', motive: 'malaise', priority: 'P2' });
    await arm1.call('dossier:route', { dossierId: d.id });
    await settled();
    arm1.services.tick();
    expect(escalationsOn(arm1, d.id)).toHaveLength(1);
    await settled();
    arm2.services.tick();
    await settled();
    for (const desk of [arm1, arm2]) expect(escalationsOn(desk, d.id).map((e) => e.workstation)).toEqual(['arm-01']);
    expect(alerts.get('arm-01')!.filter((id) => id === d.id)).toHaveLength(1);
    expect(alerts.get('arm-02')!.filter((id) => id === d.id)).toHaveLength(1);
  }, 60_000);

  it('two desks escalating the same dossier while apart: the site keeps the first, the second is kept overruled, no conflict shown, nobody alerted twice', async () => {
    const d = await arm1.call<Dossier>('dossier:create', { callerPhone: '06 12 34 56 02', motive: 'chute', priority: 'P2' });
    await arm1.call('dossier:route', { dossierId: d.id });
    await settled();
    const port = site.port;
    await site.close();
    await until(() => [arm1, arm2].every((x) => x.services.site!.status().state === 'offline'), 'both desks see the site away');
    arm1.services.tick();
    arm2.services.tick();
    for (const desk of [arm1, arm2]) expect(escalationsOn(desk, d.id)).toHaveLength(1);

    site = await startTestSite(settings, port);
    await settled();

    const { events } = await site.store.pull(0, 5000);
    const onSite = events.filter((e) => e.type === 'queue.waitEscalated' && e.dossierId === d.id);
    expect(onSite).toHaveLength(2);
    expect(onSite.map((e) => e.outcome)).toEqual(['applied', 'overruled']);
    // Nobody lost anything a person did: no conflict for this, on the site or at either desk.
    expect(events.filter((e) => e.type === 'site.conflict' && e.dossierId === d.id)).toEqual([]);
    for (const desk of [arm1, arm2]) expect(desk.services.journal.siteSync.conflictsOf(desk.id).filter((c) => c.dossier_id === d.id)).toEqual([]);

    // Both copies are in every journal (the log keeps them); each desk heard it once — its own, written while apart.
    for (const desk of [arm1, arm2]) expect(escalationsOn(desk, d.id).map((e) => e.id).sort()).toEqual(onSite.map((e) => e.id).sort());
    expect(alerts.get('arm-01')!.filter((id) => id === d.id)).toHaveLength(1);
    expect(alerts.get('arm-02')!.filter((id) => id === d.id)).toHaveLength(1);
    const loser = onSite[1]!;
    for (const desk of [arm1, arm2]) expect(desk.services.journal.siteSync.isOverruled(loser.id)).toBe(true);

    // Back in the room, another tick writes nothing more: the occurrence is done on every desk.
    arm1.services.tick();
    arm2.services.tick();
    await settled();
    expect((await site.store.pull(0, 5000)).events.filter((e) => e.type === 'queue.waitEscalated' && e.dossierId === d.id)).toHaveLength(2);
    for (const desk of [arm1, arm2]) expect(desk.services.journal.verify().ok).toBe(true);
    expect((await site.store.verifyChain()).ok).toBe(true);
  }, 90_000);
});
