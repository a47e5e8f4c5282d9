import { z } from 'zod';
import { ATTEMPT_OUTCOMES } from '../domain/callbacks';
import { P0_EXCEPTION_ACTIONS } from '../domain/callState';
import { DOSSIER_KINDS } from '../domain/dossier';
import { PRIORITIES } from '../domain/priority';
import { ROLES } from '../domain/roles';
import { QUEUES, type QueueId } from '../domain/routing';
import { controlCharacterProblem, findControlCharacter } from './controlCharacters';
import { callerDetailsSchema, locationSchema, origin, patientSchema, qualificationSchema } from './schemas';

/**
 * The payload of every event type a desk may push, checked by the site before anything is
 * appended (ROOM.md §2). The simple payloads are checked whole and strictly; the ones the Hub
 * inbox or the decision forms build (received dossiers, decisions, routing, appointments) are
 * checked on the fields the room's rules read, the rest bounded by the payload's size.
 */
const id = z.uuid();
const text = (max: number) => z.string().max(max);
const empty = z.strictObject({});
const callId = z.strictObject({ callId: id });
/** A room's account carries its scrypt hash (base64), never a password. */
const credential = z.strictObject({
  algorithm: z.literal('scrypt'),
  params: text(200),
  salt: z.base64().max(200),
  hash: z.base64().max(400),
});

export const EVENT_PAYLOAD_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  'dossier.created': z.strictObject({
    localNumber: text(40),
    caseId: text(120),
    kind: z.enum(DOSSIER_KINDS),
    origin,
    callerPhone: text(40).nullable(),
    motive: text(2000),
    priority: z.enum(PRIORITIES),
  }),
  'dossier.priorityChanged': z.strictObject({ priority: z.enum(PRIORITIES) }),
  'dossier.callerUpdated': z.strictObject({ caller: callerDetailsSchema.partial() }),
  'dossier.patientUpserted': z.strictObject({ patient: patientSchema }),
  'dossier.qualificationUpdated': z.strictObject({ qualification: qualificationSchema.partial() }),
  'dossier.noteAdded': z.strictObject({ noteId: id, text: text(10_000) }),
  'dossier.linked': z.strictObject({ otherDossierId: id }),
  'dossier.routed': z.looseObject({ queue: text(40), kind: text(40) }),
  'dossier.locationSet': z.strictObject({ location: locationSchema }),
  'dossier.taken': empty,
  'dossier.decisionAdded': z.looseObject({ decisionId: id, decision: z.looseObject({}) }),
  'dossier.finished': empty,
  'dossier.validated': empty,
  'dossier.archived': empty,
  'dossier.shared': z.strictObject({ partner: text(200) }),
  'dossier.closed': empty,
  'dossier.classified': empty,
  'dossier.appointmentRecorded': z.looseObject({ appointment: z.looseObject({ id: text(200), startsAt: text(40) }) }),
  'dossier.appointmentUpdated': z.strictObject({ id: text(200), status: z.enum(['BOOKED', 'FULFILLED', 'NOSHOW', 'CANCELLED']), startsAt: text(40).optional(), practitioner: text(500).optional(), place: text(1000).optional() }),
  'dossier.received': z.looseObject({ localNumber: text(40), caseId: text(120), from: text(200) }),
  'dossier.remoteUpdated': z.looseObject({ from: text(200), distributionId: text(200) }),
  'call.presented': z.looseObject({ callId: id, sipCallId: text(300), direction: z.enum(['inbound', 'outbound']) }),
  'call.ringing': callId,
  'call.answered': callId,
  'call.held': z.strictObject({ callId: id, consultation: id.optional() }),
  'call.resumed': callId,
  'call.transferred': z.strictObject({ callId: id, target: text(200), mode: z.enum(['blind', 'attended']) }),
  'call.abandoned': callId,
  'call.ended': z.looseObject({ callId: id, by: z.enum(['local', 'remote', 'system']) }),
  'call.attached': z.strictObject({ callId: id, dossierId: id }),
  'call.conferenced': z.strictObject({ callId: id, withCallId: id }),
  'call.p0Exception': z.strictObject({ callId: id, action: z.enum(P0_EXCEPTION_ACTIONS), reason: text(300) }),
  'callback.lostCall': z.strictObject({ callbackId: id, phone: text(40).nullable(), presentedAt: z.iso.datetime({ offset: true }), callId: id, dueAt: z.iso.datetime({ offset: true }).nullable().optional() }),
  'callback.requested': z.strictObject({ callbackId: id, dossierId: id.nullable(), phone: text(40).nullable(), dueAt: text(40).nullable(), reason: text(2000).nullable() }),
  'callback.attempted': z.strictObject({ callbackId: id, outcome: z.enum(ATTEMPT_OUTCOMES), note: text(2000).nullable() }),
  'callback.escalated': z.strictObject({ callbackId: id }),
  'queue.waitEscalated': z.strictObject({ dossierId: id, queue: z.enum(Object.keys(QUEUES) as [QueueId, ...QueueId[]]), priority: z.enum(PRIORITIES), thresholdMinutes: z.number().int().min(0).max(100_000), waitedMinutes: z.number().int().min(0).max(10_000_000) }),
  'callback.claimed': z.strictObject({ callbackId: id }),
  'callback.withdrawn': z.strictObject({ callbackId: id, reason: text(2000) }),
  'operator.created': z.strictObject({ operatorId: id, login: text(64), displayName: text(200), role: z.enum(ROLES), rpps: text(20).nullable(), credential: credential.optional() }),
  'operator.deactivated': z.strictObject({ operatorId: id }),
  'operator.passwordReset': z.strictObject({ operatorId: id, credential: credential.optional() }),
  'operator.pscBound': z.strictObject({ operatorId: id, rpps: text(20), subject: text(300), acr: text(200) }),
  'auth.loginSucceeded': z.strictObject({ operatorId: id, kind: z.enum(['login', 'unlock']) }),
  'auth.loginFailed': z.strictObject({ login: text(64), operatorId: id.nullable(), reason: z.enum(['badPassword', 'unknownLogin', 'lockedOut', 'inactive']) }),
  'auth.lockedOut': z.strictObject({ operatorId: id, until: text(40) }),
  'auth.sessionLocked': z.strictObject({ operatorId: id, reason: z.enum(['manual', 'idle', 'pscExpired']) }),
  'auth.pscSignedIn': z.strictObject({ operatorId: id, kind: z.enum(['login', 'unlock']), acr: text(200), authTime: text(40), expiresAt: text(40) }),
  'auth.loggedOut': z.strictObject({ operatorId: id }),
  'security.refused': z.strictObject({ channel: text(100), code: text(100), dossierId: text(64).nullable(), reason: text(500) }),
};

/** Why a payload is refused, or null when it is one the contract knows. */
export function payloadProblem(type: string, payloadText: string): string | null {
  const schema = EVENT_PAYLOAD_SCHEMAS[type];
  if (!schema) return `unknown event type ${type}`;
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch {
    return 'payload is not JSON';
  }
  // Before the schema: PostgreSQL could not even record this payload.
  const control = findControlCharacter(payload, ['payload']);
  if (control) return controlCharacterProblem(control);
  const parsed = schema.safeParse(payload);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return `payload.${issue.path.join('.')}: ${issue.message}`;
}
