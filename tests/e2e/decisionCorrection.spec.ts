import { HarnessProcess } from './harnessProcess';
import { expect, pointerEvents, signIn, test } from './fixtures';
import { takeCall } from './dossierFlows';

/** Issue 13 §4: a physician corrects a decision from the keyboard; exactly one stays in force. */

test('a physician corrects INTER SMUR into ORIENT URGENCES, keyboard only: one decision in force, the replaced one kept and named, in the dossier and its report', async ({ page, dataDir }) => {
  const harness = await HarnessProcess.start(dataDir, ['--operator', 'none']);
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(harness.url);
    await signIn(page, 'arm');
    await takeCall(page, { phone: '04 72 11 22 33', motive: 'Malaise, a repris connaissance', priority: '1' });
    await page.keyboard.press('F9');
    await expect(page.getByTestId('routing-status')).toContainText('AMU');

    await page.keyboard.press('Control+l');
    await signIn(page, 'mru', 'locked');
    await page.keyboard.press('F8');
    await expect(page.getByTestId('regulation')).toContainText('Malaise');
    // Nothing to correct yet: the command is not offered.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Corriger la décision');
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(page.getByRole('dialog')).not.toContainText('Corriger la décision en vigueur');
    await page.keyboard.press('Escape');

    await page.keyboard.press('Alt+Shift+i');
    await expect(page.getByLabel('Niveau de soin')).toBeFocused();
    await page.keyboard.type('R1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('SMUR');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('regulation-status')).toContainText('Décision enregistrée : Intervention — Smur (INTER SMUR R1)');

    // Alt+Maj+G: correct the decision in force; Échap gives up, nothing written.
    await page.keyboard.press('Alt+Shift+g');
    await expect(page.getByTestId('decision-correcting')).toContainText('remplacera Intervention — Smur (INTER SMUR R1)');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('decision-correcting')).toHaveCount(0);

    // The correction from the palette this time, then the new type by its shortcut.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Corriger la décision');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('decision-correcting')).toContainText('remplacera Intervention — Smur (INTER SMUR R1)');
    await page.keyboard.press('Alt+Shift+o');
    await expect(page.getByLabel('Type de décision')).toHaveValue('ORIENT');
    await expect(page.getByTestId('decision-correcting')).toBeVisible();
    await expect(page.getByLabel('Niveau de soin')).toBeFocused();
    await page.keyboard.type('R2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('URG');
    await expect(page.getByLabel('Orientation')).toHaveValue('URGENCES');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.type('HEH Lyon');
    await page.screenshot({ path: test.info().outputPath('decision-correction-form.png') });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('regulation-status')).toContainText('Décision enregistrée : Orientation aux urgences (ORIENT URGENCES R2) ; elle remplace la précédente');
    await expect(page.getByTestId('decision-correcting')).toHaveCount(0);

    const decisions = page.getByTestId('regulation-decisions').getByRole('listitem');
    await expect(decisions).toHaveCount(2);
    await expect(decisions.nth(0)).toContainText('Intervention — Smur INTER SMUR R1');
    await expect(decisions.nth(0)).toContainText('(remplacée)');
    await expect(decisions.nth(1)).toContainText('Orientation aux urgences ORIENT URGENCES R2');
    await expect(decisions.nth(1)).toContainText('(en vigueur)');
    await expect(decisions.nth(1)).toContainText('remplace Intervention — Smur');
    await expect(page.getByTestId('regulation-summary')).toContainText('R2');
    await page.screenshot({ path: test.info().outputPath('decision-corrected.png') });

    // The services: exactly one decision in force, naming the one it replaced.
    const dossier = await page.evaluate(async () => {
      const rows = await window.plateau.searchDossiers({ text: 'Malaise' });
      return window.plateau.getDossier({ dossierId: rows.ok ? rows.value.entries[0]!.id : '' });
    });
    expect(dossier.ok).toBe(true);
    if (dossier.ok) {
      const [inter, orient] = dossier.value.decisions;
      expect(orient).toMatchObject({ type: 'ORIENT', supersedes: inter!.id });
      expect(dossier.value.decisions.filter((d) => !dossier.value.decisions.some((o) => o.supersedes === d.id))).toHaveLength(1);
    }
    // Correcting the same decision twice is refused by the services.
    if (dossier.ok) {
      const again = await page.evaluate((args) => window.plateau.addDecision({ dossierId: args.id, type: 'PASPLUS', careLevel: 'R4', reason: 'x', supersedes: args.supersedes }), { id: dossier.value.id, supersedes: dossier.value.decisions[0]!.id });
      expect(again).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', field: 'supersedes' } });
    }

    // The report shows the one in force and the history.
    await page.keyboard.press('Alt+e');
    await expect(page.getByTestId('report-body')).toContainText('(en vigueur)');
    await expect(page.getByTestId('report-body')).toContainText('(remplacée)');
    await expect(page.getByTestId('report-body')).toContainText('remplace Intervention — Smur (INTER)');
    await page.keyboard.press('Escape');
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});
