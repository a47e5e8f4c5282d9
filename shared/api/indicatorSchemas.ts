import { z } from 'zod';
import { CALL_DIRECTIONS, CALL_STATES } from '../domain/callState';
import { GRANULARITIES } from '../domain/indicators/periods';
import { PRIORITIES } from '../domain/priority';
import { QUEUES, type QueueId } from '../domain/routing';
import { ROLES } from '../domain/roles';

/** The supervisor's channels (issue 15): indicators over a period, the live floor view, the A4 report. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const isoInstant = z.iso.datetime({ offset: true });
const queueId = z.enum(Object.keys(QUEUES) as [QueueId, ...QueueId[]]);
const count = z.number().int();
const counts = z.record(z.string().max(100), count);
const share = z.strictObject({ count, share: z.number().nullable() });
const pct = z.number().int().nonnegative().nullable();

export const indicatorPeriodRequest = z
  .strictObject({ from: day, to: day, granularity: z.enum(GRANULARITIES).default('day') })
  // A year and a bit at most: the screen's longest period is a year.
  .refine((r) => r.from <= r.to && Date.parse(r.to) - Date.parse(r.from) <= 400 * 86_400_000, { message: 'from ≤ to, at most 400 days', path: ['to'] });

export const indicatorsSchema = z.strictObject({
  calls: z.strictObject({
    presented: count,
    answered: count,
    lost: count,
    abandoned: count,
    lostAfter15s: count,
    outbound: count,
    within15s: share,
    within30s: share,
    within60s: share,
    ttaP50s: pct,
    ttaP90s: pct,
    ttaHistogram: z.array(count).max(601),
  }),
  callbacks: z.strictObject({
    lostCalls: count,
    lostCalledBack: share,
    lostReached: count,
    callbackDelayP50Min: pct,
    callbackDelayP90Min: pct,
    deferred: count,
    deferredLate: count,
    requested: count,
    escalated: count,
  }),
  dossiers: z.strictObject({
    total: count,
    byOrigin: counts,
    byKind: counts,
    byPriority: counts,
    byBranch: counts,
    waits: z.array(z.strictObject({ queue: queueId, priority: z.enum(PRIORITIES), taken: count, p50Min: pct, p90Min: pct, escalated: count })).max(100),
    regulationP50Min: pct,
    regulationP90Min: pct,
    pharmacy: count,
  }),
  decisions: z.strictObject({ byType: counts, interByResource: counts, orientByOrientation: counts }),
  snp: z.strictObject({ oriented: count, within48h: share, beyond48h: count, none: count, delayP50H: pct }),
  hub: z.strictObject({ sent: count, sentByKind: counts, received: count, receivedByKind: counts, receivedRejected: count, acknowledged: count, refused: count }),
});

/** One bucket of the period (hour, day, ISO week or month on the site clock). */
export const indicatorBucketSchema = z.strictObject({
  bucket: z.string().max(20),
  presented: count,
  answered: count,
  lost: count,
  answered60s: count,
  snpOriented: count,
  snpWithin48h: count,
});

export const indicatorReportSchema = z.strictObject({
  siteName: z.string(),
  timeZone: z.string(),
  from: day,
  to: day,
  granularity: z.enum(GRANULARITIES),
  indicators: indicatorsSchema,
  series: z.array(indicatorBucketSchema).max(10_000),
});

const floorOperator = z.strictObject({ operatorId: z.string(), displayName: z.string(), role: z.enum(ROLES), locked: z.boolean() });

export const floorViewSchema = z.strictObject({
  at: isoInstant,
  posts: z.array(
    z.strictObject({
      post: z.string(),
      operator: floorOperator.nullable(),
      telephony: z.strictObject({ configured: z.boolean(), registered: z.boolean() }),
      ringing: count,
      inProgress: count,
      calls: z.array(z.strictObject({ id: z.string(), direction: z.enum(CALL_DIRECTIONS), state: z.enum(CALL_STATES), remoteNumber: z.string().nullable(), sinceSeconds: count })),
    }),
  ),
  queues: z.array(z.strictObject({ queue: queueId, priority: z.enum(PRIORITIES), depth: count, oldestWaitSeconds: count, escalated: count })),
  escalated: z.array(z.strictObject({ id: z.string(), localNumber: z.string(), queue: queueId, priority: z.enum(PRIORITIES), waitSeconds: count })).max(500),
  callbacks: z.strictObject({ open: count, due: count, late: count }),
  hub: z.strictObject({ configured: z.boolean(), connected: z.boolean(), waiting: count, failed: count }),
});
