import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Dossier } from '../../../shared/domain/dossier';
import { dispatch } from '../../../electron/services/api';
import { postgresProblem } from '../../support/postgres';
import { openRoom, until, type Desk, type TestRoom } from '../../support/room';

const problem = postgresProblem();

/**
 * A NUL in a text: SQLite takes it, PostgreSQL's jsonb cannot hold it. Refused at the desk's API
 * boundary; an event that already carries one (written before the check) is refused by the site
 * alone, recorded, and the desk's push goes on with what follows it.
 */
describe.skipIf(problem !== null)('bad text in a room: a NUL never blocks a desk’s push', () => {
  let room: TestRoom;
  let arm: Desk;
  let mru: Desk;

  beforeAll(async () => {
    room = await openRoom('room_bad_text', [
      { id: 'arm-01', signIn: { role: 'ARM', login: 'arm.durand', name: 'Mme Durand' } },
      { id: 'mru-01', signIn: { role: 'MRU', login: 'dr.martin', name: 'Dr Martin' } },
    ]);
    [arm, mru] = room.desks as [Desk, Desk];
  }, 60_000);
  afterAll(async () => {
    await room?.close();
  });

  it('the desk refuses a NUL in a free text at the API boundary: E_MALFORMED at the field, nothing journaled', async () => {
    const d = await arm.call<Dossier>('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'chute', priority: 'P2' });
    const before = arm.services.journal.lastSeq();
    const refused = await dispatch(arm.services.api, 'dossier:addNote', { dossierId: d.id, text: 'tension 12\u00008' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'E_MALFORMED', field: 'text' } });
    const motive = await dispatch(arm.services.api, 'dossier:create', { callerPhone: '06 12 34 56 79', motive: 'malaise\u0001', priority: 'P2' });
    expect(motive).toMatchObject({ ok: false, error: { code: 'E_MALFORMED', field: 'motive' } });
    expect(arm.services.journal.lastSeq()).toBe(before);
    // Tab and line breaks are text.
    await arm.call('dossier:addNote', { dossierId: d.id, text: 'ligne 1\r\nligne 2\tfin' });
  });

  it('the site refuses an old event carrying a NUL on its own (E_MALFORMED, recorded); the events after it reach the room', async () => {
    const d = await arm.call<Dossier>('dossier:create', { callerPhone: '06 12 34 56 80', motive: 'douleur abdominale', priority: 'P2' });
    await until(room.settled, 'the dossier at the site');
    const actor = arm.actor()!;
    // What a desk written before the check may still carry: the event is in its journal, waiting to be pushed.
    const badNote = uuidv7();
    const goodNote = uuidv7();
    let badEventId = '';
    arm.services.journal.command((ctx) => {
      badEventId = ctx.append({ dossierId: d.id, actor, body: { type: 'dossier.noteAdded', payload: { noteId: badNote, text: 'collé\u0000depuis le logiciel' } } }).id;
      ctx.append({ dossierId: d.id, actor, body: { type: 'dossier.noteAdded', payload: { noteId: goodNote, text: 'rappel à 15 min' } } });
    });
    arm.services.site!.kick();
    await until(() => mru.services.journal.dossiers.get(d.id)?.notes.some((n) => n.id === goodNote) === true, 'the note after the bad one on the other desk', 20_000);
    expect(mru.services.journal.dossiers.get(d.id)!.notes.some((n) => n.id === badNote)).toBe(false);
    const recorded = (await room.site.store.refusals()).filter((r) => r.event_id === badEventId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ workstation: 'arm-01', code: 'E_MALFORMED' });
    expect(recorded[0]!.reason).toMatch(/payload\.text: invisible character U\+0000/);
    // The desk: nothing left to push, the refusal counted for the status bar, its journal untouched.
    const status = arm.services.site!.status();
    expect(status).toMatchObject({ pending: 0, refused: 1, state: 'online' });
    expect(arm.services.journal.dossiers.get(d.id)!.notes.some((n) => n.id === badNote)).toBe(true);
    expect(arm.services.journal.verify().ok).toBe(true);
    // And the link is still good for what comes next.
    await arm.call('dossier:addNote', { dossierId: d.id, text: 'après le refus' });
    await until(room.settled, 'the desks settled after the refusal');
  });
});
