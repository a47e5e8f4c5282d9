import type { Dossier } from '../../../../shared/domain/dossier';
import type { JournalEventBody } from '../../../../shared/domain/journalEvents';
import { outboxMessageFor, type ExchangeOf } from '../../../../shared/domain/hub/outboxMessage';

/**
 * The room's Hub outbox, on the site's PostgreSQL: one row per site-log event that tells the
 * partners something (the desks' own rule, `outboxMessageFor`), in site order. It is built from
 * the log by the lease holder and kept in the database, not in a site instance: the frozen
 * message, the lease term that sent it, the partner's receipt. An instance that takes over
 * therefore re-sends exactly what was not acknowledged, with the very same bytes.
 */

/** What can run a statement: the pool, or a fenced send's transaction. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

export const SITE_HUB_SCHEMA_SQL = `
  CREATE TABLE site_hub_outbox (
    pos              bigint      PRIMARY KEY,
    event_id         uuid        NOT NULL UNIQUE,
    dossier_id       text        NOT NULL,
    message_kind     text        NOT NULL,
    event_type       text        NOT NULL,
    event_payload    text        NOT NULL,
    distribution_id  text        NOT NULL UNIQUE,
    state            text        NOT NULL DEFAULT 'NEW' CHECK (state IN ('NEW', 'SENT', 'ACKED', 'FAILED', 'EXPIRED')),
    recipient        text,
    message          text,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz,
    attempts         integer     NOT NULL DEFAULT 0,
    sent_at          timestamptz,
    sent_token       bigint,
    acked_at         timestamptz,
    error_code       integer,
    last_error       text
  );
  CREATE INDEX site_hub_outbox_new ON site_hub_outbox (dossier_id, pos) WHERE state = 'NEW';
  CREATE INDEX site_hub_outbox_sent ON site_hub_outbox (sent_at) WHERE state = 'SENT';
  -- How far into the site log the outbox has been built.
  CREATE TABLE site_hub_cursor (one boolean PRIMARY KEY DEFAULT true CHECK (one), pos bigint NOT NULL);
  INSERT INTO site_hub_cursor (pos) VALUES (0);
  -- What came from the Hub and is kept for the site's inbox, exactly as received.
  CREATE TABLE site_hub_inbox (
    id               bigserial   PRIMARY KEY,
    received_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    queue            text        NOT NULL,
    sender_id        text,
    distribution_id  text,
    kind             text,
    state            text        NOT NULL CHECK (state IN ('APPLIED', 'KEPT', 'REJECTED')),
    problem          text,
    body             bytea       NOT NULL,
    token            bigint      NOT NULL
  );
  CREATE UNIQUE INDEX site_hub_inbox_once ON site_hub_inbox (sender_id, distribution_id) WHERE state <> 'REJECTED';
`;

export interface OutboxHead {
  pos: number;
  dossierId: string;
  kind: 'RS-EDA' | 'RS-EDA-MAJ';
  distributionId: string;
  eventType: string;
  eventPayload: string;
  createdAt: string;
  message: string | null;
}

interface LogRow {
  pos: number;
  id: string;
  dossier_id: string | null;
  type: string;
  payload: string;
  at: string;
  outcome: string;
}

/**
 * Adds the rows of the log's events after the cursor (a page at a time), in site order. An
 * overruled event (it lost an arbitration) tells nobody anything. Idempotent on pos.
 */
export async function buildFromLog(db: Queryable, clientId: string, page = 1000): Promise<number> {
  const cursor = Number(((await db.query('SELECT pos FROM site_hub_cursor FOR UPDATE')).rows[0] as { pos: unknown }).pos);
  const events = (await db.query('SELECT pos, id, dossier_id, type, payload, at, outcome FROM site_events WHERE pos > $1 ORDER BY pos LIMIT $2', [cursor, page])).rows as LogRow[];
  if (events.length === 0) return 0;
  const rows = [];
  const exchanges = await exchangeStarts(db, [...new Set(events.flatMap((e) => (e.dossier_id ? [e.dossier_id] : [])))]);
  for (const e of events) {
    if (e.outcome !== 'applied' || !e.dossier_id) continue;
    let kind: 'RS-EDA' | 'RS-EDA-MAJ' | null = null;
    try {
      kind = outboxMessageFor({ type: e.type, payload: JSON.parse(e.payload) } as JournalEventBody, exchangeAt(exchanges.get(e.dossier_id), Number(e.pos)));
    } catch {
      kind = null;
    }
    if (!kind) continue;
    rows.push({ pos: Number(e.pos), event_id: e.id, dossier_id: e.dossier_id, message_kind: kind, event_type: e.type, event_payload: e.payload, distribution_id: `${clientId}_${e.id}`, created_at: e.at });
  }
  if (rows.length) {
    await db.query(
      `INSERT INTO site_hub_outbox (pos, event_id, dossier_id, message_kind, event_type, event_payload, distribution_id, created_at)
       SELECT pos, event_id, dossier_id, message_kind, event_type, event_payload, distribution_id, created_at
         FROM jsonb_to_recordset($1::jsonb) AS r(pos bigint, event_id uuid, dossier_id text, message_kind text, event_type text, event_payload text, distribution_id text, created_at timestamptz)
       ON CONFLICT (pos) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
  await db.query('UPDATE site_hub_cursor SET pos = $1', [Number(events.at(-1)!.pos)]);
  return events.length;
}

interface ExchangeStart {
  received: number | null;
  shared: number | null;
}

/**
 * Where, in site order, each dossier began to be exchanged with a partner: received from one, or
 * shared by a person (dossier.shared). Nothing before that position tells a partner anything.
 */
async function exchangeStarts(db: Queryable, ids: readonly string[]): Promise<Map<string, ExchangeStart>> {
  const out = new Map<string, ExchangeStart>();
  if (ids.length === 0) return out;
  const { rows } = await db.query(
    `SELECT dossier_id, type, min(pos) AS pos FROM site_events
      WHERE dossier_id = ANY($1) AND outcome = 'applied' AND type IN ('dossier.received', 'dossier.shared')
      GROUP BY dossier_id, type`,
    [ids],
  );
  for (const r of rows as Array<{ dossier_id: string; type: string; pos: string | number }>) {
    const start = out.get(r.dossier_id) ?? { received: null, shared: null };
    if (r.type === 'dossier.received') start.received = Number(r.pos);
    else start.shared = Number(r.pos);
    out.set(r.dossier_id, start);
  }
  return out;
}

/** The dossier's exchange as the outbox policy reads it, right after the event at `pos`. */
function exchangeAt(start: ExchangeStart | undefined, pos: number): ExchangeOf {
  if (!start) return null;
  const receivedFrom = start.received !== null && start.received <= pos ? 'partner' : null;
  const shared = start.shared !== null && start.shared <= pos;
  return { hub: { receivedFrom, received: [], sharedWith: shared ? { partner: 'partner', at: '', by: '', byRole: '' } : null } } as ExchangeOf;
}

/**
 * The next message of each dossier, in site order: a dossier's next message waits until the
 * previous one is no longer NEW (the broker confirmed it), as on a desk.
 */
export async function heads(db: Queryable, limit: number): Promise<OutboxHead[]> {
  const { rows } = await db.query(
    `SELECT * FROM (SELECT DISTINCT ON (dossier_id) pos, dossier_id, message_kind, distribution_id, event_type, event_payload, created_at, message
                      FROM site_hub_outbox WHERE state = 'NEW' ORDER BY dossier_id, pos) h
      ORDER BY pos LIMIT $1`,
    [limit],
  );
  return (rows as Array<Record<string, unknown>>).map((r) => ({
    pos: Number(r.pos),
    dossierId: String(r.dossier_id),
    kind: r.message_kind as OutboxHead['kind'],
    distributionId: String(r.distribution_id),
    eventType: String(r.event_type),
    eventPayload: String(r.event_payload),
    createdAt: new Date(r.created_at as string).toISOString(),
    message: (r.message as string | null) ?? null,
  }));
}

/** The dossiers as the site folded them (site_dossiers), for building the messages. */
export async function dossiersOf(db: Queryable, ids: readonly string[]): Promise<Map<string, Dossier>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query('SELECT id, state FROM site_dossiers WHERE id = ANY($1)', [ids]);
  return new Map((rows as Array<{ id: string; state: Dossier }>).map((r) => [r.id, r.state]));
}

/** The recipient the dossier's first message went to, if it was sent: later messages follow it. */
export async function firstRecipients(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query(
    `SELECT DISTINCT ON (dossier_id) dossier_id, recipient FROM site_hub_outbox
      WHERE dossier_id = ANY($1) AND message_kind = 'RS-EDA' AND recipient IS NOT NULL ORDER BY dossier_id, pos`,
    [ids],
  );
  return new Map((rows as Array<{ dossier_id: string; recipient: string }>).map((r) => [r.dossier_id, r.recipient]));
}

/** The message is built once and kept: every retry, by whichever instance, sends the same bytes. */
export async function freeze(db: Queryable, pos: number, recipient: string, expiresAt: string, message: string): Promise<void> {
  await db.query('UPDATE site_hub_outbox SET recipient = $2, expires_at = $3, message = $4 WHERE pos = $1 AND message IS NULL', [pos, recipient, expiresAt, message]);
}

export async function recordPublished(db: Queryable, outcomes: ReadonlyArray<{ pos: number; error: string | null }>, token: number): Promise<void> {
  const ok = outcomes.filter((o) => o.error === null).map((o) => o.pos);
  if (ok.length) {
    // A receipt can overtake our bookkeeping of the confirm: only a row still NEW becomes SENT.
    await db.query(
      `UPDATE site_hub_outbox SET state = CASE WHEN state = 'NEW' THEN 'SENT' ELSE state END, attempts = attempts + 1,
              sent_at = clock_timestamp(), sent_token = $2, last_error = NULL WHERE pos = ANY($1)`,
      [ok, token],
    );
  }
  for (const o of outcomes) if (o.error !== null) await db.query('UPDATE site_hub_outbox SET attempts = attempts + 1, last_error = $2 WHERE pos = $1', [o.pos, o.error.slice(0, 500)]);
}

/** Sent, and no receipt after `olderThanMs`: re-sent unchanged. */
export async function resendDue(db: Queryable, olderThanMs: number, limit: number): Promise<Array<{ pos: number; message: string }>> {
  const { rows } = await db.query(
    `SELECT pos, message FROM site_hub_outbox WHERE state = 'SENT' AND sent_at <= clock_timestamp() - make_interval(secs => $1::double precision / 1000)
      ORDER BY sent_at LIMIT $2`,
    [olderThanMs, limit],
  );
  return (rows as Array<{ pos: unknown; message: string }>).map((r) => ({ pos: Number(r.pos), message: r.message }));
}

export async function recordResent(db: Queryable, positions: readonly number[], token: number): Promise<void> {
  if (positions.length) await db.query('UPDATE site_hub_outbox SET sent_at = clock_timestamp(), attempts = attempts + 1, sent_token = $2 WHERE pos = ANY($1)', [positions, token]);
}

/** Rows past their dateTimeExpires: EXPIRED, reported, never silently dropped. */
export async function expireDue(db: Queryable, unbuiltAfterMs: number): Promise<number> {
  const built = await db.query("UPDATE site_hub_outbox SET state = 'EXPIRED', last_error = coalesce(last_error, 'expired before delivery') WHERE state IN ('NEW', 'SENT') AND expires_at <= clock_timestamp()");
  const unbuilt = await db.query(
    "UPDATE site_hub_outbox SET state = 'EXPIRED', last_error = 'expired before it could be sent' WHERE state = 'NEW' AND expires_at IS NULL AND created_at <= clock_timestamp() - make_interval(secs => $1::double precision / 1000)",
    [unbuiltAfterMs],
  );
  return (built.rowCount ?? 0) + (unbuilt.rowCount ?? 0);
}

export type Settlement = { state: 'ACKED' } | { state: 'FAILED' | 'EXPIRED'; code: number | null; text: string };
export type SettleRefusal = 'unknown' | 'unsent' | 'stranger';

/**
 * Applies a partner's receipt or an error to one of our messages, with the desks' trust rules
 * (issue 18): it must be one we sent (SENT or later), and come from the partner it went to (or,
 * for an error, from the Hub itself).
 */
export async function settle(db: Queryable, distributionId: string, from: string, hubSenderId: string, outcome: Settlement): Promise<'settled' | SettleRefusal> {
  const row = (await db.query('SELECT pos, state, recipient FROM site_hub_outbox WHERE distribution_id = $1 FOR UPDATE', [distributionId])).rows[0] as { pos: unknown; state: string; recipient: string | null } | undefined;
  if (!row) return 'unknown';
  if (row.state === 'NEW') return 'unsent';
  if (from !== row.recipient && !(outcome.state !== 'ACKED' && from === hubSenderId)) return 'stranger';
  if (outcome.state === 'ACKED') await db.query("UPDATE site_hub_outbox SET state = 'ACKED', acked_at = clock_timestamp() WHERE pos = $1 AND state IN ('NEW', 'SENT')", [row.pos]);
  else await db.query("UPDATE site_hub_outbox SET state = $2, error_code = $3, last_error = $4 WHERE pos = $1 AND state IN ('NEW', 'SENT', 'EXPIRED')", [row.pos, outcome.state, outcome.code, outcome.text.slice(0, 4000)]);
  return 'settled';
}

export interface SiteHubStatus {
  waiting: number;
  sent: number;
  acked: number;
  failed: number;
  expired: number;
}

export async function outboxStatus(db: Queryable): Promise<SiteHubStatus> {
  const { rows } = await db.query('SELECT state, count(*)::int AS n FROM site_hub_outbox GROUP BY state');
  const n = (state: string) => Number((rows as Array<{ state: string; n: number }>).find((r) => r.state === state)?.n ?? 0);
  return { waiting: n('NEW') + n('SENT'), sent: n('SENT'), acked: n('ACKED'), failed: n('FAILED'), expired: n('EXPIRED') };
}
