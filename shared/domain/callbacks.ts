/**
 * The callback list (DOMAIN §8.3–4): lost calls, deferred (P3) regulations and requested
 * call-backs, each with its age, its attempts and their outcome. A projection of journal events
 * folded by `applyCallbackEvent`, so it survives restarts and equals a rebuild.
 */
export const CALLBACK_KINDS = ['LOST_CALL', 'DEFERRED', 'REQUESTED'] as const;
export type CallbackKind = (typeof CALLBACK_KINDS)[number];

/** Minutes within which a lost call is owed a call back when the workstation configures none. */
export const DEFAULT_LOST_CALL_DUE_MINUTES = 15;

export const ATTEMPT_OUTCOMES = ['REACHED', 'NO_ANSWER', 'BUSY', 'VOICEMAIL', 'WRONG_NUMBER'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** Outcomes that end the obligation; the others keep the callback open for another try. */
const FINAL_OUTCOMES: readonly AttemptOutcome[] = ['REACHED', 'WRONG_NUMBER'];

export interface CallbackAttempt {
  at: string;
  outcome: AttemptOutcome;
  note: string | null;
  authorId: string;
  authorRole: string;
}

export interface Callback {
  id: string;
  kind: CallbackKind;
  dossierId: string | null;
  phone: string | null;
  callId: string | null;
  reason: string | null;
  createdAt: string;
  /** When the callback is owed (P3 deadline, agreed time, a lost call's configured delay); null: as soon as possible. */
  dueAt: string | null;
  attempts: CallbackAttempt[];
  escalatedAt: string | null;
  doneAt: string | null;
  /** In a room: who is calling back now (a claim ends with their attempt or after CLAIM_MINUTES). Absent in older data. */
  claim?: CallbackClaim | null;
}

export interface CallbackClaim {
  actorId: string;
  actorRole: string;
  at: string;
}

/** A claim nobody followed with an attempt frees the callback again after this long. */
export const CLAIM_MINUTES = 15;

/**
 * Who holds the callback against `actorId` at `at` (ISO): another operator's claim still running,
 * or null when the callback is free for them. The site arbitrates concurrent claims with it.
 */
export function claimHolder(callback: Pick<Callback, 'claim'>, actorId: string, at: string): CallbackClaim | null {
  const claim = callback.claim;
  if (!claim || claim.actorId === actorId) return null;
  return Date.parse(at) - Date.parse(claim.at) < CLAIM_MINUTES * 60_000 ? claim : null;
}

export type CallbackEventBody =
  /** `dueAt`: the configured delay after the call (absent in lost calls journaled before it: as soon as possible). */
  | { type: 'callback.lostCall'; payload: { callbackId: string; phone: string | null; presentedAt: string; callId: string; dueAt?: string | null } }
  | { type: 'callback.requested'; payload: { callbackId: string; dossierId: string | null; phone: string | null; dueAt: string | null; reason: string | null } }
  | { type: 'callback.attempted'; payload: { callbackId: string; outcome: AttemptOutcome; note: string | null } }
  | { type: 'callback.escalated'; payload: { callbackId: string } }
  /** An operator starts calling back (in a room the others see it; the site decides between two at once). */
  | { type: 'callback.claimed'; payload: { callbackId: string } }
  /** The obligation no longer stands (a P3 raised to P0: the caller is handed over now, not called back). */
  | { type: 'callback.withdrawn'; payload: { callbackId: string; reason: string } };

export interface CallbackEvent {
  at: string;
  actor: { id: string; role: string };
  body: CallbackEventBody | { type: 'callback.deferred'; payload: { callbackId: string; dossierId: string; phone: string | null; dueAt: string } };
}

export class CallbackRuleError extends Error {
  constructor(
    readonly code: 'E_NOT_FOUND' | 'E_CONFLICT',
    message: string,
  ) {
    super(message);
  }
}

export function applyCallbackEvent(current: Callback | undefined, event: CallbackEvent): Callback {
  const { body } = event;
  const fresh = (kind: CallbackKind, p: { callbackId: string; dossierId?: string | null; phone: string | null; callId?: string; reason?: string | null; dueAt?: string | null }, createdAt: string): Callback => ({
    id: p.callbackId,
    kind,
    dossierId: p.dossierId ?? null,
    phone: p.phone,
    callId: p.callId ?? null,
    reason: p.reason ?? null,
    createdAt,
    dueAt: p.dueAt ?? null,
    attempts: [],
    escalatedAt: null,
    doneAt: null,
  });
  switch (body.type) {
    case 'callback.lostCall':
      if (current) throw new CallbackRuleError('E_CONFLICT', `callback ${body.payload.callbackId} already exists`);
      return fresh('LOST_CALL', body.payload, body.payload.presentedAt);
    case 'callback.requested':
      if (current) throw new CallbackRuleError('E_CONFLICT', `callback ${body.payload.callbackId} already exists`);
      return fresh('REQUESTED', body.payload, event.at);
    case 'callback.deferred':
      // Routing the same dossier P3 again moves its deadline; the attempts already made stay.
      if (current) return { ...current, dueAt: body.payload.dueAt, escalatedAt: null, doneAt: null };
      return fresh('DEFERRED', body.payload, event.at);
  }
  if (!current) throw new CallbackRuleError('E_NOT_FOUND', `callback ${body.payload.callbackId} does not exist`);
  switch (body.type) {
    case 'callback.attempted': {
      const attempt: CallbackAttempt = { at: event.at, outcome: body.payload.outcome, note: body.payload.note, authorId: event.actor.id, authorRole: event.actor.role };
      // The attempt ends the claim: the callback is free for the next try.
      return { ...current, attempts: [...current.attempts, attempt], doneAt: FINAL_OUTCOMES.includes(attempt.outcome) ? event.at : current.doneAt, claim: null };
    }
    case 'callback.claimed':
      if (current.doneAt !== null) throw new CallbackRuleError('E_CONFLICT', `callback ${current.id} is already done`);
      // Folded in site order: the site already overruled a claim that lost; the last one folded holds.
      return { ...current, claim: { actorId: event.actor.id, actorRole: event.actor.role, at: event.at } };
    case 'callback.escalated':
      return { ...current, escalatedAt: current.escalatedAt ?? event.at };
    case 'callback.withdrawn':
      if (current.doneAt !== null) throw new CallbackRuleError('E_CONFLICT', `callback ${current.id} is already done`);
      return { ...current, doneAt: event.at, reason: body.payload.reason };
  }
}

/** The number to call a dossier's caller back on: the callback number given, else the line they called from. */
export function callBackNumber(dossier: { callerPhone: string | null; caller: { callbackPhone?: string | null } }): string | null {
  return dossier.caller.callbackPhone ?? dossier.callerPhone;
}

export function isLate(callback: Pick<Callback, 'dueAt' | 'doneAt'>, now: number): boolean {
  return callback.doneAt === null && callback.dueAt !== null && now > Date.parse(callback.dueAt);
}

/** DOMAIN §8.3: late and not yet escalated — what the tick escalates (once). */
export function needsEscalation(callback: Callback, now: number): boolean {
  return isLate(callback, now) && callback.escalatedAt === null;
}

/** Open callbacks first, the most overdue (or the oldest lost call) at the top. */
export function compareCallbacks(a: Callback, b: Callback): number {
  if ((a.doneAt === null) !== (b.doneAt === null)) return a.doneAt === null ? -1 : 1;
  const key = (c: Callback) => c.dueAt ?? c.createdAt;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1;
}
