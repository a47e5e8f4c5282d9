import { startHarness, type Harness } from '../harness/server';
import { FakeMediaPort } from '../../electron/services/telephony/fakeMediaPort';
import { MemorySecretStore } from '../../electron/services/telephony/secretStore';
import { signIn } from '../support/operators';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { Kamailio, runSipp, sipPeersAvailable, TEST_SIP_PASSWORD } from '../support/sip/peers';
import type { Page } from '@playwright/test';
import { expect, pointerEvents, test } from './fixtures';
import { journalFile } from '../support/journalFile';
import { typeSipPassword } from './settingsKeys';
import { withSipPosition, type SipPosition } from './sipPosition';


/**
 * A position on line: Kamailio on loopback, the harness with the softphone as arm1 (media faked
 * in the services unless the page's own bridge is under test) and no SIP password stored; a
 * supervisor types the password in the settings, the registration comes up, then an ARM takes the
 * position and the page shows "En ligne". Everything started is stopped afterwards, even on failure.
 */
async function onlinePosition(page: Page, options: { telephony: Record<string, unknown>; fakeMedia: boolean }, body: (position: SipPosition) => Promise<void>): Promise<void> {
  await withSipPosition({ ...options, storedPassword: false, prefix: 'plateau-e2e-sip-' }, async (position) => {
    const { harness } = position;
    await signIn(harness.services(), 'SUPERVISEUR');
    await page.goto(harness.url);
    await expect(page.getByTestId('telephony-status')).toContainText('mot de passe SIP à saisir');
    await typeSipPassword(page, TEST_SIP_PASSWORD);
    await expect(page.getByTestId('settings-telephony-status')).toContainText('État : En ligne');
    await page.keyboard.press('Escape');
    // The position is taken by an ARM (call control is for a signed-in floor operator).
    await signIn(harness.services(), 'ARM');
    await page.reload();
    await expect(page.getByTestId('telephony-status')).toContainText('En ligne');
    await body(position);
  });
}

/**
 * Bad input at the SIP password field: 200 characters with every printable ASCII character is
 * kept exactly (Kamailio refuses it: the settings say "mot de passe refusé" and the server's 401);
 * 201 characters or nothing get a message at the field and nothing is stored; then the right one
 * registers. All from the keyboard.
 */
test('the SIP password is set from the settings: every printable character, too long, empty, wrong then right', async ({ page }) => {
  test.skip(!sipPeersAvailable(), 'kamailio / sipp missing');
  const tmp = makeTempDir('plateau-e2e-sip-');
  const kamailio = await Kamailio.create(tmp.path);
  let harness: Harness | null = null;
  try {
    await kamailio.start();
    const telephony = { serverUrl: kamailio.wsUrl, aor: 'sip:arm1@127.0.0.1', authUser: 'arm1', displayName: 'ARM 1' };
    const secrets = new MemorySecretStore();
    harness = await startHarness({ config: testConfig(tmp.path, { telephony } as never), serviceOptions: { media: new FakeMediaPort(), secrets } });
    await signIn(harness.services(), 'SUPERVISEUR');
    await page.goto(harness.url);
    const key = 'sip-password:sip:arm1@127.0.0.1';

    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    const long = (printable + printable + printable).slice(0, 200);
    expect(long).toHaveLength(200);
    await typeSipPassword(page, long);
    const status = page.getByTestId('settings-telephony-status');
    await expect(status).toContainText('Cause : mot de passe refusé');
    await expect(status).toContainText('Réponse du serveur SIP : 401');
    await expect(status).toContainText('Téléphonie en défaut');
    expect(await secrets.get(key)).toBe(long);

    const field = page.locator('#settings-sip-password');
    await expect(field).toHaveValue('');
    await field.focus();
    await page.keyboard.insertText(`${long}x`);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('settings-sip-password-problem')).toHaveText('Le mot de passe fait 201 caractères : 200 au plus');
    await expect(field).toHaveValue(`${long}x`);
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('settings-sip-password-problem')).toHaveText('Saisissez le mot de passe SIP');
    expect(await secrets.get(key)).toBe(long);

    await page.keyboard.insertText(TEST_SIP_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(status).toContainText('État : En ligne');
    await expect(page.getByTestId('telephony-status')).toContainText('En ligne');
    expect(await secrets.get(key)).toBe(TEST_SIP_PASSWORD);
    // The password never shows: not in the field, not in the page.
    expect(await page.content()).not.toContain(TEST_SIP_PASSWORD);
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness?.services().stopTelephony();
    await harness?.stop();
    await kamailio.stop();
    tmp.cleanup();
  }
});

/**
 * A real SIP call reaches the screen: SIPp → Kamailio → the softphone in the services (media
 * faked there: SIPp speaks no WebRTC) → the harness → the renderer in Chromium. The ARM sees the
 * number and the caller's history while it rings, answers with F3, and gets a dossier with the
 * number; all without the mouse.
 */
test('an incoming SIP call rings on screen with its history, F3 answers and opens a dossier with the number', async ({ page }) => {
  await onlinePosition(page, { telephony: { heartbeatMs: 1000 }, fakeMedia: true }, async ({ tmp, kamailio, harness }) => {
    const earlier = await page.evaluate(() => window.plateau.createDossier({ callerPhone: '+33612345678', motive: 'Chute la veille', priority: 'P2' }));
    expect(earlier.ok).toBe(true);

    const sipp = await runSipp({ dir: tmp.path, scenario: 'uac_ua_hangs_up.xml', target: `127.0.0.1:${kamailio.ports.sip}`, service: 'arm1', args: ['-m', '1'] });
    const ringing = page.getByTestId('call-ringing');
    await expect(ringing).toContainText('+33612345678');
    await expect(ringing).toContainText('Chute la veille');

    await page.keyboard.press('F3');
    await expect(page.getByTestId('call-active')).toBeVisible();
    await expect(page.locator('#field-callerPhone')).toHaveValue('0612345678');
    await page.keyboard.press('F4');
    await expect(page.getByText('Aucun appel')).toBeVisible();
    expect((await sipp.done).code).toBe(0);

    const journal = harness.services().journal;
    const types = journalFile(journal).prepare<[], { type: string }>("SELECT type FROM events WHERE type GLOB 'call.*' ORDER BY seq").all().map((r) => r.type);
    expect(types).toEqual(['call.presented', 'call.ringing', 'call.answered', 'call.ended']);
    expect(await pointerEvents(page)).toBe(0);
  });
});

/**
 * The dossier opened by F3 is saved with the call it answers: the services write the dossier and
 * `call.attached` in one command (no second request for the renderer to lose on a reload).
 */
test('saving the dossier F3 opened attaches the answered call in the same journal command', async ({ page }) => {
  await onlinePosition(page, { telephony: { heartbeatMs: 1000 }, fakeMedia: true }, async ({ tmp, kamailio, harness }) => {
    const sipp = await runSipp({ dir: tmp.path, scenario: 'uac_ua_hangs_up.xml', target: `127.0.0.1:${kamailio.ports.sip}`, service: 'arm1', args: ['-m', '1'] });
    await expect(page.getByTestId('call-ringing')).toContainText('+33612345678');
    await page.keyboard.press('F3');
    await expect(page.getByTestId('call-active')).toBeVisible();
    await expect(page.locator('#field-callerPhone')).toHaveValue('0612345678');
    await page.locator('#field-motive').focus();
    await page.keyboard.type('Malaise au domicile');
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Enregistré');

    const journal = harness.services().journal;
    const written = journalFile(journal).prepare<[], { seq: number; type: string; dossier_id: string }>("SELECT seq, type, dossier_id FROM events WHERE type IN ('dossier.created', 'call.attached') ORDER BY seq").all();
    expect(written.map((e) => e.type)).toEqual(['dossier.created', 'call.attached']);
    expect(written[1]!.seq).toBe(written[0]!.seq + 1);
    expect(written[1]!.dossier_id).toBe(written[0]!.dossier_id);
    const [call] = journal.calls.ofDossierId(written[0]!.dossier_id);
    expect(call).toMatchObject({ direction: 'inbound', remoteNumber: '+33612345678', dossierId: written[0]!.dossier_id });

    await page.keyboard.press('F4');
    await expect(page.getByText('Aucun appel')).toBeVisible();
    expect((await sipp.done).code).toBe(0);
    expect(journal.calls.get(call!.id)).toMatchObject({ state: 'ended', outcome: 'answered', dossierId: written[0]!.dossier_id });
    expect(await pointerEvents(page)).toBe(0);
  });
});

/**
 * The media bridge in a real Chromium: the services ask the page for an SDP answer; the page
 * cannot give one (headless Chromium here has no microphone: getUserMedia fails — and SIPp's plain
 * RTP offer would be refused by WebRTC anyway); the refusal comes back through media:respond, and
 * the call fails cleanly (480, journalled with the renderer's reason, a translated message on
 * screen) well before the time limit. A successful WebRTC call is in webrtcCall.spec.ts.
 */
test('media requests reach the page and a refusal there ends the call cleanly with the reason', async ({ page }) => {
  await onlinePosition(page, { telephony: { mediaTimeoutMs: 8000 }, fakeMedia: false }, async ({ tmp, kamailio, harness }) => {
    const sipp = await runSipp({ dir: tmp.path, scenario: 'uac_answer_fails.xml', target: `127.0.0.1:${kamailio.ports.sip}`, service: 'arm1', args: ['-m', '1'] });
    await expect(page.getByTestId('call-ringing')).toBeVisible();
    const t0 = Date.now();
    await page.keyboard.press('F3');
    await expect(page.getByRole('alert')).toHaveText('Le son n’a pas démarré : l’appel a été terminé');
    expect((await sipp.done).code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(8000);
    const call = journalFile(harness.services().journal).prepare<[], { end_reason: string; sip_code: number }>("SELECT end_reason, sip_code FROM calls").get();
    expect(call?.sip_code).toBe(480);
    expect(call?.end_reason).toMatch(/media refused by the renderer/);
  });
});

/**
 * DTMF from the keyboard: Alt+D opens the keypad during a call; each digit typed goes to the
 * call as SIP INFO (SIPp checks Signal=4 then Signal=#, in order) and never into the dossier
 * being typed; Escape closes it and gives the focus back.
 */
test('Alt+D opens the DTMF keypad: typed digits reach the caller as SIP INFO, not the dossier', async ({ page }) => {
  await onlinePosition(page, { telephony: {}, fakeMedia: true }, async ({ tmp, kamailio }) => {
    const sipp = await runSipp({ dir: tmp.path, scenario: 'uac_dtmf.xml', target: `127.0.0.1:${kamailio.ports.sip}`, service: 'arm1', args: ['-m', '1'] });
    await expect(page.getByTestId('call-ringing')).toBeVisible();
    await page.keyboard.press('F3');
    await expect(page.getByTestId('call-active')).toBeVisible();
    await page.locator('#field-callerPhone').focus();
    await page.keyboard.press('Alt+KeyD');
    const keypad = page.getByTestId('dtmf-keypad');
    await expect(keypad.getByRole('textbox')).toBeFocused();
    await page.keyboard.type('4');
    await expect(page.getByTestId('dtmf-sent')).toHaveText('Envoyé : 4');
    // Escape closes it and gives the focus back to the field, which the digit never reached.
    await page.keyboard.press('Escape');
    await expect(keypad).toBeHidden();
    await expect(page.locator('#field-callerPhone')).toBeFocused();
    await expect(page.locator('#field-callerPhone')).toHaveValue('0612345678');
    await page.keyboard.press('Alt+KeyD');
    await expect(keypad.getByRole('textbox')).toBeFocused();
    await page.keyboard.type('#');
    // SIPp got both INFOs, in order, then hung up.
    const result = await sipp.done;
    expect(result.code, result.messages.slice(-2000)).toBe(0);
    await expect(page.getByText('Aucun appel')).toBeVisible();
    // The call is over: the keypad closed by itself, the focus back in the dossier.
    await expect(keypad).toBeHidden();
    await expect(page.locator('#field-callerPhone')).toBeFocused();
    await expect(page.locator('#field-callerPhone')).toHaveValue('0612345678');
    expect(await pointerEvents(page)).toBe(0);
  });
});

/**
 * Transfer to a regulator from the palette: the extension plan (call:extensions) gives one entry
 * per regulator; Ctrl+K, the doctor's name, Entrée: REFER to that extension (SIPp checks the
 * Refer-To), then we leave the call; journalled as transferred to the extension.
 */
test('the palette transfers the call to a regulator of the extension plan (REFER to the extension)', async ({ page }) => {
  await onlinePosition(page, { telephony: { extensions: { regulators: [{ extension: '201', label: 'Dr Martin (MRL)' }, { extension: '202', label: 'Dr Durand (MRU)' }] } }, fakeMedia: true }, async ({ tmp, kamailio, harness }) => {
    const sipp = await runSipp({ dir: tmp.path, scenario: 'uac_refer_regulator.xml', target: `127.0.0.1:${kamailio.ports.sip}`, service: 'arm1', args: ['-m', '1'] });
    await expect(page.getByTestId('call-ringing')).toBeVisible();
    await page.keyboard.press('F3');
    await expect(page.getByTestId('call-active')).toBeVisible();
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Dr Martin');
    await expect(page.getByRole('option', { name: /Transférer l’appel à Dr Martin \(MRL\) \(poste 201\)/ })).toBeVisible();
    await page.keyboard.press('Enter');
    const result = await sipp.done;
    expect(result.code, result.messages.slice(-2000)).toBe(0);
    await expect(page.getByText('Aucun appel')).toBeVisible();
    const call = journalFile(harness.services().journal).prepare<[], { outcome: string; transfer_target: string }>('SELECT outcome, transfer_target FROM calls').get();
    expect(call).toEqual({ outcome: 'transferred', transfer_target: '201' });
    expect(await pointerEvents(page)).toBe(0);
  });
});
