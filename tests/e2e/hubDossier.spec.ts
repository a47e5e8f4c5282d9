import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessProcess } from './harnessProcess';
import { expect, pointerEvents, test } from './fixtures';

/**
 * Issue 6 in the ARM's dossier screen, keyboard only: the Hub Santé transmission of each message
 * (no Hub on this workstation: waiting, never "transmis"), and INT_L01 — the palette opens the SAS
 * platform's search pre-filled from the dossier (the harness's browser opens it in a new page).
 */
test('transmission status in the dossier screen, and the SAS platform search from the palette', async ({ page, dataDir }) => {
  const config = join(dataDir, 'workstation.json');
  writeFileSync(
    config,
    JSON.stringify({ siteCode: '690', siteName: 'SAMU 69 — test', departement: '69', workstationId: 'arm-690-1', dataDir, timeZone: 'Europe/Paris', geo: { banBaseUrl: null, timeoutMs: 2000 }, sas: { baseUrl: 'https://sas.plateforme.test', origin: 'SAMU69' } }),
  );
  const harness = await HarnessProcess.start(dataDir, ['--config', config, '--demo-operators']);
  try {
    // The platform is not reachable from the test machine: answer for it.
    await page.context().route('https://sas.plateforme.test/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>SAS</title>' }));
    await page.goto(harness.url);
    await expect(page.getByTestId('queue-list')).toBeVisible();
    await page.keyboard.press('F2');
    await page.keyboard.type('06 12 34 56 78');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Fièvre depuis deux jours');
    await page.keyboard.press('Tab');
    await page.keyboard.press('2');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Enregistré');

    // Issue 13 §6: nothing is queued before a person shares the dossier, and the screen says so.
    await expect(page.getByTestId('transmissions-none')).toContainText('non partagé : rien de ce dossier n’a quitté le centre');
    await expect(page.getByTestId('transmission')).toHaveCount(0);
    await expect(page.getByTestId('transmissions')).not.toContainText('transmis (');
    // "Partager avec…" shows what would go and what never goes; no partner on this post, so nothing can.
    await page.keyboard.press('Alt+Shift+k');
    await expect(page.getByTestId('share')).toBeVisible();
    await expect(page.getByTestId('share-status')).toContainText('Aucun partenaire Hub Santé configuré sur ce poste');
    await expect(page.getByTestId('share-never')).toContainText('NIR (INS) du patient');
    await expect(page.getByTestId('share-never')).toContainText('Notes médicales du régulateur');
    await expect(page.getByTestId('share-message')).toContainText('"interventionType": "T1"');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: test.info().outputPath('share-panel.png') });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('share')).toHaveCount(0);
    await expect(page.getByTestId('transmission')).toHaveCount(0);

    await page.keyboard.press('Control+k');
    await page.keyboard.type('plateforme SAS');
    const popup = page.context().waitForEvent('page');
    await page.keyboard.press('Enter');
    const opened = await popup;
    await opened.waitForLoadState();
    expect(opened.url()).toBe('https://sas.plateforme.test/sas/recherche?origin=SAMU69');
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});
