import type { Attachment } from '../../../../shared/domain/siteRules';

/**
 * Schema step 6: which dossier each of the SAS platform's appointments is attached to, one row
 * per appointment (ROOM.md §3: the site arbitrates the attach). Read under the head's lock for the
 * appointments a batch attaches, written with the batch; the desks' list of appointments to
 * attach is the site's appointments without a row here. Filled at once from the dossiers folded
 * so far (a room that attached appointments before this step keeps them attached).
 */
export const SITE_ATTACHMENTS_SQL = `
  CREATE TABLE site_appointment_attachments (
    appointment_id  text PRIMARY KEY,
    dossier_id      text NOT NULL,
    actor_id        text NOT NULL,
    actor_role      text NOT NULL,
    at              text NOT NULL
  );
  INSERT INTO site_appointment_attachments (appointment_id, dossier_id, actor_id, actor_role, at)
    SELECT DISTINCT ON (a->>'appointmentId') a->>'appointmentId', d.id, coalesce(a->>'authorId', '?'), coalesce(a->>'authorRole', '?'), coalesce(a->>'recordedAt', '')
      FROM site_dossiers d
      CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(d.state->'appointments') = 'array' THEN d.state->'appointments' ELSE '[]'::jsonb END) a
     WHERE coalesce(a->>'appointmentId', '') <> ''
     ORDER BY a->>'appointmentId', a->>'recordedAt';
`;

/** One row as the append reads and writes it. */
export interface AttachmentRow {
  appointment_id: string;
  dossier_id: string;
  actor_id: string;
  actor_role: string;
  at: string;
}

/** The statement reading the rows of the appointments a batch attaches (run after the head's lock, in the same message). */
export function attachmentsLoadSql(ids: string): string {
  return `SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb) AS attachments FROM site_appointment_attachments t WHERE t.appointment_id = ANY(ARRAY(SELECT jsonb_array_elements_text(${ids}::jsonb)))`;
}

/** The statement writing the batch's new attachments (the first in site order only: the others lost). */
export function attachmentsWriteSql(rows: string): string {
  return `INSERT INTO site_appointment_attachments SELECT * FROM jsonb_populate_recordset(NULL::site_appointment_attachments, ${rows}::jsonb) ON CONFLICT (appointment_id) DO NOTHING`;
}

export const attachmentOf = (row: AttachmentRow): Attachment => ({ dossierId: row.dossier_id, actorId: row.actor_id, actorRole: row.actor_role, at: row.at });
