import { startAgendaStandIn, type StandInPractitioner } from '../support/agendaStandIn';
import { VILLAGE_SUNDAY_NIGHT } from '../support/referenceFiles';
import { expect, pointerEvents, switchTo, test } from './fixtures';
import { startVillageHarness, takeVillageCall } from './villageScene';
import { decideOrientCabinet, openOsnpBooking, takeNextDossier } from './dossierFlows';

const clock = Date.parse(VILLAGE_SUNDAY_NIGHT);
const at = (hours: number) => new Date(clock + hours * 3_600_000).toISOString();
const gp = (idnps: string, family: string, city: string, lat: number, lon: number, slots: Array<[id: string, hours: number]>): StandInPractitioner => ({
  idnps,
  family,
  given: 'Claire',
  place: { line: '1 place de la Mairie', city, postalCode: '69690', lat, lon },
  slots: slots.map(([id, hours]) => ({ id, start: at(hours), end: at(hours + 0.25), bookingUrl: `https://agenda.example/rdv/${id}` })),
});

/**
 * GP slots within 48 h (issue 14), keyboard only: the OSNP searches three agendas at once — one
 * answers in 8 s, beyond the SAS contract's 7 s — sees the others' slots as they come, opens the
 * chosen slot's booking page outside the app and records the appointment with one keystroke.
 */
test('an OSNP finds a slot within 48 h across three agenda endpoints, one slow, and records it, keyboard only', async ({ page, dataDir }, testInfo) => {
  test.setTimeout(180_000);
  const standIn = await startAgendaStandIn({
    'Agenda Monts': { kind: 'bundle', practitioners: [gp('810002909371', 'Foret', 'Brussieu', 45.7458, 4.5335, [['foret-1', 10], ['foret-2', 34]])] },
    'Agenda Vallée': { kind: 'bundle', practitioners: [gp('810100050075', 'Martin', 'Bessenay', 45.7772, 4.5539, [['martin-1', 10], ['martin-2', 8]])] },
    'Agenda lent': { kind: 'bundle', delayMs: 8000, practitioners: [gp('810000000019', 'Lent', 'Courzieu', 45.74, 4.57, [['lent-1', 2]])] },
  });
  const agendas = ['Agenda Monts', 'Agenda Vallée', 'Agenda lent'].flatMap((name) => ['--agenda', `${name}=${standIn.baseUrl(name)}`]);
  const harness = await startVillageHarness(dataDir, { extraArgs: agendas });
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(harness.url);
    await takeVillageCall(page, 'Fièvre depuis deux jours, pas de médecin traitant');

    await switchTo(page, 'mrl');
    await takeNextDossier(page, 'Fièvre depuis deux jours');
    await decideOrientCabinet(page, 'Médecin généraliste, RDV < 48 h');
    await expect(page.getByTestId('regulation-status')).toContainText('Décision enregistrée : Orientation cabinet de ville (ORIENT CABINET R3)');

    await switchTo(page, 'osnp');
    await openOsnpBooking(page, 'Fièvre depuis deux jours');

    // One key: every agenda asked at once; the answers show as they come.
    const started = Date.now();
    await page.keyboard.press('Alt+c');
    const panel = page.getByTestId('slot-panel');
    await expect(panel).toBeVisible();
    const endpoints = page.getByTestId('slot-endpoints');
    await expect(endpoints).toContainText('Agenda Monts : 2 créneau(x)');
    await expect(endpoints).toContainText('Agenda Vallée : 2 créneau(x)');
    await expect(endpoints).toContainText('Agenda lent : en attente…');
    expect(Date.now() - started).toBeLessThan(6000);
    const list = page.getByTestId('slot-list');
    await expect(list).toBeFocused();
    const options = list.getByRole('option');
    // Soonest first; at the same hour (Monday 09:40), the nearest first.
    await expect(options).toHaveCount(4);
    await expect(options.nth(0)).toContainText('07/12/2026 07:40');
    await expect(options.nth(0)).toContainText('Claire Martin');
    await expect(options.nth(1)).toContainText('07/12/2026 09:40');
    await expect(options.nth(1)).toContainText('Claire Foret');
    await expect(options.nth(2)).toContainText('Claire Martin');
    await page.screenshot({ path: testInfo.outputPath('slot-panel.png') });

    // The slow agenda is named and given up at the contract's 7 s; nothing it says comes later.
    await expect(endpoints).toContainText('Agenda lent : trop lent, abandonné', { timeout: 10_000 });
    await expect(options).toHaveCount(4);

    // Entrée: the booking page of that slot outside the app (here the browser's new tab).
    await page.keyboard.press('ArrowDown');
    // The agenda's booking site, answered by the test (no Internet here).
    await page.context().route('https://agenda.example/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Réservation</title><p>Créneau réservé</p>' }));
    const popup = page.waitForEvent('popup');
    await page.keyboard.press('Enter');
    expect((await popup).url()).toBe('https://agenda.example/rdv/foret-1');
    await page.bringToFront();
    await expect(page.getByTestId('slots-status')).toContainText('Page de réservation ouverte');
    await expect(list).toBeFocused();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('slots-status')).toContainText('Rendez-vous enregistré dans le dossier : Claire Foret, 07/12/2026 09:40');
    await page.screenshot({ path: testInfo.outputPath('slot-recorded.png') });
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(page.getByTestId('osnp-row')).toHaveCount(0);

    // Who is that practitioner, where else does she practise: the directory from the RPPS pack,
    // whose age is shown (the extraction of 1 October is past the configured 60 days).
    await page.keyboard.press('Alt+Shift+m');
    const directory = page.getByTestId('practitioners-panel');
    await expect(directory).toBeVisible();
    await expect(page.getByLabel('Nom, n° RPPS ou commune (ex. « martin brussieu »)')).toBeFocused();
    await expect(page.getByTestId('practitioners-ages')).toContainText('professionnels de santé : données du 01/10, 66 jours — trop anciennes, à réimporter');
    await page.keyboard.type('foret');
    const found = page.getByTestId('practitioners-list').getByRole('option');
    await expect(found).toHaveCount(1);
    await expect(found.first()).toContainText('FORÊT Claire');
    await expect(found.first()).toContainText('Médecin — Médecine Générale');
    await expect(found.first()).toContainText('Cabinet du Vieux Bourg, 12 Rue de la Mairie, 69690 Brussieu');
    await expect(found.first()).toContainText('04 78 45 20 01');
    await expect(found.first()).toContainText('Maison de santé des Monts, 2 Grande Rue, 69690 Bessenay');
    await page.screenshot({ path: testInfo.outputPath('practitioners-panel.png') });
    await page.keyboard.press('Escape');
    await expect(directory).toHaveCount(0);
    // From the palette too; a commune finds who practises there, ↓ walks the list.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('annuaire des professionnels');
    await page.keyboard.press('Enter');
    await expect(directory).toBeVisible();
    await page.keyboard.type('brussieu');
    await expect(found).toHaveCount(3);
    await expect(found.nth(0)).toContainText('DUBOIS Anne');
    await expect(found.nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(found.nth(1)).toContainText('FORÊT Claire');
    await expect(found.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(found.nth(2)).toContainText('MARTIN Paul');
    await expect(found.nth(2)).toContainText('Infirmier');
    await expect(found.nth(2)).toContainText('pas de téléphone');
    await page.keyboard.press('Escape');
    await expect(directory).toHaveCount(0);
    expect(await pointerEvents(page)).toBe(0);
  } finally {
    await harness.stop();
    await standIn.close();
  }
});
