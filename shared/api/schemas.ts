import { LANGUAGES } from '../i18n';
import { z } from 'zod';
import { isOfficialCode, type CodeOf, type HubSanteList } from '../domain/codes';
import { APPOINTMENT_CATEGORIES, APPOINTMENT_STATUSES } from '../domain/appointment';
import { ATTEMPT_OUTCOMES, CALLBACK_KINDS } from '../domain/callbacks';
import { DOSSIER_KINDS, DOSSIER_STATES, ORIGINS } from '../domain/dossier';
import { ROLES } from '../domain/roles';
import { PRIORITIES } from '../domain/priority';
import { QUEUES, type QueueId } from '../domain/routing';
import { COMMUNE_NAME_MAX, MANUAL_DESCRIPTION_MAX } from '../domain/manualLocation';

/**
 * Request schemas are strict (an unknown field is refused, `__proto__` included) and every
 * string is bounded, so a hostile or buggy renderer cannot push megabytes into the journal.
 */
const id = z.uuid();
const isoInstant = z.iso.datetime({ offset: true });

export const priority = z.enum(PRIORITIES);
export const queueId = z.enum(Object.keys(QUEUES) as [QueueId, ...QueueId[]]);

/** A value of one official Hub Santé code list. */
function code<L extends HubSanteList>(list: L) {
  return z.custom<CodeOf<L>>((value) => typeof value === 'string' && value.length <= 40 && isOfficialCode(list, value), { message: `not a code of HubSante.${list}` });
}

const shortText = (max: number) => z.string().trim().max(max);

export const callerDetailsSchema = z.strictObject({
  callbackPhone: z.string().nullable(),
  name: z.string().nullable(),
  type: code('typeAppelant').nullable(),
  language: code('langue').nullable(),
  communication: code('communication').nullable(),
});

export const patientSchema = z.strictObject({
  id,
  lastName: z.string().nullable(),
  firstName: z.string().nullable(),
  sex: code('sexe').nullable(),
  birthDate: z.string().nullable(),
  ageYears: z.number().int().nullable(),
  weightKg: z.number().nullable(),
  ins: z.string().nullable(),
  identityQualified: z.boolean(),
});

export const qualificationSchema = z.strictObject({
  motif: code('motif').nullable(),
  fait: code('fait').nullable(),
  lieu: code('lieu').nullable(),
  filiere: code('filiere').nullable(),
  attribution: code('attribution').nullable(),
});

export const addressCandidateSchema = z.strictObject({
  label: z.string(),
  houseNumber: z.string().nullable(),
  street: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string(),
  inseeCode: z.string(),
  lat: z.number(),
  lon: z.number(),
  precision: code('precision'),
});

const locationAccess = {
  floor: z.string().nullable(),
  doorCode: z.string().nullable(),
  intercom: z.string().nullable(),
  accessDetails: z.string().nullable(),
};

export const locatedAddressSchema = addressCandidateSchema.extend({
  source: z.enum(['BAN', 'OFFLINE', 'MANUAL', 'AML']),
  ...locationAccess,
});

export const manualCommuneSchema = z.strictObject({
  name: z.string().max(COMMUNE_NAME_MAX),
  inseeCode: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/).nullable(),
  postcode: z.string().max(10).nullable(),
  listed: z.boolean(),
});

/** A place no index knows, entered by hand (issue 13 item 9): never verified, and said so. */
export const unverifiedLocationSchema = z.strictObject({
  source: z.literal('UNVERIFIED'),
  label: z.string().max(MANUAL_DESCRIPTION_MAX + COMMUNE_NAME_MAX + 20),
  description: z.string().max(MANUAL_DESCRIPTION_MAX),
  commune: manualCommuneSchema,
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  ...locationAccess,
});

/** Located by an index (or the caller's phone), or entered by hand and unverified. */
export const locationSchema = z.discriminatedUnion('source', [locatedAddressSchema, unverifiedLocationSchema]);

/** How the author of a decision was authenticated (issue 17): PSC with its level, or the local password. */
export const authenticationProofSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('psc'), acr: z.string().max(100), at: isoInstant }),
  z.strictObject({ method: z.literal('password'), at: isoInstant }),
]);

export const noteSchema = z.strictObject({ id, text: z.string(), at: isoInstant, authorId: z.string(), authorRole: z.string(), afterValidation: z.boolean() });

export const decisionSchema = z.strictObject({
  id,
  type: code('typeDecision'),
  careLevel: code('niveauSoin'),
  adviceText: z.string().nullable(),
  prescriptionText: z.string().nullable(),
  resourceType: code('typeRessource').nullable(),
  orientationType: code('typeOrientation').nullable(),
  transport: z.boolean().nullable(),
  destination: z.string().nullable(),
  reason: z.string().nullable(),
  supersedes: id.nullable(),
  at: isoInstant,
  authorId: z.string(),
  authorRole: z.string(),
  /** Null for the decisions signed before authentications were recorded. */
  authentication: authenticationProofSchema.nullable().default(null),
});

export const appointmentSchema = z.strictObject({
  id,
  appointmentId: z.string().nullable(),
  practitioner: z.string(),
  place: z.string(),
  startsAt: isoInstant,
  category: z.enum(APPOINTMENT_CATEGORIES),
  status: z.enum(APPOINTMENT_STATUSES),
  recordedAt: isoInstant,
  authorId: z.string(),
  authorRole: z.string(),
});
export const origin = z.enum(ORIGINS);

export const dossierSchema = z.strictObject({
  id,
  localNumber: z.string(),
  caseId: z.string(),
  kind: z.enum(DOSSIER_KINDS),
  state: z.enum(DOSSIER_STATES),
  origin,
  callerPhone: z.string().nullable(),
  motive: z.string(),
  priority,
  createdAt: isoInstant,
  updatedAt: isoInstant,
  lastSeq: z.number().int().positive(),
  caller: callerDetailsSchema,
  patients: z.array(patientSchema),
  qualification: qualificationSchema,
  location: locationSchema.nullable(),
  notes: z.array(noteSchema),
  linkedDossierIds: z.array(id),
  queue: queueId.nullable(),
  routing: z.enum(['queue', 'accompaniedTransfer', 'deferredCallback']).nullable(),
  callbackDueAt: isoInstant.nullable(),
  regulator: z.strictObject({ id: z.string(), role: z.string(), at: isoInstant }).nullable(),
  decisions: z.array(decisionSchema),
  careLevel: code('niveauSoin').nullable(),
  appointments: z.array(appointmentSchema),
  finishedAt: isoInstant.nullable(),
  validatedAt: isoInstant.nullable(),
  closedAt: isoInstant.nullable(),
  classifiedAt: isoInstant.nullable(),
  hub: z
    .strictObject({
      receivedFrom: z.string().max(100).nullable(),
      sharedWith: z.strictObject({ partner: z.string().max(100), at: isoInstant, by: z.string().max(200), byRole: z.string().max(50) }).nullable().optional(),
      received: z
        .array(
          z.strictObject({
            at: isoInstant,
            from: z.string().max(100),
            distributionId: z.string().max(200),
            field: z.enum(['priority', 'status', 'perimeter', 'freetext', 'location', 'caller', 'attribution']),
            value: z.string().max(10_000),
          }),
        )
        .max(50),
    })
    .nullable(),
});

export const queueEntrySchema = dossierSchema.pick({
  id: true,
  localNumber: true,
  priority: true,
  createdAt: true,
  callerPhone: true,
  motive: true,
  state: true,
  queue: true,
});

export const createDossierRequest = z.strictObject({
  kind: z.enum(DOSSIER_KINDS).default('DRM'),
  origin: origin.default('15'),
  /** As typed by the ARM; normalised to E.164 by the service. Empty = number withheld. */
  callerPhone: z.string().max(40),
  motive: z.string().trim().min(1).max(2000),
  priority: priority.default('P2'),
  /** The call being answered: attached to the new dossier in the same transaction. */
  callId: id.optional(),
});

export const setPriorityRequest = z.strictObject({ dossierId: id, priority });
export const getDossierRequest = z.strictObject({ dossierId: id });
export const emptyRequest = z.strictObject({});

export const updateCallerRequest = z.strictObject({
  dossierId: id,
  /** As typed; normalised to E.164 by the service. Empty clears it. */
  callbackPhone: z.string().max(40).optional(),
  name: shortText(200).optional(),
  type: code('typeAppelant').nullable().optional(),
  language: code('langue').nullable().optional(),
  communication: code('communication').nullable().optional(),
});

export const upsertPatientRequest = z.strictObject({
  dossierId: id,
  /** Absent: a new patient. */
  patientId: id.optional(),
  lastName: shortText(100).nullable().optional(),
  firstName: shortText(100).nullable().optional(),
  sex: code('sexe').nullable().optional(),
  birthDate: z.string().max(10).nullable().optional(),
  ageYears: z.number().int().min(0).max(1000).nullable().optional(),
  weightKg: z.number().min(0.2).max(500).nullable().optional(),
  ins: z.string().max(30).nullable().optional(),
  identityQualified: z.boolean().optional(),
});

export const updateQualificationRequest = z.strictObject({
  dossierId: id,
  motif: code('motif').nullable().optional(),
  fait: code('fait').nullable().optional(),
  lieu: code('lieu').nullable().optional(),
  filiere: code('filiere').nullable().optional(),
  attribution: code('attribution').nullable().optional(),
});

export const setLocationRequest = z.strictObject({
  dossierId: id,
  address: z.strictObject({
    label: shortText(300).min(1),
    houseNumber: shortText(20).nullable(),
    street: shortText(200).nullable(),
    postcode: z.string().max(10).nullable(),
    city: shortText(200).min(1),
    inseeCode: z.string().max(5),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    precision: code('precision'),
  }),
  // AML: re-saving the access details of a position the caller's phone sent keeps its origin.
  source: z.enum(['BAN', 'OFFLINE', 'MANUAL', 'AML']),
  floor: shortText(50).nullable().optional(),
  doorCode: shortText(50).nullable().optional(),
  intercom: shortText(100).nullable().optional(),
  accessDetails: shortText(1000).nullable().optional(),
});

export const addNoteRequest = z.strictObject({ dossierId: id, text: z.string().trim().min(1).max(10_000) });
export const linkDossiersRequest = z.strictObject({ dossierId: id, otherDossierId: id });

/**
 * A manual location (issue 13 item 9). The commune is an INSEE code from the official list, or a
 * name only when the desk has no BAN pack; coordinates are sent as typed (decimal or DMS) and read
 * by the services' rule (shared/domain/manualLocation.ts), so the screen and the journal agree.
 */
export const setManualLocationRequest = z.strictObject({
  dossierId: id,
  commune: z.union([z.strictObject({ inseeCode: z.string().max(5) }), z.strictObject({ name: z.string().max(COMMUNE_NAME_MAX) })]),
  description: z.string().max(MANUAL_DESCRIPTION_MAX),
  coordinates: z.string().max(100).default(''),
  floor: shortText(50).nullable().optional(),
  doorCode: shortText(50).nullable().optional(),
  intercom: shortText(100).nullable().optional(),
  accessDetails: shortText(500).nullable().optional(),
});

export const communeSchema = z.strictObject({ name: z.string(), inseeCode: z.string(), postcode: z.string().nullable(), lat: z.number(), lon: z.number() });

export const communeSearchRequest = z.strictObject({
  query: z.string().trim().min(1).max(100),
  limit: z.number().int().min(1).max(20).default(8),
});

export const communeSearchResponse = z.strictObject({
  /** False: no BAN pack on this desk, so no official list; a commune name is then typed freely (and flagged). */
  listAvailable: z.boolean(),
  communes: z.array(communeSchema),
});

export const addressSearchRequest = z.strictObject({
  query: z.string().trim().min(1).max(200),
  limit: z.number().int().min(1).max(20).default(8),
});

export const addressSearchResponse = z.strictObject({
  source: z.enum(['BAN', 'OFFLINE']),
  degraded: z.enum(['timeout', 'unreachable', 'http', 'garbage', 'notConfigured']).nullable(),
  offlineIndex: z.boolean(),
  results: z.array(addressCandidateSchema),
});

export const searchDossiersRequest = z.strictObject({ text: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).default(50) });
export const searchDossiersResponse = z.strictObject({ entries: z.array(queueEntrySchema) });

export const callerHistoryRequest = z.strictObject({
  phone: z.string().max(40).optional(),
  lastName: shortText(100).optional(),
  firstName: shortText(100).optional(),
  birthDate: z.string().max(10).optional(),
});

export const callerHistoryResponse = z.strictObject({
  byPhone: z.array(queueEntrySchema),
  byPatient: z.array(queueEntrySchema),
});

export const queueListRequest = z.strictObject({ queue: queueId.optional() });
export const queueListResponse = z.strictObject({ entries: z.array(queueEntrySchema) });
export const routeDossierRequest = z.strictObject({ dossierId: id, queue: queueId.optional() });

export const journalStatusSchema = z.strictObject({
  path: z.string(),
  events: z.number().int().nonnegative(),
  lastSeq: z.number().int().nonnegative(),
  chainValid: z.boolean(),
  /** First seq where the chain breaks, when it does. */
  brokenAt: z.number().int().positive().nullable(),
  problem: z.string().nullable(),
  /** False while the first walk of a large journal is still under way (it goes in slices). */
  chainComplete: z.boolean(),
  pendingOutbox: z.number().int().nonnegative(),
  /** `pendingOutbox` is counted up to this: equal to it means "this many or more". */
  pendingOutboxCap: z.number().int().positive(),
});

export const workstationInfoSchema = z.strictObject({
  siteCode: z.string(),
  siteName: z.string(),
  departement: z.string(),
  workstationId: z.string(),
  timeZone: z.string(),
  /** Waiting time after which a queue entry escalates, per priority (minutes). */
  queueLimitsMinutes: z.record(priority, z.number()),
  /** Idle time after which the session locks by itself. */
  autoLockMinutes: z.number().int().positive(),
  /** The SAS platform's search page (INT_L01), if this workstation has one configured. */
  sasSearch: z.strictObject({ baseUrl: z.string().max(500), origin: z.string().max(100) }).nullable().optional(),
  /** How IT creates the first account on this workstation (the packaged app's flag, or the npm script). */
  firstAdminCommand: z.string().max(1000).optional(),
  /** The language the screens start in: the operators' last choice here, else the configured one (always sent; optional for older test doubles). */
  language: z.enum(LANGUAGES).optional(),
  /** The workstation configuration's `language`. */
  configuredLanguage: z.enum(LANGUAGES).optional(),
});
export const setLanguageRequest = z.strictObject({ language: z.enum(LANGUAGES) });
export const setLanguageResponse = z.strictObject({ language: z.enum(LANGUAGES) });

export const dossierChangedEvent = z.strictObject({ dossierId: id, seq: z.number().int().positive() });
/**
 * Many dossiers changed at once (a page of the room's log applied during a catch-up): one notice
 * instead of one `dossier:changed` each, so a desk coming back does not storm its screens; every
 * view showing dossiers reads them again.
 */
export const dossiersChangedEvent = z.strictObject({ count: z.number().int().positive(), seq: z.number().int().nonnegative() });
/** A dossier waited past a threshold of its branch × priority (journaled once): the desks of that branch and the supervisor are alerted. */
export const queueEscalatedEvent = z.strictObject({
  dossierId: id,
  localNumber: z.string().max(40),
  queue: queueId,
  priority,
  thresholdMinutes: z.number().int().min(0),
  waitedMinutes: z.number().int().min(0),
  seq: z.number().int().positive(),
});
/** The callback list changed: a lost call, a request, an attempt, an escalation. */
export const callbackChangedEvent = z.strictObject({ callbackId: id, seq: z.number().int().positive() });

// ── Operators and sessions ───────────────────────────────────────────────────────────────

export const role = z.enum(ROLES);
const login = z.string().trim().min(2).max(64).regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, dot, dash or underscore');
/** Bounded so that a hostile caller cannot make scrypt hash megabytes. */
const password = z.string().min(1).max(256);

export const operatorSchema = z.strictObject({
  id,
  login: z.string(),
  displayName: z.string(),
  role,
  rpps: z.string().nullable(),
  active: z.boolean(),
  pscBoundAt: isoInstant.nullable().optional(),
});

export const sessionSchema = z.strictObject({
  operator: operatorSchema,
  openedAt: isoInstant,
  locked: z.boolean(),
  /** How the operator proved who they are; a PSC session says when it ends. */
  authentication: z.discriminatedUnion('method', [
    z.strictObject({ method: z.literal('psc'), acr: z.string().max(100), at: isoInstant, expiresAt: isoInstant.optional() }),
    z.strictObject({ method: z.literal('password'), at: isoInstant }),
  ]).optional(),
});

export const authStatusSchema = z.strictObject({
  session: sessionSchema.nullable(),
  hasOperators: z.boolean(),
  /** Pro Santé Connect is configured on this workstation (the screens then offer it). */
  psc: z.strictObject({ available: z.boolean(), requiredForDecisions: z.boolean() }).optional(),
});
/** A PSC sign-in: with a password, the first one binds the account; without, the RPPS (or the locked session) says who. */
export const pscStartRequest = z.strictObject({ login: z.string().trim().max(64).optional(), password: password.optional() });
export const pscStartResponse = z.strictObject({ attemptId: id, authorizationUrl: z.url({ protocol: /^https?$/ }).max(4000), expiresAt: isoInstant });
export const pscAttemptRequest = z.strictObject({ attemptId: id });
export const pscCancelResponse = z.strictObject({ cancelled: z.boolean() });
/** IT sets the PSC client's credential; it goes to the OS secret store, never to the journal or a file in clear. */
export const pscCredentialRequest = z.strictObject({ kind: z.enum(['clientSecret', 'privateKey']), value: z.string().min(8).max(8000) });
export const pscCredentialResponse = z.strictObject({ stored: z.literal(true) });
export const loginRequest = z.strictObject({ login: z.string().trim().min(1).max(64), password });
export const unlockRequest = z.strictObject({ password });

export const createOperatorRequest = z.strictObject({
  login,
  displayName: shortText(200).min(1),
  role,
  password: z.string().min(8).max(256),
  rpps: z.string().max(20).nullable().optional(),
});
export const operatorListResponse = z.strictObject({ operators: z.array(operatorSchema) });
/** Who wrote what: the names shown beside notes and decisions, for any signed-in operator (no login, no state). */
export const operatorNamesResponse = z.strictObject({ operators: z.array(operatorSchema.pick({ id: true, displayName: true, role: true })) });
export const deactivateOperatorRequest = z.strictObject({ operatorId: id });
export const resetPasswordRequest = z.strictObject({ operatorId: id, password: z.string().min(8).max(256) });

// ── Medical regulation ───────────────────────────────────────────────────────────────────

export const takeDossierRequest = z.strictObject({ dossierId: id.optional(), queue: queueId.optional() });

/** Every type's fields are optional here: which ones a type needs is a domain rule (decision.ts). */
export const addDecisionRequest = z.strictObject({
  dossierId: id,
  type: code('typeDecision'),
  careLevel: code('niveauSoin'),
  adviceText: shortText(10_000).nullable().optional(),
  prescriptionText: shortText(10_000).nullable().optional(),
  resourceType: code('typeRessource').nullable().optional(),
  orientationType: code('typeOrientation').nullable().optional(),
  transport: z.boolean().nullable().optional(),
  destination: shortText(300).nullable().optional(),
  reason: shortText(2000).nullable().optional(),
  supersedes: id.nullable().optional(),
});

export const dossierReportResponse = z.strictObject({ html: z.string(), chainValid: z.boolean() });
/** The report saved as a PDF where the user chose (Electron only); path null: the user cancelled. */
export const reportPdfResponse = z.strictObject({ path: z.string().nullable() });

export const recordAppointmentRequest = z.strictObject({
  dossierId: id,
  practitioner: shortText(200).min(1),
  place: shortText(300).min(1),
  startsAt: isoInstant,
  category: z.enum(APPOINTMENT_CATEGORIES),
  appointmentId: z.string().trim().min(1).max(100).nullable().optional(),
});

export const osnpEntrySchema = z.strictObject({
  dossierId: id,
  localNumber: z.string(),
  callerPhone: z.string().nullable(),
  /** The first patient's name, to match an appointment the SAS platform pushed. */
  patientName: z.string().nullable(),
  motive: z.string(),
  createdAt: isoInstant,
  deadline: isoInstant,
  late: z.boolean(),
});
/** An appointment recorded beyond the 48 h window (DOMAIN §6): kept, and shown "hors délai 48 h". */
export const osnpBeyondSchema = z.strictObject({
  dossierId: id,
  localNumber: z.string(),
  motive: z.string(),
  practitioner: z.string(),
  startsAt: isoInstant,
  deadline: isoInstant,
});
export const osnpListResponse = z.strictObject({ entries: z.array(osnpEntrySchema), beyondPromise: z.array(osnpBeyondSchema) });

export const callbackAttemptSchema = z.strictObject({ at: isoInstant, outcome: z.enum(ATTEMPT_OUTCOMES), note: z.string().nullable(), authorId: z.string(), authorRole: z.string() });
export const callbackSchema = z.strictObject({
  id,
  kind: z.enum(CALLBACK_KINDS),
  dossierId: id.nullable(),
  phone: z.string().nullable(),
  callId: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: isoInstant,
  dueAt: isoInstant.nullable(),
  attempts: z.array(callbackAttemptSchema),
  escalatedAt: isoInstant.nullable(),
  doneAt: isoInstant.nullable(),
  /** In a room: who is calling back now. */
  claim: z.strictObject({ actorId: z.string(), actorRole: z.string(), at: isoInstant }).nullable().optional(),
  late: z.boolean(),
  ageMinutes: z.number().int().nonnegative(),
});
export const callbackListRequest = z.strictObject({ includeDone: z.boolean().default(false) });
export const callbackListResponse = z.strictObject({ entries: z.array(callbackSchema) });
export const claimCallbackRequest = z.strictObject({ callbackId: id });
export const recordAttemptRequest = z.strictObject({ callbackId: id, outcome: z.enum(ATTEMPT_OUTCOMES), note: shortText(2000).nullable().optional() });
export const requestCallbackRequest = z.strictObject({
  dossierId: id,
  /** As typed; empty or absent: the dossier's callback number, else the number presented. */
  phone: z.string().max(40).optional(),
  dueAt: isoInstant.nullable().optional(),
  reason: shortText(500).nullable().optional(),
});

/** Hub Santé synchronisation, for the banner: connected or not, since when, what still waits. */
/** Why the Hub link cannot be tried at all (the renderer translates them: hub.fault.*). */
export const HUB_FAULTS = ['certificateUnreadable', 'certificateInvalid', 'passphrase'] as const;

export const syncStatusSchema = z.strictObject({
  configured: z.boolean(),
  clientId: z.string().max(100).nullable(),
  connected: z.boolean(),
  since: isoInstant.nullable(),
  lastError: z.string().max(500).nullable(),
  waiting: z.number().int().nonnegative(),
  oldestWaitingAt: isoInstant.nullable(),
  /** Dossiers no configured partner takes (no perimeter yet, or none configured for it). */
  notRouted: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  expired: z.number().int().nonnegative(),
  rejectedInbound: z.number().int().nonnegative(),
  /** The link cannot be tried: its key material is missing, unreadable, corrupt, or the pass phrase is wrong (hub.fault.*). */
  fault: z.strictObject({ reason: z.enum(HUB_FAULTS), detail: z.string().max(500) }).nullable(),
  /**
   * In a room (ROOM.md §5) the site is the Hub client: the link and counts above are the site's as
   * it last said them, and `waiting` adds this desk's own messages not yet at the site. null on a
   * standalone desk (its own client).
   */
  room: z
    .strictObject({
      /** The site's word is not current (the site is away, or has stopped saying): shown as unknown since `unknownSince`. */
      stale: z.boolean(),
      unknownSince: isoInstant.nullable(),
      /** The link as last heard (`connected` is false while stale: nobody may read it as current). */
      lastConnected: z.boolean(),
      /** When this desk last heard the site's Hub state; null: not since start. */
      heardAt: isoInstant.nullable(),
      /** The site instance holding the Hub lease; null: none. */
      holder: z.string().max(200).nullable(),
      /** This desk's messages not yet at the site. */
      toSite: z.number().int().nonnegative(),
      /** Messages the site holds that the Hub has not acknowledged yet (as last heard). */
      atSite: z.number().int().nonnegative(),
      /** The link to the site now: the words differ for a site away and a site that stopped saying. */
      siteLink: z.enum(['connecting', 'online', 'offline']),
      /** Whether the site has a Hub section, as it last said; null: not heard since start. */
      siteHasHub: z.boolean().nullable(),
    })
    .nullable(),
});
export const setHubPassphraseRequest = z.strictObject({ passphrase: z.string().min(1).max(1024) });

export const hubInboxProblemsRequest = z.strictObject({ limit: z.number().int().min(1).max(500).default(100) });
export const hubInboxProblemsResponse = z.strictObject({
  total: z.number().int().nonnegative(),
  messages: z.array(
    z.strictObject({
      id: z.number().int().positive(),
      receivedAt: isoInstant,
      queue: z.string().max(20),
      senderId: z.string().max(100).nullable(),
      distributionId: z.string().max(300).nullable(),
      kind: z.string().max(20).nullable(),
      problem: z.string().max(5000),
      errorCode: z.number().int().nullable(),
      excerpt: z.string().max(2000),
    }),
  ),
});

export const sasAppointmentsResponse = z.strictObject({
  entries: z.array(
    z.strictObject({
      appointmentId: z.string().max(200),
      status: z.enum(['pending', 'booked', 'fulfilled', 'noshow', 'cancelled']),
      start: isoInstant,
      end: isoInstant.nullable(),
      practitioner: z.string().max(400).nullable(),
      /** When the platform booked it (the RS-SAS-RDV's created). */
      bookedAt: isoInstant,
      updatedAt: isoInstant,
    }),
  ),
  /** In a room the list is the site's: whether it answered (the site away, the list may be incomplete). null on a standalone desk. */
  room: z.strictObject({ siteAnswered: z.boolean() }).nullable(),
});
export const attachAppointmentRequest = z.strictObject({ appointmentId: z.string().min(1).max(200), dossierId: id });
export const attachAppointmentResponse = z.strictObject({ attached: z.boolean() });

/** One dossier's Hub Santé messages, oldest first: "transmis" only once the receipt (RC-REF) came. */
export const dossierTransmissionsResponse = z.strictObject({
  transmissions: z.array(
    z.strictObject({
      /** The event's seq on this desk; in a room, the site log's position for what the site holds. */
      seq: z.number().int().positive(),
      kind: z.string().max(40),
      /** AWAITING_SITE: in a room, written here and not yet at the site (which sends the room's messages). */
      state: z.enum(['NEW', 'SENT', 'ACKED', 'FAILED', 'EXPIRED', 'AWAITING_SITE']),
      recipient: z.string().max(100).nullable(),
      attempts: z.number().int().nonnegative(),
      createdAt: isoInstant,
      sentAt: isoInstant.nullable(),
      ackedAt: isoInstant.nullable(),
      errorCode: z.number().int().nullable(),
      errorText: z.string().max(2000).nullable(),
    }),
  ),
  /**
   * In a room, the site's sends and receipts with this desk's own messages not yet at the site;
   * `siteAnswered` false: the site could not be asked now (away), only this desk's part is shown.
   * null on a standalone desk.
   */
  room: z.strictObject({ siteAnswered: z.boolean() }).nullable(),
});

/** "Partager avec…": a person chooses the partner; the preview shows what will leave. */
export const shareDossierRequest = z.strictObject({ dossierId: id, partner: z.string().min(1).max(100) });
export const sharePreviewResponse = z.strictObject({
  partners: z.array(z.strictObject({ clientId: z.string().max(100), filieres: z.array(z.string().max(20)), suggested: z.boolean() })),
  sharedWith: z.string().max(100).nullable(),
  receivedFrom: z.string().max(100).nullable(),
  fields: z.array(z.string().max(40)),
  neverShared: z.array(z.string().max(40)),
  message: z.record(z.string(), z.unknown()),
});
