import { onceInRoomKey, type Attachment } from '../../../../shared/domain/siteRules';
import { attachmentOf, type AttachmentRow } from './siteAttachments';
import type { Callback } from '../../../../shared/domain/callbacks';
import type { Dossier } from '../../../../shared/domain/dossier';

export interface OperatorRow {
  id: string;
  login: string;
  display_name: string;
  role: string;
  active: boolean;
}

/** What `site_append_load` answers (siteAppendSql.ts): the head, read under its lock, and the state the batch touches. */
export interface Loaded {
  pos: number;
  hash: string;
  known: { id: string; pos: number; outcome: 'applied' | 'overruled'; batch_id: string | null }[];
  dossiers: { id: string; state: Dossier }[];
  callbacks: { id: string; state: Callback }[];
  fields: { dossier_id: string; field: string; hlc: string; event_id: string }[];
  once: { type: string; payload: string }[];
  operators: OperatorRow[];
  sessions: { workstation: string; operator_id: string }[];
  /** Read by a statement of its own after the load, only for a batch attaching SAS appointments (siteAttachments.ts). */
  attachments?: AttachmentRow[];
}

/** The state one append reads and changes, loaded under the lock for the ids the batch touches. */
export interface BatchState {
  dossiers: Map<string, Dossier>;
  callbacks: Map<string, Callback>;
  fields: Map<string, { hlc: string; eventId: string }>;
  /** Occurrences already in the log once for the room (onceInRoomKey), for the batch's dossiers. */
  onceInRoom: Set<string>;
  operators: Map<string, OperatorRow>;
  sessions: Set<string>;
  closedSessions: Set<string>;
  /** The SAS platform's appointments the batch attaches, by appointmentId: the dossier each already belongs to. */
  attachments: Map<string, Attachment>;
  touched: { dossiers: Set<string>; callbacks: Set<string>; fields: Set<string>; operators: Set<string>; attachments: Set<string> };
}

export const sessionKey = (workstation: string, operatorId: string) => `${workstation}\u0000${operatorId}`;

export function batchStateOf(loaded: Loaded): BatchState {
  return {
    dossiers: new Map(loaded.dossiers.map((r) => [r.id, r.state])),
    callbacks: new Map(loaded.callbacks.map((r) => [r.id, r.state])),
    fields: new Map(loaded.fields.map((r) => [`${r.dossier_id}\u0000${r.field}`, { hlc: r.hlc, eventId: r.event_id }])),
    onceInRoom: new Set(loaded.once.map((r) => onceInRoomKey(r.type, JSON.parse(r.payload))).filter((k): k is string => k !== null)),
    operators: new Map(loaded.operators.map((r) => [r.id, r])),
    sessions: new Set(loaded.sessions.map((s) => sessionKey(s.workstation, s.operator_id))),
    closedSessions: new Set(),
    attachments: new Map((loaded.attachments ?? []).map((r) => [r.appointment_id, attachmentOf(r)])),
    touched: { dossiers: new Set(), callbacks: new Set(), fields: new Set(), operators: new Set(), attachments: new Set() },
  };
}

/** The rows `site_append_write` upserts from the state the batch changed (a closed session's desk '*' is every desk). */
export function stateWrites(state: BatchState) {
  const pairs = (keys: Iterable<string>) => [...keys].map((key) => key.split('\u0000') as [string, string]);
  return {
    dossiers: [...state.touched.dossiers].map((id) => ({ id, state: state.dossiers.get(id), last_pos: state.dossiers.get(id)!.lastSeq })),
    callbacks: [...state.touched.callbacks].map((id) => ({ id, state: state.callbacks.get(id), last_pos: 0 })),
    fields: pairs(state.touched.fields).map(([dossier_id, field]) => {
      const v = state.fields.get(`${dossier_id}\u0000${field}`)!;
      return { dossier_id, field, hlc: v.hlc, event_id: v.eventId };
    }),
    operators: [...state.touched.operators].map((id) => state.operators.get(id)).filter((o) => o !== undefined),
    closedSessions: pairs(state.closedSessions).map(([workstation, operator_id]) => ({ workstation, operator_id })),
    openSessions: pairs(state.sessions).map(([workstation, operator_id]) => ({ workstation, operator_id, opened_at: new Date().toISOString() })),
    attachments: [...state.touched.attachments].map((id): AttachmentRow => {
      const a = state.attachments.get(id)!;
      return { appointment_id: id, dossier_id: a.dossierId, actor_id: a.actorId, actor_role: a.actorRole, at: a.at };
    }),
  };
}
