import type { Priority } from '../../../shared/domain/priority';
import { dueWaitEscalations, escalationKey, type BranchQueueLimits, type QueueEventBody } from '../../../shared/domain/queueEscalation';
import { SYSTEM_ACTOR } from '../../../shared/domain/roles';
import type { EventBus } from '../eventBus';
import type { Journal } from '../journal/journal';

export interface WaitEscalationDeps {
  journal: Journal;
  events: EventBus;
  limits: Record<Priority, number>;
  byBranch?: BranchQueueLimits;
  now?: () => number;
}

/**
 * The tick's half of issue 13 item 7: an untaken dossier past its branch × priority limit gets a
 * `queue.waitEscalated` event, once per threshold (the journal is the memory, so a restart or
 * another desk's tick does not raise it again), and every screen is told at once.
 */
export class WaitEscalationService {
  private readonly now: () => number;

  constructor(private readonly deps: WaitEscalationDeps) {
    this.now = deps.now ?? Date.now;
  }

  tick(): number {
    const now = this.now();
    const entries = this.deps.journal.queues.untaken();
    const done = new Set<string>();
    for (const entry of entries) {
      for (const row of this.deps.journal.eventsOf(entry.id)) {
        if (row.type !== 'queue.waitEscalated') continue;
        const p = JSON.parse(row.payload) as QueueEventBody['payload'];
        done.add(escalationKey(p.dossierId, p.priority, p.thresholdMinutes));
      }
    }
    const due = dueWaitEscalations(entries, done, now, this.deps.limits, this.deps.byBranch);
    for (const escalation of due) {
      const appended = this.deps.journal.command((ctx) =>
        ctx.append({ dossierId: escalation.dossierId, actor: SYSTEM_ACTOR, body: { type: 'queue.waitEscalated', payload: escalation } }),
      );
      const localNumber = entries.find((e) => e.id === escalation.dossierId)!.localNumber;
      this.deps.events.emit('queue:escalated', { ...escalation, localNumber, seq: appended.seq });
    }
    return due.length;
  }
}
