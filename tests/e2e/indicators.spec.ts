import { readFileSync } from 'node:fs';
import { startHarness, type Harness } from '../harness/server';
import { FakeMediaPort } from '../../electron/services/telephony/fakeMediaPort';
import { MemorySecretStore } from '../../electron/services/telephony/secretStore';
import { signIn as signInServices } from '../support/operators';
import { journalFile } from '../support/journalFile';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { Kamailio, runSipp, sipPeersAvailable, TEST_SIP_PASSWORD } from '../support/sip/peers';
import { HarnessProcess } from './harnessProcess';
import { expect, pointerEvents, signIn, test } from './fixtures';

/** The supervisor's screen (issue 15), keyboard only. */

test('the supervisor reads the day’s indicators, changes the period, exports the CSV and prints the report; an ARM is refused', async ({ page, dataDir }) => {
  const harness = await HarnessProcess.start(dataDir, ['--operator', 'none']);
  try {
    await page.goto(harness.url);
    await signIn(page, 'arm');
    // A call taken today: one dossier in today's figures.
    await page.keyboard.press('F2');
    await page.keyboard.type('06 12 34 56 78');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Douleur abdominale');
    await page.keyboard.press('Tab');
    await page.keyboard.press('2');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Enregistré');
    // The ARM has no indicator screen: the shortcut does nothing and the services refuse.
    await page.keyboard.press('Alt+i');
    await expect(page.getByTestId('indicators')).toHaveCount(0);
    const today = await page.evaluate(() => new Date().toISOString().slice(0, 10));
    expect(await page.evaluate((day) => window.plateau.indicatorReport({ from: day, to: day }), today)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    expect(await page.evaluate(() => window.plateau.floorStatus({}))).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });

    await page.keyboard.press('Control+l');
    await signIn(page, 'superviseur', 'locked');
    await page.keyboard.press('Alt+i');
    const screen = page.getByTestId('indicators');
    await expect(screen).toBeVisible();
    await expect(page.getByTestId('indicators-from')).toBeFocused();
    const table = page.getByTestId('indicators-table');
    await expect(table.getByRole('row', { name: /^Dossiers/ })).toContainText('1');
    await expect(table.getByRole('row', { name: /^Priorité P2/ })).toContainText('1');
    // Hours of the day in the series table, the charts drawn (canvas) for the eye.
    await expect(page.getByTestId('indicators-series').getByRole('row')).toHaveCount(25);
    await expect(screen.locator('canvas').first()).toBeVisible();

    // Tab to "12 derniers mois" (a date field's day, month and year take a Tab each): a year by month.
    const year = page.getByTestId('indicators-year');
    for (let i = 0; i < 15 && !(await year.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(year).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('indicators-granularity')).toHaveValue('month');
    await expect(page.getByTestId('indicators-series')).toContainText(today.slice(0, 7));
    await expect(table.getByRole('row', { name: /^Dossiers/ })).toContainText('1');

    // Alt+Maj+E: the CSV of the period shown, UTF-8 with a BOM, ';', documented columns.
    const download = page.waitForEvent('download');
    await page.keyboard.press('Alt+Shift+e');
    const file = await (await download).path();
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(csv[0]).toBe('debut;fin;fuseau;indicateur;detail;valeur;unite');
    expect(csv).toContainEqual(expect.stringMatching(/;dossiers;;1;dossiers$/));
    await expect(page.getByTestId('indicators-status')).toContainText('Fichier CSV enregistré');

    // Ctrl+P: no Electron here, the PDF channel answers E_UNAVAILABLE and the page is printed.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.keyboard.press('Control+p');
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // The three themes keep the screen readable (Alt+T): the charts are drawn again in each.
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Alt+t');
      await expect(screen.locator('canvas').first()).toBeVisible();
    }
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
  }
});

test('the floor view shows a SIPp call ringing, then in progress, within a second of each event', async ({ page }) => {
  test.skip(!sipPeersAvailable(), 'kamailio / sipp missing');
  const tmp = makeTempDir('plateau-e2e-floor-');
  const kamailio = await Kamailio.create(tmp.path);
  let harness: Harness | null = null;
  try {
    await kamailio.start();
    const telephony = { serverUrl: kamailio.wsUrl, aor: 'sip:arm1@127.0.0.1', authUser: 'arm1', displayName: 'ARM 1', heartbeatMs: 1000 };
    const secrets = new MemorySecretStore({ 'sip-password:sip:arm1@127.0.0.1': TEST_SIP_PASSWORD });
    harness = await startHarness({ config: testConfig(tmp.path, { telephony } as never), serviceOptions: { media: new FakeMediaPort(), secrets } });
    await signInServices(harness.services(), 'SUPERVISEUR');
    await page.goto(harness.url);
    await expect(page.getByTestId('telephony-status')).toContainText('En ligne');
    await page.keyboard.press('Alt+Shift+s');
    const floor = page.getByTestId('floor');
    await expect(floor).toBeVisible();
    await expect(page.getByTestId('floor-ringing')).toContainText('0 appel');
    const journal = harness.services().journal;
    const eventAt = (type: string) => journalFile(journal).prepare<[string], string>('SELECT at FROM events WHERE type = ? ORDER BY seq DESC LIMIT 1').pluck().get(type);

    const sipp = await runSipp({ dir: tmp.path, scenario: 'uac_ua_hangs_up.xml', target: `127.0.0.1:${kamailio.ports.sip}`, service: 'arm1', args: ['-m', '1'] });
    await expect(page.getByTestId('floor-ringing')).toContainText('1 appel', { timeout: 10_000 });
    const seenRinging = Date.now();
    expect(seenRinging - Date.parse(eventAt('call.ringing') ?? eventAt('call.presented')!)).toBeLessThanOrEqual(1000);
    await expect(page.getByTestId('floor-call')).toHaveAttribute('data-state', /presented|ringing/);

    const answered = await page.evaluate(async () => {
      const calls = await window.plateau.listCalls({});
      const live = calls.ok ? calls.value.calls.find((c) => c.state !== 'ended') : undefined;
      return window.plateau.answerCall({ callId: live!.id });
    });
    expect(answered).toMatchObject({ ok: true, value: { state: 'active' } });
    await expect(page.getByTestId('floor-in-progress')).toContainText('1 appel');
    expect(Date.now() - Date.parse(eventAt('call.answered')!)).toBeLessThanOrEqual(1000);
    await expect(page.getByTestId('floor-ringing')).toContainText('0 appel');

    await page.evaluate(async () => {
      const calls = await window.plateau.listCalls({});
      const live = calls.ok ? calls.value.calls.find((c) => c.state !== 'ended') : undefined;
      return window.plateau.hangupCall({ callId: live!.id });
    });
    await expect(page.getByTestId('floor-in-progress')).toContainText('0 appel');
    expect((await sipp.done).code).toBe(0);
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness?.services().stopTelephony();
    await harness?.stop();
    await kamailio.stop();
    tmp.cleanup();
  }
});
