import { join } from 'node:path';
import Database from 'better-sqlite3';
import { JOURNAL_FILE_NAME } from '../../electron/services/config/workstationConfig';
import { HarnessProcess } from './harnessProcess';
import { expect, pointerEvents, signIn, switchTo, test } from './fixtures';
import { decideOrientCabinet, openOsnpBooking, palette, takeCall, takeNextDossier, takeNonMedicalCall, tomorrowAt930, typeAppointment, writeNote } from './dossierFlows';

/**
 * Medical regulation end to end, keyboard only: each operator signs in on the same workstation
 * (quick switch from the lock screen, Ctrl+L), the services enforce who may do what.
 */

test('ARM → MRL decides ORIENT CABINET → OSNP records the appointment, keyboard only (a Réunion site, the browser in Paris)', async ({ page, dataDir }) => {
  // Long keyboard flows: room on a loaded machine (2 cores shared).
  test.setTimeout(180_000);
  const harness = await HarnessProcess.start(dataDir, ['--operator', 'none', '--time-zone', 'Indian/Reunion']);
  try {
    await page.goto(harness.url);
    await signIn(page, 'arm');
    await expect(page.getByTestId('operator')).toContainText('ARM');
    await takeCall(page, { phone: '06 12 34 56 78', motive: 'Fièvre depuis deux jours, pas de médecin traitant', priority: '2' });
    await palette(page, 'Orienter vers SNP');
    await expect(page.getByTestId('routing-status')).toContainText('SNP');

    // An ARM may not decide: the services refuse it, whatever the screen offers.
    const refused = await page.evaluate(async () => {
      const rows = await window.plateau.listQueue({});
      const id = rows.ok ? rows.value.entries[0]!.id : '';
      return window.plateau.addDecision({ dossierId: id, type: 'CONSEIL', careLevel: 'R4', adviceText: 'x' });
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });

    await switchTo(page, 'mrl');
    await takeNextDossier(page, 'Fièvre depuis deux jours');
    await writeNote(page, '38,5 °C, bon état général, pas de signe de gravité');
    await decideOrientCabinet(page, 'Médecin généraliste en ville, RDV < 48 h');
    await expect(page.getByTestId('regulation-status')).toContainText('Décision enregistrée : Orientation cabinet de ville (ORIENT CABINET R3)');
    await expect(page.getByTestId('regulation-decisions')).toContainText('Orientation cabinet de ville ORIENT CABINET R3');
    // Decisions in words wherever a person reads them (issue 19), the codes a small suffix; in
    // English, English words.
    await expect(page.getByTestId('header-decision')).toHaveText('Décision en vigueur : Orientation cabinet de ville ORIENT CABINET R3');
    await palette(page, 'Langue : anglais');
    await expect(page.getByTestId('header-decision')).toHaveText('Decision in force: Referral to a GP practice ORIENT CABINET R3');
    await expect(page.getByTestId('regulation-decisions')).toContainText('Referral to a GP practice ORIENT CABINET R3');
    await expect(page.getByTestId('regulation-status')).toContainText('Decision saved: Referral to a GP practice (ORIENT CABINET R3)');
    await palette(page, 'Language: French');
    await expect(page.getByTestId('header-decision')).toHaveText('Décision en vigueur : Orientation cabinet de ville ORIENT CABINET R3');

    await page.keyboard.press('Alt+e');
    await expect(page.getByTestId('report-body')).toContainText('Chaîne de hachage vérifiée');
    await expect(page.getByTestId('report-body')).toContainText('dossier.decisionAdded');
    await expect(page.getByTestId('report-body')).toContainText('(MRL)');
    await expect(page.getByTestId('report-body')).toContainText('Orientation cabinet de ville ORIENT CABINET R3');
    await expect(page.getByTestId('report-body')).toContainText('heures du site (Indian/Reunion)');
    // No Electron here: the PDF channel answers E_UNAVAILABLE and Ctrl+P prints the page instead
    // (the browser's print dialog stood in for by a counter).
    expect(await page.evaluate(() => window.plateau.saveReportPdf({ dossierId: '01900000-0000-7000-8000-000000000000' }))).toMatchObject({ ok: false, error: { code: 'E_UNAVAILABLE' } });
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.keyboard.press('Control+p');
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('report')).toHaveCount(0);

    await switchTo(page, 'osnp');
    await openOsnpBooking(page, 'Fièvre depuis deux jours');
    // What the OSNP needs in sight: the decision in force and the 48 h promise counted down.
    await expect(page.getByTestId('osnp-decision')).toHaveText('Orientation cabinet de ville ORIENT CABINET R3');
    await expect(page.getByTestId('osnp-countdown')).toContainText(/^reste (4[0-7]|48) h \d\d$/);
    const typed = tomorrowAt930('Indian/Reunion');
    await typeAppointment(page, { practitioner: 'Dr Martin, médecin généraliste', place: 'Cabinet, 3 rue Garibaldi, 69006 Lyon', startsAt: typed });
    await expect(page.getByTestId('osnp-startsAt-hint')).toContainText('heure du site (Indian/Reunion)');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('osnp-status')).toContainText('Rendez-vous enregistré : Dr Martin');
    await expect(page.getByTestId('osnp-status')).toContainText('09:30');
    await expect(page.getByTestId('osnp-status')).not.toContainText('hors délai');
    await expect(page.getByTestId('osnp-list')).toContainText('Aucun patient en attente');

    const stored = await page.evaluate(async () => {
      const search = await window.plateau.searchDossiers({ text: 'fièvre' });
      return window.plateau.getDossier({ dossierId: search.ok ? search.value.entries[0]!.id : '' });
    });
    expect(stored).toMatchObject({
      ok: true,
      value: {
        decisions: [{ type: 'ORIENT', orientationType: 'CABINET', transport: false, careLevel: 'R3', authorRole: 'MRL' }],
        // 09:30 in Saint-Denis is 05:30 UTC, whatever the browser's (Paris) zone.
        appointments: [{ practitioner: 'Dr Martin, médecin généraliste', category: 'AMB', status: 'BOOKED', authorRole: 'OSNP', startsAt: `${typed.slice(0, 10)}T05:30:00.000Z` }],
        notes: [{ authorRole: 'MRL' }],
      },
    });

    // The mother calls back: the ARM sees the GP's decision and the appointment, not just a state.
    await switchTo(page, 'arm');
    await page.keyboard.press('F2');
    await page.keyboard.type('06 12 34 56 78');
    const history = page.getByTestId('repeat-by-phone');
    await expect(history).toContainText('Décision en vigueur : Orientation cabinet de ville ORIENT CABINET R3');
    await expect(history).toContainText(`RDV : Dr Martin, médecin généraliste, ${typed.slice(8, 10)}/${typed.slice(5, 7)}/${typed.slice(0, 4)} 09:30`);
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});

test('ARM → MRU decides INTER SMUR, R1; the journal diagnostics say the chain is sound', async ({ page, dataDir }) => {
  // Long keyboard flows: room on a loaded machine (2 cores shared).
  test.setTimeout(180_000);
  const harness = await HarnessProcess.start(dataDir, ['--operator', 'none']);
  try {
    await page.goto(harness.url);
    await signIn(page, 'arm');
    await takeCall(page, { phone: '04 72 11 22 33', motive: 'Douleur thoracique, sueurs', priority: '1' });
    await page.keyboard.press('F9');
    await expect(page.getByTestId('routing-status')).toContainText('AMU');

    await switchTo(page, 'mru');
    // A chosen dossier rather than the next one: the queue, ↓, Entrée.
    await page.keyboard.press('Alt+q');
    await expect(page.getByTestId('queue-list')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('queue-row').first()).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('regulation')).toContainText('Douleur thoracique');
    await expect(page.getByTestId('regulation-facts')).toContainText('+33472112233');
    await page.keyboard.press('Alt+Shift+i');
    await expect(page.getByLabel('Niveau de soin')).toBeFocused();
    await page.keyboard.type('R1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('SMUR');
    await expect(page.getByLabel('Moyen engagé')).toHaveValue('SMUR');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('regulation-status')).toContainText('Décision enregistrée : Intervention — Smur (INTER SMUR R1)');
    await expect(page.getByTestId('regulation-decisions')).toContainText('Intervention — Smur INTER SMUR R1');
    await expect(page.getByTestId('regulation-summary')).toContainText('R1');
    await page.keyboard.press('Alt+Shift+f');
    await expect(page.getByTestId('regulation-status')).toContainText('État : ACHEVE');
    await page.keyboard.press('Alt+Shift+v');
    await expect(page.getByTestId('regulation-status')).toContainText('État : VALIDE');

    // The physician promises the caller a call-back: it joins the callback list.
    await palette(page, 'Demander un rappel');
    await expect(page.getByTestId('callback-row').first()).toContainText('Rappel demandé — +33472112233');

    await page.keyboard.press('Alt+j');
    await expect(page.getByTestId('diagnostics-chain')).toContainText('Chaîne de hachage : intègre');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('diagnostics')).toHaveCount(0);
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});

test('ARM finishes a non-medical dossier (DR) from the palette; a DRM without a physician decision is refused, and the screen says why', async ({ page, dataDir }) => {
  const harness = await HarnessProcess.start(dataDir);
  try {
    await page.goto(harness.url);
    await expect(page.getByTestId('operator')).toContainText('ARM');

    // A medical dossier (DRM, the default): the interlock of DOMAIN §8.2.
    await takeCall(page, { phone: '06 11 22 33 44', motive: 'Douleur thoracique depuis une heure', priority: '1' });
    await expect(page.getByTestId('dossier-state')).toContainText('État du dossier : ACTIF');
    await page.keyboard.press('Alt+Shift+t');
    await expect(page.getByTestId('dossier-state')).toContainText('ne se termine pas sans décision d’un médecin régulateur');
    const drm = await page.evaluate(async () => {
      const rows = await window.plateau.searchDossiers({ text: 'thoracique' });
      return window.plateau.getDossier({ dossierId: rows.ok ? rows.value.entries[0]!.id : '' });
    });
    expect(drm).toMatchObject({ ok: true, value: { kind: 'DRM', state: 'ACTIF' } });

    // A non-medical dossier (DR): the pharmacy on duty.
    await takeNonMedicalCall(page, { phone: '04 72 00 11 22', motive: 'Demande de la pharmacie de garde' });
    await expect(page.getByTestId('dossier-state')).toContainText('État du dossier : ACTIF');
    await palette(page, 'Terminer le dossier affiché');
    await expect(page.getByTestId('dossier-state')).toContainText('État du dossier : ACHEVE');
    const dr = await page.evaluate(async () => {
      const rows = await window.plateau.searchDossiers({ text: 'pharmacie' });
      return window.plateau.getDossier({ dossierId: rows.ok ? rows.value.entries[0]!.id : '' });
    });
    expect(dr).toMatchObject({ ok: true, value: { kind: 'DR', state: 'ACHEVE' } });
    // …and the ARM validates it too (issue 13 §5: a DR reaches CLOTURE without a physician).
    await page.keyboard.press('Alt+Shift+v');
    await expect(page.getByTestId('dossier-state')).toContainText('État du dossier : VALIDE');

    // The refusal is in the journal: who tried what.
    const journal = new Database(join(dataDir, JOURNAL_FILE_NAME), { readonly: true });
    const refusals = journal.prepare("SELECT actor_role, payload FROM events WHERE type = 'security.refused'").all() as Array<{ actor_role: string; payload: string }>;
    journal.close();
    expect(refusals.some((r) => r.actor_role === 'ARM' && r.payload.includes('E_INTERLOCK'))).toBe(true);
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});

test('a P3 deferred regulation becomes a late, escalated callback when its deadline passes (services clock moved)', async ({ page, dataDir }) => {
  const harness = await HarnessProcess.start(dataDir, ['--operator', 'none', '--test-clock']);
  try {
    await page.goto(harness.url);
    await signIn(page, 'arm');
    await takeCall(page, { phone: '06 98 76 54 32', motive: 'Renouvellement d’ordonnance', priority: '3' });
    await page.keyboard.press('F9');
    await expect(page.getByTestId('routing-status')).toContainText('P3 : régulation différée');
    await expect(page.getByTestId('dossier-state')).toContainText('État du dossier : PROGRAM — programmé jusqu’au rappel P3');
    await page.keyboard.press('Alt+b');
    const row = page.getByTestId('callback-row').first();
    await expect(row).toContainText('Régulation différée');
    await expect(row).not.toContainText('EN RETARD');

    await harness.advanceClock(61);
    // 61 minutes without a key press: the services locked the session meanwhile.
    await page.keyboard.press('Alt+b');
    await expect(page.getByTestId('login-screen')).toContainText('Poste verrouillé');
    await expect(page.getByLabel('Mot de passe')).toBeFocused();
    await page.keyboard.type('plateau-arm');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('callback-row').first()).toContainText('EN RETARD');
    await expect(page.getByTestId('callback-row').first()).toContainText('escaladé');
    await expect(page.getByTestId('callback-row').first()).toContainText('depuis 61 min');

    // The ARM calls back: no answer (2), then reached (1); both attempts are journaled.
    await page.keyboard.press('Alt+b');
    await expect(page.getByTestId('callback-list')).toBeFocused();
    await page.keyboard.press('2');
    await expect(page.getByTestId('callback-row').first()).toContainText('1 tentative(s) (Pas de réponse)');
    await page.keyboard.press('1');
    await expect(page.getByTestId('callback-list')).toContainText('Aucun rappel en attente');
    // Called back: the dossier is no longer scheduled.
    await page.keyboard.press('Alt+a');
    await expect(page.getByTestId('dossier-state')).toHaveText('État du dossier : ACTIF');
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});

test('ADMIN creates a physician account (RPPS checked) that can then sign in; no medical data is asked for', async ({ page, dataDir }) => {
  const harness = await HarnessProcess.start(dataDir, ['--operator', 'none']);
  try {
    await page.goto(harness.url);
    await signIn(page, 'admin');
    await expect(page.getByTestId('operator-list')).toContainText('mrl');
    await expect(page.getByTestId('queue-list')).toHaveCount(0);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Identifiant')).toBeFocused();
    await page.keyboard.type('dr.durand');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Dr Durand');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // ARM → OSNP
    await page.keyboard.press('ArrowDown'); // → MRU
    await expect(page.getByLabel('Rôle')).toHaveValue('MRU');
    await page.keyboard.press('Tab');
    await page.keyboard.type('10003456784');
    await page.keyboard.press('Tab');
    await page.keyboard.type('mot-de-passe-durand');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('admin-status')).toContainText('Saisie refusée : n° RPPS');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('10003456786');
    await page.keyboard.press('Tab'); // the password typed is still there
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('admin-status')).toContainText('Compte dr.durand créé');
    await expect(page.getByTestId('operator-list')).toContainText('dr.durand — Dr Durand');

    await page.keyboard.press('Control+l');
    // Scoped to the lock screen: while it renders, the admin screen's two password fields would
    // make an unscoped label ambiguous (a strict-mode error is not retried).
    await expect(page.getByTestId('login-screen').getByLabel('Mot de passe')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByLabel('Identifiant')).toBeFocused();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('dr.durand');
    await page.keyboard.press('Tab');
    await page.keyboard.type('mot-de-passe-durand');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('operator')).toContainText('Dr Durand');
    await expect(page.getByTestId('regulation')).toBeVisible();
    // Signing in as ADMIN asked for nothing it may not see: no refusal in the journal.
    const db = new Database(join(dataDir, JOURNAL_FILE_NAME), { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM events WHERE type = 'security.refused'").pluck().get()).toBe(0);
      expect(db.prepare("SELECT actor_role FROM events WHERE type = 'operator.created' ORDER BY seq DESC LIMIT 1").pluck().get()).toBe('ADMIN');
    } finally {
      db.close();
    }
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});

test('ADMIN resets a password and deactivates an account, keyboard only: the closed one cannot sign in, the new password works', async ({ page, dataDir }) => {
  const harness = await HarnessProcess.start(dataDir, ['--operator', 'none']);
  try {
    await page.goto(harness.url);
    await signIn(page, 'admin');
    await expect(page.getByTestId('operator-list')).toContainText('mru');
    const account = page.getByLabel('Compte', { exact: true });
    // Past the new-account form (login, name, role, RPPS, password, create) to the existing account.
    for (let i = 0; i < 7; i++) await page.keyboard.press('Tab');
    await expect(account).toBeFocused();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // admin → arm → mrl → mru
    await expect(account.locator('option:checked')).toHaveText(/^mru/);
    await page.keyboard.press('Tab'); // deactivate: not this one
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Nouveau mot de passe')).toBeFocused();
    await page.keyboard.type('nouveau-secret-mru');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('admin-status')).toContainText('Nouveau mot de passe de mru enregistré');

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(account).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(account.locator('option:checked')).toHaveText(/^arm/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.locator('#admin-deactivate')).toContainText('Confirmer : désactiver arm');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('admin-status')).toContainText('Compte arm désactivé');
    await expect(page.getByTestId('operator-list')).toContainText(/arm — [^\n]* — désactivé/);

    await page.keyboard.press('Control+l');
    // Scoped to the lock screen: while it renders, the admin screen's two password fields would
    // make an unscoped label ambiguous (a strict-mode error is not retried).
    await expect(page.getByTestId('login-screen').getByLabel('Mot de passe')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('arm');
    await page.keyboard.press('Tab');
    await page.keyboard.type('plateau-arm');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('login-screen')).toContainText('Identifiant ou mot de passe incorrect');

    await page.keyboard.press('Shift+Tab');
    await expect(page.getByLabel('Identifiant')).toBeFocused();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('mru');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('nouveau-secret-mru');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('operator')).toContainText('Mru démo');

    const db = new Database(join(dataDir, JOURNAL_FILE_NAME), { readonly: true });
    try {
      expect(db.prepare("SELECT type, actor_role FROM events WHERE type IN ('operator.deactivated', 'operator.passwordReset') ORDER BY seq").all()).toEqual([
        { type: 'operator.passwordReset', actor_role: 'ADMIN' },
        { type: 'operator.deactivated', actor_role: 'ADMIN' },
      ]);
      expect((db.prepare('SELECT payload FROM events').pluck().all() as string[]).join('\n')).not.toContain('nouveau-secret-mru');
    } finally {
      db.close();
    }
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});
