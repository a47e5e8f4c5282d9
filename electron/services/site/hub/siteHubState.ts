import type { SiteHubState, SiteTransmission } from '../../../../shared/api/siteProtocol';
import type { Queryable } from './siteHubOutbox';

/**
 * The room's Hub state as the desks are told it, read from the site database so that whichever
 * site instance a desk is linked to says the same thing: the lease row (who is the Hub client),
 * the holder's own word on its broker link (site_hub_link, believed only while that holder's
 * lease is live), and the room's outbox and inbox counts.
 */

/** Schema step 5 (with the inbox's additions, siteHubInbox.ts). */
export const SITE_HUB_LINK_SQL = `
  -- The Hub client's broker link, as its holder last said it (one row; any instance reads it).
  CREATE TABLE site_hub_link (
    one          boolean     PRIMARY KEY DEFAULT true CHECK (one),
    holder       text        NOT NULL,
    connected    boolean     NOT NULL,
    since        timestamptz NOT NULL,
    last_error   text,
    updated_at   timestamptz NOT NULL DEFAULT clock_timestamp()
  );
  -- What the room must be told about without scanning every acknowledged message.
  CREATE INDEX site_hub_outbox_undelivered ON site_hub_outbox (state) WHERE state IN ('FAILED', 'EXPIRED');
  CREATE INDEX site_hub_outbox_by_dossier ON site_hub_outbox (dossier_id, pos);
  CREATE INDEX site_hub_inbox_rejected ON site_hub_inbox (id) WHERE state = 'REJECTED';
`;

/** The holder's link went up or down: written outside the fence (a status, not the Hub's bookkeeping). */
export async function recordLink(db: Queryable, holder: string, connected: boolean, lastError: string | null): Promise<void> {
  await db.query(
    `INSERT INTO site_hub_link (one, holder, connected, since, last_error) VALUES (true, $1, $2, clock_timestamp(), $3)
     ON CONFLICT (one) DO UPDATE SET holder = $1, connected = $2, last_error = $3, updated_at = clock_timestamp(),
       since = CASE WHEN site_hub_link.holder = $1 AND site_hub_link.connected = $2 THEN site_hub_link.since ELSE clock_timestamp() END`,
    [holder, connected, lastError?.slice(0, 500) ?? null],
  );
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export async function readHubState(db: Queryable, clientId: string): Promise<SiteHubState> {
  const { rows } = await db.query(
    `SELECT clock_timestamp() AS at,
            (SELECT holder FROM hub_lease WHERE name = 'hub' AND expires_at > clock_timestamp()) AS holder,
            (SELECT min(created_at) FROM site_hub_outbox WHERE state IN ('NEW', 'SENT')) AS oldest,
            (SELECT count(*)::int FROM site_hub_outbox WHERE state = 'NEW') AS fresh,
            (SELECT count(*)::int FROM site_hub_outbox WHERE state = 'SENT') AS sent,
            (SELECT count(*)::int FROM site_hub_outbox WHERE state = 'NEW' AND recipient IS NULL AND created_at < clock_timestamp() - interval '5 seconds') AS unrouted,
            (SELECT count(*)::int FROM site_hub_outbox WHERE state = 'FAILED') AS failed,
            (SELECT count(*)::int FROM site_hub_outbox WHERE state = 'EXPIRED') AS expired,
            (SELECT count(*)::int FROM site_hub_inbox WHERE state = 'REJECTED') AS rejected,
            -- The desks list the appointments to attach again when this moves (one pushed, updated or attached).
            (SELECT count(*)::int FROM site_hub_appointments a WHERE NOT EXISTS (SELECT 1 FROM site_appointment_attachments t WHERE t.appointment_id = a.appointment_id)) AS unattached,
            (SELECT max(updated_at) FROM site_hub_appointments) AS appointments_at`,
  );
  const r = rows[0] as { at: string; holder: string | null; oldest: string | null; fresh: number; sent: number; unrouted: number; failed: number; expired: number; rejected: number; unattached: number; appointments_at: string | null };
  const link = (await db.query('SELECT holder, connected, since, last_error FROM site_hub_link')).rows[0] as { holder: string; connected: boolean; since: string; last_error: string | null } | undefined;
  // The holder's word counts only while it holds the lease; otherwise nobody is connected.
  const own = link && r.holder !== null && link.holder === r.holder ? link : null;
  return {
    clientId,
    holder: r.holder,
    connected: own?.connected ?? false,
    since: own ? iso(own.since) : null,
    lastError: own ? own.last_error : r.holder === null ? 'no site instance holds the Hub lease' : null,
    waiting: Number(r.fresh) + Number(r.sent),
    oldestWaitingAt: iso(r.oldest),
    notRouted: Number(r.unrouted),
    failed: Number(r.failed),
    expired: Number(r.expired),
    rejectedInbound: Number(r.rejected),
    appointments: { unattached: Number(r.unattached), changedAt: iso(r.appointments_at) },
    at: iso(r.at)!,
  };
}

/** The room's messages about one dossier, in site order: what the transmissions view shows. */
export async function dossierTransmissions(db: Queryable, dossierId: string): Promise<SiteTransmission[]> {
  const { rows } = await db.query(
    `SELECT pos, message_kind, state, recipient, attempts, created_at, sent_at, acked_at, error_code, last_error
       FROM site_hub_outbox WHERE dossier_id = $1 ORDER BY pos LIMIT 1000`,
    [dossierId],
  );
  return (rows as Array<Record<string, unknown>>).map((row) => ({
    pos: Number(row.pos),
    kind: String(row.message_kind),
    state: row.state as SiteTransmission['state'],
    recipient: (row.recipient as string | null) ?? null,
    attempts: Number(row.attempts),
    createdAt: iso(row.created_at)!,
    sentAt: iso(row.sent_at),
    ackedAt: iso(row.acked_at),
    errorCode: row.error_code === null ? null : Number(row.error_code),
    // A refusal keeps the Hub's or partner's words; a transport error of an in-flight retry is not theirs.
    errorText: row.state === 'FAILED' || row.state === 'EXPIRED' ? ((row.last_error as string | null)?.slice(0, 2000) ?? null) : null,
  }));
}
