/**
 * The supervisor's live floor view, from what the services hold now: the calls on each post,
 * who is signed in where, the branch queues (depth and oldest wait per branch × priority, the
 * dossiers past their priority's limit), the callbacks due and late, and the links. Pure: the
 * services call it on request, the screen asks again on every pushed event (and each second,
 * for the waits to run).
 */
import type { Call } from '../callState';
import { PRIORITIES, type Priority } from '../priority';
import { isOverdue, type QueueEntry } from '../queue';
import { QUEUES, type QueueId } from '../routing';

export interface FloorOperator {
  operatorId: string;
  displayName: string;
  role: string;
  locked: boolean;
}

export interface FloorInput {
  now: number;
  /** This workstation (standalone: the only post the floor view knows). */
  post: string;
  session: FloorOperator | null;
  /** In a room: the other desks and who is signed in at each (from the synced session events). */
  otherPosts?: ReadonlyArray<{ post: string; operator: FloorOperator | null }>;
  liveCalls: readonly Call[];
  /** Active dossiers (the queues as the physicians see them). */
  queue: readonly QueueEntry[];
  /** Open callbacks, due and late now (kept incrementally by the journal: OpenCallbackDeadlines). */
  callbacks: { open: number; due: number; late: number };
  limitsMinutes: Record<Priority, number>;
  telephony: { configured: boolean; registered: boolean };
  hub: { configured: boolean; connected: boolean; waiting: number; failed: number };
}

export interface FloorView {
  at: string;
  posts: Array<{
    post: string;
    operator: FloorOperator | null;
    telephony: { configured: boolean; registered: boolean };
    ringing: number;
    inProgress: number;
    calls: Array<{ id: string; direction: Call['direction']; state: Call['state']; remoteNumber: string | null; sinceSeconds: number }>;
  }>;
  queues: Array<{ queue: QueueId; priority: Priority; depth: number; oldestWaitSeconds: number; escalated: number }>;
  escalated: Array<{ id: string; localNumber: string; queue: QueueId; priority: Priority; waitSeconds: number }>;
  callbacks: { open: number; due: number; late: number };
  hub: { configured: boolean; connected: boolean; waiting: number; failed: number };
}

const since = (now: number, iso: string) => Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));

export function floorView(input: FloorInput): FloorView {
  const { now } = input;
  const calls = input.liveCalls.map((c) => ({ id: c.id, direction: c.direction, state: c.state, remoteNumber: c.remoteNumber, sinceSeconds: since(now, c.answeredAt ?? c.presentedAt) }));
  const ringing = input.liveCalls.filter((c) => c.state === 'presented' || c.state === 'ringing' || c.state === 'dialing').length;
  const cells = new Map<string, FloorView['queues'][number]>();
  const escalated: FloorView['escalated'] = [];
  for (const entry of input.queue) {
    if (entry.queue === null) continue;
    const key = `${entry.queue}|${entry.priority}`;
    const cell = cells.get(key) ?? cells.set(key, { queue: entry.queue, priority: entry.priority, depth: 0, oldestWaitSeconds: 0, escalated: 0 }).get(key)!;
    const wait = since(now, entry.createdAt);
    cell.depth += 1;
    cell.oldestWaitSeconds = Math.max(cell.oldestWaitSeconds, wait);
    if (isOverdue(entry, now, input.limitsMinutes)) {
      cell.escalated += 1;
      escalated.push({ id: entry.id, localNumber: entry.localNumber, queue: entry.queue, priority: entry.priority, waitSeconds: wait });
    }
  }
  const queueOrder = Object.keys(QUEUES);
  const queues = [...cells.values()].sort((a, b) => queueOrder.indexOf(a.queue) - queueOrder.indexOf(b.queue) || PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority));
  escalated.sort((a, b) => b.waitSeconds - a.waitSeconds);
  return {
    at: new Date(now).toISOString(),
    posts: [
      { post: input.post, operator: input.session, telephony: input.telephony, ringing, inProgress: input.liveCalls.length - ringing, calls },
      // Another desk's line is its own: this one only knows who sits there.
      ...(input.otherPosts ?? [])
        .filter((p) => p.post !== input.post)
        .map((p) => ({ post: p.post, operator: p.operator, telephony: { configured: false, registered: false }, ringing: 0, inProgress: 0, calls: [] })),
    ],
    queues,
    escalated,
    callbacks: input.callbacks,
    hub: input.hub,
  };
}
