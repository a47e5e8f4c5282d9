import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { upsertAppointment } from '../../electron/services/site/hub/siteHubInbox';
import type { Appointment } from '../../electron/services/hub/inboundMessage';
import { freePort } from '../support/hub/freePort';
import { freshDatabase, postgresProblem, startPostgres, type TestPostgres } from '../support/postgres';
import { siteConfigFor } from '../support/room';
import { siteProcess, type SiteProcess } from '../support/siteProcess';
import { HarnessProcess } from './harnessProcess';
import { countPointerEvents, expect, pointerEvents, signIn, switchTo, test } from './fixtures';

/**
 * A room desk tells the truth (issue 12 §5–§7, bad input), in Chromium at 1280×800, keyboard only:
 * one site without a Hub section and one desk. The Hub indicator says the Hub is the site's and not
 * configured, calmly, also with the site away; the SAS appointments the site received are listed at
 * the OSNP desk, and the list says when the site is out of reach; a motive holding a NUL is refused
 * at its field; the supervisor's floor says the room's Hub and site link. Each screen photographed.
 */
const SLOW = 30_000;

test('a room desk: Hub words, the site’s SAS appointments, a NUL refused at its field, the floor view', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const problem = postgresProblem();
  if (problem) throw new Error(`this test needs PostgreSQL 15: ${problem}`);
  const root = mkdtempSync(join(tmpdir(), 'plateau-roomdesk-e2e-'));
  let postgres: TestPostgres | null = null;
  let site: SiteProcess | null = null;
  let harness: HarnessProcess | null = null;
  try {
    postgres = await startPostgres();
    const settings = await freshDatabase(postgres, 'room_desk_e2e');
    const sitePort = await freePort();
    site = siteProcess(join(root, 'site'), { ...siteConfigFor(settings, sitePort) });
    await site.start();
    harness = await HarnessProcess.start(join(root, 'desk'), ['--operator', 'none', '--site', `ws://127.0.0.1:${sitePort}`, '--desk', '1', '--workstation', 'osnp-01']);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await countPointerEvents(page);
    await page.goto(harness.url);
    const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

    await signIn(page, 'osnp', 'fresh', SLOW);
    await expect(page.getByTestId('site-status')).toHaveText('Site : connecté', { timeout: SLOW });
    const hub = page.getByTestId('hub-status');
    await expect(hub).toHaveText('Hub (site) : non configuré');
    await expect(hub).not.toHaveClass(/\bbad\b/);

    await test.step('the SAS platform’s appointment, received by the site, is listed at the OSNP desk', async () => {
      const pool = new pg.Pool(settings);
      try {
        const appointment = { appointmentId: `sas-${randomUUID().slice(0, 8)}`, method: 'CreateAppointment', status: 'booked', start: new Date(Date.now() + 86_400_000).toISOString(), created: new Date().toISOString(), practitioner: { firstName: 'Anne', lastName: 'Martin' } };
        await upsertAppointment(pool, appointment as unknown as Appointment, `fr.health.sas_${randomUUID()}`);
      } finally {
        await pool.end();
      }
      await page.keyboard.press('Alt+o');
      // Listed again whenever the Hub status is told (at the latest every 10 s in a room).
      await expect(page.getByTestId('sas-row')).toContainText('Anne Martin', { timeout: SLOW });
      await shot('1-osnp-sas-from-site');
    });

    await test.step('the site away: the Hub words stay calm, the SAS list says it cannot know', async () => {
      await site!.kill();
      await expect(page.getByTestId('site-status')).toContainText(/^Site injoignable depuis \d\d:\d\d/, { timeout: SLOW });
      await expect(hub).toHaveText('Hub (site) : non configuré');
      await expect(hub).not.toHaveClass(/\bbad\b/);
      await expect(page.getByTestId('sas-to-attach')).toContainText('Site injoignable : les rendez-vous reçus par le site de la salle s’afficheront à son retour', { timeout: SLOW });
      await shot('2-site-away');
      await site!.start();
      await expect(page.getByTestId('site-status')).toHaveText('Site : connecté', { timeout: SLOW });
      await expect(page.getByTestId('sas-row')).toContainText('Anne Martin', { timeout: SLOW });
    });

    await test.step('a NUL pasted in the motive: refused at the field, in words, nothing saved', async () => {
      await switchTo(page, 'arm', SLOW);
      await page.keyboard.press('F2');
      await expect(page.getByLabel('Téléphone de l’appelant')).toBeFocused();
      await page.keyboard.type('06 12 34 56 78');
      await page.keyboard.press('Tab');
      const motive = page.getByLabel('Motif');
      await expect(motive).toBeFocused();
      // What a paste from another program may bring: the keyboard cannot type it.
      await motive.fill('Malaise\u0000 chez une personne âgée');
      await page.keyboard.press('Tab');
      await page.keyboard.press('2');
      await page.keyboard.press('Control+s');
      await expect(motive).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('#motive-error')).toContainText('le champ motif contient un caractère de contrôle invisible');
      await expect(page.getByTestId('save-status')).toContainText('rien n’a été enregistré');
      await shot('3-motive-nul-refused');
    });

    await test.step('the supervisor’s floor at a room desk: the room’s Hub and the site link', async () => {
      await page.keyboard.press('Escape');
      await switchTo(page, 'superviseur', SLOW);
      await page.keyboard.press('Alt+Shift+s');
      await expect(page.getByTestId('floor-hub')).toContainText('géré par le site, qui n’a pas de lien Hub Santé configuré', { timeout: SLOW });
      await expect(page.getByTestId('floor-site')).toContainText('Site : connecté');
      await shot('4-floor-room');
    });
    expect(await pointerEvents(page)).toBe(0);
    await context.close();
  } finally {
    await harness?.stop();
    await site?.stop();
    await postgres?.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
