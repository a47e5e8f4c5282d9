import type { Page } from '@playwright/test';
import { signIn } from '../support/operators';
import { runSipp } from '../support/sip/peers';
import { withSipPosition, type SipPosition } from './sipPosition';
import { journalFile } from '../support/journalFile';
import AxeBuilder from '@axe-core/playwright';
import { expect, pointerEvents, test } from './fixtures';

const DIRECTORY = [
  { label: 'SMUR Lyon Sud', number: '04 78 86 15 15', kind: 'SMUR' },
  { label: 'Police secours', number: '17', kind: 'POLICE' },
  { label: 'CTA-CODIS 69', number: '18', kind: 'FIRE' },
];

test.use({ viewport: { width: 1280, height: 800 } });

/**
 * The panel as a user meets it at 1280×800: a screenshot to look at, and axe on the panel (serious
 * or critical fails; scoped to the overlay: a whole-page scan outlasts SIPp's 20 s timers on 2 cores).
 */
async function lookAt(page: Page, name: string, axe = true): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
  if (!axe) return;
  const results = await new AxeBuilder({ page }).include('.overlay').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(bad, name).toEqual([]);
}

/** Kamailio on loopback, the harness registered as arm1 (media faked in the services), an ARM signed in. */
async function onlinePosition(page: Page, telephony: Record<string, unknown>, body: (p: SipPosition) => Promise<void>): Promise<void> {
  await withSipPosition({ telephony: { heartbeatMs: 1000, ...telephony }, fakeMedia: true, storedPassword: true, prefix: 'plateau-e2e-phone-' }, async (position) => {
    await signIn(position.harness.services(), 'ARM');
    await page.goto(position.harness.url);
    await expect(page.getByTestId('telephony-status')).toContainText('En ligne');
    await body(position);
  });
}

/**
 * Issue 13 item 3 from the keyboard: a P0 caller is handed to the regulator in person. F6 on the
 * saved P0 call asks for a reason (Échap: the call stays up, nothing sent); F7 consults the
 * regulator (the caller waits), Alt+Maj+3 joins the three, Alt+Maj+Entrée hands over. SIPp, the
 * caller, checks the SIP side: sendonly for the consultation, sendrecv for the conference, then
 * Refer-To with Replaces.
 */
test('P0: F7 consults the regulator, Alt+Maj+3 conferences, Alt+Maj+Entrée hands over (REFER with Replaces); F6 asks why', async ({ page }) => {
  await onlinePosition(page, { extensions: { regulators: [{ extension: '201', label: 'Dr Martin (MRU)' }] } }, async ({ tmp, kamailio, harness }) => {
    const caller = await runSipp({ dir: tmp.path, scenario: 'uac_p0_conference.xml', target: `127.0.0.1:${kamailio.ports.sip}`, service: 'arm1', args: ['-m', '1'] });
    await expect(page.getByTestId('call-ringing')).toBeVisible();
    await page.keyboard.press('F3');
    await expect(page.getByTestId('call-active')).toBeVisible();
    await page.locator('#field-motive').focus();
    await page.keyboard.type('Arrêt cardio-respiratoire');
    await page.keyboard.press('Alt+0');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Enregistré');

    // Not parked without a word: the prompt says why; Échap leaves the call up.
    await page.keyboard.press('F6');
    const prompt = page.getByTestId('p0-prompt');
    await expect(prompt).toContainText('Appel P0 : motif obligatoire');
    await expect(page.getByTestId('p0-reason')).toBeFocused();
    await page.keyboard.type('ok');
    await page.keyboard.press('Enter');
    await expect(prompt).toContainText('Motif trop court');
    await lookAt(page, 'p0-prompt', false);
    await page.keyboard.press('Escape');
    await expect(prompt).toBeHidden();
    await expect(page.getByTestId('call-active')).toBeVisible();

    const regulator = await runSipp({ dir: tmp.path, scenario: 'uas_ring_then_answer.xml', port: kamailio.ports.trunk, args: ['-m', '1'] });
    await page.keyboard.press('F7');
    await expect(page.getByTestId('call-consultation')).toContainText('Consultation : l’appelant patiente');
    await expect(page.getByTestId('call-held')).toBeVisible();
    // Enabled once the regulator answered (the ARM stays with the caller until then).
    await expect.poll(async () => journalFile(harness.services().journal).prepare("SELECT count(*) FROM events WHERE type = 'call.answered'").pluck().get(), { timeout: 5000 }).toBe(2);
    await page.keyboard.press('Alt+Shift+Digit3');
    await expect(page.getByTestId('call-consultation')).toContainText('Conférence à trois');
    await page.screenshot({ path: test.info().outputPath('conference.png') });
    await page.keyboard.press('Alt+Shift+Enter');
    const result = await caller.done;
    expect(result.code, result.messages.slice(-2000)).toBe(0);
    expect(result.messages).toMatch(/^Refer-To: .*Replaces=/m);
    // The regulator's leg is the ARM's to end now.
    await page.keyboard.press('F4');
    await expect(page.getByText('Aucun appel')).toBeVisible();
    expect((await regulator.done).code).toBe(0);

    const journal = journalFile(harness.services().journal);
    const types = journal.prepare<[], { type: string }>("SELECT type FROM events WHERE type IN ('call.held', 'call.conferenced', 'call.transferred', 'call.p0Exception') ORDER BY seq").all().map((r) => r.type);
    expect(types).toEqual(['call.held', 'call.conferenced', 'call.conferenced', 'call.transferred']);
    expect(await pointerEvents(page)).toBe(0);
  });
});

/** A P0 call hung up with a reason typed in the prompt: journaled with the step, the BYE goes. */
test('P0: F4 asks for the reason; typed and confirmed, the call ends and the reason is journaled', async ({ page }) => {
  await onlinePosition(page, {}, async ({ tmp, kamailio, harness }) => {
    const caller = await runSipp({ dir: tmp.path, scenario: 'uac_ua_hangs_up.xml', target: `127.0.0.1:${kamailio.ports.sip}`, service: 'arm1', args: ['-m', '1'] });
    await expect(page.getByTestId('call-ringing')).toBeVisible();
    await page.keyboard.press('F3');
    await page.locator('#field-motive').focus();
    await page.keyboard.type('Hémorragie');
    await page.keyboard.press('Alt+0');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Enregistré');
    await page.keyboard.press('F4');
    await expect(page.getByTestId('p0-reason')).toBeFocused();
    await lookAt(page, 'p0-prompt-hangup', false);
    await page.keyboard.type('Second P0 entrant, SMUR engagé');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Aucun appel')).toBeVisible();
    expect((await caller.done).code).toBe(0);
    const reason = journalFile(harness.services().journal).prepare("SELECT json_extract(payload, '$.reason') FROM events WHERE type = 'call.p0Exception'").pluck().get();
    expect(reason).toBe('Second P0 entrant, SMUR engagé');
    expect(await pointerEvents(page)).toBe(0);
  });
});

/**
 * Issue 13 item 8: Alt+Maj+N opens the dial field — letters are refused at the field as they
 * are typed — and a number typed is dialled; the post's directory below it (Entrée on an empty
 * field calls the chosen entry: a short number); speed-dial from the palette; Alt+Maj+L lists
 * the post's calls newest first and Entrée calls the chosen one back. SIPp on the trunk checks
 * each number dialled.
 */
test('dial field, directory, palette speed-dial and call history with redial, all from the keyboard', async ({ page }) => {
  await onlinePosition(page, { directory: DIRECTORY }, async ({ tmp, kamailio, harness }) => {
    const trunk = () => runSipp({ dir: tmp.path, scenario: 'uas_answer.xml', port: kamailio.ports.trunk, args: ['-m', '1'] });
    const hangUp = async (uas: Awaited<ReturnType<typeof trunk>>, user: string) => {
      await expect(page.getByTestId('call-active')).toBeVisible();
      await page.keyboard.press('F4');
      await expect(page.getByText('Aucun appel')).toBeVisible();
      const result = await uas.done;
      expect(result.code, result.messages.slice(-1500)).toBe(0);
      expect(result.messages).toMatch(new RegExp(`^INVITE sip:${user}@`, 'm'));
    };

    await page.keyboard.press('Alt+Shift+KeyN');
    const field = page.getByTestId('dial-field');
    await expect(field).toBeFocused();
    await expect(page.getByTestId('directory-list')).toContainText('SMUR Lyon Sud');
    await page.keyboard.type('06 12 ab');
    await expect(page.getByTestId('dial-message')).toHaveText('Un numéro ne contient pas de lettres : chiffres, espaces, points, tirets et + seulement');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await lookAt(page, 'dial-letters');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('dial-overlay')).toBeVisible();
    await expect(field).toHaveValue('06 12 ab');
    for (let i = 0; i < 2; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('dial-message')).toHaveText('Ce n’est pas un numéro composable (national, international, numéro court ou poste)');
    await page.keyboard.type('4 56 78');
    let uas = await trunk();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('dial-overlay')).toBeHidden();
    await hangUp(uas, '0612345678');

    // The directory: ↓ to the second entry, Entrée on the empty field calls it (17, a short number).
    await page.keyboard.press('Alt+Shift+KeyN');
    await expect(page.getByTestId('dial-field')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('option', { name: /Police secours/ })).toHaveAttribute('aria-selected', 'true');
    uas = await trunk();
    await page.keyboard.press('Enter');
    await hangUp(uas, '17');

    // Speed-dial from the palette.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('SMUR Lyon');
    await expect(page.getByRole('option', { name: /Appeler SMUR Lyon Sud \(04 78 86 15 15\)/ })).toBeVisible();
    uas = await trunk();
    await page.keyboard.press('Enter');
    await hangUp(uas, '0478861515');

    // The post's history, newest first; ↓ ↓ Entrée calls the first number back.
    await page.keyboard.press('Alt+Shift+KeyL');
    const history = page.getByTestId('call-history-list');
    await expect(history.getByRole('option')).toHaveCount(3);
    await expect(history.getByRole('option').nth(0)).toContainText('0478861515');
    await expect(history.getByRole('option').nth(1)).toContainText('17');
    await expect(history.getByRole('option').nth(2)).toContainText('0612345678');
    await expect(history.getByRole('option').nth(2)).toContainText('Sortant');
    await lookAt(page, 'call-history');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    uas = await trunk();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('call-history')).toBeHidden();
    await hangUp(uas, '0612345678');

    const placed = journalFile(harness.services().journal).prepare("SELECT remote_number FROM calls WHERE direction = 'outbound' ORDER BY presented_at").pluck().all();
    expect(placed).toEqual(['+33612345678', '17', '+33478861515', '+33612345678']);
    expect(await pointerEvents(page)).toBe(0);
  });
});
