import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { applyCallbackEvent, type Callback, type CallbackEvent } from '../../../../shared/domain/callbacks';
import { applyDossierEvent, type Dossier, type DossierEventBody } from '../../../../shared/domain/dossier';
import { arbitrate, fieldKey, isNewerHlc, isRoomDuplicate, mayAuthor, needsSession, onceInRoomKey, sessionEffect } from '../../../../shared/domain/siteRules';
import { payloadProblem } from '../../../../shared/api/siteEventSchemas';
import { siteEventSchema, type PulledEvent, type PushResult, type SiteConflictPayload, type SiteEvent } from '../../../../shared/api/siteProtocol';
import { formatHlc, HybridLogicalClock, parseHlc } from '../../journal/hlc';
import { migrateSite } from './migrateSite';
import { SITE_GENESIS_HASH, siteEventHash } from './siteHashChain';

// int8 (bigint, count(*)) arrives as a string by default, and '10' < '9'.
pg.types.setTypeParser(20, Number);

export const SITE_NOTIFY_CHANNEL = 'plateau_site_head';

export interface PostgresSettings {
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
}

/** Why the site refused an event: a stable code and words for the log and the desk. */
export interface Refusal {
  code: 'E_MALFORMED' | 'E_OTHER_SITE' | 'E_OTHER_WORKSTATION' | 'E_FORBIDDEN_ROLE' | 'E_FORGED_ROLE' | 'E_UNKNOWN_AUTHOR' | 'E_NO_SESSION' | 'E_TOO_LARGE' | 'E_REPLAY' | 'E_BAD_MESSAGE';
  reason: string;
}

interface Row {
  pos: number;
  id: string;
  site: string;
  workstation: string;
  dossier_id: string | null;
  type: string;
  payload: string;
  actor_id: string;
  actor_role: string;
  at: string;
  hlc: string;
  corrects: string | null;
  outcome: 'applied' | 'overruled';
  batch_id: string | null;
  received_at: string;
  prev_hash: string;
  hash: string;
}

interface OperatorRow {
  id: string;
  login: string;
  display_name: string;
  role: string;
  active: boolean;
}

/** The state one append reads and changes, loaded under the lock for the ids the batch touches. */
interface BatchState {
  dossiers: Map<string, Dossier>;
  callbacks: Map<string, Callback>;
  fields: Map<string, { hlc: string; eventId: string }>;
  /** Occurrences already in the log once for the room (onceInRoomKey), for the batch's dossiers. */
  onceInRoom: Set<string>;
  operators: Map<string, OperatorRow>;
  sessions: Set<string>;
  closedSessions: Set<string>;
  touched: { dossiers: Set<string>; callbacks: Set<string>; fields: Set<string>; operators: Set<string> };
}

const sessionKey = (workstation: string, operatorId: string) => `${workstation}\u0000${operatorId}`;

function toPulled(r: Row): PulledEvent {
  return {
    pos: r.pos,
    id: r.id,
    site: r.site,
    workstation: r.workstation,
    dossierId: r.dossier_id,
    type: r.type,
    payload: r.payload,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    at: r.at,
    hlc: r.hlc,
    corrects: r.corrects,
    outcome: r.outcome,
  };
}

/**
 * The site log on PostgreSQL: appends serialized by the one-row head (FOR UPDATE), so `pos` is
 * gap-free and in commit order; idempotent on the event id; each event validated (contract,
 * author's role and session) and arbitrated (shared/domain/siteRules.ts) under the same lock,
 * hash-chained, and announced by NOTIFY at commit. Everything it refuses goes to site_refusals.
 */
export class SiteStore {
  private readonly clock = new HybridLogicalClock(Date.now);

  private constructor(
    readonly pool: pg.Pool,
    readonly siteCode: string,
    readonly schemaVersion: number,
  ) {}

  static async open(settings: PostgresSettings, siteCode: string, poolSize = 8): Promise<SiteStore> {
    const pool = new pg.Pool({ ...settings, max: poolSize, connectionTimeoutMillis: 5000 });
    // A server crash or a terminated backend raises 'error' on idle clients: without a listener it would kill the process.
    pool.on('error', () => undefined);
    // ...and on a client checked out between two queries (the pool listens on idle ones only): the query fails, the process lives.
    pool.on('connect', (client) => client.on('error', () => undefined));
    let version: number;
    try {
      const client = await pool.connect();
      try {
        version = await migrateSite(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new SiteStore(pool, siteCode, version);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async head(): Promise<number> {
    return (await this.pool.query<{ pos: number }>('SELECT pos FROM site_head')).rows[0]!.pos;
  }

  async pull(after: number, limit: number): Promise<{ events: PulledEvent[]; head: number }> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM site_events WHERE pos > $1 ORDER BY pos LIMIT $2', [after, limit]);
    const head = rows.length > 0 ? Math.max(rows.at(-1)!.pos, await this.head()) : await this.head();
    return { events: rows.map(toPulled), head };
  }

  async recordRefusal(workstation: string, batchId: string | null, eventId: string | null, refusal: Refusal, excerpt: string | null): Promise<void> {
    await this.pool.query('INSERT INTO site_refusals (workstation, batch_id, event_id, code, reason, excerpt) VALUES ($1, $2, $3, $4, $5, $6)', [
      workstation.slice(0, 64),
      batchId?.slice(0, 64) ?? null,
      eventId?.slice(0, 64) ?? null,
      refusal.code,
      refusal.reason.slice(0, 1000),
      excerpt?.slice(0, 500) ?? null,
    ]);
  }

  /**
   * Appends a desk's batch: one transaction under the head's lock. Returns one result per event,
   * in the batch's order: appended (with its pos and outcome), duplicate (already in the log: its
   * pos), or refused (with the reason, recorded).
   */
  async append(workstation: string, batchId: string, events: readonly unknown[]): Promise<{ results: PushResult[]; head: number }> {
    const client = await this.pool.connect();
    let released = false;
    try {
      await client.query('BEGIN');
      // The lock first, as its own statement: under READ COMMITTED every later statement sees every commit before it.
      const head = (await client.query<{ pos: number; hash: string }>('SELECT pos, hash FROM site_head FOR UPDATE')).rows[0]!;
      const results: PushResult[] = [];
      const refusals: { eventId: string | null; refusal: Refusal; excerpt: string | null }[] = [];
      const parsed: { index: number; event: SiteEvent }[] = [];
      events.forEach((raw, index) => {
        const r = siteEventSchema.safeParse(raw);
        if (!r.success) {
          const issue = r.error.issues[0]!;
          const eventId = typeof (raw as { id?: unknown } | null)?.id === 'string' ? ((raw as { id: string }).id) : null;
          const refusal: Refusal = { code: 'E_MALFORMED', reason: `event ${index}: ${issue.path.join('.') || '(event)'}: ${issue.message}` };
          results[index] = { id: eventId ?? '', status: 'refused', pos: null, outcome: null, code: refusal.code, reason: refusal.reason };
          refusals.push({ eventId, refusal, excerpt: JSON.stringify(raw)?.slice(0, 500) ?? null });
        } else parsed.push({ index, event: r.data });
      });

      const ids = parsed.map((p) => p.event.id);
      const known = new Map(
        (await client.query<{ id: string; pos: number; outcome: 'applied' | 'overruled'; batch_id: string | null }>('SELECT id, pos, outcome, batch_id FROM site_events WHERE id = ANY($1::uuid[])', [ids])).rows.map((r) => [r.id, r]),
      );
      const state = await this.loadState(client, parsed.map((p) => p.event), workstation);
      const rows: Row[] = [];
      let pos = head.pos;
      let prevHash = head.hash;
      const receivedAt = new Date().toISOString();
      const seenInBatch = new Set<string>();
      const push = (e: SiteEvent, outcome: 'applied' | 'overruled', batch: string | null): Row => {
        pos += 1;
        const fields = { pos, id: e.id, site: e.site, workstation: e.workstation, dossierId: e.dossierId, type: e.type, payload: e.payload, actorId: e.actorId, actorRole: e.actorRole, at: e.at, hlc: e.hlc, corrects: e.corrects, outcome, prevHash };
        const hash = siteEventHash(fields);
        prevHash = hash;
        const row: Row = { pos, id: e.id, site: e.site, workstation: e.workstation, dossier_id: e.dossierId, type: e.type, payload: e.payload, actor_id: e.actorId, actor_role: e.actorRole, at: e.at, hlc: e.hlc, corrects: e.corrects, outcome, batch_id: batch, received_at: receivedAt, prev_hash: fields.prevHash, hash };
        rows.push(row);
        return row;
      };

      for (const { index, event } of parsed) {
        const already = known.get(event.id);
        if (already || seenInBatch.has(event.id)) {
          const p = already?.pos ?? rows.find((r) => r.id === event.id)!.pos;
          results[index] = { id: event.id, status: 'duplicate', pos: p, outcome: already?.outcome ?? rows.find((r) => r.id === event.id)!.outcome, code: null, reason: null };
          continue;
        }
        const refusal = this.check(event, workstation, state);
        if (refusal) {
          results[index] = { id: event.id, status: 'refused', pos: null, outcome: null, code: refusal.code, reason: refusal.reason };
          refusals.push({ eventId: event.id, refusal, excerpt: `${event.type} by ${event.actorId} (${event.actorRole})` });
          continue;
        }
        seenInBatch.add(event.id);
        const decision = this.decide(event, state);
        const row = push(event, decision.outcome, batchId);
        results[index] = { id: event.id, status: 'appended', pos: row.pos, outcome: row.outcome, code: null, reason: null };
        if (decision.outcome === 'applied') this.fold(event, row.pos, state);
        if (decision.conflict) push(this.conflictEvent(event, decision.conflict), 'applied', null);
      }

      // Every event of a batch seen before, nothing new: a replay, answered from the log and recorded.
      if (rows.length === 0 && parsed.length > 0 && parsed.every((p) => known.has(p.event.id))) {
        const seenBatches = new Set(parsed.map((p) => known.get(p.event.id)!.batch_id));
        if (!seenBatches.has(batchId) || seenBatches.size > 1) {
          refusals.push({ eventId: null, refusal: { code: 'E_REPLAY', reason: `batch ${batchId}: all ${parsed.length} event(s) already in the log; nothing appended` }, excerpt: null });
        }
      }

      if (rows.length > 0) {
        await client.query('INSERT INTO site_events SELECT * FROM jsonb_populate_recordset(NULL::site_events, $1::jsonb)', [JSON.stringify(rows)]);
        await client.query('UPDATE site_head SET pos = $1, hash = $2', [pos, prevHash]);
        await this.saveState(client, state);
        await client.query('SELECT pg_notify($1, $2)', [SITE_NOTIFY_CHANNEL, String(pos)]);
      }
      for (const r of refusals) {
        await client.query('INSERT INTO site_refusals (workstation, batch_id, event_id, code, reason, excerpt) VALUES ($1, $2, $3, $4, $5, $6)', [
          workstation,
          batchId,
          r.eventId?.slice(0, 64) ?? null,
          r.refusal.code,
          r.refusal.reason.slice(0, 1000),
          r.excerpt,
        ]);
      }
      await client.query('COMMIT');
      return { results, head: pos };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      released = true;
      throw error;
    } finally {
      if (!released) client.release();
    }
  }

  private async loadState(client: pg.PoolClient, events: readonly SiteEvent[], workstation: string): Promise<BatchState> {
    const dossierIds = [...new Set(events.map((e) => e.dossierId).filter((d): d is string => d !== null))];
    const callbackIds = [...new Set(events.map((e) => callbackIdOf(e)).filter((d): d is string => d !== null))];
    // One client, one query at a time (pg queues them anyway, and warns).
    const dossiers = await client.query<{ id: string; state: Dossier }>('SELECT id, state FROM site_dossiers WHERE id = ANY($1)', [dossierIds]);
    const callbacks = await client.query<{ id: string; state: Callback }>('SELECT id, state FROM site_callbacks WHERE id = ANY($1)', [callbackIds]);
    const fields = await client.query<{ dossier_id: string; field: string; hlc: string; event_id: string }>('SELECT * FROM site_fields WHERE dossier_id = ANY($1)', [dossierIds]);
    const once = await client.query<{ type: string; payload: string }>(
      "SELECT type, payload FROM site_events WHERE dossier_id = ANY($1) AND type = 'queue.waitEscalated' AND outcome = 'applied'",
      [dossierIds],
    );
    const operators = await client.query<OperatorRow>('SELECT * FROM site_operators');
    const sessions = await client.query<{ operator_id: string }>('SELECT operator_id FROM site_sessions WHERE workstation = $1', [workstation]);
    return {
      dossiers: new Map(dossiers.rows.map((r) => [r.id, r.state])),
      callbacks: new Map(callbacks.rows.map((r) => [r.id, r.state])),
      fields: new Map(fields.rows.map((r) => [`${r.dossier_id}\u0000${r.field}`, { hlc: r.hlc, eventId: r.event_id }])),
      onceInRoom: new Set(once.rows.map((r) => onceInRoomKey(r.type, JSON.parse(r.payload))).filter((k): k is string => k !== null)),
      operators: new Map(operators.rows.map((r) => [r.id, r])),
      sessions: new Set(sessions.rows.map((r) => sessionKey(workstation, r.operator_id))),
      closedSessions: new Set(),
      touched: { dossiers: new Set(), callbacks: new Set(), fields: new Set(), operators: new Set() },
    };
  }

  /** The contract, the site, the desk, the author's role and session: the first problem found, or null. */
  private check(e: SiteEvent, workstation: string, state: BatchState): Refusal | null {
    if (e.site !== this.siteCode) return { code: 'E_OTHER_SITE', reason: `event ${e.id} belongs to site ${e.site}, this is site ${this.siteCode}` };
    if (e.workstation !== workstation) return { code: 'E_OTHER_WORKSTATION', reason: `event ${e.id} was written by ${e.workstation}; this link is ${workstation}'s` };
    const problem = payloadProblem(e.type, e.payload);
    if (problem) return { code: 'E_MALFORMED', reason: `event ${e.id} (${e.type}): ${problem}` };
    if (!mayAuthor(e.type, e.actorRole)) return { code: 'E_FORBIDDEN_ROLE', reason: `event ${e.id}: a ${e.actorRole} may not write ${e.type}` };
    const operator = state.operators.get(e.actorId);
    const person = !['SYSTEME', 'HUB', 'AUCUN'].includes(e.actorRole) && !e.actorId.startsWith('console:');
    if (person && !operator && e.type !== 'operator.created') return { code: 'E_UNKNOWN_AUTHOR', reason: `event ${e.id}: no account ${e.actorId} in the room` };
    if (operator && operator.role !== e.actorRole) return { code: 'E_FORGED_ROLE', reason: `event ${e.id}: ${operator.login} is ${operator.role}, not ${e.actorRole}` };
    if (needsSession(e.type, e.actorId, e.actorRole) && !state.sessions.has(sessionKey(workstation, e.actorId))) {
      return { code: 'E_NO_SESSION', reason: `event ${e.id}: ${operator?.login ?? e.actorId} has no open session on ${workstation} in the site log` };
    }
    return null;
  }

  /** Exclusive steps by the domain's rules in site order; field edits by HLC. */
  private decide(e: SiteEvent, state: BatchState): { outcome: 'applied' | 'overruled'; conflict: SiteConflictPayload | null } {
    const payload: unknown = JSON.parse(e.payload);
    // A second desk's copy of what happens once per room: kept, not applied, and nobody is told of a conflict.
    if (isRoomDuplicate(e.type, payload, state.onceInRoom)) return { outcome: 'overruled', conflict: null };
    const once = onceInRoomKey(e.type, payload);
    if (once) state.onceInRoom.add(once);
    const dossier = e.dossierId ? state.dossiers.get(e.dossierId) : undefined;
    const cbId = callbackIdOf(e);
    const verdict = arbitrate(e.type, { id: e.actorId, role: e.actorRole }, dossier, cbId ? state.callbacks.get(cbId) : undefined, e.at);
    if (!verdict.won) {
      const name = verdict.holder ? (state.operators.get(verdict.holder.actorId)?.display_name ?? null) : null;
      return {
        outcome: 'overruled',
        conflict: { eventId: e.id, workstation: e.workstation, actorId: e.actorId, step: verdict.step, reason: verdict.reason, winner: verdict.holder ? { ...verdict.holder, name } : null },
      };
    }
    const field = e.dossierId ? fieldKey(e.type, payload) : null;
    if (field && e.dossierId) {
      const key = `${e.dossierId}\u0000${field}`;
      const last = state.fields.get(key);
      if (last && isNewerHlc(last.hlc, e.hlc)) {
        return { outcome: 'overruled', conflict: { eventId: e.id, workstation: e.workstation, actorId: e.actorId, step: 'field', reason: field, winner: null } };
      }
      state.fields.set(key, { hlc: e.hlc, eventId: e.id });
      state.touched.fields.add(key);
    }
    return { outcome: 'applied', conflict: null };
  }

  /** Folds an applied event into the state the rules read (the domain's own folds). */
  private fold(e: SiteEvent, pos: number, state: BatchState): void {
    const payload = JSON.parse(e.payload) as Record<string, unknown>;
    const actor = { id: e.actorId, role: e.actorRole };
    if (e.dossierId && e.type.startsWith('dossier.')) {
      try {
        const next = applyDossierEvent(state.dossiers.get(e.dossierId), { seq: pos, dossierId: e.dossierId, at: e.at, actor, body: { type: e.type, payload } as DossierEventBody });
        state.dossiers.set(e.dossierId, next);
        state.touched.dossiers.add(e.dossierId);
      } catch {
        // A dossier the site never saw created (a desk's history before it joined): nothing to arbitrate on.
      }
    }
    const cbId = callbackIdOf(e);
    if (cbId && e.type.startsWith('callback.')) {
      try {
        state.callbacks.set(cbId, applyCallbackEvent(state.callbacks.get(cbId), { at: e.at, actor, body: { type: e.type, payload } as CallbackEvent['body'] }));
        state.touched.callbacks.add(cbId);
      } catch {
        // as above
      }
    }
    if (e.type === 'operator.created') {
      const p = payload as { operatorId: string; login: string; displayName: string; role: string };
      state.operators.set(p.operatorId, { id: p.operatorId, login: p.login, display_name: p.displayName, role: p.role, active: true });
      state.touched.operators.add(p.operatorId);
    }
    if (e.type === 'operator.deactivated') {
      const id = (payload as { operatorId: string }).operatorId;
      const op = state.operators.get(id);
      if (op) state.operators.set(id, { ...op, active: false });
      state.touched.operators.add(id);
      // A deactivation ends the operator's sessions on every desk.
      state.closedSessions.add(`*\u0000${id}`);
    }
    const effect = sessionEffect(e.type);
    const operatorId = (payload as { operatorId?: string }).operatorId ?? e.actorId;
    if (effect === 'open') {
      state.sessions.add(sessionKey(e.workstation, operatorId));
      state.closedSessions.delete(sessionKey(e.workstation, operatorId));
    }
    if (effect === 'close') {
      state.sessions.delete(sessionKey(e.workstation, operatorId));
      state.closedSessions.add(sessionKey(e.workstation, operatorId));
    }
  }

  private async saveState(client: pg.PoolClient, state: BatchState): Promise<void> {
    const dossiers = [...state.touched.dossiers].map((id) => ({ id, state: state.dossiers.get(id), last_pos: state.dossiers.get(id)!.lastSeq }));
    if (dossiers.length) {
      await client.query(
        `INSERT INTO site_dossiers SELECT * FROM jsonb_populate_recordset(NULL::site_dossiers, $1::jsonb)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, last_pos = excluded.last_pos`,
        [JSON.stringify(dossiers)],
      );
    }
    const callbacks = [...state.touched.callbacks].map((id) => ({ id, state: state.callbacks.get(id), last_pos: 0 }));
    if (callbacks.length) {
      await client.query(
        `INSERT INTO site_callbacks SELECT * FROM jsonb_populate_recordset(NULL::site_callbacks, $1::jsonb)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state`,
        [JSON.stringify(callbacks)],
      );
    }
    const fields = [...state.touched.fields].map((key) => {
      const [dossier_id, field] = key.split('\u0000');
      const v = state.fields.get(key)!;
      return { dossier_id, field, hlc: v.hlc, event_id: v.eventId };
    });
    if (fields.length) {
      await client.query(
        `INSERT INTO site_fields SELECT * FROM jsonb_populate_recordset(NULL::site_fields, $1::jsonb)
         ON CONFLICT (dossier_id, field) DO UPDATE SET hlc = excluded.hlc, event_id = excluded.event_id`,
        [JSON.stringify(fields)],
      );
    }
    const operators = [...state.touched.operators].map((id) => state.operators.get(id)).filter((o) => o !== undefined);
    if (operators.length) {
      await client.query(
        `INSERT INTO site_operators SELECT * FROM jsonb_populate_recordset(NULL::site_operators, $1::jsonb)
         ON CONFLICT (id) DO UPDATE SET active = excluded.active, role = excluded.role, display_name = excluded.display_name`,
        [JSON.stringify(operators)],
      );
    }
    for (const key of state.closedSessions) {
      const [ws, op] = key.split('\u0000');
      if (ws === '*') await client.query('DELETE FROM site_sessions WHERE operator_id = $1', [op]);
      else await client.query('DELETE FROM site_sessions WHERE workstation = $1 AND operator_id = $2', [ws, op]);
    }
    const opened = [...state.sessions].map((key) => key.split('\u0000')).map(([workstation, operator_id]) => ({ workstation, operator_id, opened_at: new Date().toISOString() }));
    if (opened.length) {
      await client.query(
        `INSERT INTO site_sessions SELECT * FROM jsonb_populate_recordset(NULL::site_sessions, $1::jsonb) ON CONFLICT DO NOTHING`,
        [JSON.stringify(opened)],
      );
    }
  }

  private conflictEvent(lost: SiteEvent, conflict: SiteConflictPayload): SiteEvent {
    const hlc = formatHlc(this.clock.receive(parseHlc(lost.hlc)));
    return {
      id: uuidv7(),
      site: this.siteCode,
      workstation: 'site',
      dossierId: lost.dossierId,
      type: 'site.conflict',
      payload: JSON.stringify(conflict),
      actorId: 'site',
      actorRole: 'SYSTEME',
      at: new Date().toISOString(),
      hlc,
      corrects: null,
    };
  }

  /** The site's chain from the genesis: every hash recomputed, every pos in turn. */
  async verifyChain(): Promise<{ ok: boolean; count: number; firstBadPos: number | null }> {
    let prev = SITE_GENESIS_HASH;
    let last = 0;
    let count = 0;
    for (;;) {
      const { rows } = await this.pool.query<Row>('SELECT * FROM site_events WHERE pos > $1 ORDER BY pos LIMIT 5000', [last]);
      if (rows.length === 0) break;
      for (const r of rows) {
        const expected = siteEventHash({ pos: r.pos, id: r.id, site: r.site, workstation: r.workstation, dossierId: r.dossier_id, type: r.type, payload: r.payload, actorId: r.actor_id, actorRole: r.actor_role, at: r.at, hlc: r.hlc, corrects: r.corrects, outcome: r.outcome, prevHash: prev });
        if (r.pos !== last + 1 || r.prev_hash !== prev || r.hash !== expected) return { ok: false, count, firstBadPos: r.pos };
        prev = r.hash;
        last = r.pos;
        count += 1;
      }
    }
    return { ok: true, count, firstBadPos: null };
  }

  async refusals(): Promise<{ workstation: string; event_id: string | null; code: string; reason: string }[]> {
    return (await this.pool.query('SELECT workstation, event_id, code, reason FROM site_refusals ORDER BY id')).rows;
  }
}

function callbackIdOf(e: SiteEvent): string | null {
  if (!e.type.startsWith('callback.')) return null;
  try {
    const id = (JSON.parse(e.payload) as { callbackId?: unknown }).callbackId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
