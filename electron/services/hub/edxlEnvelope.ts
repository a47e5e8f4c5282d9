import { hubDateTime } from '../../../shared/domain/hub/hubTime';
import { DISTRIBUTION_KIND, EXPIRY_MS, PAYLOAD_KEY, type HubMessageKind } from './messageKinds';

/**
 * The EDXL-DE envelope around an RC-DE header and one payload. The Hub only reads the envelope
 * (routing); the RC-DE header repeats it for the recipient's software, so the two are built
 * from the same values here and cannot disagree.
 */
export interface EnvelopeInput {
  kind: HubMessageKind;
  distributionId: string;
  senderId: string;
  recipientId: string;
  /** Epoch milliseconds; dateTimeExpires = sent + the kind's expiry unless given. */
  sentAtMs: number;
  expiresAtMs?: number;
  timeZone: string;
  payload: Record<string, unknown>;
  status?: 'Actual' | 'Exercise';
}

export interface EdxlEnvelope {
  distributionID: string;
  senderID: string;
  dateTimeSent: string;
  dateTimeExpires: string;
  distributionStatus: 'Actual' | 'Exercise';
  distributionKind: string;
  descriptor: { language: string; explicitAddress: { explicitAddressScheme: 'hubex'; explicitAddressValue: string } };
  content: Array<{ jsonContent: { embeddedJsonContent: { message: Record<string, unknown> } } }>;
}

export function expiresAtFor(kind: HubMessageKind, sentAtMs: number): number {
  return sentAtMs + EXPIRY_MS[kind];
}

export function buildEnvelope(input: EnvelopeInput): EdxlEnvelope {
  const status = input.status ?? 'Actual';
  const sent = hubDateTime(input.sentAtMs, input.timeZone);
  const expires = hubDateTime(input.expiresAtMs ?? expiresAtFor(input.kind, input.sentAtMs), input.timeZone);
  const distributionKind = DISTRIBUTION_KIND[input.kind];
  return {
    distributionID: input.distributionId,
    senderID: input.senderId,
    dateTimeSent: sent,
    dateTimeExpires: expires,
    distributionStatus: status,
    distributionKind,
    descriptor: { language: 'fr-FR', explicitAddress: { explicitAddressScheme: 'hubex', explicitAddressValue: input.recipientId } },
    content: [
      {
        jsonContent: {
          embeddedJsonContent: {
            message: {
              messageId: input.distributionId,
              sender: { name: input.senderId, URI: `hubex:${input.senderId}` },
              sentAt: sent,
              kind: distributionKind,
              status,
              recipient: [{ name: input.recipientId, URI: `hubex:${input.recipientId}` }],
              [PAYLOAD_KEY[input.kind]]: input.payload,
            },
          },
        },
      },
    ],
  };
}

/** RC-REF: the receipt of a message we integrated (step INTEGRE) or refused. */
export function referencePayload(distributionId: string, outcome: { refused?: boolean; errorDistributionId?: string } = {}): Record<string, unknown> {
  if (outcome.refused) return { distributionID: distributionId, refused: true, step: 'ERREUR', ...(outcome.errorDistributionId ? { errorDistributionID: outcome.errorDistributionId } : {}) };
  return { distributionID: distributionId, step: 'INTEGRE' };
}

/** RS-ERROR, with the message it answers kept as received when it could be read as an object. */
export function errorPayload(statusCode: number, statusString: string, cause: string, referencedDistributionId: string, sourceMessage?: unknown): Record<string, unknown> {
  return {
    errorCode: { statusCode, statusString },
    errorCause: cause.slice(0, 4000),
    referencedDistributionID: referencedDistributionId,
    ...(sourceMessage && typeof sourceMessage === 'object' && !Array.isArray(sourceMessage) ? { sourceMessage } : {}),
  };
}
