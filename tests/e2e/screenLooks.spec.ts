import { expect, pointerEvents, setTheme, signIn, switchTo, THEMES, test } from './fixtures';
import { HarnessProcess } from './harnessProcess';

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
for (const size of SIZES) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('sign-in and call-taking screens in the three themes', async ({ page, dataDir }) => {
      test.setTimeout(180_000);
      const harness = await HarnessProcess.start(dataDir, ['--operator', 'none']);
      try {
        await page.goto(harness.url);
        await expect(page.getByLabel('Identifiant')).toBeFocused();
        for (const theme of THEMES) {
          await setTheme(page, theme);
          await expect(page).toHaveScreenshot(`sign-in-${theme}-${size.width}.png`);
        }
        await setTheme(page, 'dark');
        await page.keyboard.type('arm');
        await page.keyboard.press('Tab');
        await page.keyboard.type('plateau-arm');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('operator')).toBeVisible();
        await page.keyboard.press('F2');
        await expect(page.getByLabel('Téléphone de l’appelant')).toBeFocused();
        await page.keyboard.type('06 12 34 56 78');
        await page.keyboard.press('Tab');
        await expect(page.getByLabel('Motif')).toBeFocused();
        await page.keyboard.type('Douleur thoracique depuis vingt minutes, sueurs');
        await page.keyboard.press('Tab');
        await expect(page.getByRole('radio', { name: /P0/ })).toBeFocused();
        for (const theme of THEMES) {
          await setTheme(page, theme);
          await expect(page).toHaveScreenshot(`calls-${theme}-${size.width}.png`, { mask: [page.locator('.site-clock')] });
        }
        expect(await pointerEvents(page)).toBe(0);
      } finally {
        await harness.stop();
      }
    });
  });
}

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

for (const size of SIZES) {
  test.describe(`${size.width}×${size.height} working views`, () => {
    test.use({ viewport: size });

    test('regulation, OSNP, callbacks, floor and call-taking views in the three themes', async ({ page, dataDir }) => {
      test.setTimeout(480_000);
      await page.clock.setFixedTime(new Date(BROWSER_AT));
      const harness = await HarnessProcess.start(dataDir, ['--operator', 'none', '--frozen-clock', SERVICES_AT]);
      const look = async (name: string) => {
        for (const theme of THEMES) {
          await setTheme(page, theme);
          // The journal's line says whether its background chain check has finished yet: masked too.
          await expect(page).toHaveScreenshot(`${name}-${theme}-${size.width}.png`, { mask: [page.locator('.site-clock'), page.getByTestId('journal-status')], timeout: 30_000 });
        }
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
        await page.keyboard.press('F8');
        await expect(page.getByTestId('regulation')).toContainText('Fièvre depuis deux jours');
        await expect(page.getByLabel('Nouvelle note (Entrée pour enregistrer)')).toBeFocused();
        await page.keyboard.type('38,5 °C, bon état général, pas de signe de gravité');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('regulation-notes')).toContainText('pas de signe de gravité');
        await page.keyboard.press('Alt+Shift+o');
        await expect(page.getByLabel('Niveau de soin')).toBeFocused();
        await page.keyboard.type('R3');
        await page.keyboard.press('Tab');
        await page.keyboard.type('CAB');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        await page.keyboard.type('Médecin généraliste en ville, RDV < 48 h');
        await page.keyboard.press('Control+Enter');
        await expect(page.getByTestId('regulation-status')).toContainText('Décision enregistrée : Orientation cabinet de ville (ORIENT CABINET R3)');
        await expect(page.getByTestId('header-decision')).toHaveText('Décision en vigueur : Orientation cabinet de ville ORIENT CABINET R3');
        await look('regulation');

        // The OSNP opens the booking form: patient, decision in force, the 48 h countdown.
        await switchTo(page, 'osnp');
        await page.keyboard.press('Alt+o');
        await expect(page.getByTestId('osnp-row').first().getByRole('button')).toBeFocused();
        await page.keyboard.press('Enter');
        await expect(page.getByLabel('Praticien')).toBeFocused();
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
        await page.keyboard.press('F2');
        await expect(page.getByLabel('Téléphone de l’appelant')).toBeFocused();
        await page.keyboard.type('06 98 76 54 32');
        await page.keyboard.press('Tab');
        await page.keyboard.type('Chute dans l’escalier, douleur de la hanche droite, ne peut pas se relever');
        await page.keyboard.press('Alt+2');
        await page.keyboard.press('Control+s');
        await expect(page.getByTestId('save-status')).toContainText('Enregistré');
        await look('dossier');
        expect(await pointerEvents(page)).toBe(0);
      } finally {
        await harness.stop();
      }
    });
  });
}
