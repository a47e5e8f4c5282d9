import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../../shared/domain/callState';
import type { TelephonyStatus } from '../../../shared/api/telephonySchemas';
import { type makeTempDir } from '../../support/tempDir';
import { sipPeersAvailable, TEST_SIP_PASSWORD, waitFor, type Kamailio } from '../../support/sip/peers';
import { signIn } from '../../support/operators';
import { startPhone, type Phone } from '../../support/sip/phone';
import { sipPeersOf, startKamailioDesk, stopKamailioDesk } from '../../support/sip/kamailioDesk';
import { journalFile } from '../../support/journalFile';

const available = sipPeersAvailable();
const DOSSIER = '0190a0b0-0000-7000-8000-0000000000d1';

/**
 * The softphone against real peers: Kamailio (registrar + proxy, UDP and WS on 127.0.0.1) and
 * SIPp on the trunk side. Calls are driven through the handler table, as the renderer drives
 * them; the journal and SIPp's exit status (0 = every message of the scenario as expected) are
 * what the tests check.
 */
describe.skipIf(!available)('softphone with Kamailio and SIPp', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let kamailio: Kamailio;
  let phone: Phone;

  const { callUs, trunk, ringing } = sipPeersOf(() => ({ tmp, kamailio, phone }));

  beforeAll(async () => {
    ({ tmp, kamailio, phone } = await startKamailioDesk('plateau-kamailio-'));
  });
  afterAll(() => stopKamailioDesk({ tmp, kamailio, phone }));

  it('registers with digest auth: status registered, pushed, and the binding is in Kamailio', async () => {
    const status = await phone.must<TelephonyStatus>('telephony:status');
    expect(status).toMatchObject({ state: 'registered', reason: null, aor: 'sip:arm1@127.0.0.1' });
    expect(phone.events.filter((e) => e.channel === 'telephony:status').map((e) => (e.payload as TelephonyStatus).state)).toEqual(['connecting', 'registered']);
    expect(await kamailio.contacts('arm1')).toHaveLength(1);
  });

  it('a wrong password gives a failing status with the reason (401), and the right one registers', async () => {
    const other = await startPhone(kamailio, { user: 'arm2', password: 'wrong-password' });
    try {
      const failing = await waitFor('failing', () => {
        const s = other.services.telephony!.getStatus();
        return s.state === 'failing' ? s : undefined;
      });
      expect(failing).toMatchObject({ reason: 'auth', sipCode: 401 });
      expect(await kamailio.contacts('arm2')).toEqual([]);
      // The position's SIP secret is not the call-taker's to set: the supervisor does it.
      expect(await other.api<TelephonyStatus>('telephony:setPassword', { password: TEST_SIP_PASSWORD })).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
      await signIn(other.services, 'SUPERVISEUR');
      const fixed = await other.api<TelephonyStatus>('telephony:setPassword', { password: TEST_SIP_PASSWORD });
      expect(fixed.ok).toBe(true);
      await other.registered();
      expect(await kamailio.contacts('arm2')).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('without a stored password the status says so and nothing is sent', async () => {
    const other = await startPhone(kamailio, { user: 'arm3', password: null });
    try {
      expect(other.services.telephony!.getStatus()).toMatchObject({ state: 'failing', reason: 'noPassword' });
      expect((await other.api('call:place', { target: { kind: 'external', number: '0478000000' } })).ok).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('SIPp calls us: ringing with the caller number, answered through the handler table, the caller hangs up', async () => {
    const sipp = await callUs('uac_caller_hangs_up.xml');
    const call = await ringing();
    expect(call).toMatchObject({ remoteNumber: '+33612345678', remoteName: 'Caller 1', dossierId: null });
    const answered = await phone.must('call:answer', { callId: call.id });
    expect(answered.state).toBe('active');
    expect((await sipp.done).code).toBe(0);
    const ended = await phone.loggedCall(call.id, (c) => c.state === 'ended');
    expect(ended).toMatchObject({ outcome: 'answered', endedBy: 'remote', endReason: 'BYE' });
    expect(phone.eventTypes(call.id)).toEqual(['call.presented', 'call.ringing', 'call.answered', 'call.ended']);
    expect(Date.parse(ended.answeredAt!)).toBeGreaterThanOrEqual(Date.parse(ended.ringingAt!));
    expect((await phone.must<{ calls: Call[] }>('call:list')).calls).toEqual([]);
    expect(phone.events.some((e) => e.channel === 'call:changed' && (e.payload as { call: Call }).call.state === 'ringing')).toBe(true);
  });

  it('SIPp calls us and we hang up (BYE from our side)', async () => {
    const sipp = await callUs('uac_ua_hangs_up.xml');
    const call = await ringing();
    await phone.must('call:answer', { callId: call.id });
    const hung = await phone.must('call:hangup', { callId: call.id });
    expect(hung).toMatchObject({ state: 'ended', endedBy: 'local', outcome: 'answered' });
    expect((await sipp.done).code).toBe(0);
  });

  it('a dossier saved for the answered call takes it in the same command: the live call, its later steps and the log name the dossier', async () => {
    const sipp = await callUs('uac_ua_hangs_up.xml');
    const call = await ringing();
    await phone.must('call:answer', { callId: call.id });
    const dossier = await phone.must<{ id: string }>('dossier:create', { callerPhone: '0612345678', motive: 'malaise', callId: call.id });
    // The softphone holding the call knows at once, and says so to the renderer.
    expect(await phone.liveCall((c) => c.id === call.id && c.dossierId === dossier.id)).toMatchObject({ state: 'active' });
    expect(phone.events).toContainEqual({ channel: 'call:changed', payload: { call: expect.objectContaining({ id: call.id, dossierId: dossier.id }) } });
    await phone.must('call:hangup', { callId: call.id });
    expect((await sipp.done).code).toBe(0);
    expect(await phone.loggedCall(call.id, (c) => c.state === 'ended')).toMatchObject({ dossierId: dossier.id, outcome: 'answered' });
    expect(phone.services.journal.eventsOf(dossier.id).map((e) => e.type)).toEqual(['dossier.created', 'call.attached', 'call.ended']);
  });

  it('the renderer carrying the audio is gone: every call is ended by the system, with the reason', async () => {
    const sipp = await callUs('uac_ua_hangs_up.xml');
    const call = await ringing();
    await phone.must('call:answer', { callId: call.id });
    await phone.services.telephony!.endAll('renderer gone');
    expect((await sipp.done).code).toBe(0);
    expect(await phone.loggedCall(call.id, (c) => c.state === 'ended')).toMatchObject({ endedBy: 'system', endReason: 'renderer gone', outcome: 'answered' });
  });

  it('we call a SIPp UAS on the trunk from a dossier (callback): the call carries the dossier', async () => {
    const uas = await trunk('uas_ring_then_answer.xml');
    const placed = await phone.must('call:place', { target: { kind: 'external', number: '04 78 00 00 00' }, dossierId: DOSSIER });
    expect(placed).toMatchObject({ direction: 'outbound', state: 'dialing', dossierId: DOSSIER, remoteNumber: '+33478000000' });
    await phone.liveCall((c) => c.id === placed.id && c.state === 'active');
    await phone.must('call:hangup', { callId: placed.id });
    expect((await uas.done).code).toBe(0);
    const logged = await phone.loggedCall(placed.id, (c) => c.state === 'ended');
    expect(logged).toMatchObject({ outcome: 'answered', endedBy: 'local', dossierId: DOSSIER });
    expect(phone.eventTypes(placed.id)).toEqual(['call.presented', 'call.ringing', 'call.answered', 'call.ended']);
    expect(phone.services.journal.calls.ofDossierId(DOSSIER).map((c) => c.id)).toContain(placed.id);
  });

  it('the caller gives up while we ring (CANCEL): abandoned, journalled, and listed as a lost call', async () => {
    const sipp = await callUs('uac_cancel.xml');
    const call = await ringing();
    expect((await sipp.done).code).toBe(0);
    const logged = await phone.loggedCall(call.id, (c) => c.state === 'ended');
    expect(logged).toMatchObject({ outcome: 'abandoned', endedBy: 'remote', answeredAt: null });
    expect(phone.eventTypes(call.id)).toEqual(['call.presented', 'call.ringing', 'call.abandoned']);
    const lost = await phone.must<{ calls: Call[] }>('call:lost', {});
    expect(lost.calls.map((c) => c.id)).toContain(call.id);
    // DOMAIN §8.4: in the callback list too, committed with the event that ended the call.
    const callbacks = await phone.must<{ entries: Array<{ kind: string; callId: string | null; phone: string | null; seq?: number }> }>('callback:list', {});
    expect(callbacks.entries).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'LOST_CALL', callId: call.id })]));
    const [abandonedSeq, callbackSeq] = ['call.abandoned', 'callback.lostCall'].map(
      (type) => journalFile(phone.services.journal).prepare<[string, string], { seq: number }>("SELECT seq FROM events WHERE type = ? AND json_extract(payload, '$.callId') = ?").get(type, call.id)?.seq,
    );
    expect(callbackSeq).toBe(abandonedSeq! + 1);
    // Called back later from a dossier: the lost call is attached to it (an existing, open dossier: call:attach checks it).
    const dossier = await phone.must<{ id: string }>('dossier:create', { callerPhone: '0612345678', motive: 'rappel après appel perdu', priority: 'P2' });
    const attached = await phone.must('call:attach', { callId: call.id, dossierId: dossier.id });
    expect(attached).toMatchObject({ dossierId: dossier.id, outcome: 'abandoned' });
  });

  it('the trunk answers 486 Busy: the outgoing call ends busy, with the SIP code', async () => {
    const uas = await trunk('uas_busy.xml');
    const placed = await phone.must('call:place', { target: { kind: 'extension', extension: '201' } });
    const logged = await phone.loggedCall(placed.id, (c) => c.state === 'ended');
    expect(logged).toMatchObject({ outcome: 'busy', sipCode: 486, endedBy: 'remote' });
    expect((await uas.done).code).toBe(0);
  });

  it('hold and resume by re-INVITE (sendonly offered, then sendrecv), journalled', async () => {
    const sipp = await callUs('uac_held_by_ua.xml');
    const call = await ringing();
    await phone.must('call:answer', { callId: call.id });
    expect(await phone.must('call:hold', { callId: call.id })).toMatchObject({ state: 'held' });
    expect((await phone.api('call:hold', { callId: call.id })).ok).toBe(false);
    expect(await phone.must('call:resume', { callId: call.id })).toMatchObject({ state: 'active' });
    const result = await sipp.done;
    expect(result.code).toBe(0);
    // What SIPp received: the initial answer, then the hold and resume offers.
    const offered = [...result.messages.matchAll(/^a=(sendrecv|sendonly|recvonly|inactive)/gm)].map((m) => m[1]);
    expect(offered).toEqual(expect.arrayContaining(['sendonly']));
    expect(phone.eventTypes(call.id)).toEqual(['call.presented', 'call.ringing', 'call.answered', 'call.held', 'call.resumed', 'call.ended']);
  });

  it('two calls at once: answering the second holds the first; resuming the first works after', async () => {
    const first = await callUs('uac_held_by_ua.xml');
    const a = await ringing();
    await phone.must('call:answer', { callId: a.id });
    const second = await callUs('uac_caller_hangs_up.xml');
    const b = await phone.liveCall((c) => c.state === 'ringing' && c.id !== a.id);
    await phone.must('call:answer', { callId: b.id });
    const list = (await phone.must<{ calls: Call[] }>('call:list')).calls;
    expect(list.find((c) => c.id === a.id)?.state).toBe('held');
    expect(list.find((c) => c.id === b.id)?.state).toBe('active');
    expect((await second.done).code).toBe(0);
    await phone.must('call:resume', { callId: a.id });
    expect((await first.done).code).toBe(0);
    expect(phone.eventTypes(a.id)).toEqual(['call.presented', 'call.ringing', 'call.answered', 'call.held', 'call.resumed', 'call.ended']);
  });

  it('DTMF goes as SIP INFO (application/dtmf-relay), one request per tone', async () => {
    const sipp = await callUs('uac_dtmf.xml');
    const call = await ringing();
    await phone.must('call:answer', { callId: call.id });
    await phone.must('call:dtmf', { callId: call.id, tones: '4#' });
    expect((await sipp.done).code).toBe(0);
  });

  it('blind transfer to a branch queue (REFER), then we leave the call: outcome transferred', async () => {
    const sipp = await callUs('uac_refer.xml');
    const call = await ringing();
    await phone.must('call:answer', { callId: call.id });
    const transferred = await phone.must('call:transfer', { callId: call.id, target: { kind: 'queue', queue: 'SNP' } });
    expect(transferred).toMatchObject({ state: 'ended', outcome: 'transferred', transferTarget: 'SNP' });
    const result = await sipp.done;
    expect(result.code).toBe(0);
    expect(result.messages).toMatch(/^Refer-To: <?sip:3100@127\.0\.0\.1/m);
    expect(phone.eventTypes(call.id)).toEqual(['call.presented', 'call.ringing', 'call.answered', 'call.transferred', 'call.ended']);
  });

  it('attended transfer: a consultation call on the trunk, then REFER with Replaces to the caller', async () => {
    const sipp = await callUs('uac_attended.xml');
    const call = await ringing();
    await phone.must('call:answer', { callId: call.id });
    const uas = await trunk('uas_answer.xml');
    const consult = await phone.must('call:place', { target: { kind: 'extension', extension: '201' } });
    await phone.liveCall((c) => c.id === consult.id && c.state === 'active');
    expect((await phone.must<{ calls: Call[] }>('call:list')).calls.find((c) => c.id === call.id)?.state).toBe('held');
    const transferred = await phone.must('call:transfer', { callId: call.id, target: { kind: 'extension', extension: '201' }, consultCallId: consult.id });
    expect(transferred).toMatchObject({ outcome: 'transferred', transferTarget: '201' });
    const result = await sipp.done;
    expect(result.code).toBe(0);
    // The REFER names the consultation dialog, so that the target's leg replaces ours.
    expect(result.messages).toMatch(/^Refer-To: .*Replaces=/m);
    await phone.must('call:hangup', { callId: consult.id });
    expect((await uas.done).code).toBe(0);
  });

  it('malformed or unexpected SIP is answered with an error, and the softphone goes on', async () => {
    const sipp = await callUs('uac_malformed.xml');
    const call = await ringing();
    expect(call.remoteNumber).toBeNull();
    const answered = await phone.api('call:answer', { callId: call.id });
    expect(answered).toMatchObject({ ok: false, error: { code: 'E_MEDIA' } });
    expect((await sipp.done).code).toBe(0);
    expect(await phone.loggedCall(call.id, (c) => c.state === 'ended')).toMatchObject({ endedBy: 'system', outcome: 'missed' });
    expect(phone.services.telephony!.getStatus().state).toBe('registered');
    // Still taking calls.
    const next = await callUs('uac_caller_hangs_up.xml');
    await phone.must('call:answer', { callId: (await ringing()).id });
    expect((await next.done).code).toBe(0);
  });

  it('a renderer that never answers the media request: the call fails cleanly (480), journalled with the reason', async () => {
    const other = await startPhone(kamailio, { user: 'arm4', media: 'renderer', mediaTimeoutMs: 300 });
    try {
      await other.registered();
      const sipp = await callUs('uac_answer_fails.xml', 'arm4');
      const call = await other.liveCall((c) => c.state === 'ringing');
      const answered = await other.api('call:answer', { callId: call.id });
      expect(answered).toMatchObject({ ok: false, error: { code: 'E_MEDIA' } });
      expect(!answered.ok && answered.error.message).toMatch(/no answer from the renderer within 300 ms/);
      expect(other.events.some((e) => e.channel === 'media:request')).toBe(true);
      expect((await sipp.done).code).toBe(0);
      expect(await other.loggedCall(call.id, (c) => c.state === 'ended')).toMatchObject({ endedBy: 'system', sipCode: 480, outcome: 'missed' });
    } finally {
      await other.close();
    }
  });

  it('Kamailio restarted during a call: re-registered, target refresh re-INVITE, the far end BYE still reaches us', async () => {
    const sipp = await callUs('uac_target_refresh.xml');
    const call = await ringing();
    await phone.must('call:answer', { callId: call.id });
    await kamailio.stop();
    await waitFor('the loss noticed', () => phone.services.telephony!.getStatus().state === 'failing', 3000);
    await kamailio.start();
    const back = performance.now();
    await phone.registered(5000);
    expect(performance.now() - back).toBeLessThan(2000);
    expect((await sipp.done).code).toBe(0);
    expect(await phone.loggedCall(call.id, (c) => c.state === 'ended')).toMatchObject({ endedBy: 'remote', endReason: 'BYE', outcome: 'answered' });
  });

  it('Kamailio frozen (SIGSTOP): the heartbeat notices; after SIGCONT, registered again within 2 s', async () => {
    kamailio.freeze();
    try {
      const failing = await waitFor('the freeze noticed', () => {
        const s = phone.services.telephony!.getStatus();
        return s.state === 'failing' ? s : undefined;
      }, 4000);
      expect(failing.reason).toBe('transport');
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      kamailio.thaw();
    }
    const back = performance.now();
    await phone.registered(5000);
    expect(performance.now() - back).toBeLessThan(2000);
    // And it works: a call goes through.
    const sipp = await callUs('uac_caller_hangs_up.xml');
    await phone.must('call:answer', { callId: (await ringing()).id });
    expect((await sipp.done).code).toBe(0);
  });

  it('session refresh as a ghost-call backstop: a far end that lost the dialog (481) gets the call ended', async () => {
    const other = await startPhone(kamailio, { user: 'arm5', sessionRefreshSeconds: 1 });
    try {
      await other.registered();
      const sipp = await callUs('uac_ghost.xml', 'arm5');
      const call = await other.liveCall((c) => c.state === 'ringing');
      await other.must('call:answer', { callId: call.id });
      const ended = await other.loggedCall(call.id, (c) => c.state === 'ended', 5000);
      expect(ended).toMatchObject({ endedBy: 'system', endReason: 'session refresh failed', outcome: 'answered' });
      expect((await sipp.done).code).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('auto-answer: no 180 and no ringing step, the presented call committed before the 200, the screen told once answered', async () => {
    // Committed before the 200: the journal already has the call when the 200 leaves our transport.
    let presentedBefore200: boolean | null = null;
    const presentedCount = () => journalFile(auto.services.journal).prepare("SELECT count(*) FROM events WHERE type = 'call.presented'").pluck().get();
    const sipTrace = (direction: 'in' | 'out', message: string) => {
      if (direction === 'out' && message.startsWith('SIP/2.0 200') && /CSeq: 1 INVITE/.test(message)) presentedBefore200 = presentedCount() === 1;
    };
    const auto: Phone = await startPhone(kamailio, { user: 'arm2', autoAnswer: true, sipTrace });
    try {
      await auto.registered();
      const sipp = await callUs('uac_load.xml', 'arm2', ['-d', '200']);
      const result = await sipp.done;
      expect(result.code).toBe(0);
      expect(result.messages).not.toMatch(/^SIP\/2\.0 180/m);
      expect(presentedBefore200).toBe(true);
      const [call] = journalFile(auto.services.journal).prepare<[], { id: string }>('SELECT id FROM calls').all();
      await auto.loggedCall(call!.id, (c) => c.state === 'ended');
      expect(auto.eventTypes(call!.id)).toEqual(['call.presented', 'call.answered', 'call.ended']);
      const pushed = auto.events.filter((e) => e.channel === 'call:changed').map((e) => (e.payload as { call: Call }).call.state);
      expect(pushed).toEqual(['active', 'ended']);
    } finally {
      await auto.close();
    }
  });

  it('the journal chain is intact and the call log equals a rebuild from the events', () => {
    const journal = phone.services.journal;
    const snapshot = () => journalFile(journal).prepare('SELECT * FROM calls ORDER BY id').all();
    const live = snapshot();
    expect(live.length).toBeGreaterThan(8);
    journal.rebuildProjections();
    expect(snapshot()).toEqual(live);
    expect(journal.verify().ok).toBe(true);
  });
});
