import { join } from 'node:path';
import { JOURNAL_FILE_NAME } from '../../electron/services/config/workstationConfig';
import { journalFile } from '../support/journalFile';
import { writeBanCsv } from '../support/banCsv';
import { HarnessProcess } from './harnessProcess';
import { expect, pointerEvents, test } from './fixtures';
import { keyboardCounter } from './keyboardCounter';
import { fillAccess, fillCallerAndMotif, locateAddress, typePatient } from './dossierFlows';

test('new call → caller → repeat caller → address (offline index) → patient → motive → priority → route, keyboard only', async ({ page, dataDir }, testInfo) => {
  // The longest keyboard flow of the file: room on a loaded machine (2 cores shared; 60 s ran out once at a load of 10).
  test.setTimeout(180_000);
  const csv = join(dataDir, 'adresses-69.csv');
  writeBanCsv(csv, 2000);
  const harness = await HarnessProcess.start(dataDir, ['--ban-csv', csv]);
  try {
    await page.goto(harness.url);
    await expect(page.getByTestId('queue-list')).toBeVisible();
    // An earlier call from the same number (set up through the services, not the screen).
    const earlier = await page.evaluate(() => window.plateau.createDossier({ callerPhone: '+33612345678', motive: 'Chute la veille', priority: 'P2' }));
    expect(earlier.ok).toBe(true);

    const keys = keyboardCounter(page);
    await keys.press('F2');
    await keys.type('06 12 34 56 78');
    await expect(page.getByTestId('repeat-callers')).toContainText('Chute la veille');
    await keys.press('Tab');
    await keys.type('Malaise, douleur thoracique');
    await keys.press('Tab');
    await keys.press('1');
    await keys.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Enregistré');

    await keys.press('Alt+l');
    await expect(page.getByTestId('linked-status')).toContainText('1');

    // Saved: the focus is already on the address, where the work continues.
    await locateAddress(page, { typed: '12 rue de la rep', source: 'index hors ligne', offered: '12 Rue de la République', located: 'Localisé : 12 Rue de la République 69002 Lyon — précision ADRESSE, INSEE 69382' }, { keys });

    // How to get in: saved field by field on leaving each one.
    await fillAccess(page, { floor: '3', doorCode: '12A34', intercom: 'Lefèvre' }, { keys });
    await typePatient(page, { family: 'Lefèvre', given: 'Anne', sex: 'F', birthDate: '2099-01-01' }, { keys });
    await expect(page.getByTestId('patient-status')).toContainText('date de naissance');
    // The typed date is kept, marked; the ARM corrects it in place.
    await expect(page.getByLabel('Date de naissance (AAAA-MM-JJ)')).toBeFocused();
    await expect(page.getByLabel('Date de naissance (AAAA-MM-JJ)')).toHaveAttribute('aria-invalid', 'true');
    await keys.press('Control+a');
    await keys.type('1948-03-12');
    await keys.press('Enter');
    await expect(page.getByTestId('patient-status')).toContainText('Patient enregistré : Lefèvre Anne');

    await keys.press('F9');
    await expect(page.getByTestId('routing-status')).toContainText('Orienté : AMU (urgence)');
    const row = page.getByTestId('queue-row').filter({ hasText: 'Malaise' });
    await expect(row).toContainText('AMU');
    await expect(row).toContainText('P1');

    // The caller's details and the official qualification, still without the mouse: from the
    // birth date, past age, weight, identity check box and the patient list.
    await fillCallerAndMotif(page, { callback: '04 72 11 22 33', callbackShown: '+33472112233', name: 'Mme Lefèvre', typed: 'FAM', type: 'FAMILLE', motif: 'M01.0' }, { keys });
    const stored = await page.evaluate(async () => {
      const rows = await window.plateau.listQueue({});
      const id = rows.ok ? rows.value.entries.find((e) => e.motive.startsWith('Malaise'))!.id : '';
      return window.plateau.getDossier({ dossierId: id });
    });
    expect(stored).toMatchObject({
      ok: true,
      value: {
        caller: { callbackPhone: '+33472112233', name: 'Mme Lefèvre', type: 'FAMILLE' },
        qualification: { motif: expect.stringMatching(/^M01\.0/) },
        location: { inseeCode: '69382', precision: 'ADRESSE', source: 'OFFLINE', floor: '3', doorCode: '12A34', intercom: 'Lefèvre', accessDetails: null },
      },
    });

    const total = keys.count;
    testInfo.annotations.push({ type: 'keystrokes', description: String(total) });
    console.log(`call-taking flow: ${total} keystrokes`);
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});

test('a P0 is never parked: routing it gives an accompanied transfer; a P3 becomes a timed callback', async ({ page, harness }) => {
  await page.goto(harness.url);
  // The screen is there once the session is known: keys pressed before that reach no form.
  await expect(page.getByTestId('queue-list')).toBeVisible();
  await page.keyboard.press('F2');
  await page.keyboard.type('0472112233');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Arrêt cardio-respiratoire');
  await page.keyboard.press('Alt+0');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-status')).toContainText('Enregistré');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('routing-status')).toContainText('transfert accompagné');

  await page.keyboard.press('F2');
  await page.keyboard.type('0472112234');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Renouvellement d’ordonnance');
  await page.keyboard.press('Alt+3');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-status')).toContainText('Enregistré');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('routing-status')).toContainText(/P3 : régulation différée, rappel avant \d\d:\d\d/);
  expect(await pointerEvents(page)).toBe(0);
});

test('a motive found by its words is journaled once, when chosen — not per keystroke', async ({ page, harness, dataDir }) => {
  await page.goto(harness.url);
  await expect(page.getByTestId('queue-list')).toBeVisible();
  await page.keyboard.press('F2');
  await page.keyboard.type('0472112235');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Mal au thorax');
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-status')).toContainText('Enregistré');
  // Straight to the field (the Tab path through the form is the first test's): what is checked
  // here is what the keystrokes in it write.
  const motif = page.getByLabel('Motif (code)');
  await motif.focus();
  await page.keyboard.type('douleur');
  await expect(motif).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('listbox').getByRole('option').filter({ hasText: 'Douleur thoracique' })).toBeVisible();
  await page.keyboard.type(' thora');
  await expect(motif).toHaveAttribute('aria-activedescendant', 'q-motif-opt-M03.06');
  await page.keyboard.press('Enter');
  await expect(motif).toHaveAttribute('data-code', 'M03.06');
  await expect(motif).toHaveValue('M03.06');
  await expect(page.getByTestId('q-motif-label')).toHaveText('Douleur thoracique');
  const journal = join(dataDir, JOURNAL_FILE_NAME);
  const updates = journalFile(journal).prepare<[], string>("SELECT payload FROM events WHERE type = 'dossier.qualificationUpdated'").pluck().all();
  expect(updates).toHaveLength(1);
  expect(updates[0]).toContain('M03.06');
  expect(await pointerEvents(page)).toBe(0);
});
