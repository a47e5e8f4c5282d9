import type { Dossier, DossierEventBody } from '../../../shared/domain/dossier';
import { createCaseHealth, createCaseHealthUpdate } from '../../../shared/domain/hub/caseMessage';
import { exchangePartnerOf, partnerView } from '../../../shared/domain/hub/partnerShare';
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
 * Later messages follow the first share (`firstRecipient`); otherwise the partner that shared the
 * dossier with us, or the one a person here chose ("Partager avec…", issue 13 §6) — never one
 * picked by the dossier's perimeter alone. null: nobody shared it (yet).
 */
export function caseRecipient(dossier: Dossier, kind: CaseMessageKind, firstRecipient: string | null): string | null {
  if (kind !== 'RS-EDA' && firstRecipient) return firstRecipient;
  return exchangePartnerOf(dossier);
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
  const { kind } = input;
  // What the partner needs, not the whole record (partnerShare.ts).
  const dossier = partnerView(input.dossier);
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
