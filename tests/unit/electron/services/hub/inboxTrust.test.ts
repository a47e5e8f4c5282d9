import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/services/api';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { HubInbox } from '../../../../../electron/services/hub/inbox';
import { HUB_ERROR, HUB_SENDER_ID } from '../../../../../electron/services/hub/messageKinds';
import { OutboxDrain } from '../../../../../electron/services/hub/outboxDrain';
import type { Dossier } from '../../../../../shared/domain/dossier';
import { schemaErrors } from '../../../../support/hubHandout';
import { bytes, corpus, envelope, messageOf, PARTNER, partnerCase, SAS, STRANGER, US } from '../../../../support/hub/adversarialCorpus';
import { signIn, TEST_SCRYPT } from '../../../../support/operators';
import { journalShare } from '../../../../support/journalShare';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';
import { journalConnectionForFaults, journalFile } from '../../../../support/journalFile';

type Obj = Record<string, unknown>;
interface InboxRow {
  id: number;
  distribution_id: string | null;
  sender_id: string | null;
  proven: number;
  state: string;
  error_code: number | null;
  body: Buffer;
  duplicates: number;
  problem: string | null;
}

/**
 * The inbox against an adversarial partner (issue 18), through the real inbound path: the
 * deliveries go to HubInbox.receiveMany exactly as the AMQP transport hands them over, on a real
 * journal, with the real outbox drain; the answers are the bytes the transport would publish,
 * each validated against the official schemas from the handout.
 */
describe('Hub inbox: trust nothing that arrives', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  let drain: OutboxDrain;
  let inbox: HubInbox;
  let answers: Buffer[];
  const now = Date.parse('2026-11-23T21:00:00.000Z');

  beforeEach(async () => {
    dir = makeTempDir();
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240 }), { now: () => now, scryptParams: TEST_SCRYPT });
    await signIn(services);
    answers = [];
    drain = new OutboxDrain({
      outbox: services.journal.outbox,
      dossiers: services.journal.dossiers,
      clientId: US,
      timeZone: 'Europe/Paris',
      partners: [{ clientId: PARTNER, filieres: ['SNP'] }],
      publish: async () => undefined,
      isConnected: () => true,
      now: () => now,
    });
    inbox = new HubInbox({ journal: services.journal, clientId: US, siteCode: '690', timeZone: 'Europe/Paris', acceptCasesFrom: new Set([PARTNER, 'fr.health.samu441']), sasPlatformId: SAS, drain, send: async (b) => void answers.push(b), now: () => now });
  });
  afterEach(() => {
    drain.stop();
    services.close();
    dir.cleanup();
  });

  /** Delivers like the transport: keep (one transaction), then run each answer. */
  const deliver = async (...deliveries: Array<{ queue: 'message' | 'ack' | 'info'; body: Buffer }>) => {
    const kept = await inbox.receiveMany(deliveries);
    expect(kept.every((k) => k.kept)).toBe(true);
    const before = answers.length;
    for (const k of kept) if (k.after) await k.after();
    return answers.slice(before).map((b) => JSON.parse(b.toString()) as Obj);
  };
  const rows = () => journalFile(services.journal).prepare<[], InboxRow>('SELECT id, distribution_id, sender_id, proven, state, error_code, body, duplicates, problem FROM hub_inbox ORDER BY id').all();
  const lastRow = () => rows().at(-1)!;
  const dossierCount = () => journalFile(services.journal).prepare<[], number>('SELECT count(*) FROM dossiers').pluck().get()!;
  const kindOf = (answer: Obj) => (messageOf(answer).reference ? 'RC-REF' : messageOf(answer).error ? 'RS-ERROR' : '?');
  const expectValidAnswer = (answer: Obj) => expect(schemaErrors(answer)).toBeNull();
  const call = async <T>(channel: string, request: Obj): Promise<T> => {
    const result = await dispatch(services.api, channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  /** One of our SNP dossiers with its RS-EDA in the outbox; `send` publishes it (SENT). */
  const ourMessage = async (send: boolean) => {
    const d = await call<Dossier>('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'Fièvre', priority: 'P2' });
    await call('dossier:updateQualification', { dossierId: d.id, filiere: 'SNP', motif: 'M03.14' });
    journalShare(services, d.id, PARTNER);
    if (send) {
      drain.connected();
      await drain.idle();
    }
    const row = journalFile(services.journal).prepare<[string], { distribution_id: string; state: string; event_seq: number }>('SELECT distribution_id, state, event_seq FROM outbox WHERE dossier_id = ? ORDER BY event_seq LIMIT 1').get(d.id)!;
    return { dossierId: d.id, ...row };
  };
  const outboxRow = (seq: number) => journalFile(services.journal).prepare<[number], { state: string; error_code: number | null; last_error: string | null }>('SELECT state, error_code, last_error FROM outbox WHERE event_seq = ?').get(seq)!;

  it('refuses every case of the corpus: kept as received (exact bytes), refused with its code, answered only where it can be, nothing applied', async () => {
    for (const c of corpus(now)) {
      const got = await deliver({ queue: c.queue, body: c.body });
      const row = lastRow();
      expect({ name: c.name, state: row.state, code: row.error_code }).toEqual({ name: c.name, state: c.state, code: c.errorCode });
      expect(row.body.equals(c.body), c.name).toBe(true);
      expect(row.proven, c.name).toBe(c.proven ? 1 : 0);
      if (c.senderId !== undefined) expect(row.sender_id, c.name).toBe(c.senderId);
      if (c.distributionId !== undefined) expect(row.distribution_id, c.name).toBe(c.distributionId);
      expect(got.map(kindOf), c.name).toEqual(c.answer ? [c.answer] : []);
      for (const answer of got) {
        expectValidAnswer(answer);
        // Bounded, whatever came: a few kilobytes, never the message itself.
        expect(JSON.stringify(answer).length, c.name).toBeLessThan(8 * 1024);
        expect(answer.descriptor).toMatchObject({ explicitAddress: { explicitAddressValue: c.senderId ?? expect.any(String) } });
      }
    }
    expect(dossierCount()).toBe(0);
    // The supervisor sees each one.
    expect(inbox.rejected(100).total).toBe(corpus(now).length);
  });

  it('an RS-ERROR excerpt of a 5 MB or 10,000-level message is a few KB and names the original by size and SHA-256', async () => {
    const all = corpus(now);
    for (const name of ['5 MB', '10,000 levels of nesting']) {
      const c = all.find((x) => x.name === name)!;
      const [answer] = await deliver({ queue: c.queue, body: c.body });
      const source = (messageOf(answer!).error as Obj).sourceMessage as Obj;
      expect(source).toMatchObject({ byteLength: c.body.length, truncated: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(String(source.excerpt).length).toBeLessThanOrEqual(2000);
    }
  });

  it('a refused message cannot take a partner’s distributionID: the genuine one is applied and answered INTEGRE', async () => {
    const genuine = envelope('RS-EDA', partnerCase(), { sentAtMs: now });
    const forged = structuredClone(genuine);
    (forged as Obj).unexpected = 'bad envelope';
    const fromStranger = { ...structuredClone(genuine), senderID: STRANGER };
    expect((await deliver({ queue: 'message', body: bytes(forged) }, { queue: 'message', body: bytes(fromStranger) })).map(kindOf)).toEqual(['RS-ERROR', 'RS-ERROR']);
    const answered = await deliver({ queue: 'message', body: bytes(genuine) });
    expect(answered.map((a) => messageOf(a).reference)).toEqual([{ distributionID: genuine.distributionID, step: 'INTEGRE' }]);
    expect(lastRow()).toMatchObject({ state: 'APPLIED', proven: 1, duplicates: 0 });
    expect(dossierCount()).toBe(1);
    // Its retry is the duplicate, answered INTEGRE again, applied once.
    const again = await deliver({ queue: 'message', body: bytes(genuine) });
    expect(again).toEqual(answered);
    expect(lastRow().duplicates).toBe(1);
    expect(dossierCount()).toBe(1);
  });

  it('a retry of a refused message gets the same RS-ERROR again (same bytes), counted, no new row', async () => {
    const c = corpus(now).find((x) => x.name === 'unknown property at root')!;
    const first = await deliver({ queue: 'message', body: c.body });
    const count = rows().length;
    const second = await deliver({ queue: 'message', body: c.body });
    expect(second).toEqual(first);
    expect(rows()).toHaveLength(count);
    expect(lastRow().duplicates).toBe(1);
  });

  it('an update to an unknown case is kept and answered RECU; once its case arrives it is applied and answered INTEGRE', async () => {
    const c = partnerCase();
    const update = envelope('RS-EDA-MAJ', { caseId: c.caseId, qualification: { details: { priority: 'P1' } } }, { sentAtMs: now });
    const [pending] = await deliver({ queue: 'message', body: bytes(update) });
    expect(messageOf(pending!).reference).toEqual({ distributionID: update.distributionID, step: 'RECU' });
    expectValidAnswer(pending!);
    expect(lastRow()).toMatchObject({ state: 'PENDING', proven: 1 });
    // A retry meanwhile hears the same.
    expect(await deliver({ queue: 'message', body: bytes(update) })).toEqual([pending]);
    const got = await deliver({ queue: 'message', body: bytes(envelope('RS-EDA', c, { sentAtMs: now })) });
    expect(got.map((a) => (messageOf(a).reference as Obj).step)).toEqual(['INTEGRE', 'INTEGRE']);
    expect((messageOf(got[1]!).reference as Obj).distributionID).toBe(update.distributionID);
    for (const a of got) expectValidAnswer(a);
    expect(rows().find((r) => r.distribution_id === update.distributionID)).toMatchObject({ state: 'APPLIED' });
    const later = await deliver({ queue: 'message', body: bytes(update) });
    expect((messageOf(later[0]!).reference as Obj).step).toBe('INTEGRE');
  });

  it('a Cancel withdraws what that partner shared (journaled, visible in the dossier), never creates; another partner cannot cancel it', async () => {
    const c = partnerCase();
    await deliver({ queue: 'message', body: bytes(envelope('RS-EDA', c, { sentAtMs: now })) });
    const dossierId = journalFile(services.journal).prepare<[string], string>('SELECT id FROM dossiers WHERE case_id = ?').pluck().get(String(c.caseId))!;
    const cancel = (from: string) => {
      const e = envelope('RS-EDA', { ...c, owner: from }, { from, sentAtMs: now });
      e.distributionKind = 'Cancel';
      messageOf(e).kind = 'Cancel';
      return e;
    };
    const other = await deliver({ queue: 'message', body: bytes(cancel('fr.health.samu441')) });
    expect(other.map(kindOf)).toEqual(['RS-ERROR']);
    expect(lastRow()).toMatchObject({ state: 'REJECTED', error_code: HUB_ERROR.INVALID_MESSAGE });
    const own = await deliver({ queue: 'message', body: bytes(cancel(PARTNER)) });
    expect(own.map((a) => (messageOf(a).reference as Obj)?.step)).toEqual(['INTEGRE']);
    expect(dossierCount()).toBe(1);
    const dossier = await call<Dossier>('dossier:get', { dossierId });
    expect(dossier.hub?.received).toEqual([expect.objectContaining({ field: 'status', value: 'ANNULE', from: PARTNER })]);
    expect(dossier.notes.at(-1)?.text).toMatch(/Partage retiré par fr\.health\.samu440/);
    expect(services.journal.eventsOf(dossierId).map((e) => e.type)).toEqual(['dossier.received', 'dossier.remoteUpdated']);
  });

  it('only the recipient settles our messages: strangers, the unsent and the unknown are refused and shown; the Hub may report an error', async () => {
    const sent = await ourMessage(true);
    const unsent = await ourMessage(false);
    expect(outboxRow(sent.event_seq).state).toBe('SENT');
    const ack = (distributionID: string, from = PARTNER) => ({ queue: 'ack' as const, body: bytes(envelope('RC-REF', { distributionID, step: 'INTEGRE' }, { from, sentAtMs: now })) });
    // A receipt for a message never sent: the dossier must not read "transmis".
    expect(await deliver(ack(unsent.distribution_id))).toEqual([]);
    expect(lastRow()).toMatchObject({ state: 'REJECTED', problem: expect.stringContaining('not been sent') });
    expect(outboxRow(unsent.event_seq).state).toBe('NEW');
    // From a partner it was not sent to (accepted for cases, still not its recipient).
    await deliver(ack(sent.distribution_id, 'fr.health.samu441'));
    expect(lastRow()).toMatchObject({ state: 'REJECTED', problem: expect.stringContaining('not sent to this sender') });
    // From a stranger: not even proven.
    await deliver(ack(sent.distribution_id, STRANGER));
    expect(lastRow()).toMatchObject({ state: 'REJECTED', proven: 0, error_code: HUB_ERROR.SENDER_INCONSISTENCY });
    // An error from the SAS platform about it: refused too.
    await deliver({ queue: 'info', body: bytes(envelope('RS-ERROR', { errorCode: { statusCode: 300, statusString: 'INVALID_MESSAGE' }, errorCause: 'x', referencedDistributionID: sent.distribution_id }, { from: SAS, sentAtMs: now })) });
    expect(lastRow()).toMatchObject({ state: 'REJECTED' });
    expect(outboxRow(sent.event_seq).state).toBe('SENT');
    // Its recipient settles it.
    await deliver(ack(sent.distribution_id));
    expect(lastRow()).toMatchObject({ state: 'APPLIED', proven: 1 });
    expect(outboxRow(sent.event_seq).state).toBe('ACKED');
    // The Hub's own error about one of our messages applies (dead-lettered, expired…).
    const another = await ourMessage(true);
    await deliver({ queue: 'info', body: bytes(envelope('RS-ERROR', { errorCode: { statusCode: 501, statusString: 'UNROUTABLE_MESSAGE' }, errorCause: 'unknown recipient', referencedDistributionID: another.distribution_id }, { from: HUB_SENDER_ID, sentAtMs: now })) });
    expect(outboxRow(another.event_seq)).toMatchObject({ state: 'FAILED', error_code: 501 });
    expect(inbox.rejected(10).messages.map((m) => m.senderId)).toEqual(expect.arrayContaining([SAS, STRANGER, 'fr.health.samu441', PARTNER]));
  });

  it('an RS-ERROR with statusCode 300.5 marks our message FAILED (code kept in the text), is kept once, and its redelivery is a duplicate', async () => {
    const sent = await ourMessage(true);
    const error = { queue: 'info' as const, body: bytes(envelope('RS-ERROR', { errorCode: { statusCode: 300.5, statusString: 'INVALID_MESSAGE' }, errorCause: 'bizarre', referencedDistributionID: sent.distribution_id }, { sentAtMs: now })) };
    expect(await deliver(error)).toEqual([]);
    expect(outboxRow(sent.event_seq)).toMatchObject({ state: 'FAILED', error_code: null, last_error: expect.stringContaining('300.5') });
    expect(lastRow()).toMatchObject({ state: 'APPLIED', error_code: null, proven: 1 });
    const count = rows().length;
    await deliver(error);
    expect(rows()).toHaveLength(count);
    expect(lastRow().duplicates).toBe(1);
  });

  it('a partner update into a closed dossier is kept and refused (RS-ERROR), never written: the same life-cycle guard as the screens', async () => {
    const c = partnerCase();
    await deliver({ queue: 'message', body: bytes(envelope('RS-EDA', c, { sentAtMs: now })) });
    const dossierId = journalFile(services.journal).prepare<[string], string>('SELECT id FROM dossiers WHERE case_id = ?').pluck().get(c.caseId as string)!;
    // Validated and closed here (the tick's own events).
    services.journal.command((ctx) => {
      for (const type of ['dossier.finished', 'dossier.validated', 'dossier.closed'] as const) ctx.append({ dossierId, actor: { id: 'system', role: 'SYSTEME' }, body: { type, payload: {} } });
    });
    const events = () => services.journal.eventsOf(dossierId).length;
    const before = events();
    const update = envelope('RS-EDA-MAJ', { caseId: c.caseId, qualification: { details: { priority: 'P1' } } }, { sentAtMs: now });
    const [answer] = await deliver({ queue: 'message', body: bytes(update) });
    expect(kindOf(answer!)).toBe('RS-ERROR');
    expectValidAnswer(answer!);
    expect(lastRow()).toMatchObject({ state: 'REJECTED', error_code: 300, problem: expect.stringContaining('CLOTURE') });
    expect(events()).toBe(before);
    // Re-sent whole (RS-EDA again) or withdrawn (Cancel): refused the same way, nothing written.
    await deliver({ queue: 'message', body: bytes(envelope('RS-EDA', c, { sentAtMs: now + 1 })) });
    expect(lastRow()).toMatchObject({ state: 'REJECTED', problem: expect.stringContaining('never reopened') });
    expect(events()).toBe(before);
    expect(services.journal.dossiers.get(dossierId)!.state).toBe('CLOTURE');
  });

  it('poison never blocks: a message that fails while applied is refused alone, its neighbours applied, answered once per delivery', async () => {
    // A fault the journal raises for one message only (a real SQLite trigger on the real journal).
    journalConnectionForFaults(services.journal).exec("CREATE TEMP TRIGGER poison BEFORE INSERT ON events WHEN NEW.payload LIKE '%POISON-PILL%' BEGIN SELECT RAISE(ABORT, 'poisoned payload'); END");
    const good1 = envelope('RS-EDA', partnerCase(), { sentAtMs: now });
    const poisonCase = partnerCase();
    (poisonCase.qualification as Obj).healthMotive = { code: 'M03.14', label: 'POISON-PILL' };
    const poison = envelope('RS-EDA', poisonCase, { sentAtMs: now });
    const good2 = envelope('RS-EDA', partnerCase(), { sentAtMs: now });
    const got = await deliver({ queue: 'message', body: bytes(good1) }, { queue: 'message', body: bytes(poison) }, { queue: 'message', body: bytes(good2) });
    expect(got.map(kindOf)).toEqual(['RC-REF', 'RS-ERROR', 'RC-REF']);
    for (const a of got) expectValidAnswer(a);
    expect(dossierCount()).toBe(2);
    const kept = rows().find((r) => r.distribution_id === poison.distributionID)!;
    expect(kept).toMatchObject({ state: 'REJECTED', sender_id: PARTNER, proven: 0, problem: expect.stringContaining('poisoned payload') });
    const again = await deliver({ queue: 'message', body: bytes(poison) });
    expect(again).toEqual([got[1]]);
    expect(rows().filter((r) => r.distribution_id === poison.distributionID)).toEqual([expect.objectContaining({ duplicates: 1 })]);
  });

  it('the supervisor’s excerpt is the start of the bytes as received, NUL and all (the screen makes them visible)', async () => {
    const body = Buffer.concat([Buffer.from('{"senderID":"x\u0000\u202e", "a":'), Buffer.from([0xff]), Buffer.from('}')]);
    await deliver({ queue: 'message', body });
    const shown = inbox.rejected(1).messages[0]!;
    expect(shown.excerpt).toBe('{"senderID":"x\u0000\u202e", "a":\ufffd}');
    expect(lastRow().body.equals(body)).toBe(true);
  });
});
