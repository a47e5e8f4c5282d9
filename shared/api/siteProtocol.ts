import { z } from 'zod';
import { SITE_CODE_PATTERN } from '../domain/localNumber';

/**
 * The wire between a desk and the site service (ROOM.md §2): one WebSocket carrying requests
 * (push, pull) answered by request id, and the site's "new head" notices. Every message is
 * validated on both ends; the site refuses (and records) what does not parse.
 */

/** Most events a desk sends in one push; the desk pages its queue. */
export const MAX_PUSH_EVENTS = 500;
/** Most events the site returns in one page of a pull. */
export const MAX_PULL_EVENTS = 2000;
/** Most events a "new head" notice carries (more, and the desks pull them). */
export const MAX_ANNOUNCED_EVENTS = 500;
/** The biggest message the site accepts: a push of MAX_PUSH_EVENTS ordinary events fits well below it. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** One event's payload text, bounded like the contract's requests. */
export const MAX_PAYLOAD_CHARS = 64 * 1024;

export const workstationIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore');
export const hlcSchema = z.string().regex(/^\d{15}-\d{6}$/, 'not a hybrid logical clock value');

/** An event as a desk journaled it, with its origin; `payload` is the exact text the desk stored. */
export const siteEventSchema = z.strictObject({
  id: z.uuid(),
  site: z.string().regex(SITE_CODE_PATTERN),
  workstation: workstationIdSchema,
  dossierId: z.string().min(1).max(64).nullable(),
  type: z.string().min(1).max(64),
  payload: z.string().max(MAX_PAYLOAD_CHARS),
  actorId: z.string().min(1).max(120),
  actorRole: z.string().min(1).max(32),
  at: z.iso.datetime({ offset: true }),
  hlc: hlcSchema,
  corrects: z.uuid().nullable(),
});
export type SiteEvent = z.infer<typeof siteEventSchema>;

/** How the site placed an event: appended as is, or kept but overruled (an exclusive step lost, an older field value). */
export const siteOutcomeSchema = z.enum(['applied', 'overruled']);
export type SiteOutcome = z.infer<typeof siteOutcomeSchema>;

export const pulledEventSchema = siteEventSchema.extend({
  pos: z.number().int().positive(),
  outcome: siteOutcomeSchema,
  // The site's own events (site.conflict) are not the contract's sites/desks: "site" as workstation.
  workstation: z.string().min(1).max(64),
});
export type PulledEvent = z.infer<typeof pulledEventSchema>;

export const pushRequestSchema = z.strictObject({
  kind: z.literal('push'),
  requestId: z.string().min(1).max(64),
  /** The desk names each batch; a replayed batch is answered from the log, never appended twice. */
  batchId: z.uuid(),
  events: z.array(z.unknown()).min(1).max(MAX_PUSH_EVENTS),
});

export const pullRequestSchema = z.strictObject({
  kind: z.literal('pull'),
  requestId: z.string().min(1).max(64),
  after: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_PULL_EVENTS),
});

/**
 * A joining desk asks what the first stage holds after `after` (ROOM.md §4: the accounts and the
 * open dossiers first, shared/domain/roomJoin.ts), then pulls it in pages bounded by `upTo`.
 */
export const joinPlanRequestSchema = z.strictObject({
  kind: z.literal('joinPlan'),
  requestId: z.string().min(1).max(64),
  after: z.number().int().min(0),
});

export const pullOpenRequestSchema = z.strictObject({
  kind: z.literal('pullOpen'),
  requestId: z.string().min(1).max(64),
  after: z.number().int().min(0),
  upTo: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_PULL_EVENTS),
});

/** Only on a plain ws:// link to 127.0.0.1 (tests, one-machine demo): the desk says who it is. Over TLS the certificate does. */
export const helloSchema = z.strictObject({
  kind: z.literal('hello'),
  workstation: workstationIdSchema,
});

/** The room's Hub messages about one dossier: sends, receipts, refusals (the transmissions view). */
export const transmissionsRequestSchema = z.strictObject({
  kind: z.literal('transmissions'),
  requestId: z.string().min(1).max(64),
  dossierId: z.string().min(1).max(64),
});

/** The room's SAS appointments no dossier holds yet (the OSNP and regulators attach one). */
export const appointmentsRequestSchema = z.strictObject({
  kind: z.literal('appointments'),
  requestId: z.string().min(1).max(64),
});

export const deskMessageSchema = z.discriminatedUnion('kind', [pushRequestSchema, pullRequestSchema, joinPlanRequestSchema, pullOpenRequestSchema, helloSchema, transmissionsRequestSchema, appointmentsRequestSchema]);
export type DeskMessage = z.infer<typeof deskMessageSchema>;

export const pushResultSchema = z.strictObject({
  id: z.string(),
  status: z.enum(['appended', 'duplicate', 'refused']),
  pos: z.number().int().positive().nullable(),
  outcome: siteOutcomeSchema.nullable(),
  code: z.string().nullable(),
  reason: z.string().nullable(),
});
export type PushResult = z.infer<typeof pushResultSchema>;

const count = z.number().int().nonnegative();
const instant = z.iso.datetime({ offset: true });

/**
 * The room's Hub Santé link as the site sees it (ROOM.md §5), pushed to every desk: on welcome,
 * then whenever it changes. Read from the site database, so any site instance says the same:
 * who holds the Hub lease, whether that holder's link to the broker is up, and the room's
 * outbox and inbox counts. `waiting` is what the Hub has not yet acknowledged (not sent yet,
 * or sent without its receipt).
 */
export const siteHubStateSchema = z.strictObject({
  clientId: z.string().max(100),
  /** The site instance holding the Hub lease now; null: none (the link is down meanwhile). */
  holder: z.string().max(200).nullable(),
  connected: z.boolean(),
  /** Since when the holder's link is up, or down. */
  since: instant.nullable(),
  lastError: z.string().max(500).nullable(),
  waiting: count,
  oldestWaitingAt: instant.nullable(),
  notRouted: count,
  failed: count,
  expired: count,
  rejectedInbound: count,
  /** The SAS platform's appointments no dossier holds, and when one last came or changed: a desk lists them again when this moves. */
  appointments: z.strictObject({ unattached: count, changedAt: instant.nullable() }).optional(),
  /** When the site read it (its clock). */
  at: instant,
});
export type SiteHubState = z.infer<typeof siteHubStateSchema>;

/** One message of the room's outbox about one dossier, as the site's read endpoint gives it. */
export const siteTransmissionSchema = z.strictObject({
  pos: z.number().int().positive(),
  kind: z.string().max(40),
  state: z.enum(['NEW', 'SENT', 'ACKED', 'FAILED', 'EXPIRED']),
  recipient: z.string().max(100).nullable(),
  attempts: count,
  createdAt: instant,
  sentAt: instant.nullable(),
  ackedAt: instant.nullable(),
  errorCode: z.number().int().nullable(),
  errorText: z.string().max(2000).nullable(),
});
export type SiteTransmission = z.infer<typeof siteTransmissionSchema>;

/** An appointment to attach, as the site lists it: the platform's payload kept whole for the desk to record. */
export const siteAppointmentSchema = z.strictObject({
  appointmentId: z.string().min(1).max(200),
  status: z.string().max(40),
  start: instant,
  end: instant.nullable(),
  payload: z.string().max(MAX_PAYLOAD_CHARS),
  updatedAt: instant,
});
export type SiteAppointment = z.infer<typeof siteAppointmentSchema>;

/** At most this many appointments to attach in one answer (soonest first). */
export const MAX_LISTED_APPOINTMENTS = 500;

export const siteMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('welcome'),
    site: z.string(),
    workstation: z.string(),
    head: z.number().int().min(0),
    schemaVersion: z.number().int(),
    /** The room's Hub state now; null when this site does not talk to the Hub. */
    hub: siteHubStateSchema.nullable(),
  }),
  z.strictObject({ kind: z.literal('hub'), hub: siteHubStateSchema }),
  z.strictObject({ kind: z.literal('transmissions'), requestId: z.string(), dossierId: z.string(), transmissions: z.array(siteTransmissionSchema).max(1000) }),
  z.strictObject({ kind: z.literal('appointments'), requestId: z.string(), appointments: z.array(siteAppointmentSchema).max(MAX_LISTED_APPOINTMENTS) }),
  z.strictObject({ kind: z.literal('pushed'), requestId: z.string(), results: z.array(pushResultSchema), head: z.number().int().min(0) }),
  z.strictObject({ kind: z.literal('pulled'), requestId: z.string(), events: z.array(pulledEventSchema), head: z.number().int().min(0) }),
  // The events just appended ride along when few (a desk that follows applies them without a pull); a desk lagging behind pulls.
  z.strictObject({ kind: z.literal('head'), head: z.number().int().min(0), events: z.array(pulledEventSchema).max(MAX_ANNOUNCED_EVENTS).optional() }),
  /** The first stage of a join: its events after the position asked, up to `upTo` (the head when asked). */
  z.strictObject({ kind: z.literal('joinPlan'), requestId: z.string(), upTo: z.number().int().min(0), openEvents: z.number().int().min(0), openDossiers: z.number().int().min(0) }),
  z.strictObject({ kind: z.literal('error'), requestId: z.string().nullable(), code: z.string(), message: z.string() }),
]);
export type SiteMessage = z.infer<typeof siteMessageSchema>;

/** The site's answer about one lost exclusive step, journaled on every desk (the losing one shows it). */
export const siteConflictPayloadSchema = z.strictObject({
  eventId: z.uuid(),
  workstation: z.string(),
  actorId: z.string(),
  step: z.enum(['take', 'finish', 'validate', 'appointment', 'callback', 'field']),
  reason: z.string(),
  winner: z
    .strictObject({ actorId: z.string(), actorRole: z.string(), name: z.string().nullable(), at: z.string() })
    .nullable(),
});
export type SiteConflictPayload = z.infer<typeof siteConflictPayloadSchema>;
