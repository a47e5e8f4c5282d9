import type { Dossier } from './dossier';
import { priorityRank, PRIORITIES, type Priority } from './priority';

export type QueueEntry = Pick<Dossier, 'id' | 'localNumber' | 'priority' | 'createdAt' | 'callerPhone' | 'motive' | 'state' | 'queue'>;

/** Regulators take the highest priority first, then whoever has waited longest. */
export function compareQueueEntries(a: QueueEntry, b: QueueEntry): number {
  const byPriority = priorityRank(a.priority) - priorityRank(b.priority);
  if (byPriority !== 0) return byPriority;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortQueue<T extends QueueEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(compareQueueEntries);
}

export function countByPriority(entries: readonly QueueEntry[]): Record<Priority, number> {
  const counts = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  for (const entry of entries) counts[entry.priority] += 1;
  return counts;
}

/** Default waiting limits (minutes) before an entry escalates; a site sets its own in its configuration. */
export const DEFAULT_QUEUE_LIMITS_MINUTES: Record<Priority, number> = { P0: 0, P1: 3, P2: 20, P3: 60, NR: 30 };

/** Whether an entry has waited past its priority's limit: the screens then show it escalated. */
export function isOverdue(entry: Pick<QueueEntry, 'priority' | 'createdAt'>, now: number, limitsMinutes: Record<Priority, number>): boolean {
  return now - Date.parse(entry.createdAt) > limitsMinutes[entry.priority] * 60_000;
}
