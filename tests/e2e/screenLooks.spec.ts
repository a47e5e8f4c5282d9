import type { Page } from '@playwright/test';
import { expect, pointerEvents, setTheme, signIn, switchTo, THEMES, test } from './fixtures';
import { HarnessProcess } from './harnessProcess';
import { decideOrientCabinet, openOsnpBooking, takeCall, takeNextDossier, writeNote } from './dossierFlows';

/**
 * What the main screens look like, compared with committed reference images
 * (`screenLooks.spec.ts-snapshots/`): the sign-in screen and the call-taker's form with a typed
 * call, at the three supported sizes and in the three themes. Deterministic: a fresh journal, the
 * same keystrokes, the site clock masked. After a deliberate change of the look:
 * `npx playwright test tests/e2e/screenLooks.spec.ts --update-snapshots`, then look at the images.
 */

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1600, height: 1000 },
  { width: 1920, height: 1080 },
] as const;
/**
 * Each screen is brought up once and shot at every size (the window resized) in every theme: one
 * flow, not one a size. The flow itself runs at the smallest size, as the references were made:
 * text laid out at 1920 and then narrowed may land a subpixel off (seen once in the dossier header).
 */
async function atEverySize(page: Page, shoot: (width: number) => Promise<void>): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await shoot(size.width);
  }
  await page.setViewportSize(SIZES[0]);
}

test('sign-in and call-taking screens at the three sizes in the three themes', async ({ page, dataDir }) => {
  test.setTimeout(300_000);
  await page.setViewportSize(SIZES[0]);
  const harness = await HarnessProcess.start(dataDir, ['--operator', 'none']);
  try {
    await page.goto(harness.url);
    await expect(page.getByLabel('Identifiant')).toBeFocused();
    await atEverySize(page, async (width) => {
      for (const theme of THEMES) {
        await setTheme(page, theme);
        await expect(page).toHaveScreenshot(`sign-in-${theme}-${width}.png`);
      }
    });
    await setTheme(page, 'dark');
    await signIn(page, 'arm');
    await page.keyboard.press('F2');
    await expect(page.getByLabel('Téléphone de l’appelant')).toBeFocused();
    await page.keyboard.type('06 12 34 56 78');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Motif')).toBeFocused();
    await page.keyboard.type('Douleur thoracique depuis vingt minutes, sueurs');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('radio', { name: /P0/ })).toBeFocused();
    await atEverySize(page, async (width) => {
      for (const theme of THEMES) {
        await setTheme(page, theme);
        await expect(page).toHaveScreenshot(`calls-${theme}-${width}.png`, { mask: [page.locator('.site-clock')] });
      }
    });
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});

/**
 * The working views with data in them — the regulator's dossier with a decision, the OSNP's
 * booking form, the callback list, the supervisor's floor and a dossier being filled by an ARM —
 * at the three sizes in the three themes. Deterministic: the services' clock stands still
 * (--frozen-clock) and the browser's is fixed five minutes later (page.clock), so numbers, times,
 * waiting times and the 48 h countdown are the same at every run; only the site clock in the top
 * bar (the workstation's real time) and the journal's check status are masked.
 */
const SERVICES_AT = '2026-12-07T08:30:00.000Z';
const BROWSER_AT = '2026-12-07T08:35:00.000Z';

test('regulation, OSNP, callbacks, floor and call-taking views at the three sizes in the three themes', async ({ page, dataDir }) => {
  test.setTimeout(600_000);
  await page.setViewportSize(SIZES[0]);
  await page.clock.setFixedTime(new Date(BROWSER_AT));
  const harness = await HarnessProcess.start(dataDir, ['--operator', 'none', '--frozen-clock', SERVICES_AT]);
  const look = async (name: string) => {
    await atEverySize(page, async (width) => {
      for (const theme of THEMES) {
        await setTheme(page, theme);
        // The journal's line says whether its background chain check has finished yet: masked too.
        await expect(page).toHaveScreenshot(`${name}-${theme}-${width}.png`, { mask: [page.locator('.site-clock'), page.getByTestId('journal-status')], timeout: 30_000 });
      }
    });
    await setTheme(page, 'dark');
  };
  try {
    await page.goto(harness.url);
    await signIn(page, 'arm');
    // The room's morning, set up through the services as the ARM: a GP-branch fever and a P3
    // that becomes a timed callback.
    await page.evaluate(async () => {
      const p = window.plateau;
      const fever = await p.createDossier({ callerPhone: '06 12 34 56 78', motive: 'Fièvre depuis deux jours, pas de médecin traitant', priority: 'P2' });
      if (fever.ok) await p.routeDossier({ dossierId: fever.value.id, queue: 'SNP' });
      const renewal = await p.createDossier({ callerPhone: '04 78 00 00 01', motive: 'Renouvellement d’ordonnance', priority: 'P3' });
      if (renewal.ok) await p.routeDossier({ dossierId: renewal.value.id });
    });

    // The GP regulator takes the fever, writes a note and decides ORIENT CABINET.
    await switchTo(page, 'mrl');
    await takeNextDossier(page, 'Fièvre depuis deux jours');
    await writeNote(page, '38,5 °C, bon état général, pas de signe de gravité');
    await decideOrientCabinet(page, 'Médecin généraliste en ville, RDV < 48 h', { submit: 'Control+Enter' });
    await expect(page.getByTestId('regulation-status')).toContainText('Décision enregistrée : Orientation cabinet de ville (ORIENT CABINET R3)');
    await expect(page.getByTestId('header-decision')).toHaveText('Décision en vigueur : Orientation cabinet de ville ORIENT CABINET R3');
    await look('regulation');

    // The OSNP opens the booking form: patient, decision in force, the 48 h countdown.
    await switchTo(page, 'osnp');
    await openOsnpBooking(page, 'Fièvre depuis deux jours');
    await expect(page.getByTestId('osnp-countdown')).toHaveText('reste 47 h 55');
    await expect(page.getByTestId('osnp-decision')).toHaveText('Orientation cabinet de ville ORIENT CABINET R3');
    await look('osnp');

    // The supervisor's home: the callback list with the deferred P3; then the live floor.
    await switchTo(page, 'superviseur');
    await expect(page.getByTestId('callback-list')).toContainText('+33478000001');
    await look('callbacks');
    await page.keyboard.press('Alt+Shift+s');
    await expect(page.getByTestId('floor')).toBeVisible();
    await expect(page.getByTestId('floor-callbacks')).toBeVisible();
    await look('floor');

    // An ARM filling a dossier: caller, motive, priority, saved; the header says where it stands.
    await switchTo(page, 'arm');
    await takeCall(page, { phone: '06 98 76 54 32', motive: 'Chute dans l’escalier, douleur de la hanche droite, ne peut pas se relever', priority: '2' });
    await look('dossier');
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});
