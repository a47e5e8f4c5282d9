import { z } from 'zod';
import { replaceControls } from '../../../shared/api/controlCharacters';
import { checkJsonBounds } from '../../../shared/domain/hub/jsonGuard';
import { parseHubDateTime } from '../../../shared/domain/hub/hubTime';
import { kindOfPayloadKey, PAYLOAD_KEY, type HubMessageKind } from './messageKinds';
import { createSchemaValidator, type SchemaValidator } from './schemaValidator';

/**
 * Reading what arrives from the Hub, trusting nothing (issue 18): the size and nesting depth are
 * bounded before parsing, the bytes must be UTF-8, the whole message must validate against the
 * official schemas (checked here, not assumed from the Hub), the RC-DE header must agree with
 * the envelope, and bounded zod schemas then read the parts Plateau relies on.
 */
const text = (max: number) => z.string().max(max);
const hubDateTime = z.string().refine((v) => !Number.isNaN(parseHubDateTime(v)), 'not a Hub date-time (YYYY-MM-DDThh:mm:ss±hh:mm)');

const envelopeSchema = z.object({
  distributionID: text(300).min(3),
  senderID: text(100).min(1),
  dateTimeSent: hubDateTime,
  dateTimeExpires: hubDateTime,
  distributionStatus: z.enum(['Actual', 'Exercise']),
  distributionKind: z.enum(['Report', 'Update', 'Cancel', 'Ack', 'Error']),
  descriptor: z.object({ language: text(20), explicitAddress: z.object({ explicitAddressScheme: text(50), explicitAddressValue: text(100) }) }),
  content: z.array(z.object({ jsonContent: z.object({ embeddedJsonContent: z.object({ message: z.record(z.string(), z.unknown()) }) }) })).min(1).max(1),
});

const coded = z.object({ code: text(20), label: text(500) });
const contact = z.object({ channel: text(40), type: text(20), detail: text(200) });
const detailedName = z.object({ complete: text(300), lastName: text(150).optional(), firstName: text(150).optional() });
const operator = z.object({ role: text(40), label: text(200).optional() });

const patientSchema = z.object({
  patientId: text(300),
  administrativeFile: z.object({ externalId: z.array(z.object({ source: text(20), value: text(100) })).max(10).optional() }).optional(),
  identity: z
    .object({
      strictFeatures: z.object({ birthDate: text(10).optional(), sex: text(2).optional() }).optional(),
      nonStrictFeatures: detailedName.optional(),
    })
    .optional(),
  detail: z.object({ weight: z.number().min(0).max(1000).optional(), age: z.string().regex(/^P[0-9]{1,3}[YMWD]$/).optional() }).optional(),
});

const noteSchema = z.object({ medicalNoteId: text(300), patientId: text(300).optional(), operator, creation: hubDateTime.optional(), freetext: text(20_000) });
const detailsSchema = z.object({ status: text(20).optional(), attribution: text(40).optional(), priority: z.enum(['P0', 'P1', 'P2', 'P3', 'NR']).optional(), careLevel: text(4).optional() });

export const createCaseHealthSchema = z.object({
  caseId: z.string().regex(/^([a-zA-Z0-9_-]+\.?){4,10}$/).max(200),
  senderCaseId: text(100).optional(),
  creation: hubDateTime,
  perimeter: z.enum(['AMU', 'NEONAT', 'PSY', 'SNP']).optional(),
  owner: text(100),
  qualification: z.object({
    origin: text(20).optional(),
    whatsHappen: coded.optional(),
    locationKind: coded.optional(),
    healthMotive: coded.optional(),
    details: detailsSchema.optional(),
  }),
  location: z.object({
    detailedAddress: z.object({ complete: text(500), number: text(20).optional(), wayName: z.object({ complete: text(300) }).optional() }).optional(),
    city: z.object({ name: text(200).optional(), inseeCode: text(5).optional() }).optional(),
    access: z.object({ floor: text(50).optional(), interphone: text(100).optional(), accessCode: z.array(text(50)).max(10).optional() }).optional(),
    geometry: z.object({ point: z.object({ coord: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), precision: text(20) }), isAml: z.boolean().optional() }).optional() }).optional(),
    freetext: text(2000).optional(),
  }),
  initialAlert: z
    .object({
      notes: z.array(z.object({ freetext: text(5000).optional() })).max(50).optional(),
      caller: z.object({ callerContact: contact, callbackContact: contact.optional(), type: text(40).optional(), language: text(5).optional(), communication: text(20).optional(), detailedName: detailedName.optional() }),
    })
    .optional(),
  patient: z.array(patientSchema).max(50).optional(),
  medicalNote: z.array(noteSchema).max(500).optional(),
  additionalInformation: z.object({ customMap: z.array(z.object({ key: text(100), value: text(2000) })).max(3).optional() }).optional(),
});
export type CreateCaseHealth = z.infer<typeof createCaseHealthSchema>;

export const createCaseHealthUpdateSchema = z.object({
  caseId: createCaseHealthSchema.shape.caseId,
  perimeter: z.enum(['AMU', 'NEONAT', 'PSY', 'SNP']).optional(),
  qualification: z.object({ details: detailsSchema.optional() }).optional(),
  patient: z.array(patientSchema).max(50).optional(),
  medicalNote: z.array(noteSchema).max(500).optional(),
  freetext: text(20_000).optional(),
  additionalInformation: createCaseHealthSchema.shape.additionalInformation,
});
export type CreateCaseHealthUpdate = z.infer<typeof createCaseHealthUpdateSchema>;

export const referenceSchema = z.object({ distributionID: text(300), refused: z.boolean().optional(), errorDistributionID: text(300).optional(), step: text(20).optional() });
export const errorSchema = z.object({ errorCode: z.object({ statusCode: z.number(), statusString: text(100) }), errorCause: text(10_000), referencedDistributionID: text(300) });
export const appointmentSchema = z.object({
  appointmentId: text(200).min(1),
  method: z.enum(['CreateAppointment', 'UpdateAppointment']),
  created: hubDateTime,
  start: hubDateTime,
  end: hubDateTime.optional(),
  status: z.enum(['pending', 'booked', 'fulfilled', 'noshow', 'cancelled']),
  orientationCategory: text(10).optional(),
  practitioner: z.object({ rppsId: text(20), lastName: text(150), firstName: text(150), specialityCode: text(20).optional() }).optional(),
  organization: z.object({ organizationId: text(100), name: text(300) }).optional(),
  regulator: z.object({ regulatorId: text(100).optional(), regulatorName: text(150), regulatorFirstname: text(150), regulatorEmail: text(300) }),
});
export type Appointment = z.infer<typeof appointmentSchema>;

const PAYLOAD_SCHEMAS = {
  'RS-EDA': createCaseHealthSchema,
  'RS-EDA-MAJ': createCaseHealthUpdateSchema,
  'RC-REF': referenceSchema,
  'RS-ERROR': errorSchema,
  'RS-SAS-RDV': appointmentSchema,
} as const;

export interface InboundEnvelope {
  distributionId: string;
  senderId: string;
  recipientId: string;
  sentAtMs: number;
  expiresAtMs: number;
  distributionKind: string;
}

export type ParseStage = 'bounds' | 'encoding' | 'json' | 'envelope' | 'payload';

export type ParsedInbound =
  | { ok: true; envelope: InboundEnvelope; kind: HubMessageKind; payload: unknown; raw: unknown }
  | { ok: false; stage: ParseStage; problem: string; raw?: unknown; envelope?: InboundEnvelope; senderId?: string; distributionId?: string; distributionKind?: string };

let officialValidator: SchemaValidator | null = null;
/** The validator built from the bundled official schemas, once per process. */
export function officialSchemaValidator(): SchemaValidator {
  officialValidator ??= createSchemaValidator();
  return officialValidator;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const READ_KEYS = new Set(Object.values(PAYLOAD_KEY));

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`)
    .join('; ');
}

/**
 * What a message that cannot be parsed claims to be, read from its first 4 KB by a bounded
 * pattern (the envelope's ids come first): enough to keep it with its claimed sender and to
 * answer that sender, without parsing or walking the rest.
 */
function scannedClaims(body: Uint8Array): { senderId?: string; distributionId?: string; distributionKind?: string } {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 4096)).toString('utf8');
  const grab = (name: string, max: number) => new RegExp(`"${name}"\\s*:\\s*"([^"\\\\]{1,${max}})"`).exec(head)?.[1];
  const senderId = grab('senderID', 100);
  const distributionId = grab('distributionID', 300);
  const distributionKind = grab('distributionKind', 40);
  return { ...(senderId ? { senderId } : {}), ...(distributionId ? { distributionId } : {}), ...(distributionKind ? { distributionKind } : {}) };
}

/**
 * `validator` null skips the official schemas (the benchmark's baseline only; every caller in
 * the app passes the official one or leaves the default).
 */
export function parseInbound(body: Uint8Array, validator: SchemaValidator | null = officialSchemaValidator()): ParsedInbound {
  const bounds = checkJsonBounds(body);
  if (!bounds.ok) return { ok: false, stage: 'bounds', problem: bounds.problem, ...scannedClaims(body) };
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    return { ok: false, stage: 'encoding', problem: 'not UTF-8: the bytes were kept as received', ...scannedClaims(body) };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, stage: 'json', problem: `not JSON: ${(error as Error).message.slice(0, 200)}`, ...scannedClaims(body) };
  }
  const loose = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const claimed = {
    ...(typeof loose.senderID === 'string' ? { senderId: loose.senderID.slice(0, 100) } : {}),
    ...(typeof loose.distributionID === 'string' ? { distributionId: loose.distributionID.slice(0, 300) } : {}),
    ...(typeof loose.distributionKind === 'string' ? { distributionKind: loose.distributionKind.slice(0, 40) } : {}),
  };
  const head = envelopeSchema.safeParse(raw);
  if (!head.success) return { ok: false, stage: 'envelope', problem: `envelope: ${describe(head.error)}`, raw, ...claimed };
  const e = head.data;
  const envelope: InboundEnvelope = {
    distributionId: e.distributionID,
    senderId: e.senderID,
    recipientId: e.descriptor.explicitAddress.explicitAddressValue,
    sentAtMs: parseHubDateTime(e.dateTimeSent),
    expiresAtMs: parseHubDateTime(e.dateTimeExpires),
    distributionKind: e.distributionKind,
  };
  // The envelope is kept as it came (the inbox records what it claims; the supervisor sees it). The
  // message read from it has a partner's invisible characters (a NUL, half an emoji) shown as
  // U+FFFD, not refused: a case must not be lost for a character nobody reads, and the room's log
  // (PostgreSQL jsonb) cannot hold them. An id carrying one still fails its pattern and is refused.
  const message = replaceControls(e.content[0]!.jsonContent.embeddedJsonContent.message) as typeof e.content[0]['jsonContent']['embeddedJsonContent']['message'];
  // Two payloads in one message match two branches of the official oneOf: refused, as the Hub would.
  const official = validator?.officialPayloadKeys ?? READ_KEYS;
  const present = Object.keys(message).filter((k) => official.has(k) || READ_KEYS.has(k));
  const keys = present.filter((k) => kindOfPayloadKey(k) !== null);
  if (present.length !== 1 || keys.length !== 1) {
    const problem = present.length === 1 ? `payload ${present[0]} is not one Plateau reads` : `expected one known payload (createCaseHealth, createCaseHealthUpdate, reference, error, appointment), found ${present.length}`;
    return { ok: false, stage: 'payload', problem, raw, envelope, ...claimed };
  }
  const kind = kindOfPayloadKey(keys[0]!)!;
  if (validator) {
    const invalid = validator.validate(raw, keys[0]!);
    if (invalid) {
      // Where the first problem lies: inside the payload, or in the envelope and its header.
      const stage = invalid.includes(`/message/${keys[0]}`) ? 'payload' : 'envelope';
      return { ok: false, stage, problem: `official schema: ${invalid}`, raw, envelope, ...claimed };
    }
  }
  // The RC-DE header repeats the envelope for the recipient's software: they must agree.
  if ('kind' in message && message.kind !== e.distributionKind) return { ok: false, stage: 'envelope', problem: `RC-DE kind ${String(message.kind).slice(0, 40)} differs from distributionKind ${e.distributionKind}`, raw, envelope, ...claimed };
  if ('status' in message && message.status !== e.distributionStatus) return { ok: false, stage: 'envelope', problem: `RC-DE status ${String(message.status).slice(0, 40)} differs from distributionStatus ${e.distributionStatus}`, raw, envelope, ...claimed };
  const payload = PAYLOAD_SCHEMAS[kind].safeParse(message[keys[0]!]);
  if (!payload.success) return { ok: false, stage: 'payload', problem: `${keys[0]}: ${describe(payload.error)}`, raw, envelope, ...claimed };
  return { ok: true, envelope, kind, payload: payload.data, raw };
}
