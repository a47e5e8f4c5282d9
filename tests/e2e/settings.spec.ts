import { join } from 'node:path';
import { startHarness, type Harness } from '../harness/server';
import { MemorySecretStore } from '../../electron/services/telephony/secretStore';
import { HUB_PASSPHRASE_KEY } from '../../electron/services/hub/hubService';
import { makeTestCertificates } from '../support/hub/certificates';
import { freePort } from '../support/hub/freePort';
import { signIn } from '../support/operators';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { expect, pointerEvents, test } from './fixtures';

/**
 * "Réglages du poste" as IT and the floor meet it, keyboard only: the Hub link's fault in words
 * and the pass phrase typed by an ADMIN; the configured language at start, the operators' choice
 * kept across a restart. A 1280×800 screenshot of the view is kept for a look.
 */
test('the settings: the Hub certificate fault in words, the pass phrase typed, the language kept across a restart', async ({ page }) => {
  test.setTimeout(120_000);
  const tmp = makeTempDir('plateau-e2e-settings-');
  let harness: Harness | null = null;
  try {
    const certificates = makeTestCertificates(join(tmp.path, 'pki'), ['fr.health.samu690']);
    const hub = {
      brokerUrl: `amqps://127.0.0.1:${await freePort()}`,
      vhost: '/',
      tls: { caFile: certificates.caFile, pfxFile: certificates.clients['fr.health.samu690']!.p12File, serverName: 'localhost' },
      partners: [{ clientId: 'fr.health.samu440', filieres: ['SNP'] }],
      sasPlatformId: 'fr.health.ptfsas',
      acceptFrom: [],
      prefetch: 10,
      resendAfterSeconds: 5,
    };
    const config = testConfig(join(tmp.path, 'data'), { hub, language: 'en' } as never);
    const secrets = new MemorySecretStore({ [HUB_PASSPHRASE_KEY]: 'pas-la-bonne' });
    const start = async () => {
      harness = await startHarness({ config, serviceOptions: { secrets } });
      await harness.services().startHub();
      await signIn(harness.services(), 'ADMIN');
      await page.goto(harness.url);
    };
    await start();
    await page.setViewportSize({ width: 1280, height: 800 });

    // The configured language at start (English here), the Hub in fault with its reason.
    await expect(page.getByTestId('hub-status')).toContainText('Hub Santé: at fault — certificate pass phrase wrong or missing');
    await page.keyboard.press('Alt+Shift+KeyW');
    const settings = page.getByTestId('settings');
    await expect(settings.getByRole('heading', { name: 'Workstation settings' })).toBeVisible();
    await expect(page.getByTestId('settings-hub-status')).toContainText('At fault: certificate pass phrase wrong or missing');
    await expect(page.getByTestId('settings-hub-status')).toContainText('mac verify failure');
    await page.screenshot({ path: test.info().outputPath('settings-1280x800.png') });

    // Français, chosen from the settings with the keyboard.
    await page.locator('#settings-language-fr').focus();
    await page.keyboard.press('Enter');
    await expect(settings.getByRole('heading', { name: 'Réglages du poste' })).toBeVisible();

    // The right pass phrase, typed: the fault goes (the broker is away: "Déconnecté").
    await page.locator('#settings-hub-passphrase').focus();
    await page.keyboard.insertText('test');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('settings-hub-status')).toContainText('Déconnecté');
    await expect(page.getByTestId('settings-hub-status')).not.toContainText('En défaut');
    expect(await secrets.get(HUB_PASSPHRASE_KEY)).toBe('test');
    expect(await pointerEvents(page)).toBe(0);

    // A restart: the choice is kept (French), over the configured English.
    await harness!.stop();
    harness = null;
    await start();
    await expect(page.getByTestId('hub-status')).not.toContainText('at fault');
    await page.keyboard.press('Alt+Shift+KeyW');
    await expect(page.getByTestId('settings').getByRole('heading', { name: 'Réglages du poste' })).toBeVisible();
    await expect(page.getByTestId('settings')).toContainText('Langue configurée du poste : English');
  } finally {
    await (harness as Harness | null)?.stop();
    tmp.cleanup();
  }
});
