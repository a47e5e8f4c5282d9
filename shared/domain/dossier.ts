import type { Priority } from './priority';

/** HubSante.etat — the dossier's life-cycle state (only ACTIF is reachable in this slice). */
export const DOSSIER_STATES = ['ACTIF', 'ACHEVE', 'VALIDE', 'CLOTURE', 'CLASSE', 'ARCHIVE', 'PROGRAM'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/** DR: non-medical (information, wrong number…); DRM: medical regulation dossier. */
export const DOSSIER_KINDS = ['DR', 'DRM'] as const;
export type DossierKind = (typeof DOSSIER_KINDS)[number];

/** HubSante.origine — the number the caller dialled. */
export const ORIGINS = ['15', '116117', '112', '115', 'AUTOCOM', 'CRRA', 'AUTREC15', 'CNR', 'AUTRE'] as const;
export type Origin = (typeof ORIGINS)[number];

export interface Dossier {
  id: string;
  localNumber: string;
  caseId: string;
  kind: DossierKind;
  state: DossierState;
  origin: Origin;
  callerPhone: string | null;
  motive: string;
  priority: Priority;
  createdAt: string;
  updatedAt: string;
  /** seq of the last journal event applied to this dossier. */
  lastSeq: number;
}

/** The journal's event types, with their payloads. */
export interface DossierCreatedPayload {
  localNumber: string;
  caseId: string;
  kind: DossierKind;
  origin: Origin;
  callerPhone: string | null;
  motive: string;
  priority: Priority;
}

export interface PriorityChangedPayload {
  priority: Priority;
}

export type DossierEventBody =
  | { type: 'dossier.created'; payload: DossierCreatedPayload }
  | { type: 'dossier.priorityChanged'; payload: PriorityChangedPayload };

export type DossierEventType = DossierEventBody['type'];

export interface AppliedEvent {
  seq: number;
  dossierId: string;
  at: string;
  body: DossierEventBody;
}

export class DossierRuleError extends Error {
  constructor(
    readonly code: 'E_NOT_FOUND' | 'E_CONFLICT',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The one fold from events to the dossier projection. The live projection and the rebuild both
 * call it, so they cannot drift apart.
 */
export function applyDossierEvent(current: Dossier | undefined, event: AppliedEvent): Dossier {
  const { body } = event;
  switch (body.type) {
    case 'dossier.created': {
      if (current) throw new DossierRuleError('E_CONFLICT', `dossier ${event.dossierId} already exists`);
      return {
        id: event.dossierId,
        ...body.payload,
        state: 'ACTIF',
        createdAt: event.at,
        updatedAt: event.at,
        lastSeq: event.seq,
      };
    }
    case 'dossier.priorityChanged': {
      if (!current) throw new DossierRuleError('E_NOT_FOUND', `dossier ${event.dossierId} does not exist`);
      return { ...current, priority: body.payload.priority, updatedAt: event.at, lastSeq: event.seq };
    }
  }
}
