import type { AddressCandidate, AddressSource } from './address';
import type { Appointment, AppointmentStatus } from './appointment';
import { officialCodes, type CodeOf } from './codes';
import { currentDecisions, type Decision, type DecisionFields } from './decision';
import type { AuthenticationProof } from './psc';
import type { Priority } from './priority';
import type { QueueId, RoutingOutcome } from './routing';

/** HubSante.etat — the dossier's life-cycle state (transitions in lifecycle.ts). */
export const DOSSIER_STATES = ['ACTIF', 'ACHEVE', 'VALIDE', 'CLOTURE', 'CLASSE', 'ARCHIVE', 'PROGRAM'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/** DR: non-medical (information, wrong number…); DRM: medical regulation dossier. */
export const DOSSIER_KINDS = ['DR', 'DRM'] as const;
export type DossierKind = (typeof DOSSIER_KINDS)[number];

/** HubSante.origine — the number the caller dialled (the whole official list, in its order). */
export type Origin = CodeOf<'origine'>;
export const ORIGINS = officialCodes('origine') as readonly [Origin, ...Origin[]];

/** Who is calling, beyond the number presented (DOMAIN §3). */
export interface CallerDetails {
  callbackPhone: string | null;
  name: string | null;
  type: CodeOf<'typeAppelant'> | null;
  language: CodeOf<'langue'> | null;
  communication: CodeOf<'communication'> | null;
}

export interface Patient {
  id: string;
  lastName: string | null;
  firstName: string | null;
  sex: CodeOf<'sexe'> | null;
  /** YYYY-MM-DD, or null when only an age is known. */
  birthDate: string | null;
  ageYears: number | null;
  weightKg: number | null;
  /** INS (NIR-based national identity): only recorded for a qualified identity. */
  ins: string | null;
  identityQualified: boolean;
}

export interface Qualification {
  motif: CodeOf<'motif'> | null;
  fait: CodeOf<'fait'> | null;
  lieu: CodeOf<'lieu'> | null;
  filiere: CodeOf<'filiere'> | null;
  attribution: CodeOf<'attribution'> | null;
}

export interface DossierNote {
  id: string;
  text: string;
  at: string;
  authorId: string;
  authorRole: string;
  /** Written after the dossier was validated: its notes are frozen, this one stands apart. */
  afterValidation: boolean;
}

/** The regulator who took the dossier from the queue. */
export interface Regulator {
  id: string;
  role: string;
  at: string;
}

/** How to get in, whatever the location: what the crew needs at the door. */
export interface LocationAccess {
  floor: string | null;
  doorCode: string | null;
  intercom: string | null;
  accessDetails: string | null;
}

/** Where help is needed, found in an address index (or sent by the caller's phone), plus how to get in. */
export interface LocatedAddress extends AddressCandidate, LocationAccess {
  /** MANUAL: received from a partner with its coordinates, not checked here; AML: sent by the caller's phone. */
  source: AddressSource | 'MANUAL' | 'AML';
}

/**
 * A place no address index knows (a hamlet, a motorway kilometre point, a field), entered by hand
 * (issue 13 item 9): a commune, a free description, coordinates when the caller can give them.
 * Nobody verified it: every screen and message says so.
 */
export interface UnverifiedLocation extends LocationAccess {
  source: 'UNVERIFIED';
  /** Description and commune, as lists and searches show it. */
  label: string;
  description: string;
  commune: ManualCommune;
  /** Both or neither: typed by the ARM, never derived. */
  lat: number | null;
  lon: number | null;
}

/** The commune of a manual location: from the official list (the BAN pack) or, without one, as typed. */
export interface ManualCommune {
  name: string;
  /** Null only when typed freely (no BAN pack imported on the desk). */
  inseeCode: string | null;
  postcode: string | null;
  /** False: typed freely, not found in any official list. */
  listed: boolean;
}

export type DossierLocation = LocatedAddress | UnverifiedLocation;

export function isUnverifiedLocation(location: DossierLocation | null | undefined): location is UnverifiedLocation {
  return location?.source === 'UNVERIFIED';
}

/**
 * A value a Hub Santé partner sent about a field this workstation owns (priority, state,
 * perimeter, free text…). It is kept beside the local value, never written over it: the
 * regulator decides (DOMAIN §8 — nothing silently changes under a regulator's eyes).
 */
export interface ReceivedValue {
  at: string;
  from: string;
  distributionId: string;
  field: 'priority' | 'status' | 'perimeter' | 'freetext' | 'location' | 'caller' | 'attribution';
  value: string;
}

/** What the national exchange knows about this dossier. */
export interface DossierHubInfo {
  /** Client id of the partner that created the dossier and shared it with us (null: ours). */
  receivedFrom: string | null;
  /** Newest last, at most MAX_RECEIVED_VALUES. */
  received: ReceivedValue[];
  /**
   * The partner a person of this room chose to share the dossier with ("Partager avec…"), when
   * and by whom. Nothing of a dossier leaves the room before that (absent on dossiers never shared).
   */
  sharedWith?: SharedWith | null;
}

export interface SharedWith {
  partner: string;
  at: string;
  by: string;
  byRole: string;
}

export const MAX_RECEIVED_VALUES = 50;

export const EMPTY_CALLER: CallerDetails = { callbackPhone: null, name: null, type: null, language: null, communication: null };
export const EMPTY_QUALIFICATION: Qualification = { motif: null, fait: null, lieu: null, filiere: null, attribution: null };

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
  caller: CallerDetails;
  patients: Patient[];
  qualification: Qualification;
  location: DossierLocation | null;
  notes: DossierNote[];
  /** Dossiers about the same call or patient, linked by the ARM (repeat callers). */
  linkedDossierIds: string[];
  /** The branch queue it waits in; null while the ARM is still taking the call. */
  queue: QueueId | null;
  routing: RoutingOutcome['kind'] | null;
  /** Deadline of a deferred (P3) regulation's callback. */
  callbackDueAt: string | null;
  regulator: Regulator | null;
  /** Every decision ever written, superseded ones included (never edited). */
  decisions: Decision[];
  /** HubSante.niveauSoin of the latest decision in force. */
  careLevel: CodeOf<'niveauSoin'> | null;
  appointments: Appointment[];
  finishedAt: string | null;
  validatedAt: string | null;
  closedAt: string | null;
  classifiedAt: string | null;
  /** Hub Santé exchange: who shared it with us, and the values partners sent. */
  hub: DossierHubInfo | null;
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

/** A dossier a partner created and shared with us (RS-EDA received): our copy of it. */
export interface DossierReceivedPayload extends DossierCreatedPayload {
  from: string;
  distributionId: string;
  caller: CallerDetails;
  patients: Patient[];
  qualification: Qualification;
  location: DossierLocation | null;
  notes: DossierNote[];
}

/** An RS-EDA-MAJ received: additive content is merged, operational values are recorded. */
export interface RemoteUpdatePayload {
  from: string;
  distributionId: string;
  patients: Patient[];
  notes: DossierNote[];
  received: Array<Pick<ReceivedValue, 'field' | 'value'>>;
}

export type DossierEventBody =
  | { type: 'dossier.created'; payload: DossierCreatedPayload }
  | { type: 'dossier.priorityChanged'; payload: PriorityChangedPayload }
  | { type: 'dossier.callerUpdated'; payload: { caller: Partial<CallerDetails> } }
  | { type: 'dossier.patientUpserted'; payload: { patient: Patient } }
  | { type: 'dossier.qualificationUpdated'; payload: { qualification: Partial<Qualification> } }
  | { type: 'dossier.noteAdded'; payload: { noteId: string; text: string } }
  | { type: 'dossier.linked'; payload: { otherDossierId: string } }
  | { type: 'dossier.routed'; payload: RoutingOutcome }
  | { type: 'dossier.locationSet'; payload: { location: DossierLocation } }
  | { type: 'dossier.taken'; payload: Record<string, never> }
  | { type: 'dossier.decisionAdded'; payload: { decisionId: string; decision: DecisionFields; authentication?: AuthenticationProof } }
  | { type: 'dossier.finished'; payload: Record<string, never> }
  | { type: 'dossier.validated'; payload: Record<string, never> }
  | { type: 'dossier.closed'; payload: Record<string, never> }
  | { type: 'dossier.classified'; payload: Record<string, never> }
  | { type: 'dossier.archived'; payload: Record<string, never> }
  | { type: 'dossier.appointmentRecorded'; payload: { appointment: Omit<Appointment, 'recordedAt' | 'authorId' | 'authorRole'> } }
  /**
   * A later state of the appointment. The SAS platform's updates (RS-SAS-RDV UpdateAppointment) may
   * also move the slot or change who sees the patient: those fields then come too (absent: unchanged).
   */
  | { type: 'dossier.appointmentUpdated'; payload: { id: string; status: AppointmentStatus } & Partial<Pick<Appointment, 'startsAt' | 'practitioner' | 'place'>> }
  | { type: 'dossier.shared'; payload: { partner: string } }
  | { type: 'dossier.received'; payload: DossierReceivedPayload }
  | { type: 'dossier.remoteUpdated'; payload: RemoteUpdatePayload };

export type DossierEventType = DossierEventBody['type'];

export interface AppliedEvent {
  seq: number;
  dossierId: string;
  at: string;
  actor: { id: string; role: string };
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
/** What a dossier starts with however it was born (a call here or a partner's case). */
const NOT_YET_HANDLED = {
  linkedDossierIds: [],
  queue: null,
  routing: null,
  callbackDueAt: null,
  regulator: null,
  decisions: [],
  careLevel: null,
  appointments: [],
  finishedAt: null,
  validatedAt: null,
  closedAt: null,
  classifiedAt: null,
} as const satisfies Partial<Dossier>;

export function applyDossierEvent(current: Dossier | undefined, event: AppliedEvent): Dossier {
  const { body } = event;
  if (body.type === 'dossier.received') {
    if (current) throw new DossierRuleError('E_CONFLICT', `dossier ${event.dossierId} already exists`);
    const { from, distributionId: _distributionId, caller, patients, qualification, location, notes, ...created } = body.payload;
    return {
      id: event.dossierId,
      ...created,
      state: 'ACTIF',
      createdAt: event.at,
      updatedAt: event.at,
      lastSeq: event.seq,
      caller,
      patients,
      qualification,
      location,
      notes,
      // A partner's case arrives to be regulated here: not routed, no regulator, decision or stage yet.
      ...NOT_YET_HANDLED,
      hub: { receivedFrom: from, received: [] },
    };
  }
  if (body.type === 'dossier.created') {
    if (current) throw new DossierRuleError('E_CONFLICT', `dossier ${event.dossierId} already exists`);
    return {
      id: event.dossierId,
      ...body.payload,
      state: 'ACTIF',
      createdAt: event.at,
      updatedAt: event.at,
      lastSeq: event.seq,
      caller: EMPTY_CALLER,
      patients: [],
      qualification: EMPTY_QUALIFICATION,
      location: null,
      notes: [],
      ...NOT_YET_HANDLED,
      hub: null,
    };
  }
  if (!current) throw new DossierRuleError('E_NOT_FOUND', `dossier ${event.dossierId} does not exist`);
  const touched = { ...current, updatedAt: event.at, lastSeq: event.seq };
  switch (body.type) {
    case 'dossier.priorityChanged':
      return { ...touched, priority: body.payload.priority };
    case 'dossier.callerUpdated':
      return { ...touched, caller: { ...current.caller, ...body.payload.caller } };
    case 'dossier.patientUpserted': {
      const { patient } = body.payload;
      const known = current.patients.some((p) => p.id === patient.id);
      return { ...touched, patients: known ? current.patients.map((p) => (p.id === patient.id ? patient : p)) : [...current.patients, patient] };
    }
    case 'dossier.qualificationUpdated':
      return { ...touched, qualification: { ...current.qualification, ...body.payload.qualification } };
    case 'dossier.noteAdded':
      return {
        ...touched,
        notes: [
          ...current.notes,
          { id: body.payload.noteId, text: body.payload.text, at: event.at, authorId: event.actor.id, authorRole: event.actor.role, afterValidation: current.validatedAt !== null },
        ],
      };
    case 'dossier.locationSet':
      return { ...touched, location: body.payload.location };
    case 'dossier.routed':
      return {
        ...touched,
        queue: body.payload.queue,
        routing: body.payload.kind,
        callbackDueAt: body.payload.kind === 'deferredCallback' ? body.payload.callbackDueAt : null,
      };
    case 'dossier.remoteUpdated': {
      const { from, distributionId, patients, notes, received } = body.payload;
      let nextPatients = current.patients;
      for (const patient of patients) {
        nextPatients = nextPatients.some((p) => p.id === patient.id) ? nextPatients.map((p) => (p.id === patient.id ? patient : p)) : [...nextPatients, patient];
      }
      // Notes are keyed by their official id: a note already known is not added twice.
      const nextNotes = [...current.notes, ...notes.filter((n) => !current.notes.some((known) => known.id === n.id))];
      const hub = current.hub ?? { receivedFrom: null, received: [] };
      const values = [...hub.received, ...received.map((r) => ({ ...r, at: event.at, from, distributionId }))].slice(-MAX_RECEIVED_VALUES);
      return { ...touched, patients: nextPatients, notes: nextNotes, hub: { ...hub, received: values } };
    }
    case 'dossier.linked':
      if (body.payload.otherDossierId === current.id || current.linkedDossierIds.includes(body.payload.otherDossierId)) return touched;
      return { ...touched, linkedDossierIds: [...current.linkedDossierIds, body.payload.otherDossierId] };
    case 'dossier.taken':
      return { ...touched, regulator: { id: event.actor.id, role: event.actor.role, at: event.at } };
    case 'dossier.decisionAdded': {
      const decision: Decision = { id: body.payload.decisionId, ...body.payload.decision, at: event.at, authorId: event.actor.id, authorRole: event.actor.role, authentication: body.payload.authentication ?? null };
      const decisions = [...current.decisions, decision];
      return { ...touched, decisions, careLevel: currentDecisions(decisions).at(-1)?.careLevel ?? null };
    }
    case 'dossier.finished':
      return { ...touched, state: 'ACHEVE', finishedAt: event.at };
    case 'dossier.validated':
      return { ...touched, state: 'VALIDE', validatedAt: event.at };
    case 'dossier.closed':
      return { ...touched, state: 'CLOTURE', closedAt: event.at };
    case 'dossier.classified':
      return { ...touched, state: 'CLASSE', classifiedAt: event.at };
    case 'dossier.archived':
      return { ...touched, state: 'ARCHIVE' };
    case 'dossier.appointmentRecorded':
      return {
        ...touched,
        appointments: [...current.appointments, { ...body.payload.appointment, recordedAt: event.at, authorId: event.actor.id, authorRole: event.actor.role }],
      };
    case 'dossier.shared': {
      const hub = current.hub ?? { receivedFrom: null, received: [] };
      return { ...touched, hub: { ...hub, sharedWith: { partner: body.payload.partner, at: event.at, by: event.actor.id, byRole: event.actor.role } } };
    }
    case 'dossier.appointmentUpdated':
      return { ...touched, appointments: current.appointments.map((a) => (a.id === body.payload.id ? { ...a, ...appointmentChange(body.payload) } : a)) };
  }
}

/** What an appointment update changes: its status, and the time, practitioner or place when given. */
function appointmentChange(p: { status: AppointmentStatus; startsAt?: string; practitioner?: string; place?: string }): Partial<Appointment> {
  return { status: p.status, ...(p.startsAt ? { startsAt: p.startsAt } : {}), ...(p.practitioner ? { practitioner: p.practitioner } : {}), ...(p.place ? { place: p.place } : {}) };
}
