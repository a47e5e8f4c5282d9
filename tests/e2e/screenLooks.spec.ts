import { expect, pointerEvents, setTheme, THEMES, test } from './fixtures';
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
