import { startHarness, type Harness } from '../harness/server';
import { SiteStore } from '../../electron/services/site/store/siteStore';
import type { RunningSite } from '../../electron/services/site/siteServer';
import { writeRoomLog } from '../bench/roomFixture';
import { freshDatabase, postgresProblem, startPostgres, type TestPostgres } from '../support/postgres';
import { startTestSite } from '../support/room';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { expect, pointerEvents, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

/**
 * Issue 12 item 7 as a new desk meets it, keyboard only: a desk with a `site` section joins a room
 * of 25,000 events (a real site on a real PostgreSQL, its log pages served 1.5 s apart as by a busy
 * site, so that the history takes long enough to be seen on a fast machine). The bar under the top bar says how far it
 * is; once the open dossiers are in it says the desk is usable and which history is missing, a
 * room account signs in while the history still comes, the queue says it may be incomplete, and
 * Tab reaches the progress text.
 */
test('a new desk joining the room: progress bar, usable once the open dossiers are in, keyboard only', async ({ page }) => {
  test.skip(postgresProblem() !== null, 'PostgreSQL missing');
  test.setTimeout(600_000);
  const tmp = makeTempDir('plateau-e2e-join-');
  let server: TestPostgres | null = null;
  let site: RunningSite | null = null;
  let harness: Harness | null = null;
  try {
    server = await startPostgres();
    const settings = await freshDatabase(server, 'join_e2e');
    await (await SiteStore.open(settings, '690')).close();
    const room = await writeRoomLog(settings, 25_000, 0.01, 'motdepasse-salle');
    site = await startTestSite(settings);
    const pull = site.store.pull.bind(site.store);
    let pageDelayMs = 1500;
    site.store.pull = async (after, limit) => {
      if (pageDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, pageDelayMs));
      return pull(after, limit);
    };
    harness = await startHarness({ config: testConfig(tmp.path, { workstationId: 'mru-30', site: { url: `ws://127.0.0.1:${site.port}`, deskNumber: 30, tls: null } }) });
    await page.goto(harness.url);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    const bar = page.getByRole('progressbar', { name: 'Arrivée du poste dans la salle' });
    // The accounts and open dossiers first: then a room account signs in on this desk, its history still coming.
    const services = harness.services();
    await expect.poll(() => services.site!.status().join?.stage ?? 'none', { timeout: 240_000 }).toBe('history');
    const account = room.operators[1]!;
    await expect(page.getByLabel('Identifiant')).toBeFocused();
    await page.keyboard.type(account.login);
    await page.keyboard.press('Tab');
    await page.keyboard.type('motdepasse-salle');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('operator')).toBeVisible();
    await expect(bar).toBeVisible();
    await expect(page.getByTestId('site-join-text')).toContainText('Arrivée dans la salle : historique');
    await expect(page.getByTestId('site-join-text')).toContainText('dossiers ouverts reçus, poste utilisable · historique manquant après le');
    await expect(page.getByTestId('site-join-text')).toContainText(/évènements \(\d+ %\)/);
    await expect(page.getByTestId('queue-incomplete').first()).toContainText('poste en cours d’arrivée dans la salle');
    await page.screenshot({ path: test.info().outputPath('room-join.png') });
    // Tab reaches the progress text (a screen reader reads it on demand).
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await bar.evaluate((el) => el === document.activeElement).catch(() => false);
    }
    expect(reached).toBe(true);
    // The slow pages were there for the history to be seen coming, and it has been: the rest of the
    // log comes at the site's own pace rather than 1.5 s a page.
    pageDelayMs = 0;
    // Once the whole log is in, the bar goes and the queue no longer says it may be incomplete.
    await expect(bar).toHaveCount(0, { timeout: 300_000 });
    await expect(page.getByTestId('queue-incomplete')).toHaveCount(0);
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness?.stop();
    await site?.close();
    await server?.stop();
    tmp.cleanup();
  }
});
