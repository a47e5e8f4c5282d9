import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, pointerEvents, test } from './fixtures';

const JOURNAL = 'plateau-journal.sqlite3';

/** Dossier events only: the harness's demo accounts and sign-in are journaled too. */
function eventsInJournal(dataDir: string): number {
  const db = new Database(join(dataDir, JOURNAL), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events WHERE dossier_id IS NOT NULL').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test('an ARM opens, fills and saves a dossier with the keyboard only; it survives a services kill', async ({ page, harness, dataDir }) => {
  await page.goto(harness.url);
  await expect(page.getByTestId('queue-list')).toBeVisible();
  await expect(page.getByTestId('queue-row')).toHaveCount(0);

  await page.keyboard.press('F2');
  const phone = page.getByLabel('Téléphone de l\u2019appelant').or(page.getByLabel("Téléphone de l'appelant"));
  await expect(phone).toBeFocused();
  await page.keyboard.type('06 12 34 56 78');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Motif')).toBeFocused();
  await page.keyboard.type('Douleur thoracique depuis 20 minutes');
  await page.keyboard.press('Tab');
  await page.keyboard.press('1');
  await expect(page.getByRole('radio', { name: /P1/ })).toBeChecked();

  const before = eventsInJournal(dataDir);
  await page.keyboard.press('Control+s');
  // "Enregistré" may only show once the command is committed: the event is in the file by then.
  await expect(page.getByTestId('save-status')).toContainText('Enregistré');
  expect(eventsInJournal(dataDir)).toBe(before + 1);

  const row = page.getByTestId('queue-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/DRFR15690\d{10}/);
  await expect(row).toContainText('Douleur thoracique');
  await expect(row).toContainText('P1');
  const localNumber = (await row.textContent())!.match(/DRFR15690\d{10}/)![0];

  // Kill the services without a clean shutdown, start them again on the same journal.
  const restarted = await harness.restart('SIGKILL');
  await page.goto(restarted.url);
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  await expect(page.getByTestId('queue-row')).toContainText(localNumber);
  await expect(page.getByTestId('journal-status')).toContainText(/vérifiée|valide/i);

  const verify = spawnSync(process.execPath, ['--import', 'tsx', 'electron/services/journal/cli/verify.ts', join(dataDir, JOURNAL)], { encoding: 'utf8' });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);

  expect(await pointerEvents(page)).toBe(0);
  await restarted.stop();
});

test('the command palette opens a new dossier, and an impossible number is refused at the field', async ({ page, harness, dataDir }) => {
  await page.goto(harness.url);
  await expect(page.getByTestId('queue-list')).toBeVisible();

  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog').getByLabel('Rechercher une commande');
  await expect(search).toBeFocused();
  await page.keyboard.type('nouveau dossier');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('dossier-form')).toBeVisible();

  await page.keyboard.type('12');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Chute dans l’escalier');
  // No priority is preselected: chosen here, so the phone is the only field refused.
  await page.keyboard.press('Alt+2');
  await page.keyboard.press('Control+s');
  const phone = page.getByTestId('dossier-form').locator('[aria-invalid="true"]');
  await expect(phone).toHaveCount(1);
  await expect(page.getByTestId('save-status')).not.toContainText('Enregistré');
  // What was typed is kept, and nothing reached the journal.
  await expect(page.getByLabel('Motif')).toHaveValue('Chute dans l’escalier');
  expect(eventsInJournal(dataDir)).toBe(0);
  expect(await pointerEvents(page)).toBe(0);
});
