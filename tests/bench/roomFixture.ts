import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { hashPassword } from '../../electron/services/auth/passwords';
import { SITE_GENESIS_HASH, siteEventHash } from '../../electron/services/site/store/siteHashChain';
import type { PostgresSettings } from '../../electron/services/site/store/siteStore';
import { applyDossierEvent, type Dossier, type DossierEventBody } from '../../shared/domain/dossier';

/**
 * A room's log of `events` events written straight into the site's tables (the append path, with
 * its checks, is not what the join bench measures, and at its rate a million events would take
 * many minutes to write): accounts and sign-ins, then dossiers in time order, each created, noted,
 * finished, validated and closed — but the last `openShare` of them still open (created and noted
 * only). The site's chain and the rules' state (site_dossiers, site_operators) are filled as the
 * append would leave them; `verifyChain` checks the chain like any other.
 */
export interface RoomLog {
  head: number;
  dossiers: number;
  open: number;
  /** The accounts, each signing in with `password` on any desk of the room (their hash is in the log). */
  operators: { id: string; login: string; name: string; role: string }[];
}

export async function writeRoomLog(settings: PostgresSettings, events: number, openShare = 0.01, password = 'motdepasse-salle'): Promise<RoomLog> {
  const client = new pg.Client(settings);
  await client.connect();
  try {
    const head = (await client.query<{ pos: number; hash: string }>('SELECT pos, hash FROM site_head')).rows[0]!;
    let pos = Number(head.pos);
    let prev = head.pos === 0 ? SITE_GENESIS_HASH : head.hash;
    const start = Date.now() - 60 * 24 * 3600_000;
    let tick = 0;
    const operators = Array.from({ length: 20 }, (_, i) => ({ id: randomUUID(), login: `fixture.${i}`, name: `Agent ${i}`, role: i % 2 === 0 ? 'ARM' : 'MRU' }));
    let rows: Record<string, unknown>[] = [];
    const flush = async () => {
      if (rows.length === 0) return;
      await client.query('INSERT INTO site_events SELECT * FROM jsonb_populate_recordset(NULL::site_events, $1::jsonb)', [JSON.stringify(rows)]);
      rows = [];
    };
    const add = async (workstation: string, dossierId: string | null, type: string, payload: unknown, actor: { id: string; role: string }) => {
      pos += 1;
      tick += 1;
      const wall = start + tick * 5;
      const at = new Date(wall).toISOString();
      const hlc = `${String(wall).padStart(15, '0')}-${String(tick % 1_000_000).padStart(6, '0')}`;
      const text = JSON.stringify(payload);
      const fields = { pos, id: uuidv7(), site: '690', workstation, dossierId, type, payload: text, actorId: actor.id, actorRole: actor.role, at, hlc, corrects: null, outcome: 'applied', prevHash: prev };
      const hash = siteEventHash(fields);
      rows.push({ pos, id: fields.id, site: '690', workstation, dossier_id: dossierId, type, payload: text, actor_id: actor.id, actor_role: actor.role, at, hlc, corrects: null, outcome: 'applied', batch_id: null, received_at: new Date().toISOString(), prev_hash: prev, hash });
      prev = hash;
      if (rows.length >= 5000) await flush();
      return { at, pos };
    };
    const console = { id: 'console:root', role: 'ADMIN' };
    // Cheap scrypt (the parameters travel with the hash): the bench measures the log, not the hashing.
    const stored = await hashPassword(password, { N: 2 ** 10, r: 8, p: 1, keyLength: 64 });
    const credential = { algorithm: 'scrypt', params: JSON.stringify(stored.params), salt: stored.salt, hash: stored.hash };
    for (const op of operators) await add('admin-01', null, 'operator.created', { operatorId: op.id, login: op.login, displayName: op.name, role: op.role, rpps: null, credential }, console);
    for (const [i, op] of operators.entries()) await add(`post-${i}`, null, 'auth.loginSucceeded', { operatorId: op.id, kind: 'login' }, op);
    const states: { id: string; state: Dossier; last_pos: number }[] = [];
    const flushStates = async () => {
      if (states.length === 0) return;
      await client.query('INSERT INTO site_dossiers SELECT * FROM jsonb_populate_recordset(NULL::site_dossiers, $1::jsonb)', [JSON.stringify(states)]);
      states.length = 0;
    };
    const perClosed = 5;
    const perOpen = 2;
    const left = events - pos;
    const closedCount = Math.floor((left * (1 - openShare)) / perClosed);
    let dossiers = 0;
    let open = 0;
    while (pos < events) {
      const isOpen = dossiers >= closedCount;
      if (isOpen && events - pos < perOpen) break;
      if (!isOpen && events - pos < perClosed) break;
      dossiers += 1;
      if (isOpen) open += 1;
      const arm = operators[(dossiers * 2) % operators.length]!;
      const mru = operators[(dossiers * 2 + 1) % operators.length]!;
      const post = `post-${(dossiers * 2) % operators.length}`;
      const id = randomUUID();
      const number = String(dossiers).padStart(7, '0');
      const bodies: { body: DossierEventBody; actor: typeof arm; post: string }[] = [
        { body: { type: 'dossier.created', payload: { localNumber: `DRFR15690${number}`, caseId: `fr.health.samu690.DRFR15690${number}`, kind: 'DRM', origin: '15', callerPhone: '+33612345678', motive: 'douleur thoracique', priority: 'P2' } } as DossierEventBody, actor: arm, post },
        { body: { type: 'dossier.noteAdded', payload: { noteId: randomUUID(), text: 'Patient conscient, respire, douleur depuis 20 minutes.' } }, actor: mru, post: `post-${(dossiers * 2 + 1) % operators.length}` },
      ];
      if (!isOpen) {
        for (const type of ['dossier.finished', 'dossier.validated', 'dossier.closed'] as const) bodies.push({ body: { type, payload: {} }, actor: mru, post: `post-${(dossiers * 2 + 1) % operators.length}` });
      }
      let state: Dossier | undefined;
      for (const b of bodies) {
        const { at, pos: p } = await add(b.post, id, b.body.type, b.body.payload, b.actor);
        state = applyDossierEvent(state, { seq: p, dossierId: id, at, actor: b.actor, body: b.body });
      }
      states.push({ id, state: state!, last_pos: state!.lastSeq });
      if (states.length >= 2000) await flushStates();
    }
    await flush();
    await flushStates();
    await client.query('INSERT INTO site_operators SELECT * FROM jsonb_populate_recordset(NULL::site_operators, $1::jsonb) ON CONFLICT DO NOTHING', [
      JSON.stringify(operators.map((o) => ({ id: o.id, login: o.login, display_name: o.name, role: o.role, active: true }))),
    ]);
    await client.query('UPDATE site_head SET pos = $1, hash = $2', [pos, prev]);
    await client.query('ANALYZE');
    return { head: pos, dossiers, open, operators };
  } finally {
    await client.end();
  }
}
