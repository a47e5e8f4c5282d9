import { isOverdue, type QueueEntry } from './queue';
import type { Priority } from './priority';
import type { Role } from './roles';
import { QUEUES, type QueueId } from './routing';

/**
 * Waiting too long is journaled (issue 13 item 7): a dossier nobody has taken that has waited
 * past its branch × priority limit escalates once per threshold — at the limit, then again at
 * twice it — so the desks of that branch and the supervisor hear and see it, and the indicators
 * can count it from the journal rather than from a CSS class.
 */
export type QueueEventBody = {
  type: 'queue.waitEscalated';
  payload: { dossierId: string; queue: QueueId; priority: Priority; thresholdMinutes: number; waitedMinutes: number };
};

/** Per-branch overrides of the per-priority limits (minutes); a branch or priority left out uses the default. */
export type BranchQueueLimits = Partial<Record<QueueId, Partial<Record<Priority, number>>>>;

/** The waiting limit of one branch and priority: the branch's own if configured, else the priority's. */
export function waitLimitMinutes(queue: QueueId, priority: Priority, limits: Record<Priority, number>, byBranch: BranchQueueLimits = {}): number {
  return byBranch[queue]?.[priority] ?? limits[priority];
}

/** The thresholds a wait escalates at: the limit, then twice it (a limit of 0 — P0 — has one). */
export function waitThresholds(limitMinutes: number): number[] {
  return limitMinutes === 0 ? [0] : [limitMinutes, limitMinutes * 2];
}

export interface DueWaitEscalation {
  dossierId: string;
  queue: QueueId;
  priority: Priority;
  thresholdMinutes: number;
  waitedMinutes: number;
}

/** The key that makes an escalation happen once: one dossier, one priority, one threshold. */
export function escalationKey(dossierId: string, priority: Priority, thresholdMinutes: number): string {
  return `${dossierId}|${priority}|${thresholdMinutes}`;
}

/**
 * The escalations due now among untaken queue entries, leaving out those already journaled
 * (`done` holds their `escalationKey`s). Only the highest threshold passed is due: a desk that
 * was off for an hour raises one alert per dossier, not a backlog of them.
 */
export function dueWaitEscalations(
  entries: readonly QueueEntry[],
  done: ReadonlySet<string>,
  now: number,
  limits: Record<Priority, number>,
  byBranch: BranchQueueLimits = {},
): DueWaitEscalation[] {
  const due: DueWaitEscalation[] = [];
  for (const entry of entries) {
    if (entry.queue === null || entry.state !== 'ACTIF') continue;
    const limit = waitLimitMinutes(entry.queue, entry.priority, limits, byBranch);
    const passed = waitThresholds(limit).filter((t) => isOverdue(entry, now, { ...limits, [entry.priority]: t }));
    const highest = passed.at(-1);
    if (highest === undefined) continue;
    if (done.has(escalationKey(entry.id, entry.priority, highest))) continue;
    due.push({
      dossierId: entry.id,
      queue: entry.queue,
      priority: entry.priority,
      thresholdMinutes: highest,
      waitedMinutes: Math.floor((now - Date.parse(entry.createdAt)) / 60_000),
    });
  }
  return due;
}

/**
 * Which desks hear a branch's escalation: its physicians (MRL and OSNP for general practice,
 * MRU for the rest), the ARMs who route to every branch, and the supervisor's floor; never IT.
 */
export function alertsDesk(role: Role, queue: QueueId): boolean {
  const gp = QUEUES[queue].filiere === 'SNP';
  switch (role) {
    case 'ARM':
    case 'SUPERVISEUR':
      return true;
    case 'MRL':
    case 'OSNP':
      return gp;
    case 'MRU':
      return !gp;
    case 'ADMIN':
      return false;
  }
}
