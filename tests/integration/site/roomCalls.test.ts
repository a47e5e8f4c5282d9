import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalFile } from '../../support/journalFile';
import { postgresProblem } from '../../support/postgres';
import { journalRingBranch, openRoom, until, type Desk, type TestRoom } from '../../support/room';

const problem = postgresProblem();

describe.skipIf(problem !== null)('calls in the room through a real site on PostgreSQL', () => {
  let room: TestRoom;
  let a: Desk;
  let b: Desk;
  let c: Desk;

  beforeAll(async () => {
    room = await openRoom('room_calls', [
      { id: 'arm-01', signIn: { role: 'ARM', login: 'arm.a', name: 'Mme A' } },
      { id: 'arm-02', signIn: { role: 'ARM', login: 'arm.b', name: 'M. B' } },
      { id: 'mru-01', signIn: { role: 'MRU', login: 'dr.c', name: 'Dr C' } },
    ]);
    [a, b, c] = room.desks as [Desk, Desk, Desk];
  }, 60_000);
  afterAll(async () => {
    await room?.close();
  });

  it('the answer already here when the branch ends: no lost call, no callback anywhere', async () => {
    const sip = `ring-1-${randomUUID()}@pbx`;
    const answeredAtB = journalRingBranch(b, b.actor()!, sip, true);
    await until(() => a.services.journal.calls.get(answeredAtB)?.answeredAt != null, 'B’s answer on desk A');
    const lostAtA = journalRingBranch(a, a.actor()!, sip, false);
    await until(room.settled, 'synced');
    for (const d of [a, b, c]) expect(d.services.journal.callbacks.byCallId(lostAtA)).toBeUndefined();
  }, 30_000);

  it('the answer reaching the desk after its branch entered the list: the callback is withdrawn once, by that desk, on every desk', async () => {
    const sip = `ring-2-${randomUUID()}@pbx`;
    // A's branch ends first (B's answer still on its way): a lost call, in the room's list.
    const lostAtA = journalRingBranch(a, a.actor()!, sip, false);
    const callback = a.services.journal.callbacks.byCallId(lostAtA)!;
    expect(callback.doneAt).toBeNull();
    await until(() => c.services.journal.callbacks.byCallId(lostAtA) !== undefined, 'the lost call in the room’s list (desk C)');
    expect(c.services.journal.callbacks.byCallId(lostAtA)!.doneAt).toBeNull();
    const answeredAtB = journalRingBranch(b, b.actor()!, sip, true);
    await until(() => [a, b, c].every((d) => d.services.journal.callbacks.byCallId(lostAtA)?.doneAt != null), 'callback withdrawn on every desk', 20_000);
    await until(room.settled, 'synced');
    const withdrawals = await room.site.store.pool.query<{ workstation: string; actor_role: string }>("SELECT workstation, actor_role FROM site_events WHERE type = 'callback.withdrawn' AND payload::jsonb->>'callbackId' = $1", [callback.id]);
    expect(withdrawals.rows).toEqual([{ workstation: 'arm-01', actor_role: 'SYSTEME' }]);
    expect(a.services.journal.calls.get(answeredAtB)?.answeredAt).not.toBeNull();
    const reason = journalFile(c.services.journal).prepare<[], string>("SELECT payload FROM events WHERE type = 'callback.withdrawn' ORDER BY seq DESC LIMIT 1").pluck().get()!;
    expect(JSON.parse(reason).reason).toMatch(/répondu à un autre poste/);
  }, 40_000);
});

describe.skipIf(problem !== null)('the room’s callback list: a callback being called back at one desk shows as such on the others', () => {
  let room: TestRoom;
  let a: Desk;
  let b: Desk;
  let c: Desk;

  beforeAll(async () => {
    room = await openRoom('room_claims', [
      { id: 'arm-01', signIn: { role: 'ARM', login: 'arm.a', name: 'Mme A' } },
      { id: 'arm-02', signIn: { role: 'ARM', login: 'arm.b', name: 'M. B' } },
      { id: 'sup-01', signIn: { role: 'SUPERVISEUR', login: 'sup.c', name: 'Mme C' } },
    ]);
    [a, b, c] = room.desks as [Desk, Desk, Desk];
  }, 60_000);
  afterAll(async () => {
    await room?.close();
  });

  it('two operators claim the same lost call at once: one holds it on every desk, the other is told who; an attempt frees it', async () => {
    const callId = randomUUID();
    const created = a.services.journal.command((ctx) => a.services.callbacks.appendLostCall(ctx, { phone: '+33612345670', presentedAt: new Date().toISOString(), callId }))!;
    await until(() => [b, c].every((d) => d.services.journal.callbacks.get(created.callbackId) !== undefined), 'the lost call on every desk');
    await Promise.all([a.call('callback:claim', { callbackId: created.callbackId }), b.call('callback:claim', { callbackId: created.callbackId })]);
    await until(room.settled, 'claims pushed and pulled');
    const holders = [a, b, c].map((d) => d.services.journal.callbacks.get(created.callbackId)!.claim?.actorId);
    expect(new Set(holders).size).toBe(1);
    const winner = holders[0]!;
    const loser = a.services.journal.operators.byLogin('arm.a')!.id === winner ? b : a;
    const conflict = loser.services.journal.siteSync.conflictsOf(loser.id).map((r) => JSON.parse(r.payload) as { step: string; reason: string; winner: { actorId: string; name: string } });
    expect(conflict).toEqual(expect.arrayContaining([expect.objectContaining({ step: 'callback', reason: 'alreadyClaimed', winner: expect.objectContaining({ actorId: winner }) })]));
    // The loser's desk now refuses, in words, a second try while the claim runs.
    await expect(loser.call('callback:claim', { callbackId: created.callbackId })).rejects.toThrow(/E_CONFLICT .*being called back by (Mme A|M\. B)/);
    // The supervisor's list shows who calls back.
    const list = await c.call<{ entries: Array<{ id: string; claim?: { actorId: string } | null }> }>('callback:list', {});
    expect(list.entries.find((e) => e.id === created.callbackId)?.claim?.actorId).toBe(winner);
    const holderDesk = loser === a ? b : a;
    await holderDesk.call('callback:recordAttempt', { callbackId: created.callbackId, outcome: 'NO_ANSWER' });
    await until(() => [a, b, c].every((d) => d.services.journal.callbacks.get(created.callbackId)!.claim === null), 'claim freed everywhere');
    expect(await loser.call('callback:claim', { callbackId: created.callbackId })).toMatchObject({ claim: { actorRole: 'ARM' } });
  }, 40_000);
});
