import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { nationalIdOf, startPscProvider, type PscTestProvider } from '../support/psc/pscProvider';
import { HarnessProcess } from './harnessProcess';
import { expect, pointerEvents, test } from './fixtures';
import { takeCall } from './dossierFlows';

/** The demo physicians' RPPS (tests/harness/demoOperators.ts). */
const DEMO_RPPS = '10003456786';

/**
 * Pro Santé Connect on the login and lock screens, keyboard only, through the harness: the
 * services' loopback listener, a real OpenID Connect provider configured like PSC, and the
 * browser's new tab standing for the system browser.
 */
let provider: PscTestProvider;
test.beforeAll(async () => {
  provider = await startPscProvider({ people: { durand: { nationalId: nationalIdOf(DEMO_RPPS), givenName: 'Claire', familyName: 'Durand' } } });
});
test.afterAll(async () => {
  await provider?.stop();
});

async function startHarness(dataDir: string, issuer: string): Promise<HarnessProcess> {
  process.env.PLATEAU_PSC_CLIENT_SECRET = provider.clientSecret;
  return HarnessProcess.start(dataDir, ['--operator', 'none', '--psc-issuer', issuer]);
}

/** The provider's page opened by Alt+C: the person types their e-CPS login, Enter. */
async function signInAtProvider(page: Page, run: () => Promise<void>): Promise<void> {
  const [tab] = await Promise.all([page.context().waitForEvent('page'), run()]);
  await tab.locator('#psc-login').waitFor();
  await tab.keyboard.type('durand');
  await tab.keyboard.press('Enter');
  await expect(tab.locator('#psc-outcome')).toContainText('Connexion réussie');
  await tab.close();
}

test('ARM takes the call; the physician binds their account (password once + PSC) from the lock screen, decides — the dossier says "Pro Santé Connect (eidas1)" — then unlocks with PSC alone; keyboard only', async ({ page, dataDir }) => {
  const harness = await startHarness(dataDir, provider.issuer);
  try {
    await page.goto(harness.url);
    await expect(page.getByTestId('psc-sign-in')).toBeVisible();
    await expect(page.getByLabel('Identifiant')).toBeFocused();
    await page.keyboard.type('arm');
    await page.keyboard.press('Tab');
    await page.keyboard.type('plateau-arm');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('operator')).toBeVisible();
    await takeCall(page, { phone: '04 72 11 22 33', motive: 'Douleur thoracique, sueurs', priority: '1' });
    await page.keyboard.press('F9');
    await expect(page.getByTestId('routing-status')).toContainText('AMU');

    // The physician takes over the locked workstation: login and password once, then PSC binds.
    await page.keyboard.press('Control+l');
    await expect(page.getByTestId('login-screen')).toContainText('Poste verrouillé');
    await expect(page.getByLabel('Mot de passe')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('mru');
    await page.keyboard.press('Tab');
    await page.keyboard.type('plateau-mru');
    await signInAtProvider(page, async () => {
      await page.keyboard.press('Alt+KeyC');
      await expect(page.getByTestId('psc-waiting')).toBeVisible();
    });
    await expect(page.getByTestId('operator')).toContainText('Médecin régulateur urgentiste');
    await expect(page.getByTestId('session-authentication')).toContainText('Pro Santé Connect (eidas1) jusqu’à');

    await page.keyboard.press('Alt+q');
    await expect(page.getByTestId('queue-list')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('regulation')).toContainText('Douleur thoracique');
    await page.keyboard.press('Alt+Shift+i');
    await expect(page.getByLabel('Niveau de soin')).toBeFocused();
    await page.keyboard.type('R1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('SMUR');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('regulation-decisions')).toContainText('Intervention — Smur INTER SMUR R1');
    await expect(page.getByTestId('decision-authentication')).toContainText('Pro Santé Connect (eidas1)');

    // Locked: PSC unlocks the same operator, no password typed.
    await page.keyboard.press('Control+l');
    await expect(page.getByTestId('login-screen')).toContainText('Poste verrouillé');
    await expect(page.getByLabel('Mot de passe')).toBeFocused();
    await signInAtProvider(page, () => page.keyboard.press('Alt+KeyC'));
    await expect(page.getByTestId('operator')).toBeVisible();
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});

test('PSC away: a clear message, and the password still signs in', async ({ page, dataDir }) => {
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((done) => closed.close(() => done()));
  const harness = await startHarness(dataDir, `http://127.0.0.1:${port}/auth/realms/esante-wallet`);
  try {
    await page.goto(harness.url);
    await expect(page.getByLabel('Identifiant')).toBeFocused();
    await page.keyboard.type('mru');
    await page.keyboard.press('Tab');
    await page.keyboard.type('plateau-mru');
    await page.keyboard.press('Alt+KeyC');
    await expect(page.getByTestId('login-error')).toContainText('Pro Santé Connect est injoignable (hors ligne)');
    await expect(page.getByLabel('Mot de passe')).toBeFocused();
    await page.keyboard.type('plateau-mru');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('operator')).toBeVisible();
    await expect(page.getByTestId('session-authentication')).toContainText('authentification locale');
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});
