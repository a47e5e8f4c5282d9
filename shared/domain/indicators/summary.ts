/**
 * The figures the supervisor and the ARS read, from the counters of a period (the sum of its
 * hours' facts, see facts.ts). Shares are fractions 0–1 of the count they are "of" (null when that
 * count is 0); percentiles are read from the histograms: the smallest bin holding at least that
 * share of the values (time to answer to the second, waits to the minute, floored).
 */
import { PRIORITIES, type Priority } from '../priority';
import { QUEUES, type QueueId } from '../routing';
import { MINUTES_MAX, TTA_MAX_S, type Facts } from './facts';

export interface Share {
  count: number;
  share: number | null;
}

export interface WaitFigures {
  queue: QueueId;
  priority: Priority;
  taken: number;
  p50Min: number | null;
  p90Min: number | null;
  /** Taken after the priority's queue limit (the escalation the floor saw). */
  escalated: number;
}

export interface Indicators {
  calls: {
    presented: number;
    answered: number;
    lost: number;
    abandoned: number;
    lostAfter15s: number;
    outbound: number;
    within15s: Share;
    within30s: Share;
    within60s: Share;
    ttaP50s: number | null;
    ttaP90s: number | null;
    /** Answered calls by second of wait, 0…600 (600: 10 min and more). */
    ttaHistogram: number[];
  };
  callbacks: {
    lostCalls: number;
    lostCalledBack: Share;
    lostReached: number;
    callbackDelayP50Min: number | null;
    callbackDelayP90Min: number | null;
    deferred: number;
    deferredLate: number;
    requested: number;
    escalated: number;
  };
  dossiers: {
    total: number;
    byOrigin: Record<string, number>;
    byKind: Record<string, number>;
    byPriority: Record<string, number>;
    byBranch: Record<string, number>;
    waits: WaitFigures[];
    regulationP50Min: number | null;
    regulationP90Min: number | null;
    pharmacy: number;
  };
  /** Decisions in force by type, and INTER by resource, ORIENT by orientation. */
  decisions: { byType: Record<string, number>; interByResource: Record<string, number>; orientByOrientation: Record<string, number> };
  snp: { oriented: number; within48h: Share; beyond48h: number; none: number; delayP50H: number | null };
  /**
   * Hub Santé messages: produced by this centre's events (by kind), received (by kind, and
   * those refused here), and the partners' answers to ours received in the period.
   */
  hub: { sent: number; sentByKind: Record<string, number>; received: number; receivedByKind: Record<string, number>; receivedRejected: number; acknowledged: number; refused: number };
}

const share = (count: number, of: number): Share => ({ count, share: of > 0 ? count / of : null });

/** The values of a histogram family `prefix<bin>` as an array indexed by bin. */
export function histogram(facts: Facts, prefix: string, max: number): number[] {
  const h = new Array<number>(max + 1).fill(0);
  for (const [key, n] of Object.entries(facts)) {
    if (!key.startsWith(prefix)) continue;
    const b = Number(key.slice(prefix.length));
    if (Number.isInteger(b) && b >= 0 && b <= max) h[b]! += n;
  }
  return h;
}

/** The smallest bin b with at least q of the values at or below b; null without values. */
export function percentile(h: readonly number[], q: number): number | null {
  const total = h.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const needed = q * total;
  let cumulative = 0;
  for (let b = 0; b < h.length; b++) {
    cumulative += h[b]!;
    if (cumulative >= needed - 1e-9) return b;
  }
  return h.length - 1;
}

const atMost = (h: readonly number[], max: number) => h.slice(0, max + 1).reduce((a, b) => a + b, 0);

function family(facts: Facts, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(facts)) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    if (rest.includes(':')) continue;
    out[rest] = n;
  }
  return out;
}

const n = (facts: Facts, key: string) => facts[key] ?? 0;

export function summarize(facts: Facts, queueLimitsMinutes: Record<Priority, number>): Indicators {
  const tta = histogram(facts, 'call.tta:', TTA_MAX_S);
  const answered = n(facts, 'call.answered');
  const presented = n(facts, 'call.in');
  const cbDelay = histogram(facts, 'cb.lost.delay:', MINUTES_MAX);
  const waits: WaitFigures[] = [];
  for (const queue of Object.keys(QUEUES) as QueueId[]) {
    for (const priority of PRIORITIES) {
      const h = histogram(facts, `d.wait:${queue}:${priority}:`, MINUTES_MAX);
      const taken = h.reduce((a, b) => a + b, 0);
      if (taken === 0) continue;
      // A wait of exactly the limit (to the minute) is on time: escalation starts past it.
      const escalated = taken - atMost(h, queueLimitsMinutes[priority]);
      waits.push({ queue, priority, taken, p50Min: percentile(h, 0.5), p90Min: percentile(h, 0.9), escalated });
    }
  }
  const reg = histogram(facts, 'd.reg:', MINUTES_MAX);
  const oriented = n(facts, 'snp.oriented');
  const within48 = n(facts, 'snp.within48');
  const beyond48 = n(facts, 'snp.beyond48');
  const lostCalls = n(facts, 'cb.lost');
  return {
    calls: {
      presented,
      answered,
      lost: n(facts, 'call.lost'),
      abandoned: n(facts, 'call.abandoned'),
      lostAfter15s: n(facts, 'call.lost15'),
      outbound: n(facts, 'call.out'),
      // "Answered within 30 s" is of the calls presented: a lost call is not answered in time.
      within15s: share(atMost(tta, 15), presented),
      within30s: share(atMost(tta, 30), presented),
      within60s: share(atMost(tta, 60), presented),
      ttaP50s: percentile(tta, 0.5),
      ttaP90s: percentile(tta, 0.9),
      ttaHistogram: tta,
    },
    callbacks: {
      lostCalls,
      lostCalledBack: share(n(facts, 'cb.lost.called'), lostCalls),
      lostReached: n(facts, 'cb.lost.reached'),
      callbackDelayP50Min: percentile(cbDelay, 0.5),
      callbackDelayP90Min: percentile(cbDelay, 0.9),
      deferred: n(facts, 'cb.deferred'),
      deferredLate: n(facts, 'cb.deferred.late'),
      requested: n(facts, 'cb.requested'),
      escalated: n(facts, 'cb.escalated'),
    },
    dossiers: {
      total: n(facts, 'd.n'),
      byOrigin: family(facts, 'd.origin:'),
      byKind: family(facts, 'd.kind:'),
      byPriority: family(facts, 'd.prio:'),
      byBranch: family(facts, 'd.branch:'),
      waits,
      regulationP50Min: percentile(reg, 0.5),
      regulationP90Min: percentile(reg, 0.9),
      pharmacy: n(facts, 'd.pharma'),
    },
    decisions: { byType: family(facts, 'dec:'), interByResource: family(facts, 'dec:INTER:'), orientByOrientation: family(facts, 'dec:ORIENT:') },
    hub: {
      sent: n(facts, 'hub.sent'),
      sentByKind: family(facts, 'hub.sent:'),
      received: n(facts, 'hub.received'),
      receivedByKind: family(facts, 'hub.received:'),
      receivedRejected: n(facts, 'hub.received.rejected'),
      acknowledged: n(facts, 'hub.acked'),
      refused: n(facts, 'hub.refused'),
    },
    snp: { oriented, within48h: share(within48, oriented), beyond48h: beyond48, none: oriented - within48 - beyond48, delayP50H: percentile(histogram(facts, 'snp.delay:', 168), 0.5) },
  };
}
