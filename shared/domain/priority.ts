/** HubSante.priorite — the ARM's priority, stored with the official codes. */
export const PRIORITIES = ['P0', 'P1', 'P2', 'P3', 'NR'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** P2 is the official default ("valeur attribuée par défaut"). */
export const DEFAULT_PRIORITY: Priority = 'P2';

/** Queue order: the lower the rank, the sooner a regulator takes it. NR (non régulé) comes last. */
const RANK: Record<Priority, number> = { P0: 0, P1: 1, P2: 2, P3: 3, NR: 4 };

export function priorityRank(priority: Priority): number {
  return RANK[priority];
}

/**
 * Priority is never conveyed by colour alone: each one has a letter and a distinct shape
 * (for colour-blind users and for the high-contrast theme).
 */
export const PRIORITY_SHAPE: Record<Priority, 'diamond' | 'triangle' | 'square' | 'circle' | 'dash'> = {
  P0: 'diamond',
  P1: 'triangle',
  P2: 'square',
  P3: 'circle',
  NR: 'dash',
};
