import { join } from 'node:path';
import { chromium, expect as baseExpect, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { HarnessProcess } from '../e2e/harnessProcess';
import { keyboardCounter } from '../e2e/keyboardCounter';
import { writeBanCsv } from '../support/banCsv';
import { makeTempDir } from '../support/tempDir';
import { line } from './stats';

type Keys = ReturnType<typeof keyboardCounter>;
/** Room for a loaded machine: the counts do not depend on how long a screen takes. */
const expect = baseExpect.configure({ timeout: 30_000 });

/** Hands the post to another operator (not counted: signing in is not part of a dossier). */
async function switchTo(page: Page, login: string): Promise<void> {
  await page.keyboard.press('Control+l');
  await expect(page.getByLabel('Mot de passe')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Control+a');
  await page.keyboard.type(login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(`plateau-${login}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operator')).toBeVisible();
}

/** A new call taken: number, motive, priority key, saved. */
async function takeCall(page: Page, keys: Keys, phone: string, motive: string, priority: string): Promise<void> {
  await keys.press('F2');
  await expect(page.getByLabel('Téléphone de l’appelant')).toBeFocused();
  await keys.type(phone);
  await keys.press('Tab');
  await keys.type(motive);
  await keys.press(`Alt+${priority}`);
  await keys.press('Control+s');
  await expect(page.getByTestId('save-status')).toContainText('Enregistré');
}

/** P1 with a located address (offline index), access, patient, routed; then the callback number, caller and motif code. */
async function p1Located(page: Page, keys: Keys): Promise<void> {
  await takeCall(page, keys, '06 12 34 56 78', 'Malaise, douleur thoracique', '1');
  await expect(page.getByLabel('Adresse')).toBeFocused();
  await keys.type('12 rue de la rep');
  await expect(page.getByTestId('address-field').getByRole('option').first()).toContainText('12 Rue de la République');
  await keys.press('Enter');
  await expect(page.getByTestId('address-field')).toContainText('Localisé : 12 Rue de la République');
  await keys.press('Tab');
  await keys.type('3');
  await keys.press('Tab');
  await keys.type('12A34');
  await keys.press('Tab');
  await keys.type('Lefèvre');
  await keys.press('Tab');
  await keys.press('Tab');
  await expect(page.getByLabel('Nom du patient', { exact: true })).toBeFocused();
  await keys.type('Lefèvre');
  await keys.press('Tab');
  await keys.type('Anne');
  await keys.press('Tab');
  await keys.type('F');
  await keys.press('Tab');
  await keys.type('1948-03-12');
  await keys.press('Enter');
  await expect(page.getByTestId('patient-status')).toContainText('Patient enregistré : Lefèvre Anne');
  await keys.press('F9');
  await expect(page.getByTestId('routing-status')).toContainText('Orienté : AMU (urgence)');
  for (let i = 0; i < 5; i++) await keys.press('Tab');
  await expect(page.getByLabel('Numéro de rappel')).toBeFocused();
  await keys.type('04 72 11 22 33');
  await keys.press('Tab');
  await keys.type('Mme Lefèvre');
  await keys.press('Tab');
  await keys.type('FAM');
  await keys.press('Tab');
  await keys.press('Tab');
  await keys.press('Tab');
  await expect(page.getByLabel('Motif (code)')).toBeFocused();
  await keys.type('M01.0');
  await keys.press('Tab');
  await expect(page.getByLabel('Motif (code)')).toHaveValue(/^M01\.0/);
}

/** P3 routed: a deferred regulation in the GP branch, with its callback time. */
async function p3ToSnp(page: Page, keys: Keys): Promise<void> {
  await takeCall(page, keys, '04 72 11 22 34', 'Renouvellement d’ordonnance', '3');
  await keys.press('F9');
  await expect(page.getByTestId('routing-status')).toContainText(/P3 : régulation différée, rappel avant \d\d:\d\d/);
}

/** DR: a non-medical call (the pharmacy on duty), typed DR, finished and validated by the ARM. */
async function drFinished(page: Page, keys: Keys): Promise<void> {
  await keys.press('F2');
  await keys.type('04 72 00 11 22');
  await keys.press('Tab');
  await keys.type('Demande de la pharmacie de garde');
  await keys.press('Tab');
  await keys.press('9');
  await keys.press('Tab');
  await expect(page.getByLabel('Type de dossier')).toBeFocused();
  await keys.press('ArrowUp');
  await expect(page.getByLabel('Type de dossier')).toHaveValue('DR');
  await keys.press('Control+s');
  await expect(page.getByTestId('save-status')).toContainText('Enregistré');
  await keys.press('Alt+Shift+t');
  await expect(page.getByTestId('dossier-state')).toContainText('État du dossier : ACHEVE');
  await keys.press('Alt+Shift+v');
  await expect(page.getByTestId('dossier-state')).toContainText('État du dossier : VALIDE');
}

/** The GP regulator takes the next SNP dossier and decides ORIENT CABINET R3 with the text for the caller. */
async function gpOrientCabinet(page: Page, keys: Keys): Promise<void> {
  await keys.press('F8');
  // The next SNP dossier in the GP's queue, whichever it is: the decision's keys are the same.
  await expect(page.getByLabel('Nouvelle note (Entrée pour enregistrer)')).toBeFocused();
  await keys.press('Alt+Shift+o');
  await expect(page.getByLabel('Niveau de soin')).toBeFocused();
  await keys.type('R3');
  await keys.press('Tab');
  await keys.type('CAB');
  await keys.press('Tab');
  await keys.press('Tab');
  await keys.type('Médecin traitant < 48 h');
  await keys.press('Control+Enter');
  await expect(page.getByTestId('header-decision')).toContainText('Orientation cabinet de ville');
}

/**
 * Keystrokes per standard dossier (issue 19): each flow driven in Chromium on the real screens,
 * keyboard only, every key press and typed character counted, each flow's outcome checked.
 */
export async function keystrokeCountBench(): Promise<string[]> {
  const dir = makeTempDir('plateau-bench-keycount-');
  const csv = join(dir.path, 'adresses-69.csv');
  writeBanCsv(csv, 2000);
  const harness = await HarnessProcess.start(dir.path, ['--ban-csv', csv]);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(harness.url);
    await expect(page.getByTestId('queue-list')).toBeVisible();
    const counts: Array<[string, number]> = [];
    for (const [name, flow] of [['p1_located_address', p1Located], ['p3_to_snp', p3ToSnp], ['dr', drFinished]] as const) {
      const keys = keyboardCounter(page);
      await flow(page, keys);
      counts.push([name, keys.count]);
    }
    await page.evaluate(async () => {
      const fever = await window.plateau.createDossier({ callerPhone: '06 12 34 56 79', motive: 'Fièvre depuis deux jours, pas de médecin traitant', priority: 'P2' });
      if (fever.ok) await window.plateau.routeDossier({ dossierId: fever.value.id, queue: 'SNP' });
    });
    await switchTo(page, 'mrl');
    const keys = keyboardCounter(page);
    await gpOrientCabinet(page, keys);
    counts.push(['gp_orient_cabinet', keys.count]);
    return counts.map(([name, count]) => line(`keystrokes.${name}`, count, 'keys'));
  } finally {
    await browser.close();
    await harness.stop();
    dir.cleanup();
  }
}
