import type { Dossier } from '../../../../shared/domain/dossier';
import type { Appointment } from '../../hub/inboundMessage';
import type { Queryable } from './siteHubOutbox';

/**
 * The site inbox's own bookkeeping beyond keeping every delivery (siteHubOutbox.ts): updates kept
 * until their case arrives (PENDING, by case id), and the SAS platform's appointments as last
 * pushed (an update is applied by appointmentId to the dossier it is attached to). Schema step 5.
 */
export const SITE_HUB_INBOX_SQL = `
  ALTER TABLE site_hub_inbox DROP CONSTRAINT site_hub_inbox_state_check;
  ALTER TABLE site_hub_inbox ADD CONSTRAINT site_hub_inbox_state_check CHECK (state IN ('APPLIED', 'KEPT', 'PENDING', 'REJECTED'));
  ALTER TABLE site_hub_inbox ADD COLUMN case_id text;
  -- An update that overtook its case waits here, found by the case when it arrives.
  CREATE INDEX site_hub_inbox_pending ON site_hub_inbox (case_id) WHERE state = 'PENDING';
  CREATE INDEX site_hub_inbox_updates ON site_hub_inbox (case_id) WHERE kind = 'RS-EDA-MAJ' AND state IN ('PENDING', 'APPLIED');
  CREATE TABLE site_hub_appointments (
    appointment_id   text        PRIMARY KEY,
    status           text        NOT NULL,
    start_at         timestamptz NOT NULL,
    end_at           timestamptz,
    created          timestamptz NOT NULL,
    payload          text        NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    distribution_id  text        NOT NULL
  );
`;

export async function dossierOfCase(db: Queryable, caseId: string): Promise<{ id: string; state: Dossier } | null> {
  const { rows } = await db.query("SELECT id, state FROM site_dossiers WHERE state->>'caseId' = $1 LIMIT 1", [caseId]);
  return (rows[0] as { id: string; state: Dossier } | undefined) ?? null;
}

export interface WaitingUpdate {
  id: number;
  senderId: string;
  distributionId: string;
  body: Buffer;
}

/**
 * The case's updates to apply once it arrives: those waiting, and — when the case's own event
 * never reached the log (the append failed, the broker redelivers the case) — those already
 * marked applied with it, whose events are appended again under the same ids (nothing doubles).
 */
export async function updatesOfCase(db: Queryable, caseId: string): Promise<WaitingUpdate[]> {
  const { rows } = await db.query(
    "SELECT id, sender_id, distribution_id, body FROM site_hub_inbox WHERE case_id = $1 AND kind = 'RS-EDA-MAJ' AND state IN ('PENDING', 'APPLIED') ORDER BY id FOR UPDATE",
    [caseId],
  );
  return (rows as Array<{ id: string | number; sender_id: string; distribution_id: string; body: Buffer }>).map((r) => ({ id: Number(r.id), senderId: r.sender_id, distributionId: r.distribution_id, body: r.body }));
}

export async function settleInbox(db: Queryable, ids: readonly number[], state: 'APPLIED' | 'REJECTED', problem: string | null): Promise<void> {
  if (ids.length) await db.query('UPDATE site_hub_inbox SET state = $2, problem = $3 WHERE id = ANY($1)', [ids, state, problem]);
}

/** A Cancel drops the sender's updates still waiting for that case. */
export async function dropPending(db: Queryable, caseId: string, senderId: string, why: string): Promise<number> {
  const result = await db.query("UPDATE site_hub_inbox SET state = 'REJECTED', problem = $3 WHERE state = 'PENDING' AND case_id = $1 AND sender_id = $2", [caseId, senderId, why]);
  return result.rowCount ?? 0;
}

/** Whether this very message (sender, distributionID) was kept before: a redelivery, not a new one. */
export async function seenBefore(db: Queryable, senderId: string, distributionId: string): Promise<boolean> {
  const { rowCount } = await db.query("SELECT 1 FROM site_hub_inbox WHERE sender_id = $1 AND distribution_id = $2 AND state <> 'REJECTED'", [senderId, distributionId]);
  return (rowCount ?? 0) > 0;
}

export async function appointmentKnown(db: Queryable, appointmentId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM site_hub_appointments WHERE appointment_id = $1', [appointmentId]);
  return (rowCount ?? 0) > 0;
}

export async function upsertAppointment(db: Queryable, a: Appointment, distributionId: string): Promise<void> {
  await db.query(
    `INSERT INTO site_hub_appointments (appointment_id, status, start_at, end_at, created, payload, distribution_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (appointment_id) DO UPDATE SET status = $2, start_at = $3, end_at = $4, payload = $6, distribution_id = $7, updated_at = clock_timestamp()`,
    [a.appointmentId, a.status, new Date(a.start).toISOString(), a.end ? new Date(a.end).toISOString() : null, new Date(a.created).toISOString(), JSON.stringify(a), distributionId],
  );
}

/** The dossier an appointment of the platform is attached to (a desk recorded it with its appointmentId). */
export async function dossierOfAppointment(db: Queryable, appointmentId: string): Promise<{ id: string; state: Dossier } | null> {
  const { rows } = await db.query("SELECT id, state FROM site_dossiers WHERE state->'appointments' @> jsonb_build_array(jsonb_build_object('appointmentId', $1::text)) LIMIT 1", [appointmentId]);
  return (rows[0] as { id: string; state: Dossier } | undefined) ?? null;
}

/** One of the SAS platform's appointments no dossier of the room holds, as the desks list it. */
export interface UnattachedAppointment {
  appointmentId: string;
  status: string;
  start: string;
  end: string | null;
  /** The appointment as the platform last pushed it (RS-SAS-RDV), JSON: the desk builds the dossier's record from it. */
  payload: string;
  updatedAt: string;
}

/** The room's appointments to attach, soonest first (schema step 6: attached ones have their row in site_appointment_attachments). */
export async function unattachedAppointments(db: Queryable, limit: number): Promise<UnattachedAppointment[]> {
  const { rows } = await db.query(
    `SELECT a.appointment_id, a.status, a.start_at, a.end_at, a.payload, a.updated_at FROM site_hub_appointments a
      WHERE NOT EXISTS (SELECT 1 FROM site_appointment_attachments t WHERE t.appointment_id = a.appointment_id)
      ORDER BY a.start_at LIMIT $1`,
    [limit],
  );
  const iso = (v: unknown) => new Date(v as string).toISOString();
  return (rows as Array<Record<string, unknown>>).map((r) => ({
    appointmentId: String(r.appointment_id),
    status: String(r.status),
    start: iso(r.start_at),
    end: r.end_at === null ? null : iso(r.end_at),
    payload: String(r.payload),
    updatedAt: iso(r.updated_at),
  }));
}
