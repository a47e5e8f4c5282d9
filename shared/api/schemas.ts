import { z } from 'zod';
import { isOfficialCode, type CodeOf, type HubSanteList } from '../domain/codes';
import { DOSSIER_KINDS, DOSSIER_STATES, ORIGINS } from '../domain/dossier';
import { PRIORITIES } from '../domain/priority';
import { QUEUES, type QueueId } from '../domain/routing';

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

export const locationSchema = addressCandidateSchema.extend({
  source: z.enum(['BAN', 'OFFLINE', 'MANUAL']),
  floor: z.string().nullable(),
  doorCode: z.string().nullable(),
  intercom: z.string().nullable(),
  accessDetails: z.string().nullable(),
});

export const noteSchema = z.strictObject({ id, text: z.string(), at: isoInstant, authorId: z.string(), authorRole: z.string() });
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
  hub: z
    .strictObject({
      receivedFrom: z.string().max(100).nullable(),
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
  source: z.enum(['BAN', 'OFFLINE', 'MANUAL']),
  floor: shortText(50).nullable().optional(),
  doorCode: shortText(50).nullable().optional(),
  intercom: shortText(100).nullable().optional(),
  accessDetails: shortText(1000).nullable().optional(),
});

export const addNoteRequest = z.strictObject({ dossierId: id, text: z.string().trim().min(1).max(10_000) });
export const linkDossiersRequest = z.strictObject({ dossierId: id, otherDossierId: id });

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
  pendingOutbox: z.number().int().nonnegative(),
});

export const workstationInfoSchema = z.strictObject({
  siteCode: z.string(),
  siteName: z.string(),
  departement: z.string(),
  workstationId: z.string(),
  timeZone: z.string(),
  /** Waiting time after which a queue entry escalates, per priority (minutes). */
  queueLimitsMinutes: z.record(priority, z.number()),
});

export const dossierChangedEvent = z.strictObject({ dossierId: id, seq: z.number().int().positive() });

/** Hub Santé synchronisation, for the banner: connected or not, since when, what still waits. */
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
});

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
      updatedAt: isoInstant,
    }),
  ),
});
export const attachAppointmentRequest = z.strictObject({ appointmentId: z.string().min(1).max(200), dossierId: id });
export const attachAppointmentResponse = z.strictObject({ attached: z.boolean() });
