import { expect, pointerEvents, switchTo, test } from './fixtures';
import { startVillageHarness, takeVillageCall } from './villageScene';

/**
 * The pharmacy on duty (issue 14), keyboard only: Sunday 23:40, a caller in a village of the
 * Monts du Lyonnais needs a medicine; the network is down (the national address service does not
 * answer), so the address comes from the offline index and the pharmacies from the packs IT imported.
 */
test('a regulator finds the pharmacy on duty for a village dossier on Sunday at 23:40, network down, keyboard only', async ({ page, dataDir }, testInfo) => {
  // Room for a loaded machine: the harness imports four packs before it answers.
  test.setTimeout(180_000);
  const harness = await startVillageHarness(dataDir, { networkDown: true });
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(harness.url);
    await takeVillageCall(page, 'Besoin d’un antibiotique prescrit ce soir, ordonnance en main', { networkDown: true });

    await switchTo(page, 'mrl');
    await page.keyboard.press('F8');
    await expect(page.getByTestId('regulation')).toContainText('Besoin d’un antibiotique');

    // One key from the workspace: the officines on duty now (site clock), nearest first.
    await page.keyboard.press('Alt+g');
    const panel = page.getByTestId('pharmacy-panel');
    await expect(panel).toBeVisible();
    const list = page.getByTestId('pharmacy-list');
    await expect(list).toBeFocused();
    await expect(page.getByTestId('pharmacy-coverage')).toContainText('3 pharmacie(s) de garde le 06/12/2026 23:40');
    await expect(page.getByTestId('pharmacy-ages')).toContainText('pharmacies : données du 02/12, 4 jours');
    await expect(page.getByTestId('pharmacy-ages')).toContainText('gardes : données du');
    const options = list.getByRole('option');
    await expect(options).toHaveCount(3);
    await expect(options.nth(0)).toContainText('Pharmacie du Bourg');
    await expect(options.nth(0)).toContainText('0,3 km');
    await expect(options.nth(0)).toContainText('04 78 45 10 10');
    await expect(options.nth(0)).toContainText('jusqu’à 07/12/2026 09:00');
    await expect(options.nth(1)).toContainText('Pharmacie des Monts');
    await expect(options.nth(2)).toContainText('distance inconnue');
    await page.screenshot({ path: testInfo.outputPath('pharmacy-panel.png') });

    // Another time: Monday 10:30, nobody is on duty, said plainly with when the rota resumes.
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByLabel('Heure (heure du site, AAAA-MM-JJ HH:MM, Entrée)')).toBeFocused();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('2026-12-07 10:30');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pharmacy-coverage')).toContainText('Aucune pharmacie de garde le 07/12/2026 10:30 : trou dans le tableau de garde, reprise le 07/12/2026 12:00');
    await expect(list).toHaveCount(0);
    await expect(page.getByLabel('Heure (heure du site, AAAA-MM-JJ HH:MM, Entrée)')).toBeFocused();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('2026-12-06 23:40');
    await page.keyboard.press('Enter');
    await expect(list).toBeFocused();

    // The nearest one is the one: Entrée records the decision and gives the text to read.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pharmacy-advice')).toContainText('Pharmacie de garde : Pharmacie du Bourg, 3 R PLACE DE L EGLISE, 69690 BRUSSIEU, téléphone 04 78 45 10 10');
    await page.screenshot({ path: testInfo.outputPath('pharmacy-chosen.png') });
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(page.getByTestId('regulation-decisions')).toContainText('Conseil médical CONSEIL R4 — Pharmacie de garde : Pharmacie du Bourg');
    await expect(page.getByTestId('regulation-facts')).toContainText('DR.DREG.DRPHARMA');
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});
