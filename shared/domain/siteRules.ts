import { claimHolder, type Callback } from './callbacks';
import type { Dossier } from './dossier';
import type { JournalEventBody } from './journalEvents';
import { checkAction } from './lifecycle';
import { escalationKey } from './queueEscalation';
import type { Priority } from './priority';
import { PHYSICIAN_ROLES, ROLES, type Role } from './roles';

/**
 * The room's rules the site applies to every event a desk pushes (ROOM.md §2–3): who may author
 * which event type, which events need an open session of their author on the pushing desk, and
 * which steps are exclusive — decided once, by the site, in site order.
 */

const CARE: readonly Role[] = ['ARM', 'OSNP', 'MRU', 'MRL', 'SUPERVISEUR'];
const TAKERS: readonly Role[] = ['ARM', 'MRU', 'MRL'];
const EVERYONE: readonly string[] = [...ROLES];
/** Authors that are no person: the life-cycle tick, the Hub inbox, a refusal before sign-in. */
export const NON_PERSON_ROLES = ['SYSTEME', 'HUB', 'AUCUN'] as const;

/** The roles that may author each event type; an unlisted type is refused. Mirrors the channels' access lines. */
const AUTHOR_TABLE = {
  'dossier.created': [...TAKERS],
  'dossier.priorityChanged': [...TAKERS, 'SUPERVISEUR'],
  'dossier.callerUpdated': [...TAKERS],
  'dossier.patientUpserted': [...TAKERS],
  'dossier.qualificationUpdated': [...TAKERS],
  'dossier.noteAdded': ['ARM', 'OSNP', 'MRU', 'MRL'],
  'dossier.linked': [...TAKERS],
  'dossier.routed': [...TAKERS, 'SUPERVISEUR'],
  'dossier.locationSet': [...TAKERS],
  'dossier.taken': [...PHYSICIAN_ROLES],
  'dossier.decisionAdded': [...PHYSICIAN_ROLES],
  'dossier.finished': [...TAKERS],
  // The ARM validates a finished non-medical dossier (DR); the life-cycle rules keep a medical one to physicians.
  'dossier.validated': [...TAKERS],
  'dossier.archived': ['SYSTEME'],
  'dossier.shared': [...TAKERS, 'SUPERVISEUR'],
  'dossier.closed': ['SYSTEME'],
  'dossier.classified': ['SYSTEME'],
  'dossier.appointmentRecorded': ['OSNP', 'MRL'],
  'dossier.appointmentUpdated': ['OSNP', 'MRL', 'HUB'],
  'dossier.received': ['HUB'],
  'dossier.remoteUpdated': ['HUB'],
  'call.presented': [...CARE, 'SYSTEME'],
  'call.ringing': [...CARE, 'SYSTEME'],
  'call.answered': [...CARE, 'SYSTEME'],
  'call.held': [...CARE, 'SYSTEME'],
  'call.resumed': [...CARE, 'SYSTEME'],
  'call.transferred': [...CARE, 'SYSTEME'],
  'call.abandoned': [...CARE, 'SYSTEME'],
  'call.ended': [...CARE, 'SYSTEME'],
  'call.attached': [...CARE, 'SYSTEME'],
  'call.conferenced': [...CARE, 'SYSTEME'],
  'call.p0Exception': [...CARE],
  'callback.lostCall': [...CARE, 'SYSTEME'],
  'callback.requested': [...TAKERS],
  'callback.attempted': [...CARE],
  'callback.escalated': ['SYSTEME'],
  'queue.waitEscalated': ['SYSTEME'],
  'callback.claimed': [...CARE],
  // SYSTEME: a lost call's callback withdrawn once another desk's answer to the same ring-group call arrives.
  'callback.withdrawn': [...TAKERS, 'SUPERVISEUR', 'SYSTEME'],
  'operator.created': ['ADMIN'],
  'operator.deactivated': ['ADMIN'],
  'operator.passwordReset': ['ADMIN'],
  'operator.pscBound': EVERYONE,
  'auth.loginSucceeded': EVERYONE,
  'auth.loginFailed': [...EVERYONE, 'AUCUN'],
  'auth.lockedOut': EVERYONE,
  'auth.sessionLocked': EVERYONE,
  'auth.pscSignedIn': EVERYONE,
  'auth.loggedOut': EVERYONE,
  'security.refused': [...EVERYONE, 'AUCUN', 'SYSTEME'],
} satisfies Record<JournalEventBody['type'], readonly string[]>;

/** The roles that may author each event type; an unlisted type is refused. Every journal event type has its line (checked by the compiler). */
export const AUTHORS: Readonly<Record<string, readonly string[]>> = AUTHOR_TABLE;

/** Events written while nobody is signed in on the desk yet: the sign-in itself and its failures. */
const SESSION_FREE = new Set(['auth.loginSucceeded', 'auth.loginFailed', 'auth.lockedOut', 'auth.pscSignedIn', 'operator.pscBound', 'security.refused']);

export function mayAuthor(type: string, role: string): boolean {
  return AUTHORS[type]?.includes(role) ?? false;
}

/** Whether the site must find an open session of the author on the pushing desk. */
export function needsSession(type: string, actorId: string, actorRole: string): boolean {
  if ((NON_PERSON_ROLES as readonly string[]).includes(actorRole)) return false;
  // operator:add at the console of the machine (IT, before any account exists).
  if (actorId.startsWith('console:')) return false;
  return !SESSION_FREE.has(type);
}

/** What a session event does to the author's session on its desk. */
export function sessionEffect(type: string): 'open' | 'close' | null {
  if (type === 'auth.loginSucceeded' || type === 'auth.pscSignedIn') return 'open';
  if (type === 'auth.loggedOut') return 'close';
  return null;
}

export type ExclusiveStep = 'take' | 'finish' | 'validate' | 'appointment' | 'callback';

export const EXCLUSIVE_STEPS: Readonly<Record<string, ExclusiveStep>> = {
  'dossier.taken': 'take',
  'dossier.finished': 'finish',
  'dossier.validated': 'validate',
  'dossier.appointmentRecorded': 'appointment',
  'callback.attempted': 'callback',
  'callback.claimed': 'callback',
};

/** Who holds what the losing event wanted. */
export interface Holder {
  actorId: string;
  actorRole: string;
  at: string;
}

export type Arbitration = { won: true } | { won: false; step: ExclusiveStep; holder: Holder | null; reason: string };

/**
 * An exclusive step against the room's state as the site has it when the event's turn comes
 * (site order). The first one in that order wins; a later one loses and is kept, marked.
 */
export function arbitrate(type: string, actor: { id: string; role: string }, dossier: Dossier | undefined, callback: Callback | undefined, at?: string): Arbitration {
  const step = EXCLUSIVE_STEPS[type];
  if (!step) return { won: true };
  if (step === 'callback') {
    if (callback && callback.doneAt === null && type === 'callback.claimed' && at) {
      const holder = claimHolder(callback, actor.id, at);
      return holder ? { won: false, step, holder, reason: 'alreadyClaimed' } : { won: true };
    }
    if (!callback || callback.doneAt === null) return { won: true };
    const last = callback.attempts.at(-1);
    return { won: false, step, holder: last ? { actorId: last.authorId, actorRole: last.authorRole, at: last.at } : null, reason: 'callbackDone' };
  }
  if (!dossier) return { won: true };
  if (step === 'take') {
    if (dossier.regulator === null || dossier.regulator.id === actor.id) return { won: true };
    return { won: false, step, holder: { actorId: dossier.regulator.id, actorRole: dossier.regulator.role, at: dossier.regulator.at }, reason: 'alreadyTaken' };
  }
  if (step === 'appointment') {
    const booked = dossier.appointments.find((a) => a.status === 'BOOKED' || a.status === 'FULFILLED');
    if (!booked) return { won: true };
    return { won: false, step, holder: { actorId: booked.authorId, actorRole: booked.authorRole, at: booked.recordedAt }, reason: 'alreadyBooked' };
  }
  const check = checkAction(dossier, step, actor.role);
  if (check.ok) return { won: true };
  const holder = dossier.regulator ? { actorId: dossier.regulator.id, actorRole: dossier.regulator.role, at: dossier.updatedAt } : null;
  return { won: false, step, holder, reason: check.reason };
}

/** Who attached one of the SAS platform's appointments, and to which dossier. */
export interface Attachment extends Holder {
  dossierId: string;
}

/**
 * The SAS platform's appointment an event attaches to its dossier (its appointmentId); null for
 * any other event, and for an appointment entered by hand (no platform id).
 */
export function attachedAppointmentId(type: string, payload: unknown): string | null {
  if (type !== 'dossier.appointmentRecorded') return null;
  const id = (payload as { appointment?: { appointmentId?: unknown } } | null)?.appointment?.appointmentId;
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * One platform appointment belongs to one dossier (ROOM.md §3, as a standalone desk's inbox has
 * it): the first attach in site order wins; a later one, to any dossier, loses and is kept, marked.
 */
export function arbitrateAttachment(held: Attachment | undefined): Arbitration {
  if (!held) return { won: true };
  return { won: false, step: 'appointment', holder: { actorId: held.actorId, actorRole: held.actorRole, at: held.at }, reason: 'appointmentAttached' };
}

/**
 * Events that happen once per room whichever desk writes them: each desk's tick journals a wait
 * escalation on its own, so two desks that have not pulled each other's yet both write one for
 * the same dossier, priority and threshold. The key names that occurrence; null for any other event.
 */
export function onceInRoomKey(type: string, payload: unknown): string | null {
  if (type !== 'queue.waitEscalated') return null;
  const p = payload as { dossierId?: unknown; priority?: unknown; thresholdMinutes?: unknown } | null;
  if (typeof p?.dossierId !== 'string' || typeof p.priority !== 'string' || typeof p.thresholdMinutes !== 'number') return null;
  return escalationKey(p.dossierId, p.priority as Priority, p.thresholdMinutes);
}

/**
 * Once per room, decided in site order: the first event with a key wins; a later one with the same
 * key is a duplicate — kept in the log, overruled (neither folded nor alerted anywhere) and, since
 * nobody lost anything by it, never a conflict shown to a person.
 */
export function isRoomDuplicate(type: string, payload: unknown, seen: ReadonlySet<string>): boolean {
  const key = onceInRoomKey(type, payload);
  return key !== null && seen.has(key);
}

/** Field edits: the last writer by hybrid logical clock wins per field; the key names the field. */
export function fieldKey(type: string, payload: unknown): string | null {
  switch (type) {
    case 'dossier.priorityChanged':
      return 'priority';
    case 'dossier.locationSet':
      return 'location';
    case 'dossier.callerUpdated':
      return 'caller';
    case 'dossier.qualificationUpdated':
      return 'qualification';
    case 'dossier.patientUpserted': {
      const id = (payload as { patient?: { id?: unknown } } | null)?.patient?.id;
      return typeof id === 'string' ? `patient:${id}` : 'patient';
    }
    default:
      return null;
  }
}

/** Text order of the fixed-width HLC is time order. */
export function isNewerHlc(a: string, b: string): boolean {
  return a > b;
}
