import type { P0ExceptionAction } from './callState';
import type { Priority } from './priority';

/**
 * DOMAIN §2 and §8.1: a P0 caller is kept on the line and handed to the regulator in person
 * ("transfert accompagné"); the call is never parked. What the ARM may do to a P0 call:
 *
 * - **hold during the consultation** of the accompanied transfer: yes, without a reason. The ARM
 *   is still on the call, briefing the regulator in a few seconds so that the handover is not
 *   repeated in front of the caller, and comes back to the caller (conference or transfer) — that
 *   is the "in person" handover; the hold is journaled with the consultation call it waits for;
 * - any other hold, a hang-up, a blind transfer (a queue, an extension nobody is seen to answer):
 *   only with a reason the ARM types, journaled with the step (`call.p0Exception`). The rule
 *   does not forbid them outright: a caller who must be put down to hear a regulator's callback,
 *   a line that must be freed for a second P0, are real nights; what must not happen is a P0
 *   left unaccounted for.
 */
export type P0Guard = { ok: true; exception: { action: P0ExceptionAction; reason: string } | null } | { ok: false; refusal: 'reasonRequired' | 'reasonTooShort' };

export const P0_REASON_MIN = 3;
export const P0_REASON_MAX = 300;

export interface P0GuardInput {
  /** The priority of the dossier the call is attached to; null when it has none yet. */
  priority: Priority | null;
  action: P0ExceptionAction;
  /** The hold puts the caller aside for the consultation call of an accompanied transfer. */
  consultation: boolean;
  /** What the ARM typed, if anything. */
  reason?: string | null;
}

export function guardP0Call(input: P0GuardInput): P0Guard {
  if (input.priority !== 'P0') return { ok: true, exception: null };
  if (input.action === 'hold' && input.consultation) return { ok: true, exception: null };
  const reason = (input.reason ?? '').trim();
  if (reason === '') return { ok: false, refusal: 'reasonRequired' };
  if (reason.length < P0_REASON_MIN) return { ok: false, refusal: 'reasonTooShort' };
  return { ok: true, exception: { action: input.action, reason: reason.slice(0, P0_REASON_MAX) } };
}
