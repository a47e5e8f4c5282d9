import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PULL_EVENTS } from '../../../shared/api/siteProtocol';
import { DOSSIER_NOTICES_PER_PAGE } from '../../../electron/services/sync/appliedNotices';
import type { RunningSite } from '../../../electron/services/site/siteServer';
import { SiteStore } from '../../../electron/services/site/store/siteStore';
import { freshDatabase, postgresProblem, startPostgres, type TestPostgres } from '../../support/postgres';
import { openDesk, startTestSite, until, type Desk } from '../../support/room';
import { DeskEvents, operator } from '../../support/siteEvents';
import { makeTempDir } from '../../support/tempDir';

const problem = postgresProblem();
const DOSSIERS = 6_000;

describe.skipIf(problem !== null)('a desk catching up tells its screens once per page, not once per dossier', () => {
  let server: TestPostgres;
  let site: RunningSite;
  let dir: ReturnType<typeof makeTempDir>;
  let desk: Desk | null = null;
  const ids: string[] = [];

  beforeAll(async () => {
    dir = makeTempDir('plateau-notices-');
    server = await startPostgres();
    const settings = await freshDatabase(server, 'notices_test');
    const store = await SiteStore.open(settings, '690');
    const arm = operator('arm.notices', 'ARM');
    const other = new DeskEvents('arm-02');
    await store.append('arm-02', randomUUID(), [other.operatorCreated(arm), other.login(arm)]);
    for (let k = 0; k < DOSSIERS; k += 500) {
      const batch = Array.from({ length: 500 }, (_, i) => other.dossierCreated(arm, uuidv7(), 'P1', String(k + i + 1).padStart(7, '0')));
      ids.push(...batch.map((e) => e.dossierId!));
      await store.append('arm-02', randomUUID(), batch);
    }
    await store.close();
    site = await startTestSite(settings);
  }, 180_000);
  afterAll(async () => {
    await desk?.services.close();
    await site?.close();
    await server?.stop();
    dir?.cleanup();
  });

  it(`applies ${DOSSIERS.toLocaleString('en')} dossiers in pages with one dossiers:changed each, then a live save names its dossier`, async () => {
    const head = await site.store.head();
    desk = openDesk(dir.path, 'mru-30', 30, site.port);
    const seen = { one: 0, many: [] as number[] };
    desk.services.events.subscribe((channel, payload) => {
      if (channel === 'dossier:changed') seen.one += 1;
      if (channel === 'dossiers:changed') seen.many.push((payload as { count: number }).count);
    });
    await until(() => desk!.services.journal.siteSync.pulledPos() === head, 'caught up', 120_000);
    expect(ids.every((id) => desk!.services.journal.dossiers.get(id) !== undefined)).toBe(true);
    // O(pages): at most one notice per page of the pull, each counting its page's dossiers.
    const pages = Math.ceil(head / MAX_PULL_EVENTS);
    expect(seen.many.length).toBeGreaterThan(0);
    expect(seen.many.length).toBeLessThanOrEqual(pages);
    expect(seen.many.reduce((a, b) => a + b, 0) + seen.one).toBe(DOSSIERS);
    expect(seen.one).toBeLessThanOrEqual(DOSSIER_NOTICES_PER_PAGE * pages);

    // Live: another desk's save, one event, names its dossier.
    const b = openDesk(dir.path, 'arm-31', 31, site.port);
    try {
      await b.signIn('ARM', 'arm.live');
      await until(() => b.services.site!.status().state === 'online', 'the other desk online');
      const before = seen.one;
      const named = new Promise<string>((resolve) => desk!.services.events.subscribe((channel, payload) => channel === 'dossier:changed' && resolve((payload as { dossierId: string }).dossierId)));
      const d = await b.call<{ id: string }>('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'live', priority: 'P1' });
      expect(await named).toBe(d.id);
      expect(seen.one).toBe(before + 1);
    } finally {
      await b.services.close();
    }
  }, 240_000);
});
