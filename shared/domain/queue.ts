import type { Dossier } from './dossier';
import { priorityRank, PRIORITIES, type Priority } from './priority';

export type QueueEntry = Pick<Dossier, 'id' | 'localNumber' | 'priority' | 'createdAt' | 'callerPhone' | 'motive' | 'state'>;

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
