import type { CodeOf } from './codes';
import type { Priority } from './priority';

/**
 * Branch queues of the regulation floor, each with the official attribution a dossier routed
 * there receives (HubSante.attribution) and its perimeter (HubSante.filiere).
 */
export const QUEUES = {
  AMU: { attribution: 'DRM.MRU.MU', filiere: 'AMU' },
  SNP: { attribution: 'DRM.MRL.MG', filiere: 'SNP' },
  PSY: { attribution: 'DRM.SPE.PSY', filiere: 'PSY' },
  PEDIA: { attribution: 'DRM.SPE.PEDIA', filiere: 'AMU' },
  GERIA: { attribution: 'DRM.SPE.GERIA', filiere: 'AMU' },
  TOXICOL: { attribution: 'DRM.SPE.TOXICOL', filiere: 'AMU' },
  DENT: { attribution: 'DRM.SPE.DENT', filiere: 'SNP' },
} as const satisfies Record<string, { attribution: CodeOf<'attribution'>; filiere: CodeOf<'filiere'> }>;

export type QueueId = keyof typeof QUEUES;

/**
 * The branch F9 routes to. By the line: the SAS number (116117, and the PDSA lines behind it)
 * lands in general practice, the rest in AMU. By the priority, when given: a P0 or P1 is an
 * emergency whatever line it came on (AMU), a P3 is a deferred call a GP handles (SNP).
 */
export function defaultQueueFor(origin: CodeOf<'origine'>, priority?: Priority): QueueId {
  if (priority === 'P0' || priority === 'P1') return 'AMU';
  if (priority === 'P3') return 'SNP';
  return origin === '116117' || origin === 'PDSSOS' ? 'SNP' : 'AMU';
}

/** The other of the two main branches (Maj+F9): what the ARM picks when the default is not right. */
export function otherBranch(queue: QueueId): QueueId {
  return QUEUES[queue].filiere === 'SNP' ? 'AMU' : 'SNP';
}

export type RoutingOutcome =
  | { kind: 'queue'; queue: QueueId }
  /** DOMAIN §2: a P0 is never parked — the ARM stays on the line and hands the caller over. */
  | { kind: 'accompaniedTransfer'; queue: 'AMU' }
  /** DOMAIN §2: a P3 is a deferred regulation: a timed callback, not a place in a queue. */
  | { kind: 'deferredCallback'; queue: QueueId; callbackDueAt: string };

/** Agreed delay for a P3 callback when the site configures none. */
export const DEFAULT_P3_CALLBACK_MINUTES = 60;

export function routeDossier(priority: Priority, queue: QueueId, now: Date, p3CallbackMinutes = DEFAULT_P3_CALLBACK_MINUTES): RoutingOutcome {
  if (priority === 'P0') return { kind: 'accompaniedTransfer', queue: 'AMU' };
  if (priority === 'P3') return { kind: 'deferredCallback', queue, callbackDueAt: new Date(now.getTime() + p3CallbackMinutes * 60_000).toISOString() };
  return { kind: 'queue', queue };
}

/** How a dossier stands for routing (its fields of the same names). */
export interface RoutedDossier {
  priority: Priority;
  routing: RoutingOutcome['kind'] | null;
  queue: QueueId | null;
}

export interface Rerouting {
  /** The routing the new priority calls for; null: nothing to re-route (never routed, or unchanged). */
  route: RoutingOutcome | null;
  /** The P3 deferred callback no longer stands (the dossier left PROGRAM): withdraw it. */
  withdrawCallback: boolean;
}

/**
 * A routed dossier whose priority changes is routed again by the same rules (DOMAIN §2): a P3
 * raised to P0 leaves its deferred regulation (PROGRAM) for the accompanied transfer and its
 * callback is withdrawn; anything raised to P0 becomes an accompanied transfer in AMU; a P0 or P1
 * lowered goes to a queue — the branch it was in — and keeps its history (the journal holds the
 * earlier priorities and routings: nothing is rewritten); lowered to P3 it becomes a timed
 * callback in its branch. A dossier never routed stays so (F9 routes it, by the new priority).
 */
export function reroutingOnPriorityChange(dossier: RoutedDossier, next: Priority, now: Date, p3CallbackMinutes = DEFAULT_P3_CALLBACK_MINUTES): Rerouting {
  if (dossier.routing === null || dossier.queue === null || dossier.priority === next) return { route: null, withdrawCallback: false };
  const queue: QueueId = next === 'P0' || next === 'P1' ? 'AMU' : dossier.queue;
  const route = routeDossier(next, queue, now, p3CallbackMinutes);
  const unchanged = route.kind === dossier.routing && route.queue === dossier.queue && route.kind !== 'deferredCallback';
  return { route: unchanged ? null : route, withdrawCallback: dossier.routing === 'deferredCallback' && route.kind !== 'deferredCallback' };
}
