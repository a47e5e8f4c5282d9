import { v4 as uuidv4 } from 'uuid';
import { buildEnvelope } from '../../../electron/services/hub/edxlEnvelope';
import { HUB_ERROR, type HubMessageKind } from '../../../electron/services/hub/messageKinds';
import { readHandoutJson } from '../hubHandout';

/**
 * Adversarial inputs for the Hub Santé inbox (issue 18), each with what must come of it. The
 * first group re-creates, on a partner's route to us, the kinds of failure the official
 * repository's failing samples (ansforge/SAMU-Hub-Modeles `src/main/resources/sample/failing/`:
 * completely-missing-RC-DE, error-in-RC-DE, unknown-property-at-root, unknown-property-deep,
 * too-many-schemas, no-schemas, incorrect-date-format, invalid-type, missing-required-fields…)
 * illustrate, applied to the handout's own valid messages; the rest are the defects of the issue
 * and their variations. Built from the handout at run time: nothing here is hand-typed JSON of a
 * whole message.
 */
type Obj = Record<string, unknown>;
export type Queue = 'message' | 'ack' | 'info';

export const US = 'fr.health.samu690';
export const PARTNER = 'fr.health.samu440';
export const STRANGER = 'fr.health.samu999';
export const SAS = 'fr.health.ptfsas';

export interface CorpusCase {
  name: string;
  queue: Queue;
  body: Buffer;
  /** Inbox row and answer expected. */
  state: 'APPLIED' | 'PENDING' | 'REJECTED';
  errorCode: number | null;
  /** RS-ERROR / RC-REF back to the sender, or nothing. */
  answer: 'RS-ERROR' | 'RC-REF' | null;
  /**
   * Whether the sender was authenticated (valid message, entitled sender): only those count for
   * duplicates by (sender, distributionID). Default false.
   */
  proven?: boolean;
  /** The ids stored with it (as claimed). */
  senderId?: string | null;
  distributionId?: string | null;
}

export const messageOf = (envelope: Obj) => (envelope.content as Array<{ jsonContent: { embeddedJsonContent: { message: Obj } } }>)[0]!.jsonContent.embeddedJsonContent.message;

/** The handout's RS-EDA, re-addressed as a case from `from` to us, with a fresh caseId. */
export function partnerCase(from = PARTNER, caseNumber = String(Math.floor(Math.random() * 1e9)).padStart(9, '0')): Obj {
  const c = structuredClone(messageOf(readHandoutJson('envelope-examples', 'RS-EDA-in-envelope.json') as Obj).createCaseHealth as Obj);
  return { ...c, caseId: `${from}.DRFR15440${caseNumber}`, senderCaseId: `DRFR15440${caseNumber}`, owner: from, medicalNote: [] };
}

export function envelope(kind: HubMessageKind, payload: Obj, o: { from?: string; to?: string; sentAtMs: number; distributionId?: string; expiresAtMs?: number }): Obj {
  const from = o.from ?? PARTNER;
  return buildEnvelope({ kind, distributionId: o.distributionId ?? `${from}_${uuidv4()}`, senderId: from, recipientId: o.to ?? US, sentAtMs: o.sentAtMs, ...(o.expiresAtMs ? { expiresAtMs: o.expiresAtMs } : {}), timeZone: 'Europe/Paris', payload }) as unknown as Obj;
}

export const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

/** Every case of the table; `now` is the inbox clock (messages are sent at it). */
export function corpus(now: number): CorpusCase[] {
  const eda = () => envelope('RS-EDA', partnerCase(), { sentAtMs: now });
  const refused = (name: string, queue: Queue, body: Buffer, errorCode: number, answer: 'RS-ERROR' | null, ids: Partial<CorpusCase> = {}): CorpusCase => ({ name, queue, body, state: 'REJECTED', errorCode, answer, ...ids });
  const variant = (name: string, change: (e: Obj) => void, errorCode: number = HUB_ERROR.INVALID_MESSAGE, queue: Queue = 'message', answered = queue === 'message'): CorpusCase => {
    const e = eda();
    change(e);
    return refused(name, queue, bytes(e), errorCode, answered ? 'RS-ERROR' : null, { senderId: typeof e.senderID === 'string' ? e.senderID : null, distributionId: typeof e.distributionID === 'string' ? e.distributionID : null });
  };
  const proven = (c: CorpusCase): CorpusCase => ({ ...c, proven: true });
  const rcDe = (e: Obj) => messageOf(e);
  const caseOf = (e: Obj) => messageOf(e).createCaseHealth as Obj;
  const reference = (payload: Obj) => envelope('RC-REF', payload, { sentAtMs: now });

  const deep = `{"senderID":"${PARTNER}","distributionID":"${PARTNER}_deep-1","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
  const huge = eda();
  (caseOf(huge).location as Obj).freetext = 'x'.repeat(5 * 1024 * 1024);
  const nonUtf8 = Buffer.concat([bytes(eda()).subarray(0, 40), Buffer.from([0xff, 0xfe, 0x00]), bytes(eda()).subarray(40)]);

  return [
    // The official failing samples' kinds of failure, on a partner's route.
    variant('completely missing RC-DE header', (e) => {
      const m = rcDe(e);
      for (const k of ['messageId', 'sender', 'sentAt', 'kind', 'status', 'recipient']) delete m[k];
    }),
    variant('error in RC-DE (kind not in the enum)', (e) => void (rcDe(e).kind = 'Rapport')),
    variant('multiple errors in RC-DE', (e) => {
      delete rcDe(e).sender;
      rcDe(e).sentAt = '2026-11-23 21:00';
    }),
    variant('error in envelope (distributionStatus)', (e) => void (e.distributionStatus = 'Real')),
    variant('missing EDXL required field (dateTimeSent)', (e) => void delete e.dateTimeSent),
    variant('unknown property at root', (e) => void (e.unexpected = 'x')),
    variant('unknown property deep in the payload', (e) => void ((caseOf(e).qualification as Obj).unexpectedDeep = true)),
    variant('too many schemas (two payloads)', (e) => void (rcDe(e).reference = { distributionID: `${US}_x` })),
    variant('no schema (no payload)', (e) => void delete rcDe(e).createCaseHealth),
    variant('incorrect date format', (e) => void (e.dateTimeSent = '2026-11-23T21:00:00Z')),
    variant('a date that does not exist (30 February)', (e) => {
      e.dateTimeSent = '2026-02-30T10:00:00+01:00';
      rcDe(e).sentAt = '2026-02-30T10:00:00+01:00';
    }),
    variant('invalid type (patient not a list)', (e) => void (caseOf(e).patient = 'not a list')),
    variant('missing required fields in the payload', (e) => void delete caseOf(e).qualification),
    variant('RC-DE kind disagrees with the envelope', (e) => void (rcDe(e).kind = 'Update')),
    refused('RC-REF with a reference-level additional property (on .ack: never answered)', 'ack', bytes(reference({ distributionID: `${US}_x`, extra: 1 })), HUB_ERROR.INVALID_MESSAGE, null),
    refused('RC-REF with refused of the wrong type', 'ack', bytes(reference({ distributionID: `${US}_x`, refused: 'yes' })), HUB_ERROR.INVALID_MESSAGE, null),
    refused('RS-ERROR missing required fields (on .info: never answered)', 'info', bytes(envelope('RS-ERROR', { errorCode: { statusCode: 300, statusString: 'x' } }, { sentAtMs: now })), HUB_ERROR.INVALID_MESSAGE, null),

    // Bytes that are not a message.
    refused('not JSON', 'message', bytes('this is { not json'), HUB_ERROR.UNRECOGNIZED_MESSAGE_FORMAT, null, { senderId: null, distributionId: null }),
    refused('not UTF-8', 'message', nonUtf8, HUB_ERROR.UNRECOGNIZED_MESSAGE_FORMAT, 'RS-ERROR', { senderId: PARTNER }),
    refused('10,000 levels of nesting', 'message', bytes(deep), HUB_ERROR.UNRECOGNIZED_MESSAGE_FORMAT, 'RS-ERROR', { senderId: PARTNER, distributionId: `${PARTNER}_deep-1` }),
    refused('5 MB', 'message', bytes(huge), HUB_ERROR.UNRECOGNIZED_MESSAGE_FORMAT, 'RS-ERROR', { senderId: PARTNER, distributionId: String(huge.distributionID) }),

    // Who sent it.
    variant('sender id with NUL and bidi override (never answered)', (e) => {
      e.senderID = `${PARTNER}\u0000\u202e`;
      rcDe(e).sender = { name: e.senderID, URI: `hubex:${String(e.senderID)}` };
    }, HUB_ERROR.SENDER_INCONSISTENCY, 'message', false),
    variant('distributionID that is not the sender’s', (e) => void (e.distributionID = `${STRANGER}_${uuidv4()}`), HUB_ERROR.SENDER_INCONSISTENCY),
    ((): CorpusCase => {
      const e = envelope('RS-EDA', partnerCase(STRANGER), { from: STRANGER, sentAtMs: now });
      return refused('a case from a stranger', 'message', bytes(e), HUB_ERROR.SENDER_INCONSISTENCY, 'RS-ERROR', { senderId: STRANGER, distributionId: String(e.distributionID) });
    })(),
    ((): CorpusCase => {
      const e = envelope('RS-SAS-RDV', structuredClone(readHandoutJson('samples', 'RS-SAS-RDV', 'RS-SAS-RDV_appointment_PS.01.json') as Obj).appointment as Obj ?? {}, { sentAtMs: now });
      return refused('an appointment from a regulation partner, not the SAS platform', 'message', bytes(e), HUB_ERROR.SENDER_INCONSISTENCY, 'RS-ERROR', { senderId: PARTNER });
    })(),
    proven(variant('addressed to someone else', (e) => {
      (e.descriptor as { explicitAddress: Obj }).explicitAddress.explicitAddressValue = 'fr.health.samu750';
    })),

    // The kind means what it says.
    proven(variant('an RS-EDA marked Update', (e) => {
      e.distributionKind = 'Update';
      rcDe(e).kind = 'Update';
    })),
    proven(variant('an RS-EDA marked Ack', (e) => {
      e.distributionKind = 'Ack';
      rcDe(e).kind = 'Ack';
    })),
    proven(variant('an RS-EDA delivered on .ack (never answered)', () => undefined, HUB_ERROR.INVALID_MESSAGE, 'ack')),
    proven(variant('an RS-EDA marked Cancel, for a case nobody shared', (e) => {
      e.distributionKind = 'Cancel';
      rcDe(e).kind = 'Cancel';
    })),
    refused('an RC-REF on .message', 'message', bytes(reference({ distributionID: `${US}_x`, step: 'INTEGRE' })), HUB_ERROR.INVALID_MESSAGE, 'RS-ERROR', { senderId: PARTNER, proven: true }),
    proven(variant('expired on arrival', (e) => {
      e.dateTimeExpires = '2026-01-01T00:00:00+01:00';
    }, HUB_ERROR.EXPIRED_MESSAGE_BEFORE_ROUTING)),
  ];
}
