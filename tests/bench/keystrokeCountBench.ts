import { join } from 'node:path';
import { chromium, expect as baseExpect, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { HarnessProcess } from '../e2e/harnessProcess';
import { decideOrientCabinet, fillAccess, fillCallerAndMotif, locateAddress, takeCall, takeNextDossier, takeNonMedicalCall, typePatient } from '../e2e/dossierFlows';
import { switchTo } from '../e2e/sessionFlows';
import { keyboardCounter } from '../e2e/keyboardCounter';
import { writeBanCsv } from '../support/banCsv';
import { makeTempDir } from '../support/tempDir';
import { line } from './stats';

type Keys = ReturnType<typeof keyboardCounter>;
/** Room for a loaded machine: the counts do not depend on how long a screen takes. */
const SLOW = 30_000;
const expect = baseExpect.configure({ timeout: SLOW });

/** P1 with a located address (offline index), access, patient, routed; then the callback number, caller and motif code. */
async function p1Located(page: Page, keys: Keys): Promise<void> {
  const drive = { keys, timeout: SLOW };
  await takeCall(page, { phone: '06 12 34 56 78', motive: 'Malaise, douleur thoracique', priority: '1' }, drive);
  await locateAddress(page, { typed: '12 rue de la rep', offered: '12 Rue de la République', located: 'Localisé : 12 Rue de la République' }, drive);
  await fillAccess(page, { floor: '3', doorCode: '12A34', intercom: 'Lefèvre' }, drive);
  await typePatient(page, { family: 'Lefèvre', given: 'Anne', sex: 'F', birthDate: '1948-03-12' }, drive);
  await expect(page.getByTestId('patient-status')).toContainText('Patient enregistré : Lefèvre Anne');
  await keys.press('F9');
  await expect(page.getByTestId('routing-status')).toContainText('Orienté : AMU (urgence)');
  await fillCallerAndMotif(page, { callback: '04 72 11 22 33', callbackShown: '+33472112233', name: 'Mme Lefèvre', typed: 'FAM', type: 'FAMILLE', motif: 'M01.0' }, drive);
}

/** P3 routed: a deferred regulation in the GP branch, with its callback time. */
async function p3ToSnp(page: Page, keys: Keys): Promise<void> {
  await takeCall(page, { phone: '04 72 11 22 34', motive: 'Renouvellement d’ordonnance', priority: '3' }, { keys, timeout: SLOW });
  await keys.press('F9');
  await expect(page.getByTestId('routing-status')).toContainText(/P3 : régulation différée, rappel avant \d\d:\d\d/);
}

/** DR: a non-medical call (the pharmacy on duty), typed DR, finished and validated by the ARM. */
async function drFinished(page: Page, keys: Keys): Promise<void> {
  await takeNonMedicalCall(page, { phone: '04 72 00 11 22', motive: 'Demande de la pharmacie de garde' }, { keys, timeout: SLOW });
  await keys.press('Alt+Shift+t');
  await expect(page.getByTestId('dossier-state')).toContainText('État du dossier : ACHEVE');
  await keys.press('Alt+Shift+v');
  await expect(page.getByTestId('dossier-state')).toContainText('État du dossier : VALIDE');
}

/** The GP regulator takes the next SNP dossier and decides ORIENT CABINET R3 with the text for the caller. */
async function gpOrientCabinet(page: Page, keys: Keys): Promise<void> {
  // The next SNP dossier in the GP's queue, whichever it is: the decision's keys are the same.
  await takeNextDossier(page, null, { keys, timeout: SLOW });
  await decideOrientCabinet(page, 'Médecin traitant < 48 h', { keys, timeout: SLOW, submit: 'Control+Enter' });
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
    await switchTo(page, 'mrl', SLOW);
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
