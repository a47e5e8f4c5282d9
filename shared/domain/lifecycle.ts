import { currentDecisions, type Decision } from './decision';
import type { DossierKind, DossierState } from './dossier';
import { isPhysician } from './roles';

/**
 * The dossier's life cycle (DOMAIN §5), as pure functions:
 *   ACTIF → ACHEVE (handling finished) → VALIDE (notes frozen) → CLOTURE (24 h after VALIDE,
 *   automatic, never reopened) → CLASSE (3 months after CLOTURE, automatic).
 *   → ARCHIVE (ARCHIVE_AFTER_MONTHS after CLASSE, automatic).
 * PROGRAM (scheduled) is derived, never stored: see programmedState.
 *
 * Every write into a dossier asks checkAction first, whoever makes it: the screens, a call being
 * attached, an appointment from the SAS platform, an update from a Hub partner.
 */
export type DossierAction = 'edit' | 'note' | 'decision' | 'appointment' | 'take' | 'finish' | 'validate' | 'share' | 'attachCall' | 'partnerUpdate';

export const CLOSE_AFTER_VALIDATION_MS = 24 * 3_600_000;
export const CLASSIFY_AFTER_MONTHS = 3;
/**
 * DOMAIN §5 names ARCHIVE after CLASSE without a delay: a classified dossier moves to the
 * archive a year later (the indicators of the year are then closed). Nothing changes in it.
 */
export const ARCHIVE_AFTER_MONTHS = 12;

/** States in which the dossier no longer changes (a new call makes a new, linked dossier). */
export const CLOSED_STATES: readonly DossierState[] = ['CLOTURE', 'CLASSE', 'ARCHIVE'];

export function isClosed(state: DossierState): boolean {
  return CLOSED_STATES.includes(state);
}

/** What each state still accepts. */
const ALLOWED: Record<DossierState, readonly DossierAction[]> = {
  PROGRAM: ['edit', 'note', 'decision', 'take', 'appointment', 'share', 'attachCall', 'partnerUpdate'],
  ACTIF: ['edit', 'note', 'decision', 'appointment', 'take', 'finish', 'share', 'attachCall', 'partnerUpdate'],
  // Handling is finished, but the physician may still complete the record before validating it.
  ACHEVE: ['edit', 'note', 'decision', 'appointment', 'validate', 'share', 'attachCall', 'partnerUpdate'],
  // Notes frozen: a later note is a new, separately timestamped one; the appointment found by
  // the OSNP (or pushed by the SAS platform) may still arrive, and so may a call back about it or
  // a partner's update (kept as received values, never over ours).
  VALIDE: ['note', 'appointment', 'share', 'attachCall', 'partnerUpdate'],
  CLOTURE: [],
  CLASSE: [],
  ARCHIVE: [],
};

export type LifecycleRefusal = 'closed' | 'notInThisState' | 'needsPhysicianDecision' | 'physicianOnly';

export type LifecycleCheck = { ok: true } | { ok: false; reason: LifecycleRefusal };

export interface LifecycleSubject {
  kind: DossierKind;
  state: DossierState;
  decisions: readonly Decision[];
}

/**
 * Whether `action` may be done on the dossier by someone of `role`. DOMAIN §8.2: a medical
 * dossier (DRM) cannot be finished without a physician's decision in force; only a physician
 * validates a DRM.
 */
export function checkAction(dossier: LifecycleSubject, action: DossierAction, role: string): LifecycleCheck {
  if (!ALLOWED[dossier.state].includes(action)) return { ok: false, reason: isClosed(dossier.state) ? 'closed' : 'notInThisState' };
  if (dossier.kind === 'DRM' && action === 'finish' && !hasPhysicianDecision(dossier.decisions)) return { ok: false, reason: 'needsPhysicianDecision' };
  if (dossier.kind === 'DRM' && action === 'validate' && !isPhysician(role)) return { ok: false, reason: 'physicianOnly' };
  return { ok: true };
}

export function hasPhysicianDecision(decisions: readonly Decision[]): boolean {
  return currentDecisions(decisions).some((d) => isPhysician(d.authorRole));
}

/** The state a manual transition leads to. */
export function stateAfter(action: 'finish' | 'validate'): DossierState {
  return action === 'finish' ? 'ACHEVE' : 'VALIDE';
}

export interface TimedSubject {
  state: DossierState;
  validatedAt: string | null;
  closedAt: string | null;
  classifiedAt?: string | null;
}

/** The automatic transition due at `now`, if any: what the service tick journals. */
export function dueTransition(dossier: TimedSubject, now: number): 'close' | 'classify' | 'archive' | null {
  if (dossier.state === 'VALIDE' && dossier.validatedAt && now >= Date.parse(dossier.validatedAt) + CLOSE_AFTER_VALIDATION_MS) return 'close';
  if (dossier.state === 'CLOTURE' && dossier.closedAt && now >= addMonthsUtc(Date.parse(dossier.closedAt), CLASSIFY_AFTER_MONTHS)) return 'classify';
  if (dossier.state === 'CLASSE' && dossier.classifiedAt && now >= addMonthsUtc(Date.parse(dossier.classifiedAt), ARCHIVE_AFTER_MONTHS)) return 'archive';
  return null;
}

/** Calendar months in UTC, clamped to the month's last day (30 Nov + 3 months = 28/29 Feb). */
export function addMonthsUtc(instant: number, months: number): number {
  const date = new Date(instant);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

export interface ProgramSubject {
  state: DossierState;
  routing: 'queue' | 'accompaniedTransfer' | 'deferredCallback' | null;
  /** The physician who took the dossier, if one did. */
  regulator: { id: string } | null;
  decisions: readonly Decision[];
}

/**
 * PROGRAM (DOMAIN §5, "scheduled"): an ACTIF dossier routed as a P3 deferred regulation is
 * PROGRAM until its callback is made — the deferred callback done (the caller reached), or a
 * physician taking the dossier or deciding on it (which is how the callback is made). Derived,
 * never journaled: the stored state stays ACTIF, so the interlocks, the queue and the timed
 * transitions keep one meaning, and nothing has to move the dossier back when the callback
 * happens. It is the state shown, and the one an export names (HubSante.etat).
 */
export function programmedState(d: ProgramSubject, deferredCallbackDone: boolean): DossierState {
  if (d.state !== 'ACTIF' || d.routing !== 'deferredCallback') return d.state;
  if (deferredCallbackDone || d.regulator !== null || hasPhysicianDecision(d.decisions)) return 'ACTIF';
  return 'PROGRAM';
}
