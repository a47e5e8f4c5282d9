import type { Page } from '@playwright/test';
import { VILLAGE_SUNDAY_NIGHT, writeVillageScene } from '../support/referenceFiles';
import { expect, signIn } from './fixtures';
import { HarnessProcess } from './harnessProcess';

/**
 * The orientation specs' scene (issue 14): Sunday 23:40 in the Monts du Lyonnais, the services'
 * clock stopped there, the village's address index and every reference pack IT imports.
 */
export async function startVillageHarness(dataDir: string, options: { extraArgs?: readonly string[]; networkDown?: boolean } = {}): Promise<HarnessProcess> {
  const files = writeVillageScene(dataDir);
  const packs = (['pharmacies', 'rotas', 'rpps'] as const).flatMap((kind) => ['--pack', `${kind}=${files[kind]}`]);
  // Nothing listens on port 9 of the loopback: the national address service is unreachable.
  const previous = process.env.PLATEAU_BAN_URL;
  if (options.networkDown) process.env.PLATEAU_BAN_URL = 'http://127.0.0.1:9';
  try {
    return await HarnessProcess.start(dataDir, ['--operator', 'none', '--clock-at', VILLAGE_SUNDAY_NIGHT, '--ban-csv', files.ban, ...packs, ...(options.extraArgs ?? [])]);
  } finally {
    if (previous === undefined) delete process.env.PLATEAU_BAN_URL;
    else process.env.PLATEAU_BAN_URL = previous;
  }
}

/**
 * The call-taker's part, keyboard only: a P2 dossier for a caller at 7 route de la Vallée,
 * located from the offline address index, routed to the SNP regulator.
 */
export async function takeVillageCall(page: Page, motive: string, options: { networkDown?: boolean } = {}): Promise<void> {
  await signIn(page, 'arm');
  await page.keyboard.press('F2');
  await page.keyboard.type('06 12 34 56 78');
  await page.keyboard.press('Tab');
  await page.keyboard.type(motive);
  await page.keyboard.press('Tab');
  await page.keyboard.press('2');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-status')).toContainText('Enregistré');
  await expect(page.getByLabel('Adresse')).toBeFocused();
  await page.keyboard.type('7 route de la vall');
  await expect(page.getByTestId('address-source')).toContainText('index hors ligne');
  if (options.networkDown) await expect(page.getByTestId('address-source')).toContainText('injoignable');
  // The offline index says how old it is (imported "today": the BAN file carries no date).
  await expect(page.getByTestId('address-age')).toContainText('adresses : données du 06/12, 0 jour');
  await expect(page.getByTestId('address-field').getByRole('option').first()).toContainText('7 Route de la Vallée');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('address-field')).toContainText('Localisé : 7 Route de la Vallée 69690 Brussieu');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Orienter vers SNP');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('routing-status')).toContainText('SNP');
}
