import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { visibleText } from '../../../shared/domain/hub/visibleText';
import { buildEnvelope, errorPayload, referencePayload } from './edxlEnvelope';
import { HUB_ERROR, type HubMessageKind } from './messageKinds';

/**
 * The answers the inbox sends back, bounded whatever arrived (issue 18). An RS-ERROR never
 * echoes the received message: it carries a short excerpt of its text (at most EXCERPT_CHARS,
 * cut on a character boundary), its size and its SHA-256, so a 5 MB or 10,000-level message
 * answers with a few kilobytes, built without walking the received value at all.
 */
export const EXCERPT_CHARS = 2000;
const CAUSE_CHARS = 1000;
const ERROR_NAME: Record<number, string> = Object.fromEntries(Object.entries(HUB_ERROR).map(([name, n]) => [n, name]));

export interface AnswerContext {
  clientId: string;
  timeZone: string;
  now: number;
}

export function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/** The start of a text, at most `max` UTF-16 units, never cutting a surrogate pair in two. */
export function headOf(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
  return text.slice(0, cut);
}

/** sourceMessage of our RS-ERROR: an object (as the schema wants) describing, not echoing, what came. */
export function sourceExcerpt(body: Uint8Array): Record<string, unknown> {
  // Lossy on purpose (the stored bytes stay exact): the excerpt is for a human reader.
  const text = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, EXCERPT_CHARS * 4)).toString('utf8');
  const excerpt = headOf(text, EXCERPT_CHARS);
  return { excerpt, truncated: excerpt.length < text.length || body.byteLength > EXCERPT_CHARS * 4, byteLength: body.byteLength, sha256: sha256(body).toString('hex') };
}

function envelopeBytes(ctx: AnswerContext, kind: HubMessageKind, recipientId: string, payload: Record<string, unknown>): Buffer {
  const envelope = buildEnvelope({ kind, distributionId: `${ctx.clientId}_${uuidv7()}`, senderId: ctx.clientId, recipientId, sentAtMs: ctx.now, timeZone: ctx.timeZone, payload });
  return Buffer.from(JSON.stringify(envelope));
}

/** RS-ERROR about a message we refused. */
export function errorAnswer(ctx: AnswerContext, to: { senderId: string; distributionId: string | null }, code: number, cause: string, body: Uint8Array): Buffer {
  const referenced = headOf(to.distributionId ?? 'unknown', 300);
  // The cause may quote what the sender claimed: shown visibly, bounded.
  const payload = errorPayload(code, ERROR_NAME[code] ?? 'INVALID_MESSAGE', headOf(visibleText(cause), CAUSE_CHARS), referenced, sourceExcerpt(body));
  return envelopeBytes(ctx, 'RS-ERROR', to.senderId, payload);
}

/** RC-REF: INTEGRE for what was applied, RECU for what is kept without being applied yet. */
export function receiptAnswer(ctx: AnswerContext, to: { senderId: string; distributionId: string }, step: 'INTEGRE' | 'RECU'): Buffer {
  const payload = step === 'INTEGRE' ? referencePayload(to.distributionId) : { distributionID: to.distributionId, step: 'RECU' };
  return envelopeBytes(ctx, 'RC-REF', to.senderId, payload);
}
