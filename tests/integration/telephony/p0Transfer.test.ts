import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../../shared/domain/callState';
import type { Dossier } from '../../../shared/domain/dossier';
import { type makeTempDir } from '../../support/tempDir';
import { sipPeersAvailable, waitFor, type Kamailio } from '../../support/sip/peers';
import type { Phone } from '../../support/sip/phone';
import { sipPeersOf, startKamailioDesk, stopKamailioDesk } from '../../support/sip/kamailioDesk';
import { journalFile } from '../../support/journalFile';

const available = sipPeersAvailable();

/**
 * Issue 13 item 3 on the SIP side: a P0 caller is handed to the regulator in person. SIPp is the
 * caller (checking each offer it receives: sendonly for the consultation, sendrecv for the
 * conference, Refer-To with Replaces for the handover) and the regulator on the trunk; Kamailio
 * carries it all. The conference is the desk's (the ARM's media mixes the two legs): on the SIP
 * side it is both legs up and talking at once, which is what the caller's re-INVITE shows.
 */
describe.skipIf(!available)('P0 accompanied transfer with Kamailio and SIPp', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let kamailio: Kamailio;
  let phone: Phone;

  const { callUs, trunk, ringing } = sipPeersOf(() => ({ tmp, kamailio, phone }));
  /** Answers the ringing call and saves a P0 dossier for it (the call is attached in the same command). */
  const answerAsP0 = async (): Promise<Call> => {
    const call = await ringing();
    await phone.must('call:answer', { callId: call.id });
    await phone.must<Dossier>('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'arrêt cardiaque', priority: 'P0', callId: call.id });
    return phone.liveCall((c) => c.id === call.id && c.dossierId !== null);
  };
  const sipOut = () => readFileSync(join(phone.dir, 'sip.log'), 'utf8');
  const sentHolds = () => [...sipOut().matchAll(/SIP out\nINVITE [\s\S]*?a=sendonly/g)].length;
  const p0Reasons = (callId: string) =>
    journalFile(phone.services.journal)
      .prepare<[string], { payload: string }>("SELECT payload FROM events WHERE type = 'call.p0Exception' AND json_extract(payload, '$.callId') = ? ORDER BY seq")
      .all(callId)
      .map((r) => JSON.parse(r.payload) as { action: string; reason: string });

  beforeAll(async () => {
    ({ tmp, kamailio, phone } = await startKamailioDesk('plateau-kamailio-p0-'));
  });
  afterAll(() => stopKamailioDesk({ tmp, kamailio, phone }));

  it('consult the regulator (caller held for it), conference the three, then hand over by REFER with Replaces', async () => {
    const sipp = await callUs('uac_p0_conference.xml');
    const call = await answerAsP0();

    // Not parked: hold, hang-up and blind transfer are refused without a reason, and nothing goes out.
    const holdsBefore = sentHolds();
    for (const [channel, payload] of [
      ['call:hold', { callId: call.id }],
      ['call:hangup', { callId: call.id }],
      ['call:transfer', { callId: call.id, target: { kind: 'queue', queue: 'SNP' } }],
    ] as const) {
      expect(await phone.api(channel, payload), channel).toMatchObject({ ok: false, error: { code: 'E_P0_REASON', field: 'reason' } });
    }
    expect(sentHolds()).toBe(holdsBefore);

    const uas = await trunk('uas_ring_then_answer.xml');
    const consult = await phone.must('call:consult', { callId: call.id, target: { kind: 'extension', extension: '201' } });
    expect(consult).toMatchObject({ direction: 'outbound', dossierId: call.dossierId });
    // The ARM stays with the caller until the regulator picks up: no conference, no handover before.
    expect(await phone.api('call:conference', { callId: call.id, consultCallId: consult.id })).toMatchObject({ ok: false, error: { code: 'E_CONFLICT' } });
    await phone.liveCall((c) => c.id === consult.id && c.state === 'active');
    expect((await phone.must<{ calls: Call[] }>('call:list')).calls.find((c) => c.id === call.id)?.state).toBe('held');
    // The one hold a P0 allows went out: the consultation's.
    expect(sentHolds()).toBe(holdsBefore + 1);

    const joined = await phone.must<{ calls: Call[] }>('call:conference', { callId: call.id, consultCallId: consult.id });
    expect(joined.calls.map((c) => c.state)).toEqual(['active', 'active']);

    const handed = await phone.must('call:transfer', { callId: call.id, target: { kind: 'extension', extension: '201' }, consultCallId: consult.id });
    expect(handed).toMatchObject({ state: 'ended', outcome: 'transferred', transferTarget: '201' });
    // SIPp's exit status 0: it saw sendonly, then sendrecv, then Refer-To with Replaces, then our BYE.
    const result = await sipp.done;
    expect(result.code).toBe(0);
    expect(result.messages).toMatch(/^Refer-To: .*Replaces=/m);
    await phone.must('call:hangup', { callId: consult.id });
    expect((await uas.done).code).toBe(0);

    expect(phone.eventTypes(call.id)).toEqual(['call.presented', 'call.ringing', 'call.answered', 'call.attached', 'call.held', 'call.conferenced', 'call.transferred', 'call.ended']);
    const held = journalFile(phone.services.journal).prepare("SELECT json_extract(payload, '$.consultation') FROM events WHERE type = 'call.held' AND json_extract(payload, '$.callId') = ?").pluck().get(call.id);
    expect(held).toBe(consult.id);
    expect(p0Reasons(call.id)).toEqual([]);
  });

  it('the regulator does not answer (busy): the caller, held for the consultation, is taken back at once', async () => {
    const sipp = await callUs('uac_held_by_ua.xml');
    const call = await answerAsP0();
    const uas = await trunk('uas_busy.xml');
    await phone.must('call:consult', { callId: call.id, target: { kind: 'extension', extension: '201' } });
    expect((await uas.done).code).toBe(0);
    await waitFor('caller taken back', async () => (await phone.liveCall((c) => c.id === call.id)).state === 'active', 5000);
    expect((await sipp.done).code).toBe(0);
    expect(phone.eventTypes(call.id)).toEqual(['call.presented', 'call.ringing', 'call.answered', 'call.attached', 'call.held', 'call.resumed', 'call.ended']);
  });

  it('hanging up a P0 with a reason: the reason is journaled with the step, and the BYE goes', async () => {
    const sipp = await callUs('uac_ua_hangs_up.xml');
    const call = await answerAsP0();
    expect(await phone.api('call:hangup', { callId: call.id, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'E_P0_REASON' } });
    expect(await phone.must('call:hangup', { callId: call.id, reason: 'second P0 on the line, SMUR engaged' })).toMatchObject({ state: 'ended', endedBy: 'local' });
    expect((await sipp.done).code).toBe(0);
    expect(p0Reasons(call.id)).toEqual([{ callId: call.id, action: 'hangup', reason: 'second P0 on the line, SMUR engaged' }]);
    expect(phone.eventTypes(call.id).slice(-2)).toEqual(['call.p0Exception', 'call.ended']);
  });
});
