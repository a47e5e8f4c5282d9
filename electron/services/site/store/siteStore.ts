import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { applyCallbackEvent, type CallbackEvent } from '../../../../shared/domain/callbacks';
import { applyDossierEvent, type DossierEventBody } from '../../../../shared/domain/dossier';
import { controlCharacterProblem, findControlCharacter, withoutControls } from '../../../../shared/api/controlCharacters';
import { arbitrate, arbitrateAttachment, attachedAppointmentId, fieldKey, isNewerHlc, isRoomDuplicate, mayAuthor, needsSession, onceInRoomKey, sessionEffect } from '../../../../shared/domain/siteRules';
import { JOIN_LATER_STATES, OPEN_STAGE_ACCOUNT_PREFIXES, OPEN_STAGE_DOSSIER_PREFIX } from '../../../../shared/domain/roomJoin';
import { payloadProblem } from '../../../../shared/api/siteEventSchemas';
import { siteEventSchema, type PulledEvent, type PushResult, type SiteConflictPayload, type SiteEvent } from '../../../../shared/api/siteProtocol';
import { formatHlc, HybridLogicalClock, parseHlc } from '../../journal/hlc';
import { migrateSite } from './migrateSite';
import { SITE_GENESIS_HASH, siteEventHash } from './siteHashChain';
import { attachmentsLoadSql, attachmentsWriteSql, type AttachmentRow } from './siteAttachments';
import { dollarQuoted } from './siteAppendSql';
import { batchStateOf, sessionKey, stateWrites, type BatchState, type Loaded } from './siteBatchState';

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

type AppendAnswer = { results: PushResult[]; head: number };
type PendingRefusal = { eventId: string | null; refusal: Refusal; excerpt: string | null };
type ParsedEvent = { index: number; event: SiteEvent; problem: Refusal | null };
/** A desk's batch waiting for its turn under the head's lock. */
interface AppendJob {
  workstation: string;
  batchId: string;
  parsed: ParsedEvent[];
  results: PushResult[];
  refusals: PendingRefusal[];
  resolve: (answer: AppendAnswer) => void;
  reject: (error: unknown) => void;
}

/** The widest window of positions one query of a join's first stage reads. */
const OPEN_STAGE_MAX_WINDOW = 256_000;

/** Most events one transaction takes from the waiting batches (a lone bigger batch still goes alone). */
const MAX_GROUP_EVENTS = 1000;

/** An error the server raised on a statement, the connection fine: another batch of the group may be the cause. */
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function statementError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return error instanceof pg.DatabaseError && typeof code === 'string' && !/^(08|57|53|58|XX)/.test(code);
}

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
  /** Told after each commit that appended (the server tells the desks at once, without waiting for the NOTIFY). */
  onAppended: (head: number, events: PulledEvent[]) => void = () => undefined;
  /** Names this process's appends in their NOTIFY ('pos instance'). */
  readonly instance = randomUUID();

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
    const { rows } = await this.pool.query<Row>(`SELECT ${PULLED_COLUMNS} FROM site_events WHERE pos > $1 ORDER BY pos LIMIT $2`, [after, limit]);
    const head = rows.length > 0 ? Math.max(rows.at(-1)!.pos, await this.head()) : await this.head();
    return { events: rows.map(toPulled), head };
  }

  /**
   * The first stage of a join after `after` (shared/domain/roomJoin.ts): the accounts' and sessions'
   * events and the dossier events of the dossiers not closed, up to the head as it is now.
   */
  async joinPlan(after: number): Promise<{ upTo: number; openEvents: number; openDossiers: number }> {
    const upTo = await this.head();
    const { rows } = await this.pool.query<{ events: number; dossiers: number }>(joinPlanQuery(after, upTo));
    return { upTo, openEvents: rows[0]!.events, openDossiers: rows[0]!.dossiers };
  }

  /**
   * One page of the first stage, in site order, read in windows of positions: asked for the whole
   * range at once, PostgreSQL filtered every event up to `upTo` and sorted them for each page (a
   * 50,000-event join: 76 ms a page at 30,000 events, growing with the room). A window that holds
   * too few of the stage's events makes the next one twice as wide (sparse open dossiers).
   */
  async pullOpen(after: number, upTo: number, limit: number): Promise<{ events: PulledEvent[]; head: number }> {
    const rows: Row[] = [];
    let from = after;
    let width = Math.max(limit, 1);
    while (rows.length < limit && from < upTo) {
      const to = Math.min(upTo, from + width);
      const page = await this.pool.query<Row>(`SELECT ${PULLED_COLUMNS} FROM site_events WHERE pos > $1 AND pos <= $2 AND ${openStageWhere(4)} ORDER BY pos LIMIT $3`, [from, to, limit - rows.length, ...OPEN_STAGE_PARAMS]);
      rows.push(...page.rows);
      from = to;
      width = Math.min(width * 2, OPEN_STAGE_MAX_WINDOW);
    }
    return { events: rows.map(toPulled), head: await this.head() };
  }

  async recordRefusal(workstation: string, batchId: string | null, eventId: string | null, refusal: Refusal, excerpt: string | null): Promise<void> {
    await this.pool.query('INSERT INTO site_refusals (workstation, batch_id, event_id, code, reason, excerpt) VALUES ($1, $2, $3, $4, $5, $6)', [
      withoutControls(workstation.slice(0, 64)),
      batchId === null ? null : withoutControls(batchId.slice(0, 64)),
      eventId === null ? null : withoutControls(eventId.slice(0, 64)),
      refusal.code,
      withoutControls(refusal.reason.slice(0, 1000)),
      excerpt === null ? null : withoutControls(excerpt.slice(0, 500)),
    ]);
  }

  /**
   * Appends a desk's batch. What an event says about itself is checked at once; the rest waits its
   * turn: appends serialize on the head's lock anyway, so the batches waiting meanwhile (from every
   * desk) go into one transaction together (siteAppendSql.ts: the lock and every read in one round
   * trip, every write and the commit in another), one commit for all. Returns one result per event,
   * in the batch's order: appended (with its pos and outcome), duplicate (already in the log: its
   * pos), or refused (with the reason, recorded).
   */
  append(workstation: string, batchId: string, events: readonly unknown[]): Promise<AppendAnswer> {
    const results: PushResult[] = [];
    const refusals: PendingRefusal[] = [];
    const parsed: ParsedEvent[] = [];
    events.forEach((raw, index) => {
      const r = siteEventSchema.safeParse(raw);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        const eventId = typeof (raw as { id?: unknown } | null)?.id === 'string' ? ((raw as { id: string }).id) : null;
        const refusal: Refusal = { code: 'E_MALFORMED', reason: `event ${index}: ${issue.path.join('.') || '(event)'}: ${issue.message}` };
        results[index] = { id: eventId ?? '', status: 'refused', pos: null, outcome: null, code: refusal.code, reason: refusal.reason };
        refusals.push({ eventId, refusal, excerpt: JSON.stringify(raw)?.slice(0, 500) ?? null });
      } else parsed.push({ index, event: r.data, problem: this.ownProblem(r.data, workstation) });
    });
    return new Promise<AppendAnswer>((resolve, reject) => {
      this.waiting.push({ workstation, batchId, parsed, results, refusals, resolve, reject });
      this.drain();
    });
  }

  private readonly waiting: AppendJob[] = [];
  private draining = false;

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    void (async () => {
      while (this.waiting.length > 0) {
        const group: AppendJob[] = [this.waiting.shift()!];
        let size = group[0]!.parsed.length;
        while (this.waiting.length > 0 && size + this.waiting[0]!.parsed.length <= MAX_GROUP_EVENTS) {
          size += this.waiting[0]!.parsed.length;
          group.push(this.waiting.shift()!);
        }
        try {
          const answers = await this.appendGroup(group);
          group.forEach((job, i) => job.resolve(answers[i]!));
        } catch (error) {
          // One batch the database refuses must not sink the others: alone, each gets its own answer.
          if (group.length === 1 || !statementError(error)) for (const job of group) job.reject(error);
          else {
            for (const job of group) {
              await this.appendGroup([job]).then(
                ([answer]) => job.resolve(answer!),
                (alone: unknown) => job.reject(alone),
              );
            }
          }
        }
      }
      this.draining = false;
    })();
  }

  private async appendGroup(group: readonly AppendJob[]): Promise<AppendAnswer[]> {
    const all = group.flatMap((job) => job.parsed.map((p) => p.event));
    const toLoad = {
      ids: all.map((e) => e.id),
      dossierIds: [...new Set(all.map((e) => e.dossierId).filter((d): d is string => d !== null))],
      callbackIds: [...new Set(all.map((e) => callbackIdOf(e)).filter((d): d is string => d !== null))],
      workstations: [...new Set(group.map((job) => job.workstation))],
    };
    // Only a batch attaching SAS appointments reads (and writes) their attachments: one more statement in the same messages.
    const appointmentIds = [...new Set(all.map((e) => (e.type === 'dossier.appointmentRecorded' ? attachedAppointmentId(e.type, safeJson(e.payload)) : null)).filter((a): a is string => a !== null))];
    const client = await this.pool.connect();
    let released = false;
    try {
      // BEGIN and the load in one message; the lock is taken first inside it (see siteAppendSql.ts).
      const attachmentsLoad = appointmentIds.length > 0 ? `; ${attachmentsLoadSql(dollarQuoted(JSON.stringify(appointmentIds)))}` : '';
      const answers = (await client.query(`BEGIN; SELECT site_append_load(${dollarQuoted(JSON.stringify(toLoad))}::jsonb) AS loaded${attachmentsLoad}`)) as unknown as pg.QueryResult<{ loaded: Loaded; attachments: AttachmentRow[] }>[];
      const loaded = answers[1]!.rows[0]!.loaded;
      if (appointmentIds.length > 0) loaded.attachments = answers[2]!.rows[0]!.attachments;
      const known = new Map(loaded.known.map((r) => [r.id, r]));
      const state = batchStateOf(loaded);
      const rows: Row[] = [];
      const appendedHere = new Map<string, Row>();
      let pos = loaded.pos;
      let prevHash = loaded.hash;
      const receivedAt = new Date().toISOString();
      const push = (e: SiteEvent, outcome: 'applied' | 'overruled', batch: string | null): Row => {
        pos += 1;
        const fields = { pos, id: e.id, site: e.site, workstation: e.workstation, dossierId: e.dossierId, type: e.type, payload: e.payload, actorId: e.actorId, actorRole: e.actorRole, at: e.at, hlc: e.hlc, corrects: e.corrects, outcome, prevHash };
        const hash = siteEventHash(fields);
        prevHash = hash;
        const row: Row = { pos, id: e.id, site: e.site, workstation: e.workstation, dossier_id: e.dossierId, type: e.type, payload: e.payload, actor_id: e.actorId, actor_role: e.actorRole, at: e.at, hlc: e.hlc, corrects: e.corrects, outcome, batch_id: batch, received_at: receivedAt, prev_hash: fields.prevHash, hash };
        rows.push(row);
        return row;
      };
      const refusalRows: Record<string, unknown>[] = [];

      for (const { workstation, batchId, parsed, results, refusals } of group) {
        const rowsBefore = rows.length;
        for (const { index, event, problem } of parsed) {
          const already = known.get(event.id) ?? appendedHere.get(event.id);
          if (already) {
            results[index] = { id: event.id, status: 'duplicate', pos: already.pos, outcome: already.outcome, code: null, reason: null };
            continue;
          }
          const refusal = problem ?? this.roomProblem(event, workstation, state);
          if (refusal) {
            results[index] = { id: event.id, status: 'refused', pos: null, outcome: null, code: refusal.code, reason: refusal.reason };
            refusals.push({ eventId: event.id, refusal, excerpt: `${event.type} by ${event.actorId} (${event.actorRole})` });
            continue;
          }
          const decision = this.decide(event, state);
          const row = push(event, decision.outcome, batchId);
          appendedHere.set(event.id, row);
          results[index] = { id: event.id, status: 'appended', pos: row.pos, outcome: row.outcome, code: null, reason: null };
          if (decision.outcome === 'applied') this.fold(event, row.pos, state);
          if (decision.conflict) push(this.conflictEvent(event, decision.conflict), 'applied', null);
        }
        // Every event of a batch seen before, nothing new: a replay, answered from the log and recorded.
        if (rows.length === rowsBefore && parsed.length > 0 && parsed.every((p) => known.has(p.event.id))) {
          const seenBatches = new Set(parsed.map((p) => known.get(p.event.id)!.batch_id));
          if (!seenBatches.has(batchId) || seenBatches.size > 1) {
            refusals.push({ eventId: null, refusal: { code: 'E_REPLAY', reason: `batch ${batchId}: all ${parsed.length} event(s) already in the log; nothing appended` }, excerpt: null });
          }
        }
        for (const r of refusals) {
          // What a refused event carried may hold what PostgreSQL cannot store (a NUL): written shown, not as is.
          refusalRows.push({
            workstation,
            batch_id: batchId,
            event_id: r.eventId === null ? null : withoutControls(r.eventId.slice(0, 64)),
            code: r.refusal.code,
            reason: withoutControls(r.refusal.reason.slice(0, 1000)),
            excerpt: r.excerpt === null ? null : withoutControls(r.excerpt),
          });
        }
      }

      const { attachments, ...writes } = stateWrites(state);
      const write = { channel: SITE_NOTIFY_CHANNEL, notice: `${pos} ${this.instance}`, pos, hash: prevHash, events: rows, ...writes, refusals: refusalRows };
      const attachmentsWrite = attachments.length > 0 ? `; ${attachmentsWriteSql(dollarQuoted(JSON.stringify(attachments)))}` : '';
      await client.query(`SELECT site_append_write(${dollarQuoted(JSON.stringify(write))}::jsonb)${attachmentsWrite}; COMMIT`);
      if (rows.length > 0) this.onAppended(pos, rows.map(toPulled));
      return group.map((job) => ({ results: job.results, head: pos }));
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      released = true;
      throw error;
    } finally {
      if (!released) client.release();
    }
  }

  /** What an event says about itself, checked before the lock: the site, the desk, the contract, the role's right. */
  private ownProblem(e: SiteEvent, workstation: string): Refusal | null {
    if (e.site !== this.siteCode) return { code: 'E_OTHER_SITE', reason: `event ${e.id} belongs to site ${e.site}, this is site ${this.siteCode}` };
    if (e.workstation !== workstation) return { code: 'E_OTHER_WORKSTATION', reason: `event ${e.id} was written by ${e.workstation}; this link is ${workstation}'s` };
    // A NUL anywhere would make PostgreSQL refuse the whole write: refused here, alone, with its reason.
    const control = findControlCharacter({ ...e, payload: '' });
    if (control) return { code: 'E_MALFORMED', reason: `event ${e.id} (${withoutControls(e.type)}): ${controlCharacterProblem(control)}` };
    const problem = payloadProblem(e.type, e.payload);
    if (problem) return { code: 'E_MALFORMED', reason: `event ${e.id} (${e.type}): ${problem}` };
    if (!mayAuthor(e.type, e.actorRole)) return { code: 'E_FORBIDDEN_ROLE', reason: `event ${e.id}: a ${e.actorRole} may not write ${e.type}` };
    return null;
  }

  /** What the room's log decides, under the lock: the author's account, role and open session. */
  private roomProblem(e: SiteEvent, workstation: string, state: BatchState): Refusal | null {
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
    const appointmentId = attachedAppointmentId(e.type, payload);
    const attached = appointmentId ? arbitrateAttachment(state.attachments.get(appointmentId)) : ({ won: true } as const);
    const verdict = !attached.won ? attached : arbitrate(e.type, { id: e.actorId, role: e.actorRole }, dossier, cbId ? state.callbacks.get(cbId) : undefined, e.at);
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
    const appointmentId = attachedAppointmentId(e.type, payload);
    if (appointmentId && e.dossierId) {
      state.attachments.set(appointmentId, { dossierId: e.dossierId, actorId: e.actorId, actorRole: e.actorRole, at: e.at });
      state.touched.attachments.add(appointmentId);
    }
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
      // A deactivation ends the operator's sessions on every desk (of this transaction's batches too).
      state.closedSessions.add(`*\u0000${id}`);
      for (const key of state.sessions) if (key.endsWith(`\u0000${id}`)) state.sessions.delete(key);
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

/**
 * The first stage's rows, by the rule of shared/domain/roomJoin.ts, its parameters from $n on (the
 * account prefixes as LIKE patterns, the dossier prefix, the states that wait for the history). The
 * dossiers' states are read as they are now: one closed since the head was read waits for the
 * history with the rest of its events, so each dossier's events still arrive in site order.
 */
/** What a desk is sent of each row (its own chain is its own: the site's hashes stay on the site). */
const PULLED_COLUMNS = 'pos, id, site, workstation, dossier_id, type, payload, actor_id, actor_role, at, hlc, corrects, outcome';

// EXISTS, not `dossier_id IN (SELECT …)`: past work_mem (a room of ~100,000 open dossiers) the IN
// list is no longer hashed and PostgreSQL rescans site_dossiers for every event — minutes, not
// milliseconds, measured by the room bench. EXISTS is one primary-key probe per event.
const openStageWhere = (n: number) => `(type LIKE ANY($${n}::text[])
  OR (type LIKE $${n + 1} AND EXISTS (SELECT 1 FROM site_dossiers d WHERE d.id = site_events.dossier_id AND NOT (d.state->>'state' = ANY($${n + 2}::text[])))))`;
/** The count a join plans its first stage with (exported so a test can EXPLAIN exactly this). */
export function joinPlanQuery(after: number, upTo: number): { text: string; values: unknown[] } {
  return {
    text: `SELECT count(*) AS events, count(DISTINCT dossier_id) AS dossiers FROM site_events WHERE pos > $1 AND pos <= $2 AND ${openStageWhere(3)}`,
    values: [after, upTo, ...OPEN_STAGE_PARAMS],
  };
}
const OPEN_STAGE_PARAMS = [OPEN_STAGE_ACCOUNT_PREFIXES.map((p) => `${p}%`), `${OPEN_STAGE_DOSSIER_PREFIX}%`, [...JOIN_LATER_STATES]] as const;

function callbackIdOf(e: SiteEvent): string | null {
  if (!e.type.startsWith('callback.')) return null;
  try {
    const id = (JSON.parse(e.payload) as { callbackId?: unknown }).callbackId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
