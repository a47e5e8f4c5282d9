import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/tempDir';
import { Kamailio, runSipp, sipPeersAvailable, waitFor } from '../../support/sip/peers';
import { startPhone, type Phone } from '../../support/sip/phone';
import { journalFile } from '../../support/journalFile';

const soak = process.env.PLATEAU_SOAK === '1';
const available = soak && sipPeersAvailable();

/** The long softphone cases (`npm run test:soak`): refresh over several expiries, repeated crashes, load. */
describe.skipIf(!available)('softphone soak with Kamailio and SIPp', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let kamailio: Kamailio;
  let phone: Phone;
  const figures = { samples: 0, missing: 0, rebindMs: NaN, crashes: 0, reRegisterMs: [] as number[], calls: 0, callsFailed: NaN, callsMs: NaN };
  const t0 = performance.now();

  beforeAll(async () => {
    tmp = makeTempDir('plateau-kamailio-soak-');
    kamailio = await Kamailio.create(tmp.path);
    await kamailio.start();
    // Kamailio's min_expires is 10 s: refreshed at 50 %, every 5 s.
    phone = await startPhone(kamailio, { expiresSeconds: 10, autoAnswer: true });
    await phone.registered();
  });
  afterAll(async () => {
    console.info(
      `[softphone soak] ${figures.samples} binding samples over 3 expiries (${figures.missing} missing); dropped binding back in ${Math.round(figures.rebindMs)} ms; ` +
        `${figures.crashes} Kamailio crashes, re-registered in ${figures.reRegisterMs.map(Math.round).join('/')} ms; ${figures.calls} calls journalled (${figures.callsFailed} failed) in ${Math.round(figures.callsMs)} ms; ${Math.round(performance.now() - t0)} ms in all`,
    );
    await phone?.close();
    await kamailio?.stop();
    tmp?.cleanup();
  });

  it('refreshes before expiry: the binding never disappears over three expiry periods', async () => {
    let samples = 0;
    let missing = 0;
    const until = performance.now() + 32_000;
    while (performance.now() < until) {
      samples++;
      if ((await kamailio.contacts('arm1')).length === 0) missing++;
      await new Promise((r) => setTimeout(r, 250));
    }
    Object.assign(figures, { samples, missing });
    expect(samples).toBeGreaterThan(60);
    expect(missing).toBe(0);
    expect(phone.services.telephony!.getStatus().state).toBe('registered');
  }, 60_000);

  it('a binding the registrar dropped (ul.rm) is back within one refresh period (50 % of 10 s), not at expiry', async () => {
    expect(await kamailio.contacts('arm1')).toHaveLength(1);
    await kamailio.rpc('ul.rm', ['location', 'arm1']);
    expect(await kamailio.contacts('arm1')).toEqual([]);
    const t0 = performance.now();
    await waitFor('the binding back', async () => (await kamailio.contacts('arm1')).length === 1, 8000, 100);
    figures.rebindMs = performance.now() - t0;
    expect(performance.now() - t0).toBeLessThan(6000);
  }, 20_000);

  it('five Kamailio crashes (SIGKILL of the group): each time re-registered within 2 s of the restart, and a call goes through', async () => {
    for (let round = 0; round < 5; round++) {
      await kamailio.crash();
      await waitFor('the crash noticed', () => phone.services.telephony!.getStatus().state === 'failing', 3000);
      await new Promise((r) => setTimeout(r, 500 + round * 500));
      await kamailio.start();
      const back = performance.now();
      await phone.registered(5000);
      figures.crashes += 1;
      figures.reRegisterMs.push(performance.now() - back);
      expect(performance.now() - back, `round ${round}`).toBeLessThan(2000);
      const sipp = await runSipp({ dir: tmp.path, scenario: 'uac_load.xml', target: `127.0.0.1:${kamailio.ports.sip}`, service: 'arm1', args: ['-m', '1', '-d', '100'] });
      expect((await sipp.done).code, `round ${round}`).toBe(0);
    }
  }, 120_000);

  it('200 calls at 10/s through Kamailio to the auto-answering softphone: none fails, all journalled', async () => {
    const before = journalFile(phone.services.journal).prepare<[], { n: number }>("SELECT count(*) AS n FROM calls WHERE outcome = 'answered'").get()!.n;
    const started = performance.now();
    const sipp = await runSipp({ dir: tmp.path, scenario: 'uac_load.xml', target: `127.0.0.1:${kamailio.ports.sip}`, service: 'arm1', args: ['-m', '200', '-r', '10', '-l', '50', '-d', '500'], timeoutMs: 60_000 });
    const result = await sipp.done;
    figures.callsFailed = result.failed;
    expect(result.code).toBe(0);
    expect(result.failed).toBe(0);
    await waitFor('all calls ended', () => phone.services.telephony!.list().length === 0, 5000);
    const after = journalFile(phone.services.journal).prepare<[], { n: number }>("SELECT count(*) AS n FROM calls WHERE outcome = 'answered'").get()!.n;
    Object.assign(figures, { calls: after - before, callsMs: performance.now() - started });
    expect(after - before).toBe(200);
    expect(phone.services.journal.verify().ok).toBe(true);
  }, 90_000);
});
