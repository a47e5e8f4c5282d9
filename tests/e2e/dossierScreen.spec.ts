import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDateTime } from '../../shared/domain/siteTime';
import { HarnessProcess } from './harnessProcess';
import { expect, pointerEvents, test } from './fixtures';

/** A NIR with its key (97 − n mod 97): a woman born in February 1950 in Réunion (974). */
function nirWithKey(body: string): string {
  return body + String(97 - Number(BigInt(body) % 97n)).padStart(2, '0');
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The rest of the ARM's screen, keyboard only, on a Réunion site (times on the site clock):
 * kind and origin, several patients with sex, weight and a qualified INS, repeat callers by
 * patient, notes, the dossier search, opening from the queue, unsaved work kept in the drafts tray.
 */
test('origin and kind, patients, notes, search and queue, on a Réunion site, keyboard only', async ({ page, dataDir }) => {
  const config = join(dataDir, 'workstation.json');
  writeFileSync(
    config,
    JSON.stringify({ siteCode: '974', siteName: 'SAMU 974 — test', departement: '974', workstationId: 'arm-974-1', dataDir, timeZone: 'Indian/Reunion', geo: { banBaseUrl: null, timeoutMs: 2000 } }),
  );
  const harness = await HarnessProcess.start(dataDir, ['--config', config, '--demo-operators']);
  try {
    await page.goto(harness.url);
    await expect(page.getByTestId('queue-list')).toBeVisible();
    // The browser runs on Paris time (playwright.config); the screen shows the site's clock.
    await expect(page.getByTestId('site-clock')).toContainText('Indian/Reunion');
    const shown = (await page.getByTestId('site-clock').textContent())!.slice(0, 5);
    const reunion = formatDateTime(new Date(), 'Indian/Reunion', 'fr').slice(11, 16);
    const paris = formatDateTime(new Date(), 'Europe/Paris', 'fr').slice(11, 16);
    expect(shown).not.toBe(paris);
    // Within the minute it was read (the clock may tick between the two readings).
    expect(Math.abs(minutes(shown) - minutes(reunion)) % 1439).toBeLessThanOrEqual(1);
    // An earlier dossier about the same patient, from another number (set up through the services).
    const earlier = await page.evaluate(async () => {
      const created = await window.plateau.createDossier({ callerPhone: '+262262111111', motive: 'Chute dans l’escalier', priority: 'P2' });
      if (!created.ok) return created;
      await window.plateau.upsertPatient({ dossierId: created.value.id, lastName: 'Payet', firstName: 'Léa', birthDate: '1950-02-03' });
      return created;
    });
    expect(earlier.ok).toBe(true);
    const earlierNumber = earlier.ok ? earlier.value.localNumber : '';
    expect(earlierNumber).toMatch(/^DRFR15974/);

    // Kind and origin chosen before saving: a call on the 116 117 line.
    await page.keyboard.press('F2');
    await page.keyboard.type('+262 692 12 34 56');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Fièvre, enfant de 4 ans');
    await page.keyboard.press('Tab');
    await page.keyboard.press('2');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Type de dossier')).toBeFocused();
    await expect(page.getByLabel('Type de dossier')).toHaveValue('DRM');
    await page.keyboard.press('Tab');
    await page.keyboard.type('116');
    await expect(page.getByLabel('Ligne appelée (origine)')).toHaveValue('116117');
    // A code list completes the code typed; Entrée chooses it (Ctrl+S alone would not).
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Ligne appelée (origine)')).toHaveAttribute('data-code', '116117');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Enregistré — DRFR15974');
    await page.keyboard.press('F9');
    // The 116 117 goes to general practice by default (DOMAIN §1).
    await expect(page.getByTestId('routing-status')).toContainText('SNP');

    // First patient: sex, birth date, weight, qualified identity with its INS.
    await page.keyboard.press('Alt+p');
    await expect(page.getByLabel('Nom du patient', { exact: true })).toBeFocused();
    await page.keyboard.type('Payet');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Léa');
    await page.keyboard.press('Tab');
    await page.keyboard.type('F');
    await expect(page.getByLabel('Sexe')).toHaveValue('F');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1950-02-03');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('62,5');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('INS / NIR (identité qualifiée seulement)')).toBeFocused();
    await page.keyboard.type(nirWithKey('2500297412345'));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('patient-status')).toContainText('Patient enregistré : Payet Léa');
    // The same patient called before from another number: shown, and Alt+L links it.
    await expect(page.getByTestId('repeat-by-patient')).toContainText(earlierNumber);
    await page.keyboard.press('Alt+l');
    await expect(page.getByTestId('linked-status')).toContainText('1');

    // A second patient (the child), with only an age.
    await page.keyboard.press('Alt+p');
    await expect(page.getByLabel('Nom du patient', { exact: true })).toBeFocused();
    await expect(page.getByLabel('Nom du patient', { exact: true })).toHaveValue('');
    await page.keyboard.type('Payet');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Tom');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    await expect(page.getByLabel('Âge (ans)')).toBeFocused();
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('patient-status')).toContainText('Patient enregistré : Payet Tom');
    await expect(page.getByTestId('patient-list')).toContainText('1. Payet Léa · F · 1950-02-03 · 62,5 kg · identité qualifiée');
    await expect(page.getByTestId('patient-list')).toContainText('2. Payet Tom · 4 ans');

    // A note, dated on the Réunion clock.
    await page.keyboard.press('Alt+n');
    await expect(page.getByLabel('Nouvelle note')).toBeFocused();
    await page.keyboard.type('Fièvre à 39,5 depuis hier soir, boit bien.');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('notes-list')).toContainText('Fièvre à 39,5 depuis hier soir, boit bien.');
    await expect(page.getByLabel('Nouvelle note')).toHaveValue('');
    const stored = await page.evaluate(async () => {
      const rows = await window.plateau.listQueue({});
      const id = rows.ok ? rows.value.entries.find((e) => e.motive.startsWith('Fièvre'))!.id : '';
      return window.plateau.getDossier({ dossierId: id });
    });
    if (!stored.ok) throw new Error(stored.error.message);
    expect(stored.value).toMatchObject({ kind: 'DRM', origin: '116117', queue: 'SNP', callerPhone: '+262692123456' });
    expect(stored.value.patients).toMatchObject([
      { lastName: 'Payet', firstName: 'Léa', sex: 'F', birthDate: '1950-02-03', weightKg: 62.5, identityQualified: true, ins: nirWithKey('2500297412345') },
      { lastName: 'Payet', firstName: 'Tom', ageYears: 4, identityQualified: false, ins: null },
    ]);
    const note = stored.value.notes[0]!;
    await expect(page.getByTestId('notes-list')).toContainText(formatDateTime(new Date(note.at), 'Indian/Reunion', 'fr'));

    // Search over every dossier, newest first; Enter opens the one chosen.
    await page.keyboard.press('Control+Shift+F');
    await expect(page.getByTestId('search-overlay')).toBeVisible();
    await page.keyboard.type('escalier');
    await expect(page.getByTestId('search-results')).toContainText(earlierNumber);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('search-overlay')).toBeHidden();
    await expect(page.locator('#dossier-title')).toHaveText(`Dossier ${earlierNumber}`);

    // Typed and unsaved work is put aside, never lost, when another dossier is opened.
    await page.keyboard.press('F2');
    await page.keyboard.type('06 00 00 00 01');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Appel en cours');
    await page.keyboard.press('Alt+q');
    await expect(page.getByTestId('queue-list')).toBeFocused();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect(page.locator('#dossier-title')).toHaveText(/^Dossier DRFR15974/);
    // F2 is always a blank dossier; the unsaved draft waits in the tray, counted in the top bar.
    await page.keyboard.press('F2');
    await expect(page.getByLabel('Téléphone de l’appelant')).toBeFocused();
    await expect(page.getByLabel('Téléphone de l’appelant')).toHaveValue('');
    await expect(page.getByTestId('draft-count')).toContainText('1 brouillon');
    await page.keyboard.press('Shift+F2');
    await expect(page.getByTestId('draft-tray')).toContainText('06 00 00 00 01 · Appel en cours');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('draft-tray')).toBeHidden();
    await expect(page.getByLabel('Téléphone de l’appelant')).toHaveValue('06 00 00 00 01');
    await expect(page.getByLabel('Motif', { exact: true })).toHaveValue('Appel en cours');
    await expect(page.getByLabel('Téléphone de l’appelant')).toBeFocused();
    await expect(page.getByTestId('draft-count')).toBeHidden();

    // Typing a new call and pressing F2 again: two drafts wait. From the palette, one is
    // discarded — Suppr asks, Échap keeps it, Suppr then Entrée throws it away.
    await page.keyboard.press('F2');
    await expect(page.getByLabel('Téléphone de l’appelant')).toHaveValue('');
    await page.keyboard.type('06 00 00 00 02');
    await page.keyboard.press('F2');
    await expect(page.getByTestId('draft-count')).toContainText('2 brouillon');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('brouillons');
    await page.keyboard.press('Enter');
    const tray = page.getByTestId('draft-tray');
    await expect(tray.getByRole('option')).toHaveCount(2);
    await expect(tray.getByRole('option').first()).toContainText('06 00 00 00 02');
    await expect(tray.getByRole('listbox')).toBeFocused();
    await page.keyboard.press('Delete');
    await expect(tray.getByRole('alert')).toContainText('Abandonner le brouillon de 06 00 00 00 02');
    await expect(tray.getByRole('button', { name: 'Abandonner (Entrée)' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(tray.getByRole('alert')).toBeHidden();
    await expect(tray.getByRole('option')).toHaveCount(2);
    // Each key once its target has the focus: an Entrée reaching the list resumes the draft instead
    // (CI once pressed it before the confirmation's button had taken the focus).
    await expect(tray.getByRole('listbox')).toBeFocused();
    await page.keyboard.press('Delete');
    await expect(tray.getByRole('button', { name: 'Abandonner (Entrée)' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(tray.getByRole('option')).toHaveCount(1);
    await expect(tray.getByRole('option')).toContainText('06 00 00 00 01');
    await expect(page.getByTestId('draft-count')).toContainText('1 brouillon');
    await page.keyboard.press('Escape');
    await expect(tray).toBeHidden();
    await expect(page.getByLabel('Téléphone de l’appelant')).toBeFocused();

    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});
