/** An events row as stored (snake_case columns, read with better-sqlite3). */
export interface EventRow {
  seq: number;
  id: string;
  dossier_id: string | null;
  type: string;
  payload: string;
  actor_id: string;
  actor_role: string;
  workstation: string;
  at: string;
  hlc: string;
  corrects: string | null;
  prev_hash: string;
  hash: string;
}

export function chainedFieldsOf(row: EventRow) {
  return {
    seq: row.seq,
    id: row.id,
    dossierId: row.dossier_id,
    type: row.type,
    payload: row.payload,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    workstation: row.workstation,
    at: row.at,
    hlc: row.hlc,
    corrects: row.corrects,
    prevHash: row.prev_hash,
  };
}
