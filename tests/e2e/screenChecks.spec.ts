import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, pointerEvents, setTheme, signIn, switchTo, THEMES, test } from './fixtures';
import { HarnessProcess } from './harnessProcess';
import { startAgendaStandIn, type StandInPractitioner } from '../support/agendaStandIn';
import { writeVillageScene } from '../support/referenceFiles';
import { signIn as signInThrough } from '../support/operators';
import { runSipp } from '../support/sip/peers';
import { withSipPosition } from './sipPosition';

/**
 * The screen under stress (issue 19): at the smallest supported size no view scrolls the page or
 * overflows sideways, and axe finds no serious or critical violation (contrast included) in any
 * of the three themes. Keyboard only, like every other flow.
 */

/** Neither the page nor any element inside the app is wider than the screen; the page itself never scrolls. */
async function expectNoPageScroll(page: Page, where: string): Promise<void> {
  const box = await page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll<HTMLElement>('#root *')]
      // Inside a scrolling region (an overlay's body) or a cut cell (queue rows, top bar) is not overflow.
      .filter((el) => !el.closest('.overlay-body, .queue-row, .top-bar') && el.getClientRects().length > 0 && el.getBoundingClientRect().right > root.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`);
    return { scrollHeight: root.scrollHeight, clientHeight: root.clientHeight, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, scrollY: window.scrollY, wide };
  });
  expect(box.scrollHeight, `${where}: page height`).toBeLessThanOrEqual(box.clientHeight);
  expect(box.scrollWidth, `${where}: page width`).toBeLessThanOrEqual(box.clientWidth);
  expect(box.scrollY, `${where}: page scrolled`).toBe(0);
  expect(box.wide, `${where}: elements past the right edge`).toEqual([]);
}

/** axe-core on the whole page: serious and critical violations fail, named with their elements. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(bad, where).toEqual([]);
}

/** Every theme: the layout (cheap) and, where `axeThemes` says, the accessibility scan (slow on 2 cores). */
async function checkEverywhere(page: Page, where: string, axeThemes: readonly (typeof THEMES)[number][] = THEMES): Promise<void> {
  for (const theme of THEMES) {
    await setTheme(page, theme);
    await expectNoPageScroll(page, `${where} (${theme})`);
    if (axeThemes.includes(theme)) await expectAccessible(page, `${where} (${theme})`);
  }
  await setTheme(page, 'dark');
}

test.use({ viewport: { width: 1280, height: 800 } });

test('at 1280×800 no view scrolls the page or overflows, and axe finds no serious or critical violation, in the three themes', async ({ page, dataDir }) => {
  test.setTimeout(900_000);
  const village = writeVillageScene(dataDir);
  // Two agendas with free slots from now on (the harness runs on the real clock here), long names included.
  const gp = (idnps: string, family: string, city: string, endpoint: number): StandInPractitioner => ({
    idnps,
    family,
    given: 'Marie-Christine',
    place: { line: 'Maison de santé pluriprofessionnelle, 1 place de la Mairie', city, postalCode: '69690', lat: 45.74, lon: 4.53 + endpoint / 100 },
    slots: Array.from({ length: 6 }, (_, k) => ({ id: `${family}-${k}`, start: new Date(Date.now() + (k + 1) * 3_600_000).toISOString(), end: new Date(Date.now() + (k + 1.25) * 3_600_000).toISOString(), bookingUrl: `https://agenda.example/rdv/${family}/${k}` })),
  });
  const standIn = await startAgendaStandIn({
    'Agenda des Monts du Lyonnais': { kind: 'bundle', practitioners: [gp('810002909371', 'Foret-Delacroix', 'Brussieu', 1)] },
    'Agenda Vallée': { kind: 'bundle', practitioners: [gp('810100050075', 'Martin', 'Bessenay', 2)] },
  });
  const agendas = ['Agenda des Monts du Lyonnais', 'Agenda Vallée'].flatMap((name) => ['--agenda', `${name}=${standIn.baseUrl(name)}`]);
  const packs = (['pharmacies', 'rotas', 'rpps'] as const).flatMap((kind) => ['--pack', `${kind}=${village[kind]}`]);
  const harness = await HarnessProcess.start(dataDir, ['--operator', 'none', ...packs, ...agendas]);
  try {
    await page.goto(harness.url);
    await checkEverywhere(page, 'sign-in');
    await signIn(page, 'arm');

    // A busy room: more waiting dossiers than the queue shows, long motives.
    await page.evaluate(async () => {
      for (let i = 0; i < 30; i++) {
        const priority = (['P0', 'P1', 'P2', 'P3'] as const)[i % 4]!;
        const created = await window.plateau.createDossier({ callerPhone: `+3361234${String(5600 + i)}`, motive: `Douleur thoracique depuis deux heures, sueurs, antécédent d’infarctus, patient de 67 ans ${i}`, priority });
        if (created.ok && i % 2 === 0) await window.plateau.routeDossier({ dossierId: created.value.id, queue: i % 4 === 2 ? 'SNP' : 'AMU' });
      }
    });

    // The call-taker's form, long and saved: the header stays, the panel scrolls on its own.
    await page.keyboard.press('F2');
    await page.keyboard.type('06 12 34 56 99');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Malaise avec douleur thoracique irradiant dans le bras gauche depuis vingt minutes');
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Enregistré');
    await expect(page.getByLabel('Adresse')).toBeFocused();
    for (let i = 0; i < 25; i++) await page.keyboard.press('Tab');
    await expect(page.getByTestId('dossier-header')).toBeInViewport();
    await checkEverywhere(page, 'calls');

    for (const [keys, where] of [['F1', 'help'], ['Control+k', 'palette'], ['Control+Shift+F', 'search'], ['Alt+j', 'diagnostics'], ['Alt+Shift+N', 'dial'], ['Alt+Shift+L', 'call history'], ['Alt+Shift+KeyW', 'settings']] as const) {
      await page.keyboard.press(keys);
      await expect(page.getByRole('dialog')).toBeVisible();
      await checkEverywhere(page, where, ['dark']);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }

    // The help is longer than the screen: its body scrolls from the keyboard.
    await page.keyboard.press('F1');
    const body = page.getByRole('dialog').locator('.overlay-body');
    await expect(body).toBeFocused();
    await page.keyboard.press('PageDown');
    await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+l');
    await expect(page.getByTestId('login-screen')).toContainText('Poste verrouillé');
    await expect(page.getByLabel('Mot de passe')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await signIn(page, 'mru');
    await page.keyboard.press('F8');
    await expect(page.getByTestId('regulation')).toContainText('Douleur thoracique');
    await page.keyboard.type('Douleur constrictive, sueurs, ECG demandé');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('regulation-status')).toContainText('Note enregistrée');
    await page.keyboard.press('Alt+Shift+i');
    await expect(page.getByLabel('Niveau de soin')).toBeFocused();
    await page.keyboard.type('R1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('SMUR');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('regulation-status')).toContainText('Décision enregistrée : Intervention — Smur (INTER SMUR R1)');
    await expect(page.getByTestId('regulation-status')).toBeInViewport();
    await expect(page.getByTestId('header-decision')).toContainText('Intervention — Smur INTER SMUR R1');
    await checkEverywhere(page, 'regulation');

    // The pharmacies on duty (issue 14), at the Sunday night the rota covers: the list at full width.
    await page.keyboard.press('Alt+g');
    await expect(page.getByTestId('pharmacy-panel')).toBeVisible();
    await expect(page.getByTestId('pharmacy-coverage')).toBeVisible();
    // On the list when someone is on duty at the real now, else already on the time.
    const time = page.getByLabel('Heure (heure du site, AAAA-MM-JJ HH:MM, Entrée)');
    if (!(await time.evaluate((el) => el === document.activeElement))) await page.keyboard.press('Shift+Tab');
    await expect(time).toBeFocused();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('2026-12-06 23:40');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pharmacy-list').getByRole('option')).toHaveCount(3);
    await checkEverywhere(page, 'pharmacy', ['dark', 'light']);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('pharmacy-panel')).toHaveCount(0);

    // The GP slots within 48 h: both agendas answered, the list and the endpoints' lines at full width.
    await page.keyboard.press('Alt+c');
    await expect(page.getByTestId('slot-panel')).toBeVisible();
    await expect(page.getByTestId('slot-list').getByRole('option')).toHaveCount(12);
    await checkEverywhere(page, 'slots', ['dark', 'light']);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('slot-panel')).toHaveCount(0);

    // The practitioners' directory: a commune's practitioners, the stale RPPS pack's warning.
    await page.keyboard.press('Alt+Shift+m');
    await expect(page.getByTestId('practitioners-panel')).toBeVisible();
    await page.keyboard.type('brussieu');
    await expect(page.getByTestId('practitioners-list').getByRole('option')).toHaveCount(3);
    await expect(page.getByTestId('practitioners-ages')).toContainText('trop anciennes');
    await checkEverywhere(page, 'practitioners', ['dark', 'light']);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('practitioners-panel')).toHaveCount(0);

    await page.keyboard.press('Alt+e');
    await expect(page.getByTestId('report-body')).toBeVisible();
    await expect(page.getByRole('dialog').locator('.overlay-body')).toBeFocused();
    await checkEverywhere(page, 'report', ['dark']);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('report')).toHaveCount(0);

    await page.keyboard.press('Alt+b');
    await checkEverywhere(page, 'callbacks', ['light']);
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
    await standIn.close();
  }
});

/** The focused element is a real one (never the page itself) and on screen. */
async function expectUsefulFocus(page: Page, where: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.activeElement !== null && document.activeElement !== document.body), { message: `${where}: focus on the page body` }).toBe(true);
  await expect(page.locator(':focus'), where).toBeInViewport();
}

test('after signing in and after palette commands the focus is somewhere useful and visible', async ({ page, signedOutHarness }) => {
  await page.goto(signedOutHarness.url);
  await signIn(page, 'arm');
  // The ARM's home: the queue, where ↓ and Entrée work at once.
  await expect(page.getByTestId('queue-list')).toBeFocused();
  await expectUsefulFocus(page, 'ARM signed in');

  // A command that moves nothing gives the focus back where it was.
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Téléphone de l’appelant')).toBeFocused();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('thème clair');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByLabel('Téléphone de l’appelant')).toBeFocused();

  // A command that changes the view puts the hands on that view's list.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('liste des rappels');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('callback-list')).toBeFocused();
  await expectUsefulFocus(page, 'callbacks from the palette');

  // The overlay a palette command opens takes the focus; closing it gives it back.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('diagnostic');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('diagnostics')).toBeVisible();
  await expectUsefulFocus(page, 'diagnostics');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('callback-list')).toBeFocused();

  // Another operator signing in on the lock screen lands on their own view's working element.
  await switchTo(page, 'osnp');
  await expectUsefulFocus(page, 'OSNP signed in');
  await switchTo(page, 'mrl');
  await expect(page.getByTestId('queue-list')).toBeFocused();
  expect(await pointerEvents(page)).toBe(0);
});

/**
 * The P0 prompt (issue 13) over a live call: a P0 caller the ARM tries to hang up on. Its layout
 * and axe in the three themes, like every other overlay; the caller (SIPp) waits for the BYE
 * long enough for the scans on a loaded machine, then gets it once the reason is typed.
 */
test('the P0 prompt over a live call: no overflow and no serious or critical axe violation, in the three themes', async ({ page }) => {
  test.setTimeout(600_000);
  await withSipPosition({ telephony: { heartbeatMs: 1000 }, fakeMedia: true, storedPassword: true, prefix: 'plateau-e2e-p0-checks-' }, async ({ tmp, kamailio, harness }) => {
    await signInThrough(harness.services(), 'ARM');
    await page.goto(harness.url);
    await expect(page.getByTestId('telephony-status')).toContainText('En ligne');
    const caller = await runSipp({ dir: tmp.path, scenario: 'uac_ua_hangs_up_late.xml', target: `127.0.0.1:${kamailio.ports.sip}`, service: 'arm1', args: ['-m', '1'], timeoutMs: 580_000 });
    await expect(page.getByTestId('call-ringing')).toBeVisible();
    await page.keyboard.press('F3');
    await expect(page.getByTestId('call-active')).toBeVisible();
    await page.locator('#field-motive').focus();
    await page.keyboard.type('Arrêt cardio-respiratoire, massage en cours par le fils');
    await page.keyboard.press('Alt+0');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Enregistré');

    await page.keyboard.press('F4');
    await expect(page.getByTestId('p0-prompt')).toContainText('Appel P0 : motif obligatoire');
    await expect(page.getByTestId('p0-reason')).toBeFocused();
    await checkEverywhere(page, 'P0 prompt');
    // A reason too short is said in the prompt: checked as shown.
    await page.keyboard.type('ok');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('p0-prompt')).toContainText('Motif trop court');
    await checkEverywhere(page, 'P0 prompt, reason too short', ['dark']);

    await page.keyboard.press('Control+a');
    await page.keyboard.type('Second P0 entrant, SMUR engagé');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Aucun appel')).toBeVisible();
    expect((await caller.done).code).toBe(0);
    expect(await pointerEvents(page)).toBe(0);
  });
});
