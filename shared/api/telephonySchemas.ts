import { z } from 'zod';
import { CALL_DIRECTIONS, CALL_ENDED_BY, CALL_OUTCOMES, CALL_STATES } from '../domain/callState';
import { P0_REASON_MAX } from '../domain/p0Call';
import { SHORT_NUMBERS } from '../domain/phone';
import { QUEUES, type QueueId } from '../domain/routing';

/** Softphone channels and events (issue 5). Strict objects, bounded strings, like the rest of the contract. */
const id = z.uuid();
const isoInstant = z.iso.datetime({ offset: true });
const queueId = z.enum(Object.keys(QUEUES) as [QueueId, ...QueueId[]]);

export const callSchema = z.strictObject({
  id,
  sipCallId: z.string(),
  direction: z.enum(CALL_DIRECTIONS),
  state: z.enum(CALL_STATES),
  remoteNumber: z.string().nullable(),
  remoteName: z.string().nullable(),
  dossierId: id.nullable(),
  presentedAt: isoInstant,
  ringingAt: isoInstant.nullable(),
  answeredAt: isoInstant.nullable(),
  endedAt: isoInstant.nullable(),
  outcome: z.enum(CALL_OUTCOMES).nullable(),
  endedBy: z.enum(CALL_ENDED_BY).nullable(),
  endReason: z.string().nullable(),
  sipCode: z.number().int().nullable(),
  transferTarget: z.string().nullable(),
  lastSeq: z.number().int().positive(),
});

export const TELEPHONY_STATES = ['offline', 'connecting', 'registered', 'failing'] as const;
/** Why the softphone is not registered; the renderer translates these (telephony.reason.*). */
export const TELEPHONY_FAILURES = ['notConfigured', 'noPassword', 'auth', 'forbidden', 'timeout', 'unavailable', 'rejected', 'transport', 'expired'] as const;

export const telephonyStatusSchema = z.strictObject({
  state: z.enum(TELEPHONY_STATES),
  reason: z.enum(TELEPHONY_FAILURES).nullable(),
  /** SIP status of the refusal (401, 403, 503…), when there was one. */
  sipCode: z.number().int().nullable(),
  detail: z.string().max(500).nullable(),
  since: isoInstant,
  aor: z.string().nullable(),
});
export type TelephonyStatus = z.output<typeof telephonyStatusSchema>;

export const dialTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('extension'), extension: z.string().regex(/^[0-9]{2,8}$/) }),
  z.strictObject({ kind: z.literal('queue'), queue: queueId }),
  z.strictObject({ kind: z.literal('external'), number: z.string().trim().min(1).max(40) }),
  z.strictObject({ kind: z.literal('short'), number: z.enum(SHORT_NUMBERS) }),
]);

/** Why a P0 call is held, hung up or blind-transferred outside the accompanied transfer (journaled). */
const p0Reason = z.string().max(P0_REASON_MAX).optional();

export const callIdRequest = z.strictObject({ callId: id });
/** Hold and hang-up: a P0 call needs `reason` (see shared/domain/p0Call.ts). */
export const callControlRequest = z.strictObject({ callId: id, reason: p0Reason });
/** Consultation of an accompanied transfer: the caller waits (held) while the ARM calls the target. */
export const callConsultRequest = z.strictObject({ callId: id, target: dialTargetSchema });
/** Three-way conference at the desk: the caller and the consultation call, both talking with the ARM. */
export const callConferenceRequest = z.strictObject({ callId: id, consultCallId: id });
export const callConferenceResponse = z.strictObject({ calls: z.array(callSchema) });
export const DIRECTORY_KINDS = ['SMUR', 'HOSPITAL', 'POLICE', 'FIRE', 'EMERGENCY', 'DEAF', 'PARTNER', 'OTHER'] as const;
/** One entry of the post's directory of frequent numbers (IT configures it: telephony.directory). */
export const directoryEntrySchema = z.strictObject({
  label: z.string().trim().min(1).max(100),
  number: z.string().trim().min(2).max(40),
  kind: z.enum(DIRECTORY_KINDS),
});
export const callDirectoryResponse = z.strictObject({ entries: z.array(directoryEntrySchema).max(500) });
/** The post's calls, newest first (the journal's call events folded: this post's journal). */
export const callHistoryRequest = z.strictObject({ limit: z.number().int().min(1).max(500).default(100) });
export const callHistoryResponse = z.strictObject({ calls: z.array(callSchema) });
/** This position's extension plan, as the palette offers it (transfer to a regulator). */
export const callExtensionsResponse = z.strictObject({
  regulators: z.array(z.strictObject({ extension: z.string().regex(/^[0-9]{2,8}$/), label: z.string().min(1).max(100) })).max(500),
});
export const callListResponse = z.strictObject({ calls: z.array(callSchema), status: telephonyStatusSchema });
export const callDtmfRequest = z.strictObject({ callId: id, tones: z.string().regex(/^[0-9A-D*#]{1,32}$/, 'digits 0-9, A-D, * and # (1 to 32)') });
export const callTransferRequest = z.strictObject({
  callId: id,
  target: dialTargetSchema,
  /** Attended transfer: the consultation call to the target, replaced by the transferred call (REFER + Replaces). */
  consultCallId: id.optional(),
  reason: p0Reason,
});
export const callPlaceRequest = z.strictObject({ target: dialTargetSchema, dossierId: id.optional() });
export const callAttachRequest = z.strictObject({ callId: id, dossierId: id });
export const lostCallsRequest = z.strictObject({ from: isoInstant.optional(), to: isoInstant.optional(), limit: z.number().int().min(1).max(500).default(100) });
export const lostCallsResponse = z.strictObject({ calls: z.array(callSchema) });
export const setSipPasswordRequest = z.strictObject({ password: z.string().min(1).max(200) });
export const mediaRespondRequest = z.strictObject({
  requestId: id,
  sdp: z.string().min(1).max(64_000).optional(),
  error: z.string().max(500).optional(),
});
export const mediaRespondResponse = z.strictObject({ accepted: z.boolean() });

export const callChangedEvent = z.strictObject({ call: callSchema });
export const mediaRequestEvent = z.strictObject({
  requestId: id,
  callId: id,
  op: z.enum(['getDescription', 'setDescription', 'rollback', 'close']),
  sdp: z.string().max(64_000).nullable(),
  hold: z.boolean(),
});
