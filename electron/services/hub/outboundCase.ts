import type { Dossier, DossierEventBody } from '../../../shared/domain/dossier';
import { createCaseHealth, createCaseHealthUpdate } from '../../../shared/domain/hub/caseMessage';
import { buildEnvelope } from './edxlEnvelope';
import { EXPIRY_MS } from './messageKinds';

/**
 * A dossier's message to a partner, as a desk's drain and the site's drain both build it: who it
 * goes to, and the envelope, built once (the caller freezes the text and re-sends it as is).
 */
export interface Partner {
  clientId: string;
  filieres: readonly string[];
}

export type CaseMessageKind = 'RS-EDA' | 'RS-EDA-MAJ';

/**
 * A dossier a partner shared with us answers to that partner; later messages follow the first
 * share (`firstRecipient`), even if the perimeter changed since; otherwise the first partner
 * whose perimeter has the dossier's filière. null: no partner takes it (yet).
 */
export function caseRecipient(dossier: Dossier, kind: CaseMessageKind, firstRecipient: string | null, partners: readonly Partner[]): string | null {
  if (dossier.hub?.receivedFrom) return dossier.hub.receivedFrom;
  if (kind !== 'RS-EDA' && firstRecipient) return firstRecipient;
  const filiere = dossier.qualification.filiere;
  return (filiere && partners.find((p) => p.filieres.includes(filiere))?.clientId) ?? null;
}

export interface CaseMessageInput {
  dossier: Dossier;
  kind: CaseMessageKind;
  distributionId: string;
  /** The event the message carries, and when it was written (the expiry counts from then). */
  event: DossierEventBody;
  eventAt: string;
  senderId: string;
  recipientId: string;
  timeZone: string;
  sentAtMs: number;
}

export function buildCaseMessage(input: CaseMessageInput): { text: string; expiresAtMs: number } {
  const { dossier, kind } = input;
  const ctx = { clientId: input.senderId, timeZone: input.timeZone };
  const payload = kind === 'RS-EDA' ? createCaseHealth(dossier, ctx) : (createCaseHealthUpdate(dossier, input.event, ctx) ?? { caseId: dossier.caseId, senderCaseId: dossier.localNumber });
  const expiresAtMs = Date.parse(input.eventAt) + EXPIRY_MS[kind];
  const envelope = buildEnvelope({
    kind,
    distributionId: input.distributionId,
    senderId: input.senderId,
    recipientId: input.recipientId,
    sentAtMs: input.sentAtMs,
    expiresAtMs,
    timeZone: input.timeZone,
    payload,
  });
  return { text: JSON.stringify(envelope), expiresAtMs };
}
