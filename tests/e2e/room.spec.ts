import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { JOURNAL_FILE_NAME } from '../../electron/services/config/workstationConfig';
import { SiteStore } from '../../electron/services/site/store/siteStore';
import { freePort } from '../support/hub/freePort';
import { freshDatabase, postgresProblem, startPostgres, type TestPostgres } from '../support/postgres';
import { siteConfigFor } from '../support/room';
import { siteProcess, type SiteProcess } from '../support/siteProcess';
import { HarnessProcess } from './harnessProcess';
import { countPointerEvents, expect, pointerEvents, signIn, switchTo, test } from './fixtures';
import { decideOrientCabinet, openOsnpBooking, palette, takeCall, takeNextDossier, tomorrowAt930, typeAppointment, writeNote } from './dossierFlows';

/**
 * The room end to end (issue 12, ROOM.md §6): one site service on a real PostgreSQL, three harness
 * desks — ARM, MRU (urgentist), MRL (GP) — each with its own journal, each in its own browser
 * context, keyboard only. The site runs as a child process so that it can be SIGKILLed.
 */

const run = promisify(execFile);
/** Signing in (scrypt) and the site's round trips on a 2-core machine shared with other runs. */
const SLOW = 30_000;

interface Desk {
  readonly name: 'arm' | 'mru' | 'mrl';
  readonly number: number;
  harness: HarnessProcess;
  page: Page;
}

/** The desk's own view of the room, through its contract (site:status). */
async function siteStatus(page: Page): Promise<{ state: string; pending: number; refused: number; pulledPos: number; head: number }> {
  return page.evaluate(async () => {
    const s = await window.plateau.siteStatus({});
    if (!s.ok) throw new Error(s.error.message);
    return s.value;
  });
}

async function dossierOn(page: Page, text: string) {
  return page.evaluate(async (t) => {
    const found = await window.plateau.searchDossiers({ text: t });
    if (!found.ok || found.value.entries.length === 0) return null;
    const d = await window.plateau.getDossier({ dossierId: found.value.entries[0]!.id });
    return d.ok ? d.value : null;
  }, text);
}

test('the room: three desks and one site, keyboard only — a P1 reaches the MRU, one physician gets it, ARM → MRL → OSNP, the site killed for 30 s', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  // Not a skip: CI installs PostgreSQL, and a room test that did not run must say so loudly.
  const problem = postgresProblem();
  if (problem) throw new Error(`the room test needs PostgreSQL 15: ${problem}`);

  const T0 = Date.now();
  const root = mkdtempSync(join(tmpdir(), 'plateau-room-e2e-'));
  let postgres: TestPostgres | null = null;
  let site: SiteProcess | null = null;
  const desks: Desk[] = [];
  try {
    postgres = await startPostgres();
    const settings = await freshDatabase(postgres, 'room_e2e');
    const sitePort = await freePort();
    site = siteProcess(join(root, 'site'), { ...siteConfigFor(settings, sitePort) });
    await site.start();
    const siteUrl = `ws://127.0.0.1:${sitePort}`;
    console.log(`[room] PostgreSQL and the site up in ${Date.now() - T0} ms`);

    // The ARM desk first: it seeds the room's demo accounts and says it is ready once the site has
    // them; the physicians' desks then find them in the site log (started together: neither seeds).
    const deskArgs = (name: string, number: number) => ['--operator', 'none', '--site', siteUrl, '--desk', String(number), '--workstation', `${name}-0${number}`];
    const armHarness = await HarnessProcess.start(join(root, 'arm'), deskArgs('arm', 1));
    desks.push({ name: 'arm', number: 1, harness: armHarness, page: await deskPage(browser, armHarness) });
    console.log(`[room] ARM desk up, accounts seeded and on the site, at ${Date.now() - T0} ms`);
    const [mruHarness, mrlHarness] = await Promise.all([HarnessProcess.start(join(root, 'mru'), deskArgs('mru', 2)), HarnessProcess.start(join(root, 'mrl'), deskArgs('mrl', 3))]);
    desks.push({ name: 'mru', number: 2, harness: mruHarness, page: await deskPage(browser, mruHarness) });
    desks.push({ name: 'mrl', number: 3, harness: mrlHarness, page: await deskPage(browser, mrlHarness) });
    console.log(`[room] site and three desks up in ${Date.now() - T0} ms`);
    const [arm, mru, mrl] = desks as [Desk, Desk, Desk];
    await Promise.all(desks.map((desk) => signIn(desk.page, desk.name, 'fresh', SLOW)));
    for (const desk of desks) await expect(desk.page.getByTestId('site-status')).toHaveText('Site : connecté');
    // This room's site has no Hub section: every desk says so calmly (it used to turn into a red "Hub inconnu" 30 s on).
    for (const desk of desks) {
      await expect(desk.page.getByTestId('hub-status')).toHaveText('Hub (site) : non configuré');
      await expect(desk.page.getByTestId('hub-status')).not.toHaveClass(/\bbad\b/);
    }

    await test.step('a P1 dossier saved at the ARM desk appears in the MRU desk’s queue', async () => {
      const motive = 'Douleur thoracique constrictive, sueurs';
      // Both instants taken in the browsers (one machine, one clock): Ctrl+S pressed on one screen, the row drawn on the other.
      await arm.page.evaluate(() => {
        window.addEventListener('keydown', (e) => {
          if (e.ctrlKey && e.code === 'KeyS') (window as unknown as { savePressedAt: number }).savePressedAt = Date.now();
        }, { capture: true });
      });
      const shown = mru.page.waitForFunction((m) => ([...document.querySelectorAll('[data-testid="queue-row"]')].some((r) => r.textContent?.includes(m)) ? Date.now() : null), motive.slice(0, 17), { polling: 'raf', timeout: 60_000 });
      await takeCall(arm.page, { phone: '04 72 11 22 33', motive, priority: '1' });
      const shownAt = (await (await shown.catch(async (error: unknown) => {
        console.log(JSON.stringify(await Promise.all(desks.map((d) => siteStatus(d.page)))));
        console.log(JSON.stringify(await siteRows(settings, 'SELECT pos, workstation, type, outcome FROM site_events ORDER BY pos')));
        console.log(JSON.stringify(await siteRows(settings, 'SELECT * FROM site_refusals')));
        console.log(JSON.stringify(await Promise.all(desks.map((d) => dossierOn(d.page, 'constrictive')))));
        await screenshots(desks, testInfo, 'debug-p1');
        throw error;
      })).jsonValue()) as number;
      const pressedAt = await arm.page.evaluate(() => (window as unknown as { savePressedAt: number }).savePressedAt);
      const ms = shownAt - pressedAt;
      console.log(`[room] P1 saved at the ARM desk (Ctrl+S) → row in the MRU desk's queue: ${ms} ms`);
      testInfo.annotations.push({ type: 'Ctrl+S at the ARM desk → row in the MRU desk’s queue', description: `${ms} ms` });
      expect(ms).toBeGreaterThan(0);
      // The ARM routes it to the urgentists' branch: now it waits to be taken (F8 takes the next routed dossier).
      await arm.page.keyboard.press('F9');
      await expect(arm.page.getByTestId('routing-status')).toContainText('AMU');
    });

    await test.step('both physicians press F8 at the same moment: exactly one gets it, the other reads who did', async () => {
      for (const desk of [mru, mrl]) await expect.poll(async () => (await dossierOn(desk.page, 'constrictive'))?.queue ?? null, { timeout: SLOW }).toBe('AMU');
      await Promise.all([mru.page.keyboard.press('F8'), mrl.page.keyboard.press('F8')]);
      // The regulator as every desk has it (the two physicians have different roles: the role names the desk).
      const winnerOf = async (desk: Desk) => (await dossierOn(desk.page, 'constrictive'))?.regulator?.role ?? null;
      await expect.poll(() => winnerOf(arm), { timeout: SLOW }).not.toBeNull();
      const winnerRole = await winnerOf(arm);
      for (const desk of [mru, mrl]) await expect.poll(() => winnerOf(desk), { timeout: SLOW }).toBe(winnerRole);
      const [winner, loser] = winnerRole === 'MRU' ? [mru, mrl] : [mrl, mru];
      const winnerName = winner === mru ? 'Mru démo' : 'Mrl démo';
      await expect(loser.page.getByTestId('site-conflict')).toContainText(`pris par ${winnerName}`, { timeout: SLOW });
      await expect(loser.page.getByTestId('site-conflict')).toContainText('votre prise n’a pas été retenue');
      await expect(winner.page.getByTestId('site-conflict')).toHaveCount(0);
      await expect(winner.page.getByTestId('regulation')).toContainText('Douleur thoracique constrictive');
      // The site kept both takes: one applied, the other overruled, and told the loser's desk.
      const takes = await siteRows(settings, "SELECT workstation, outcome FROM site_events WHERE type = 'dossier.taken' ORDER BY pos");
      expect(takes).toEqual([{ workstation: `${winner.name}-0${winner.number}`, outcome: 'applied' }, { workstation: `${loser.name}-0${loser.number}`, outcome: 'overruled' }]);
      console.log(`[room] F8 pressed together: ${winner.name.toUpperCase()} got the dossier, ${loser.name.toUpperCase()} was told`);
      await screenshots(desks, testInfo, '1-take-conflict');
    });

    await test.step('ARM → MRL decides ORIENT CABINET → OSNP (signed in at the ARM desk) books the GP, across the desks', async () => {
      await takeCall(arm.page, { phone: '06 12 34 56 78', motive: 'Fièvre depuis deux jours, pas de médecin traitant', priority: '2' });
      await palette(arm.page, 'Orienter vers SNP');
      await expect(arm.page.getByTestId('routing-status')).toContainText('SNP');

      await expect.poll(async () => (await dossierOn(mrl.page, 'Fièvre depuis'))?.queue ?? null, { timeout: SLOW }).toBe('SNP');
      await takeNextDossier(mrl.page, 'Fièvre depuis deux jours');
      await writeNote(mrl.page, '38,5 °C, bon état général, pas de signe de gravité');
      await decideOrientCabinet(mrl.page, 'Médecin généraliste en ville, RDV < 48 h');
      await expect(mrl.page.getByTestId('regulation-decisions')).toContainText('Orientation cabinet de ville ORIENT CABINET R3');

      // The OSNP works at the ARM desk: the GP's decision must have reached it.
      await expect.poll(async () => (await dossierOn(arm.page, 'Fièvre depuis'))?.decisions.length ?? 0, { timeout: SLOW }).toBe(1);
      await switchTo(arm.page, 'osnp', SLOW);
      await openOsnpBooking(arm.page, 'Fièvre depuis deux jours', { timeout: SLOW });
      await expect(arm.page.getByTestId('osnp-decision')).toHaveText('Orientation cabinet de ville ORIENT CABINET R3');
      await typeAppointment(arm.page, { practitioner: 'Dr Martin, médecin généraliste', place: 'Cabinet, 3 rue Garibaldi, 69006 Lyon', startsAt: tomorrowAt930('Europe/Paris') });
      await arm.page.keyboard.press('Enter');
      await expect(arm.page.getByTestId('osnp-status')).toContainText('Rendez-vous enregistré : Dr Martin');
      // The GP's desk and the urgentist's see the appointment the OSNP booked two desks away.
      for (const desk of [mrl, mru]) {
        await expect.poll(async () => (await dossierOn(desk.page, 'Fièvre depuis'))?.appointments.map((a) => `${a.practitioner} ${a.authorRole}`) ?? [], { timeout: SLOW }).toEqual(['Dr Martin, médecin généraliste OSNP']);
      }
      expect((await dossierOn(mru.page, 'Fièvre depuis'))?.decisions.map((d) => `${d.type} ${d.orientationType} ${d.careLevel} ${d.authorRole}`)).toEqual(['ORIENT CABINET R3 MRL']);
      await switchTo(arm.page, 'arm', SLOW);
    });

    await test.step('the site SIGKILLed for 30 s: the desks keep saving, say the site is away and what waits; then every event everywhere, once, in one order', async () => {
      await site!.kill();
      const killedAt = Date.now();
      for (const desk of desks) await expect(desk.page.getByTestId('site-status')).toContainText(/^Site injoignable depuis \d\d:\d\d/, { timeout: 20_000 });
      await takeCall(arm.page, { phone: '04 78 00 00 01', motive: 'Chute dans l’escalier, douleur de hanche', priority: '2' });
      await arm.page.keyboard.press('F9');
      await expect(arm.page.getByTestId('routing-status')).toContainText('AMU');
      await takeCall(arm.page, { phone: '04 78 00 00 02', motive: 'Malaise chez une personne âgée', priority: '3' });
      await takeCall(arm.page, { phone: '04 78 00 00 03', motive: 'Appel direct d’un EHPAD, dyspnée', priority: '2' });
      await mrl.page.keyboard.press('Alt+r');
      await expect(mrl.page.getByLabel('Nouvelle note (Entrée pour enregistrer)')).toBeFocused();
      await mrl.page.keyboard.type('Rappel de la mère : fièvre tombée');
      await mrl.page.keyboard.press('Enter');
      await expect(mrl.page.getByTestId('regulation-notes')).toContainText('fièvre tombée');
      // The physicians work in the regulation view (no call-taking form there): the ARM desk takes the calls, the GP writes.
      for (const desk of [arm, mrl]) await expect(desk.page.getByTestId('site-status')).toContainText(/Site injoignable depuis \d\d:\d\d · [1-9]\d* évènement\(s\) à transmettre/);
      // The site away: what it said of its Hub is still what the desks say, not an alarm (the room line says the site is away).
      for (const desk of desks) {
        await expect(desk.page.getByTestId('hub-status')).toHaveText('Hub (site) : non configuré');
        await expect(desk.page.getByTestId('hub-status')).not.toHaveClass(/\bbad\b/);
      }
      await screenshots(desks, testInfo, '2-site-away');
      const pendingDuringOutage = await Promise.all(desks.map((d) => siteStatus(d.page)));
      console.log(`[room] site away: events waiting per desk ${pendingDuringOutage.map((s) => s.pending).join(' / ')} (arm / mru / mrl)`);

      await new Promise((r) => setTimeout(r, Math.max(0, 30_000 - (Date.now() - killedAt))));
      const restartAt = Date.now();
      await site!.start();
      for (const desk of desks) await expect(desk.page.getByTestId('site-status')).toHaveText('Site : connecté', { timeout: 30_000 });
      const head = async () => Number((await siteRows(settings, 'SELECT pos FROM site_head'))[0]!.pos);
      await expect.poll(async () => {
        const h = await head();
        return (await Promise.all(desks.map((d) => siteStatus(d.page)))).map((s) => `${s.state} pending ${s.pending} refused ${s.refused} pulled ${s.pulledPos === h ? 'head' : s.pulledPos}`);
      }, { timeout: 30_000 }).toEqual(Array(3).fill('online pending 0 refused 0 pulled head'));
      console.log(`[room] site back: every desk pushed and pulled to the head in ${Date.now() - restartAt} ms after the restart`);
      // What was written away from the site is now on the other screens.
      await expect(mru.page.getByTestId('queue-list')).toContainText('Chute dans l’escalier', { timeout: SLOW });
      await expect.poll(async () => (await dossierOn(mru.page, 'EHPAD'))?.motive ?? null, { timeout: SLOW }).toBe('Appel direct d’un EHPAD, dyspnée');
      await screenshots(desks, testInfo, '3-site-back');
    });

    expect(await Promise.all(desks.map((d) => pointerEvents(d.page)))).toEqual([0, 0, 0]);

    await test.step('afterwards: every event of every desk on the site and on every desk, exactly once, in one order; every chain verifies', async () => {
      for (const desk of desks) {
        await desk.page.context().close();
        await desk.harness.stop();
      }
      const siteEvents = (await siteRows(settings, 'SELECT id, workstation FROM site_events ORDER BY pos')) as Array<{ id: string; workstation: string }>;
      const sitePos = new Map(siteEvents.map((e, i) => [e.id, i]));
      expect(sitePos.size).toBe(siteEvents.length);
      for (const desk of desks) {
        const file = join(desk.harness.dataDir, JOURNAL_FILE_NAME);
        const journal = new Database(file, { readonly: true });
        const rows = journal.prepare('SELECT id, workstation FROM events ORDER BY seq').all() as Array<{ id: string; workstation: string }>;
        journal.close();
        const me = `${desk.name}-0${desk.number}`;
        expect(new Set(rows.map((r) => r.id)).size, `${me}: no event twice`).toBe(rows.length);
        expect([...rows.map((r) => r.id)].sort(), `${me}: the same events as the site`).toEqual([...sitePos.keys()].sort());
        // One order: what this desk wrote, and what it received, each in the site's order.
        for (const mine of [true, false]) {
          const positions = rows.filter((r) => (r.workstation === me) === mine).map((r) => sitePos.get(r.id)!);
          expect(positions, `${me}: ${mine ? 'own' : 'received'} events in site order`).toEqual([...positions].sort((a, b) => a - b));
        }
        const verified = await run(process.execPath, ['--import', 'tsx', 'electron/services/journal/cli/verify.ts', file]).then(
          (r) => ({ code: 0, out: r.stdout }),
          (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
        );
        expect(verified.code, `${me}: journal:verify\n${verified.out}`).toBe(0);
      }
      const store = await SiteStore.open(settings, '690', 1);
      try {
        expect(await store.verifyChain()).toMatchObject({ ok: true, count: siteEvents.length });
      } finally {
        await store.close();
      }
      console.log(`[room] ${siteEvents.length} events on the site and on each of the 3 desks, once each, in one order; 3 desk chains and the site chain verified`);
    });
  } catch (error) {
    // Each desk's screen at the failure: the trace shows one page only.
    await screenshots(desks, testInfo, 'failure').catch(() => undefined);
    throw error;
  } finally {
    for (const desk of desks) {
      await desk.page.context().close().catch(() => undefined);
      await desk.harness.stop();
    }
    await site?.stop();
    await postgres?.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

async function deskPage(browser: Browser, harness: HarnessProcess): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await countPointerEvents(page);
  await page.goto(harness.url);
  return page;
}

async function screenshots(desks: readonly Desk[], testInfo: { outputPath(name: string): string }, moment: string): Promise<void> {
  for (const desk of desks) await desk.page.screenshot({ path: testInfo.outputPath(`${moment}-${desk.name}.png`) });
}

/** Straight from the site's PostgreSQL (the test's own connection). */
async function siteRows(settings: TestPostgres['settings'], sql: string): Promise<Array<Record<string, unknown>>> {
  const { default: pg } = await import('pg');
  const client = new pg.Client(settings);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
