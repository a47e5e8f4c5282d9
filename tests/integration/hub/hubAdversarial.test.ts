import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/api';
import { HUB_ERROR } from '../../../electron/services/hub/messageKinds';
import type { Dossier } from '../../../shared/domain/dossier';
import { corpus, envelope, messageOf, partnerCase } from '../../support/hub/adversarialCorpus';
import { describeWithBroker, SAMU440, SAMU690, startHubWorld, until, type HubWorld } from '../../support/hub/hubWorld';
import { schemaErrors } from '../../support/hubHandout';
import { journalFile } from '../../support/journalFile';

type Obj = Record<string, unknown>;

/**
 * A representative subset of the adversarial corpus (issue 18) through the real RabbitMQ: each
 * message is put straight on Plateau's queue (a partner's route that the Hub's own checks did not
 * guard), consumed by the real transport, kept by the real inbox, and answered through the Hub
 * stand-in, which routes only answers that pass the official schemas to the partner's queues.
 */
describeWithBroker('Hub Santé inbox against an adversarial partner, through a real RabbitMQ', () => {
  let world: HubWorld;
  const inboxRow = (where: string, ...params: unknown[]) =>
    journalFile(world.services.journal).prepare(`SELECT distribution_id, sender_id, proven, state, error_code, duplicates, body FROM hub_inbox WHERE ${where} ORDER BY id DESC LIMIT 1`).get(...params) as
      | { distribution_id: string | null; sender_id: string | null; proven: number; state: string; error_code: number | null; duplicates: number; body: Buffer }
      | undefined;
  const errorsFor = (distributionId: string) =>
    world.peer.client.received.filter((m) => m.queue === 'info' && (messageOf(m.json!).error as Obj | undefined)?.referencedDistributionID === distributionId).map((m) => m.json!);
  const receiptsFor = (distributionId: string) => world.peer.client.received.filter((m) => m.queue === 'ack' && (messageOf(m.json!).reference as Obj | undefined)?.distributionID === distributionId).map((m) => m.json!);
  const call = async <T>(channel: string, request: Obj): Promise<T> => {
    const result = await dispatch(world.services.api, channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };

  beforeAll(async () => {
    world = await startHubWorld();
  }, 90_000);
  afterAll(async () => {
    await world?.stop();
  }, 60_000);

  it('official failing-sample kinds and hostile bytes: kept exactly, refused, answered with a bounded RS-ERROR that passes the Hub, or not answered at all', async () => {
    const all = corpus(Date.now());
    const subset = ['unknown property deep in the payload', 'completely missing RC-DE header', 'too many schemas (two payloads)', '10,000 levels of nesting', 'an RS-EDA marked Cancel, for a case nobody shared', 'sender id with NUL and bidi override (never answered)'];
    for (const name of subset) {
      const c = all.find((x) => x.name === name)!;
      await world.dispatcher.injectRaw(`${SAMU690}.${c.queue}`, c.body);
      await until(() => journalFile(world.services.journal).prepare<[Buffer], number>('SELECT count(*) FROM hub_inbox WHERE body = ?').pluck().get(c.body) === 1, `${name} kept`);
      const row = inboxRow('body = ?', c.body)!;
      expect({ name, state: row.state, code: row.error_code }).toEqual({ name, state: 'REJECTED', code: c.errorCode });
      if (c.answer) {
        await world.peer.client.waitFor(() => errorsFor(c.distributionId ?? '').length === 1, 10_000, `RS-ERROR for ${name}`);
        const [answer] = errorsFor(c.distributionId!);
        expect(schemaErrors(answer)).toBeNull();
        expect(JSON.stringify(answer).length).toBeLessThan(8 * 1024);
      }
    }
    // Not a single dossier came of it.
    expect(journalFile(world.services.journal).prepare<[], number>("SELECT count(*) FROM dossiers WHERE case_id LIKE 'fr.health.samu440.DRFR15440%'").pluck().get()).toBe(0);
  }, 60_000);

  it('a message refused for its envelope cannot take the distributionID of the genuine one; retries get the same answer', async () => {
    const genuine = envelope('RS-EDA', partnerCase(SAMU440), { sentAtMs: Date.now() });
    const bad = { ...structuredClone(genuine), unexpected: 'x' };
    await world.dispatcher.injectRaw(`${SAMU690}.message`, JSON.stringify(bad));
    await world.peer.client.waitFor(() => errorsFor(String(genuine.distributionID)).length === 1, 10_000, 'RS-ERROR');
    await world.dispatcher.injectRaw(`${SAMU690}.message`, JSON.stringify(bad));
    await world.peer.client.waitFor(() => errorsFor(String(genuine.distributionID)).length === 2, 10_000, 'the same RS-ERROR again');
    const [first, second] = errorsFor(String(genuine.distributionID));
    expect(second).toEqual(first);
    expect(inboxRow('distribution_id = ? AND proven = 0', genuine.distributionID)).toMatchObject({ state: 'REJECTED', duplicates: 1 });
    // The partner's genuine message, through the Hub: applied, answered INTEGRE.
    await world.peer.client.publish(genuine);
    await world.peer.client.waitFor(() => receiptsFor(String(genuine.distributionID)).length === 1, 10_000, 'RC-REF');
    expect(messageOf(receiptsFor(String(genuine.distributionID))[0]!).reference).toEqual({ distributionID: genuine.distributionID, step: 'INTEGRE' });
    expect(inboxRow('distribution_id = ? AND proven = 1', genuine.distributionID)).toMatchObject({ state: 'APPLIED' });
  }, 40_000);

  it('only the recipient settles our message: a stranger’s RC-REF on our .ack leaves it unsettled; the partner’s own receipt settles it', async () => {
    world.peer.answering = false;
    try {
      const d = await call<Dossier>('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'receipt forgery', priority: 'P2' });
      await call('dossier:updateQualification', { dossierId: d.id, filiere: 'SNP', motif: 'M03.14' });
      await call('dossier:share', { dossierId: d.id, partner: SAMU440 });
      const ours = () => journalFile(world.services.journal).prepare<[string], { distribution_id: string; state: string }>('SELECT distribution_id, state FROM outbox WHERE dossier_id = ? ORDER BY event_seq LIMIT 1').get(d.id)!;
      await until(() => ours().state === 'SENT', 'our RS-EDA sent');
      const forged = envelope('RC-REF', { distributionID: ours().distribution_id, step: 'INTEGRE' }, { from: 'fr.health.samu999', sentAtMs: Date.now() });
      await world.dispatcher.injectRaw(`${SAMU690}.ack`, JSON.stringify(forged));
      await until(() => inboxRow('distribution_id = ?', forged.distributionID)?.state === 'REJECTED', 'forged receipt refused');
      expect(inboxRow('distribution_id = ?', forged.distributionID)).toMatchObject({ error_code: HUB_ERROR.SENDER_INCONSISTENCY, proven: 0 });
      expect(ours().state).toBe('SENT');
      const transmissions = await call<{ transmissions: Array<{ state: string }> }>('dossier:transmissions', { dossierId: d.id });
      expect(transmissions.transmissions[0]!.state).toBe('SENT');
      await world.peer.send('RC-REF', SAMU690, { distributionID: ours().distribution_id, step: 'INTEGRE' });
      await until(() => ours().state === 'ACKED', 'settled by its recipient');
    } finally {
      world.peer.answering = true;
    }
  }, 40_000);
});
