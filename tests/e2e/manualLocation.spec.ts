import { join } from 'node:path';
import { writeBanCsv } from '../support/banCsv';
import { HarnessProcess } from './harnessProcess';
import { expect, pointerEvents, test } from './fixtures';

/**
 * Issue 13 item 9, as the ARM meets it: a place the address index does not know, entered by hand
 * from the address section — commune from the official list, description, coordinates — with what
 * is wrong said at its field, and "adresse non vérifiée" wherever the dossier shows its address.
 */
test('a place no index knows, entered by hand, keyboard only; bad input said at the field', async ({ page, dataDir }, testInfo) => {
  // A loaded machine: the harness start and the import take their time, the assertions do not change.
  test.setTimeout(180_000);
  const csv = join(dataDir, 'adresses-69.csv');
  writeBanCsv(csv, 400);
  const harness = await HarnessProcess.start(dataDir, ['--ban-csv', csv]);
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(harness.url);
    await expect(page.getByTestId('queue-list')).toBeVisible();
    await page.keyboard.press('F2');
    await page.keyboard.type('06 12 34 56 78');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Accident agricole, homme blessé');
    await page.keyboard.press('Tab');
    await page.keyboard.press('2');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Enregistré');
    await expect(page.getByLabel('Adresse')).toBeFocused();
    await page.keyboard.type('ferme des bruy');
    await expect(page.getByTestId('address-field')).toContainText('Aucune adresse trouvée');
    await expect(page.getByTestId('address-field')).toContainText('Alt+Maj+D');

    // From the palette, then closed with Échap: back on the address field.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('lieu non répertorié');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('manual-location')).toBeVisible();
    await expect(page.getByLabel('Commune (liste officielle)')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('manual-location')).toHaveCount(0);
    await expect(page.getByLabel('Adresse')).toBeFocused();

    // Its key, from the address field.
    await page.keyboard.press('Alt+Shift+D');
    await expect(page.getByLabel('Commune (liste officielle)')).toBeFocused();
    // A commune that is not in the list: said at the commune field, nothing saved.
    await page.keyboard.type('Trifouillis');
    await expect(page.getByTestId('manual-location')).toContainText('Aucune commune de la liste ne correspond');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Description du lieu (repères, sortie, PK, sens de circulation…)')).toBeFocused();
    await page.keyboard.type('ferme des Bruyères, après le lavoir');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('manual-commune-problem')).toHaveText('Commune inconnue de la liste officielle : choisissez-la dans la liste (↓ puis Entrée)');
    await expect(page.getByLabel('Commune (liste officielle)')).toBeFocused();
    await expect(page.getByLabel('Commune (liste officielle)')).toHaveAttribute('aria-invalid', 'true');

    // Chosen from the list by words, accents and case ignored.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('st genis LAV');
    await expect(page.getByTestId('manual-location').getByRole('option').first()).toContainText('Saint-Genis-Laval');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('manual-commune-chosen')).toHaveText('Commune : Saint-Genis-Laval (69202)');
    await expect(page.getByLabel('Description du lieu (repères, sortie, PK, sens de circulation…)')).toBeFocused();

    // A 10 kB description (pasted): refused at the field with its length.
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText('champ '.repeat(1707));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('manual-description-problem')).toContainText('Description trop longue : 10241 caractères, 500 au plus');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('ferme des Bruyères, après le lavoir');

    // Absurd coordinates: said at the coordinates field.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Coordonnées, facultatives (45,7578 4,8320 ou 45°45′28″N 4°49′55″E)')).toBeFocused();
    await page.keyboard.type('123,4 567,8');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('manual-coordinates-problem')).toHaveText('Latitude impossible : entre -90 et 90');
    await page.screenshot({ path: testInfo.outputPath('manual-location-form.png') });
    await page.keyboard.press('Control+a');
    await page.keyboard.type('45,695 4,793');
    await page.keyboard.press('Enter');

    // Saved: the form closes, the address section and the header say it is unverified.
    await expect(page.getByTestId('manual-location')).toHaveCount(0);
    await expect(page.getByTestId('location-unverified')).toHaveText('Adresse non vérifiée : ferme des Bruyères, après le lavoir, 69230 Saint-Genis-Laval — coordonnées 45.695, 4.793');
    await expect(page.getByTestId('header-unverified')).toHaveText('adresse non vérifiée');
    await page.screenshot({ path: testInfo.outputPath('manual-location-saved.png') });

    const stored = await page.evaluate(async () => {
      const rows = await window.plateau.listQueue({});
      const id = rows.ok ? rows.value.entries.find((e) => e.motive.startsWith('Accident agricole'))!.id : '';
      return window.plateau.getDossier({ dossierId: id });
    });
    expect(stored).toMatchObject({
      ok: true,
      value: { location: { source: 'UNVERIFIED', description: 'ferme des Bruyères, après le lavoir', commune: { name: 'Saint-Genis-Laval', inseeCode: '69202', listed: true }, lat: 45.695, lon: 4.793 } },
    });
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});
