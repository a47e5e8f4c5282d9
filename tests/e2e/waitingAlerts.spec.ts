import { dispatch } from '../../electron/services/api';
import { FakeMediaPort } from '../../electron/services/telephony/fakeMediaPort';
import { MemorySecretStore } from '../../electron/services/telephony/secretStore';
import { startHarness, type Harness } from '../harness/server';
import { journalFile } from '../support/journalFile';
import { signIn } from '../support/operators';
import { Kamailio, runSipp, sipPeersAvailable, TEST_SIP_PASSWORD } from '../support/sip/peers';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { expect, pointerEvents, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

/**
 * Issue 13 item 7 as the ARM meets it, keyboard only, the services' clock moved by the harness:
 * a P2 dossier nobody took passes its AMU limit (20 min) and a lost call its due time (10 min,
 * configured). The tick journals the escalation; the desk shows and sounds it; Alt+Maj+A
 * acknowledges; Alt+B, Entrée on the late lost call dials its number (SIPp on the trunk checks
 * the INVITE).
 */
test('waiting too long: journaled escalation, banner and tone, acknowledged; the late lost call dialled from the callback list', async ({ page }) => {
  test.skip(!sipPeersAvailable(), 'kamailio / sipp missing');
  const tmp = makeTempDir('plateau-e2e-waiting-');
  const kamailio = await Kamailio.create(tmp.path);
  let harness: Harness | null = null;
  try {
    await kamailio.start();
    const telephony = { serverUrl: kamailio.wsUrl, aor: 'sip:arm1@127.0.0.1', authUser: 'arm1', displayName: 'ARM 1', heartbeatMs: 1000 };
    const secrets = new MemorySecretStore({ 'sip-password:sip:arm1@127.0.0.1': TEST_SIP_PASSWORD });
    harness = await startHarness({
      config: testConfig(tmp.path, { telephony, autoLockMinutes: 240, lostCallDueMinutes: 10 } as never),
      serviceOptions: { media: new FakeMediaPort(), secrets },
      testClock: true,
    });
    const services = harness.services();
    await signIn(services, 'ARM');
    // The situation, set up through the services: a routed P2 dossier and a call lost before it was answered.
    const created = await dispatch(services.api, 'dossier:create', { callerPhone: '06 12 34 56 78', motive: 'douleur abdominale', priority: 'P2' });
    const dossier = (created as { value: { id: string; localNumber: string } }).value;
    expect(await dispatch(services.api, 'dossier:route', { dossierId: dossier.id, queue: 'AMU' })).toMatchObject({ ok: true });
    services.callbacks.addLostCall({ phone: '04 72 11 22 33', presentedAt: new Date().toISOString(), callId: 'lost-1' });

    await page.goto(harness.url);
    await expect(page.getByTestId('telephony-status')).toContainText('En ligne');
    await expect(page.getByTestId('wait-alerts')).toHaveCount(0);

    const token = new URL(harness.url).searchParams.get('token');
    const origin = harness.origin;
    const advance = async (minutes: number) => expect((await fetch(`${origin}/__harness/clock?advanceMinutes=${minutes}&token=${token}`, { method: 'POST' })).ok).toBe(true);
    await advance(21);

    const banner = page.getByTestId('wait-alerts');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Attente trop longue');
    await expect(banner.getByTestId('wait-alert')).toHaveText([`${dossier.localNumber} — AMU (urgence) P2 — attend depuis 21 min (seuil 20 min)`]);
    // Heard: the tone was played (counted by the page, which has no speaker to check).
    await expect(banner).toHaveAttribute('data-beeps', '1');
    await page.screenshot({ path: test.info().outputPath('wait-alert.png') });
    const journaled = journalFile(services.journal).prepare("SELECT dossier_id, actor_role FROM events WHERE type = 'queue.waitEscalated'").all();
    expect(journaled).toEqual([{ dossier_id: dossier.id, actor_role: 'SYSTEME' }]);

    // Once per threshold: another tick before 40 min adds nothing.
    await advance(1);
    expect(journalFile(services.journal).prepare("SELECT count(*) FROM events WHERE type = 'queue.waitEscalated'").pluck().get()).toBe(1);

    await page.keyboard.press('Alt+Shift+KeyA');
    await expect(banner).toHaveCount(0);

    await page.keyboard.press('Alt+b');
    await expect(page.getByTestId('callback-list')).toBeFocused();
    const row = page.getByTestId('callback-row').first();
    await expect(row).toContainText('EN RETARD');
    await expect(row).toContainText('Appel perdu');
    await expect(row).toContainText('escaladé');
    await page.screenshot({ path: test.info().outputPath('late-lost-call.png') });

    const uas = await runSipp({ dir: tmp.path, scenario: 'uas_answer.xml', port: kamailio.ports.trunk, args: ['-m', '1'] });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('call-active')).toBeVisible();
    await page.keyboard.press('F4');
    await expect(page.getByText('Aucun appel')).toBeVisible();
    const result = await uas.done;
    expect(result.code, result.messages.slice(-1500)).toBe(0);
    expect(result.messages).toMatch(/^INVITE sip:0472112233@/m);
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness?.services().stopTelephony();
    await harness?.stop();
    await kamailio.stop();
    tmp.cleanup();
  }
});

