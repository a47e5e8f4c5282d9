import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteConflictPayload } from '../../../shared/api/siteProtocol';
import { SITE_SCHEMA_VERSION } from '../../../electron/services/site/store/siteMigrations';
import { SiteStore } from '../../../electron/services/site/store/siteStore';
import { unattachedAppointments, upsertAppointment } from '../../../electron/services/site/hub/siteHubInbox';
import { freshDatabase, postgresProblem, startPostgres, type TestPostgres } from '../../support/postgres';
import { DeskEvents, operator } from '../../support/siteEvents';

const problem = postgresProblem();

describe.skipIf(problem !== null)('site store on a real PostgreSQL 15: push, pull, order, conflicts, refusals', () => {
  let server: TestPostgres;
  let store: SiteStore;
  const armA = operator('arm.a', 'ARM', 'Mme Durand');
  const drMartin = operator('martin', 'MRU', 'Dr Martin');
  const drPetit = operator('petit', 'MRU', 'Dr Petit');
  const osnp = operator('osnp', 'OSNP', 'M. Osnp');
  const desk1 = new DeskEvents('arm-01');
  const desk2 = new DeskEvents('mru-01');
  const desk3 = new DeskEvents('mru-02');

  beforeAll(async () => {
    server = await startPostgres();
    store = await SiteStore.open(await freshDatabase(server, 'store_test'), '690');
    // The accounts, made at desk 1's console, and one session per desk.
    const r1 = await store.append('arm-01', randomUUID(), [armA, drMartin, drPetit, osnp].map((o) => desk1.operatorCreated(o)).concat([desk1.login(armA)]));
    expect(r1.results.every((r) => r.status === 'appended')).toBe(true);
    await store.append('mru-01', randomUUID(), [desk2.login(drMartin)]);
    await store.append('mru-02', randomUUID(), [desk3.login(drPetit)]);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('appends in order and answers each event with its pos; a pull returns them in that order', async () => {
    const before = await store.head();
    const events = [desk1.dossierCreated(armA), desk1.dossierCreated(armA)];
    const { results, head } = await store.append('arm-01', randomUUID(), events);
    expect(results.map((r) => [r.status, r.pos])).toEqual([
      ['appended', before + 1],
      ['appended', before + 2],
    ]);
    expect(head).toBe(before + 2);
    const pulled = await store.pull(before, 10);
    expect(pulled.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(pulled.events[0]).toMatchObject({ pos: before + 1, workstation: 'arm-01', outcome: 'applied', payload: events[0]!.payload });
  });

  it('is idempotent on the event id: a retried batch appends nothing and answers the same positions', async () => {
    const batch = randomUUID();
    const events = [desk1.dossierCreated(armA), desk1.event('dossier.noteAdded', { noteId: randomUUID(), text: 'x' }, armA, null)];
    events[1]!.dossierId = events[0]!.dossierId;
    const first = await store.append('arm-01', batch, events);
    const head = await store.head();
    const again = await store.append('arm-01', batch, events);
    expect(again.results.map((r) => [r.status, r.pos])).toEqual(first.results.map((r) => ['duplicate', r.pos]));
    expect(await store.head()).toBe(head);
    // The same events under another batch id: a replayed old batch, answered from the log and recorded.
    const replay = await store.append('arm-01', randomUUID(), events);
    expect(replay.results.every((r) => r.status === 'duplicate')).toBe(true);
    expect(await store.head()).toBe(head);
    expect((await store.refusals()).some((r) => r.code === 'E_REPLAY' && r.workstation === 'arm-01')).toBe(true);
  });

  it('keeps pos gap-free and in commit order under 4 concurrent desks, and a polling reader misses none', async () => {
    const start = await store.head();
    const desks = ['c-1', 'c-2', 'c-3', 'c-4'].map((w) => ({ w, ev: new DeskEvents(w), op: operator(`op.${w}`, 'ARM') }));
    await store.append('arm-01', randomUUID(), desks.map((d) => desk1.operatorCreated(d.op)));
    for (const d of desks) await store.append(d.w, randomUUID(), [d.ev.login(d.op)]);
    const base = await store.head();
    let done = false;
    let last = base;
    let jumps = 0;
    const seen = new Set<string>();
    const reader = (async () => {
      const poll = async () => {
        const { events } = await store.pull(last, 1000);
        for (const e of events) {
          if (e.pos !== last + 1) jumps++;
          last = e.pos;
          seen.add(e.id);
        }
        return events.length;
      };
      while (!done) await poll();
      while ((await poll()) > 0);
    })();
    const sent: string[] = [];
    await Promise.all(
      desks.map(async (d, i) => {
        for (let b = 0; b < 25; b++) {
          const batch = Array.from({ length: 8 }, () => d.ev.dossierCreated(d.op));
          sent.push(...batch.map((e) => e.id));
          await store.append(d.w, randomUUID(), batch);
          // A retry after a lost answer, racing the neighbour's next push.
          if (b % 5 === i) await store.append(d.w, randomUUID(), batch);
        }
      }),
    );
    done = true;
    await reader;
    const c = new pg.Client(store.pool.options);
    await c.connect();
    const { rows } = await c.query<{ n: number; ids: number; lo: number; hi: number }>('SELECT count(*) n, count(DISTINCT id) ids, min(pos) lo, max(pos) hi FROM site_events WHERE pos > $1', [base]);
    await c.end();
    expect(rows[0]).toEqual({ n: 800, ids: 800, lo: base + 1, hi: base + 800 });
    expect(jumps).toBe(0);
    expect(sent.every((id) => seen.has(id))).toBe(true);
    expect(start).toBeLessThan(base);
    expect(await store.verifyChain()).toMatchObject({ ok: true, firstBadPos: null });
  }, 60_000);

  it('decides a take in site order: the second physician’s take is kept, overruled, and the site says who won', async () => {
    const created = desk1.dossierCreated(armA);
    await store.append('arm-01', randomUUID(), [created]);
    const martinTakes = desk2.event('dossier.taken', {}, drMartin, created.dossierId);
    const petitTakes = desk3.event('dossier.taken', {}, drPetit, created.dossierId);
    const [a, b] = await Promise.all([store.append('mru-01', randomUUID(), [martinTakes]), store.append('mru-02', randomUUID(), [petitTakes])]);
    const winnerFirst = a.results[0]!.pos! < b.results[0]!.pos!;
    const [won, lost] = winnerFirst ? [a, b] : [b, a];
    expect(won.results[0]!.outcome).toBe('applied');
    expect(lost.results[0]!.outcome).toBe('overruled');
    const { events } = await store.pull(lost.results[0]!.pos!, 5);
    const conflict = events.find((e) => e.type === 'site.conflict')!;
    const payload = JSON.parse(conflict.payload) as SiteConflictPayload;
    const winner = winnerFirst ? drMartin : drPetit;
    const loser = winnerFirst ? drPetit : drMartin;
    expect(payload).toMatchObject({ step: 'take', reason: 'alreadyTaken', actorId: loser.id, winner: { actorId: winner.id, name: winner.name } });
    expect(conflict).toMatchObject({ workstation: 'site', dossierId: created.dossierId, pos: lost.results[0]!.pos! + 1 });
    // Taking it again by its holder is no conflict.
    const again = await store.append(winnerFirst ? 'mru-01' : 'mru-02', randomUUID(), [(winnerFirst ? desk2 : desk3).event('dossier.taken', {}, winner, created.dossierId)]);
    expect(again.results[0]!.outcome).toBe('applied');
  });

  it('decides life-cycle steps, appointments and callbacks with the domain rules; the later one loses', async () => {
    const created = desk1.dossierCreated(armA);
    created.payload = JSON.stringify({ ...JSON.parse(created.payload), kind: 'DR' });
    await store.append('arm-01', randomUUID(), [created]);
    const d = created.dossierId;
    const f1 = await store.append('arm-01', randomUUID(), [desk1.event('dossier.finished', {}, armA, d)]);
    const f2 = await store.append('mru-01', randomUUID(), [desk2.event('dossier.finished', {}, drMartin, d)]);
    expect([f1.results[0]!.outcome, f2.results[0]!.outcome]).toEqual(['applied', 'overruled']);

    await store.append('arm-01', randomUUID(), [desk1.logout(armA)]);
    const osnpDesk = new DeskEvents('osnp-01');
    await store.append('osnp-01', randomUUID(), [osnpDesk.login(osnp)]);
    const appointment = (id: string) => ({ appointment: { id, startsAt: '2026-12-07T09:00:00.000Z', practitioner: 'Dr Généraliste', category: 'AMB', status: 'BOOKED', source: 'MANUAL' } });
    const a1 = await store.append('osnp-01', randomUUID(), [osnpDesk.event('dossier.appointmentRecorded', appointment('rdv-1'), osnp, d)]);
    const a2 = await store.append('osnp-01', randomUUID(), [osnpDesk.event('dossier.appointmentRecorded', appointment('rdv-2'), osnp, d)]);
    expect([a1.results[0]!.outcome, a2.results[0]!.outcome]).toEqual(['applied', 'overruled']);

    const cb = randomUUID();
    await store.append('mru-01', randomUUID(), [desk2.event('callback.requested', { callbackId: cb, dossierId: null, phone: '+33612345678', dueAt: null, reason: null }, drMartin)]);
    const c1 = await store.append('mru-01', randomUUID(), [desk2.event('callback.attempted', { callbackId: cb, outcome: 'REACHED', note: null }, drMartin)]);
    const c2 = await store.append('mru-02', randomUUID(), [desk3.event('callback.attempted', { callbackId: cb, outcome: 'REACHED', note: null }, drPetit)]);
    expect([c1.results[0]!.outcome, c2.results[0]!.outcome]).toEqual(['applied', 'overruled']);
  });

  it('one SAS appointment, one dossier: the first attach in site order wins, a later one to another dossier loses and is told who had it; the site lists only what no dossier holds', async () => {
    const osnpDesk = new DeskEvents('osnp-02');
    const osnp2 = operator('osnp.b', 'OSNP', 'M. Second');
    await store.append('arm-01', randomUUID(), [desk1.operatorCreated(osnp2)]);
    await store.append('osnp-02', randomUUID(), [osnpDesk.login(osnp2)]);
    const snp = () => {
      const c = desk1.dossierCreated(armA);
      c.payload = JSON.stringify({ ...JSON.parse(c.payload), kind: 'DR' });
      return c;
    };
    const [one, two] = [snp(), snp()];
    await store.append('arm-01', randomUUID(), [one, two]);
    const platformId = `sas-${randomUUID()}`;
    const pushed = { appointmentId: platformId, method: 'CreateAppointment', status: 'booked', start: '2026-12-07T09:00:00.000Z', created: '2026-12-06T08:00:00.000Z', practitioner: { firstName: 'Anne', lastName: 'Généraliste' } };
    await upsertAppointment(store.pool, pushed as never, `fr.health.sas_${randomUUID()}`);
    expect((await unattachedAppointments(store.pool, 100)).map((a) => a.appointmentId)).toContain(platformId);
    const record = (id: string) => ({ appointment: { id, appointmentId: platformId, startsAt: pushed.start, practitioner: 'Anne Généraliste', place: 'lieu', category: 'AMB', status: 'BOOKED' } });
    // Both desks attach it to a different dossier before hearing of the other: pushed together, decided in site order.
    const [first, second] = await Promise.all([
      store.append('osnp-01', randomUUID(), [new DeskEvents('osnp-01').event('dossier.appointmentRecorded', record(randomUUID()), osnp, one.dossierId)]),
      store.append('osnp-02', randomUUID(), [osnpDesk.event('dossier.appointmentRecorded', record(randomUUID()), osnp2, two.dossierId)]),
    ]);
    const outcomes = [first.results[0]!, second.results[0]!].sort((a, b) => a.pos! - b.pos!).map((r) => r.outcome);
    expect(outcomes).toEqual(['applied', 'overruled']);
    const winner = first.results[0]!.outcome === 'applied' ? { op: osnp, dossier: one.dossierId } : { op: osnp2, dossier: two.dossierId };
    const loserEvent = first.results[0]!.outcome === 'applied' ? second.results[0]!.id : first.results[0]!.id;
    const conflict = (await store.pool.query<{ payload: string }>("SELECT payload FROM site_events WHERE type = 'site.conflict' AND payload::jsonb->>'eventId' = $1", [loserEvent])).rows[0];
    expect(JSON.parse(conflict!.payload)).toMatchObject({ step: 'appointment', reason: 'appointmentAttached', winner: { actorId: winner.op.id, name: winner.op.name } });
    const held = await store.pool.query('SELECT dossier_id, actor_id FROM site_appointment_attachments WHERE appointment_id = $1', [platformId]);
    expect(held.rows).toEqual([{ dossier_id: winner.dossier, actor_id: winner.op.id }]);
    expect((await unattachedAppointments(store.pool, 100)).map((a) => a.appointmentId)).not.toContain(platformId);
    // Attached again later, even to the same dossier: still one record.
    const again = await store.append(winner.op === osnp ? 'osnp-01' : 'osnp-02', randomUUID(), [
      (winner.op === osnp ? new DeskEvents('osnp-01') : osnpDesk).event('dossier.appointmentRecorded', record(randomUUID()), winner.op, winner.dossier),
    ]);
    expect(again.results[0]!.outcome).toBe('overruled');
  });

  it('field edits: the last writer by HLC wins; an older value is kept, overruled and flagged', async () => {
    const created = desk1.dossierCreated(drMartin);
    await store.append('mru-01', randomUUID(), [created]);
    const older = desk3.event('dossier.priorityChanged', { priority: 'P2' }, drPetit, created.dossierId, { hlc: '000000000000001-000000' });
    const newer = desk2.event('dossier.priorityChanged', { priority: 'P0' }, drMartin, created.dossierId);
    const n = await store.append('mru-01', randomUUID(), [newer]);
    const o = await store.append('mru-02', randomUUID(), [older]);
    expect(n.results[0]!.outcome).toBe('applied');
    expect(o.results[0]!.outcome).toBe('overruled');
    const flagged = (await store.pull(o.results[0]!.pos!, 1)).events[0]!;
    expect(flagged).toMatchObject({ type: 'site.conflict', dossierId: created.dossierId });
    expect(JSON.parse(flagged.payload)).toMatchObject({ step: 'field', reason: 'priority', eventId: older.id });
  });

  it('refuses bad input with a reason, records it, and appends the good events of the same batch', async () => {
    const head = await store.head();
    const good = desk1.dossierCreated(drMartin);
    const other = new DeskEvents('mru-02');
    const events: unknown[] = [
      { hello: 'not an event' },
      { ...desk2.dossierCreated(drMartin), payload: '{"localNumber": 3}' },
      other.dossierCreated(drPetit),
      desk2.event('dossier.decisionAdded', { decisionId: randomUUID(), decision: {} }, { id: armA.id, role: 'MRU' }, good.dossierId),
      desk2.event('dossier.decisionAdded', { decisionId: randomUUID(), decision: {} }, armA, good.dossierId),
      new DeskEvents('mru-01', '440').dossierCreated(drMartin),
      desk2.dossierCreated(drPetit),
      desk2.event('dossier.exploded', {}, drMartin),
      { ...desk2.dossierCreated(drMartin), payload: 'x'.repeat(70_000) },
      good,
    ];
    good.workstation = 'mru-01';
    const { results } = await store.append('mru-01', randomUUID(), events);
    expect(results.map((r) => r.code)).toEqual([
      'E_MALFORMED',
      'E_MALFORMED',
      'E_OTHER_WORKSTATION',
      'E_FORGED_ROLE',
      'E_FORBIDDEN_ROLE',
      'E_OTHER_SITE',
      'E_NO_SESSION',
      'E_MALFORMED',
      'E_MALFORMED',
      null,
    ]);
    expect(results.at(-1)).toMatchObject({ status: 'appended', pos: head + 1 });
    expect(await store.head()).toBe(head + 1);
    const recorded = (await store.refusals()).filter((r) => r.workstation === 'mru-01');
    expect(recorded.map((r) => r.code)).toEqual(expect.arrayContaining(['E_OTHER_WORKSTATION', 'E_FORGED_ROLE', 'E_FORBIDDEN_ROLE', 'E_OTHER_SITE', 'E_NO_SESSION', 'E_MALFORMED']));
    expect(recorded.find((r) => r.code === 'E_NO_SESSION')!.reason).toMatch(/petit has no open session on mru-01/);
  });

  it('keeps a payload\'s text exactly, whatever quotes, backslashes or dollar tags it holds', async () => {
    const text = `l'appel \\ "cité" $v$ $fn$ $v1$ fin $v`;
    const writer = operator('arm.quotes', 'ARM');
    const desk = new DeskEvents('arm-08');
    await store.append('arm-01', randomUUID(), [desk1.operatorCreated(writer)]);
    const note = desk.event('dossier.noteAdded', { noteId: randomUUID(), text }, writer, null);
    const created = desk.dossierCreated(writer);
    note.dossierId = created.dossierId;
    const { results } = await store.append('arm-08', randomUUID(), [desk.login(writer), created, note]);
    expect(results.map((r) => r.status)).toEqual(['appended', 'appended', 'appended']);
    const pulled = await store.pull(results[2]!.pos! - 1, 1);
    expect(pulled.events[0]!.payload).toBe(note.payload);
    expect((JSON.parse(pulled.events[0]!.payload) as { text: string }).text).toBe(text);
    expect((await store.verifyChain()).ok).toBe(true);
  });

  it('takes the batches waiting for the lock into one transaction, each desk answered for its own', async () => {
    const desks = ['g-1', 'g-2', 'g-3'].map((w) => ({ w, ev: new DeskEvents(w), op: operator(`op.${w}`, 'ARM') }));
    await store.append('arm-01', randomUUID(), desks.map((d) => desk1.operatorCreated(d.op)));
    for (const d of desks) await store.append(d.w, randomUUID(), [d.ev.login(d.op)]);
    const [first, second, third] = desks as [(typeof desks)[0], (typeof desks)[0], (typeof desks)[0]];
    const forged = second.ev.event('dossier.created', JSON.parse(second.ev.dossierCreated(second.op).payload), { id: second.op.id, role: 'MRU' }, randomUUID());
    const secondBatch = [second.ev.dossierCreated(second.op), forged, second.ev.dossierCreated(second.op)];
    const thirdBatch = Array.from({ length: 5 }, () => third.ev.dossierCreated(third.op));
    // The first takes the lock; the two others wait meanwhile and go in together.
    const [a, b, c] = await Promise.all([
      store.append(first.w, randomUUID(), [first.ev.dossierCreated(first.op)]),
      store.append(second.w, randomUUID(), secondBatch),
      store.append(third.w, randomUUID(), thirdBatch),
    ]);
    expect(a.results.map((r) => r.status)).toEqual(['appended']);
    expect(b.results.map((r) => r.code)).toEqual([null, 'E_FORGED_ROLE', null]);
    expect(c.results.every((r) => r.status === 'appended')).toBe(true);
    // Each batch's events in its order, gap-free around the refused one; one transaction for both.
    const bPos: [number, number] = [b.results[0]!.pos!, b.results[2]!.pos!];
    const cPos = c.results.map((r) => r.pos!);
    expect(bPos[1]).toBe(bPos[0] + 1);
    expect(cPos).toEqual(cPos.map((_, i) => cPos[0]! + i));
    expect(new Set([...bPos, ...cPos]).size).toBe(7);
    const together = await store.pool.query<{ n: number }>('SELECT count(DISTINCT xmin::text)::int AS n FROM site_events WHERE id = ANY($1::uuid[])', [[secondBatch[0]!.id, ...thirdBatch.map((e) => e.id)]]);
    expect(together.rows[0]!.n).toBe(1);
    expect(b.head).toBe(c.head);
    expect((await store.refusals()).some((r) => r.code === 'E_FORGED_ROLE' && r.event_id === forged.id && r.workstation === 'g-2')).toBe(true);
    expect((await store.verifyChain()).ok).toBe(true);
  });

  it('refuses alone an event holding what PostgreSQL cannot store (a NUL, half an emoji, a NUL in its actor): E_MALFORMED, recorded; the rest of the batch is appended', async () => {
    const head = await store.head();
    const created = desk2.dossierCreated(drMartin);
    const nul = desk2.event('dossier.noteAdded', { noteId: randomUUID(), text: 'a\u0000b' }, drMartin, created.dossierId);
    const halfEmoji = desk2.event('dossier.noteAdded', { noteId: randomUUID(), text: `ambulance ${'🚑'.slice(0, 1)}` }, drMartin, created.dossierId);
    const actorNul = desk2.event('dossier.noteAdded', { noteId: randomUUID(), text: 'ok' }, { id: 'martin\u0000', role: 'MRU' }, created.dossierId);
    const after = desk2.event('dossier.noteAdded', { noteId: randomUUID(), text: 'après 🚑' }, drMartin, created.dossierId);
    const { results } = await store.append('mru-01', randomUUID(), [created, nul, halfEmoji, actorNul, after]);
    expect(results.map((r) => r.status)).toEqual(['appended', 'refused', 'refused', 'refused', 'appended']);
    expect(results.slice(1, 4).map((r) => r.code)).toEqual(['E_MALFORMED', 'E_MALFORMED', 'E_MALFORMED']);
    expect(results[2]!.reason).toMatch(/payload\.text: invisible character U\+D83D/);
    expect(results[3]!.reason).toMatch(/actorId: invisible character U\+0000/);
    expect(await store.head()).toBe(head + 2);
    const recorded = (await store.refusals()).filter((r) => [nul.id, halfEmoji.id, actorNul.id].includes(r.event_id ?? ''));
    expect(recorded.map((r) => r.code)).toEqual(['E_MALFORMED', 'E_MALFORMED', 'E_MALFORMED']);
    expect((await store.verifyChain()).ok).toBe(true);
  });

  it('a batch the database cannot store fails alone: the batches that waited with it are appended', async () => {
    const desks = ['h-1', 'h-2', 'h-3'].map((w) => ({ w, ev: new DeskEvents(w), op: operator(`op.${w}`, 'ARM') }));
    await store.append('arm-01', randomUUID(), desks.map((d) => desk1.operatorCreated(d.op)));
    for (const d of desks) await store.append(d.w, randomUUID(), [d.ev.login(d.op)]);
    const [first, second, third] = desks as [(typeof desks)[0], (typeof desks)[0], (typeof desks)[0]];
    const created = third.ev.dossierCreated(third.op);
    // What the contract passes and the database refuses (a NUL used to be one; the site now refuses
    // those itself): a trigger of the test's own makes PostgreSQL refuse this one payload.
    const poisoned = third.ev.event('dossier.noteAdded', { noteId: randomUUID(), text: 'poison-for-the-database' }, third.op, created.dossierId);
    await store.pool.query(`CREATE FUNCTION test_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF NEW.payload LIKE '%poison-for-the-database%' THEN RAISE EXCEPTION 'the database cannot store this'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_poison BEFORE INSERT ON site_events FOR EACH ROW EXECUTE FUNCTION test_poison()`);
    const before = await store.head();
    const [a, b, c] = await Promise.allSettled([
      store.append(first.w, randomUUID(), [first.ev.dossierCreated(first.op)]),
      store.append(second.w, randomUUID(), [second.ev.dossierCreated(second.op), second.ev.dossierCreated(second.op)]),
      store.append(third.w, randomUUID(), [created, poisoned]),
    ]).finally(() => store.pool.query('DROP TRIGGER test_poison ON site_events; DROP FUNCTION test_poison()'));
    expect(a.status).toBe('fulfilled');
    expect(b.status === 'fulfilled' && b.value.results.every((r) => r.status === 'appended')).toBe(true);
    expect(c.status).toBe('rejected');
    expect(await store.head()).toBe(before + 3);
    expect((await store.verifyChain()).ok).toBe(true);
  });

  it('a deactivation ends the operator’s sessions on every desk', async () => {
    const nurse = operator('arm.z', 'ARM');
    await store.append('arm-01', randomUUID(), [desk1.operatorCreated(nurse)]);
    const deskX = new DeskEvents('arm-07');
    await store.append('arm-07', randomUUID(), [deskX.login(nurse)]);
    expect((await store.append('arm-07', randomUUID(), [deskX.dossierCreated(nurse)])).results[0]!.status).toBe('appended');
    await store.append('arm-01', randomUUID(), [desk1.event('operator.deactivated', { operatorId: nurse.id }, { id: 'console:root', role: 'ADMIN' })]);
    expect((await store.append('arm-07', randomUUID(), [deskX.dossierCreated(nurse)])).results[0]!.code).toBe('E_NO_SESSION');
  });

  it('refuses to open a database newer than the code, saying so', async () => {
    const settings = await freshDatabase(server, 'newer_test');
    const first = await SiteStore.open(settings, '690');
    await first.pool.query('INSERT INTO site_schema (version) VALUES ($1)', [SITE_SCHEMA_VERSION + 1]);
    await first.close();
    await expect(SiteStore.open(settings, '690')).rejects.toThrow(new RegExp(`schema version ${SITE_SCHEMA_VERSION + 1}, newer than this site service \\(${SITE_SCHEMA_VERSION}\\)`));
  });
});
