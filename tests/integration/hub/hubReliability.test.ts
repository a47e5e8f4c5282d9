import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/api';
import type { Dossier } from '../../../shared/domain/dossier';
import { readHandoutJson } from '../../support/hubHandout';
import { messageOf } from '../../support/hub/hubTestClient';
import { signIn } from '../../support/operators';
import { describeWithBroker, SAMU440, SAMU690, startHubWorld, until, type HubWorld } from '../../support/hub/hubWorld';
import { journalFile } from '../../support/journalFile';

type Obj = Record<string, unknown>;
const HOUR = 3_600_000;

describeWithBroker('Hub Santé reliability: broker crash mid-drain, lost replies, duplicates, reordering, expiry', () => {
  let world: HubWorld;
  /** The workstation's clock, moved by the expiry tests. */
  let skew = 0;
  const call = async <T = Dossier>(channel: string, request: Obj = {}): Promise<T> => {
    const result = await dispatch(world.services.api, channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  const rows = (dossierIds: string[]) =>
    journalFile(world.services.journal)
      .prepare<[string], { event_seq: number; dossier_id: string; state: string; distribution_id: string; attempts: number; error_code: number | null; last_error: string | null }>(
        'SELECT event_seq, dossier_id, state, distribution_id, attempts, error_code, last_error FROM outbox WHERE dossier_id IN (SELECT value FROM json_each(?)) ORDER BY event_seq',
      )
      .all(JSON.stringify(dossierIds));
  const snpDossier = async (motive: string) => {
    const d = await call('dossier:create', { callerPhone: '06 12 34 56 78', motive, priority: 'P2' });
    await call('dossier:updateQualification', { dossierId: d.id, filiere: 'SNP' });
    // "Partager avec…": the person's share is what sends it (issue 13 §6).
    await call('dossier:share', { dossierId: d.id, partner: SAMU440 });
    return d;
  };

  beforeAll(async () => {
    world = await startHubWorld({ now: () => Date.now() + skew });
  }, 90_000);
  afterAll(async () => {
    await world?.stop();
  }, 60_000);

  it('broker killed by PID in the middle of a drain, then restarted: nothing lost, nothing applied twice, per-dossier order kept', async () => {
    const dossiers: Dossier[] = [];
    for (let i = 0; i < 30; i++) dossiers.push(await snpDossier(`crash ${i}`));
    const ids = dossiers.map((d) => d.id);
    // More changes while the first ones are on their way (caller details: the regulators' notes
    // stay in the room, issue 13 §6).
    const writing = (async () => {
      for (let round = 0; round < 4; round++) for (const d of dossiers) await call('dossier:updateCaller', { dossierId: d.id, name: `appelant ${round}` });
    })();
    await until(() => world.peer.applied.filter((a) => a.payload.caseId && dossiers.some((d) => d.caseId === a.caseId)).length >= 20, 'part of the drain delivered');
    const pid = world.broker.pid();
    expect(pid).toBeGreaterThan(0);
    await world.broker.kill();
    expect(world.broker.pid()).toBeNull();
    await writing; // the regulation room keeps working while the Hub is down
    await until(() => !world.services.hub!.connected, 'Plateau notices the broker is gone');
    const down = await call<Obj>('hub:status');
    expect(down.connected).toBe(false);
    // Retries do not move "disconnected since".
    await new Promise((r) => setTimeout(r, 1500));
    expect((await call<Obj>('hub:status')).since).toBe(down.since);
    const waitingDuringOutage = world.services.hub!.status().waiting;
    expect(waitingDuringOutage).toBeGreaterThan(0);
    await world.broker.restart();
    await world.peer.close();
    await world.peer.connect();
    await until(() => world.services.hub!.connected, 'Plateau reconnected', 30_000);
    await until(() => rows(ids).every((r) => r.state === 'ACKED'), 'every message ACKED after the restart', 60_000);
    const all = rows(ids);
    // The share (RS-EDA) and four updates each.
    expect(all).toHaveLength(30 * 5);
    const got = world.peer.applied.filter((a) => dossiers.some((d) => d.caseId === a.caseId));
    // Nothing lost, nothing applied twice: each distributionID exactly once at the partner.
    expect(got.map((a) => a.distributionId).sort()).toEqual(all.map((r) => r.distribution_id).sort());
    expect(new Set(got.map((a) => a.distributionId)).size).toBe(got.length);
    // Per-dossier order: the partner applied each dossier's messages in journal order.
    for (const d of dossiers) {
      expect(got.filter((a) => a.caseId === d.caseId).map((a) => a.distributionId)).toEqual(all.filter((r) => r.dossier_id === d.id).map((r) => r.distribution_id));
    }
    expect(world.peer.invalid).toEqual([]);
    expect(await call<Obj>('hub:status')).toMatchObject({ connected: true, waiting: 0 });
  }, 120_000);

  it('a lost RC-REF: the same message is re-sent with the same distributionID, the partner applies it once and answers again', async () => {
    // The partner's first two receipts about this dossier are lost on the way back.
    const aboutThisDossier = (body: Buffer) => {
      const ref = (messageOf(JSON.parse(body.toString()) as Obj).reference as Obj | undefined)?.distributionID;
      const message = world.peer.applied.find((a) => a.distributionId === ref);
      const share = message && world.peer.applied.find((a) => a.caseId === message.caseId && a.kind === 'createCaseHealth');
      return Boolean(share && JSON.stringify(share.payload).includes('receipt lost'));
    };
    const dropped: string[] = [];
    world.dispatcher.inject({
      action: 'drop',
      times: 2,
      match: (r) => {
        const hit = r.kind === 'Ack' && r.recipient === SAMU690 && aboutThisDossier(r.body);
        if (hit) dropped.push(String((messageOf(JSON.parse(r.body.toString()) as Obj).reference as Obj).distributionID));
        return hit;
      },
    });
    const d = await snpDossier('receipt lost');
    await call('dossier:setPriority', { dossierId: d.id, priority: 'P3' });
    const mine = () => rows([d.id]);
    await until(() => mine().length === 2 && mine().every((r) => r.state === 'SENT'), 'both sent, receipts lost');
    await until(() => mine().every((r) => r.state === 'ACKED'), 're-sent and acknowledged', 20_000);
    expect(mine().map((r) => ({ attempts: r.attempts >= 2, dropped: dropped.includes(r.distribution_id) }))).toEqual([
      { attempts: true, dropped: true },
      { attempts: true, dropped: true },
    ]);
    for (const r of mine()) {
      expect(world.peer.applied.filter((a) => a.distributionId === r.distribution_id)).toHaveLength(1);
      expect(world.peer.duplicates.get(r.distribution_id)).toBeGreaterThanOrEqual(1);
    }
  }, 40_000);

  it('inbound messages reordered and duplicated on the way: each applied once, updates kept until their case, then applied in the sender order', async () => {
    const caseId = `${SAMU440}.DRFR15440260610500`;
    const base = structuredClone(messageOf(readHandoutJson('envelope-examples', 'RS-EDA-in-envelope.json') as Obj).createCaseHealth as Obj);
    Object.assign(base, { caseId, owner: SAMU440, medicalNote: [{ medicalNoteId: `${SAMU440}.medicalNote.e0`, operator: { role: 'ARM' }, freetext: 'note 0' }] });
    const t0 = Date.now() - 10_000;
    const eda = world.peer.envelopeFor('RS-EDA', SAMU690, base, { sentAtMs: t0 });
    const majs = [1, 2, 3].map((n) => world.peer.envelopeFor('RS-EDA-MAJ', SAMU690, { caseId, medicalNote: [{ medicalNoteId: `${SAMU440}.medicalNote.e${n}`, operator: { role: 'MEDECIN' }, freetext: `note ${n}` }] }, { sentAtMs: t0 + n * 1000 }));
    // The Hub hands them over backwards: MAJ 3, 2, 1, then the RS-EDA.
    world.dispatcher.inject({ action: 'hold', count: 4, match: (r) => r.sender === SAMU440 && r.recipient === SAMU690 && r.kind !== 'Ack' && r.body.toString().includes(caseId) });
    for (const m of [eda, ...majs]) await world.peer.client.publish(m);
    // And two of them come again.
    const inbox = (id: string) => journalFile(world.services.journal).prepare<[string], { state: string; duplicates: number }>('SELECT state, duplicates FROM hub_inbox WHERE distribution_id = ?').get(id);
    await until(() => inbox(String(eda.distributionID))?.state === 'APPLIED', 'case applied');
    await world.peer.client.publish(majs[1]!);
    await world.peer.client.publish(eda);
    await until(() => inbox(String(eda.distributionID))?.duplicates === 1 && inbox(String(majs[1]!.distributionID))?.duplicates === 1, 'duplicates seen');
    const id = journalFile(world.services.journal).prepare<[string], string>('SELECT id FROM dossiers WHERE case_id = ?').pluck().get(caseId)!;
    const dossier = await call('dossier:get', { dossierId: id });
    expect(dossier.notes.map((n) => n.text)).toEqual(['note 0', 'note 1', 'note 2', 'note 3']);
    expect(world.services.journal.eventsOf(id).map((e) => e.type)).toEqual(['dossier.received', 'dossier.remoteUpdated', 'dossier.remoteUpdated', 'dossier.remoteUpdated']);
    for (const m of majs) expect(inbox(String(m.distributionID))?.state).toBe('APPLIED');
    // Every message got its receipt, the duplicates theirs again.
    const receipts = () => world.peer.client.received.filter((m) => m.queue === 'ack').map((m) => String((messageOf(m.json).reference as Obj).distributionID));
    await world.peer.client.waitFor(() => [eda, ...majs].every((m) => receipts().includes(String(m.distributionID))) && receipts().filter((r) => r === eda.distributionID).length === 2, 10_000, 'receipts');
  }, 40_000);

  it('expired messages are reported, not silently dropped: expired before sending, refused by the Hub, dead-lettered unread', async () => {
    // (1) Never shared by anyone: nothing was ever queued for it, so a day later there is nothing
    // to expire and nothing left (issue 13 §6: no message leaves before a person shares).
    const local = await call('dossier:create', { callerPhone: '06 12 34 56 70', motive: 'jamais partagé', priority: 'P2' });
    await call('dossier:updateQualification', { dossierId: local.id, filiere: 'SNP' });
    skew = 25 * HOUR;
    await new Promise((r) => setTimeout(r, 600));
    expect(rows([local.id])).toEqual([]);
    expect(world.dispatcher.routed.some((r) => r.body.toString().includes(local.caseId))).toBe(false);
    skew = 0;

    // (2) Written just before its expiry and held on the way: the Hub refuses it (400) → EXPIRED with the code.
    let lateCase = '\u0000';
    world.dispatcher.inject({ action: 'delay', delayMs: 2500, times: 2, match: (r) => r.sender === SAMU690 && r.kind !== 'Ack' && r.body.toString().includes(lateCase) });
    skew = -(24 * HOUR - 1500);
    const late = await call('dossier:create', { callerPhone: '06 12 34 56 71', motive: 'expire en route', priority: 'P2' });
    // Not shared before it has a perimeter: the fault is armed in time.
    lateCase = late.caseId;
    await call('dossier:updateQualification', { dossierId: late.id, filiere: 'SNP' });
    await call('dossier:share', { dossierId: late.id, partner: SAMU440 });
    await call('dossier:setPriority', { dossierId: late.id, priority: 'P3' });
    skew = 0;
    // Our own sweep may see the expiry first; the Hub's RS-ERROR then adds its code.
    await until(() => rows([late.id]).every((r) => r.state === 'EXPIRED' && r.error_code === 400), 'expired at the Hub', 20_000).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(rows([late.id]))} / Hub refusals ${JSON.stringify(world.dispatcher.refused.slice(-3))}`);
    });
    expect(rows([late.id])[0]).toMatchObject({ last_error: expect.stringContaining('EXPIRED_MESSAGE_BEFORE_ROUTING') });
    expect(world.peer.applied.some((a) => JSON.stringify(a.payload).includes('expire en route'))).toBe(false);

    // (3) Delivered to the partner's queue while the partner is down, expiring there unread: DEAD_LETTER_QUEUED → EXPIRED.
    await world.peer.close();
    skew = -(24 * HOUR - 2500);
    const unread = await call('dossier:create', { callerPhone: '06 12 34 56 72', motive: 'jamais lu', priority: 'P2' });
    await call('dossier:updateQualification', { dossierId: unread.id, filiere: 'SNP' });
    await call('dossier:share', { dossierId: unread.id, partner: SAMU440 });
    await call('dossier:setPriority', { dossierId: unread.id, priority: 'P3' });
    skew = 0;
    await until(() => rows([unread.id]).every((r) => r.state === 'EXPIRED' && r.error_code === 500), 'dead-lettered', 20_000);
    expect(rows([unread.id])[0]).toMatchObject({ last_error: expect.stringContaining('DEAD_LETTER_QUEUED') });
    await world.peer.connect();
    // Moving the services' clock a day back and forth left the session idle: sign in again.
    await signIn(world.services, 'ARM');
    const status = await call<Obj>('hub:status');
    // (2) and (3): a share and an update each; (1) never had anything to expire.
    expect(status.expired).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
