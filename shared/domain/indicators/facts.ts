/**
 * What each call, callback and dossier contributes to the indicators, as counters. Every counter
 * of one subject is credited to one site-local hour — its **cohort hour** — whatever the time of
 * the later events that change it:
 *  - a call: the hour it was presented (`call.presented`);
 *  - a callback: the hour it was opened (a lost call: the hour the call was presented);
 *  - a dossier: the hour it was created (`dossier.created` / `dossier.received`).
 * So "answered within 30 s" of 14:00 is about the calls presented between 14:00 and 15:00, even
 * when the last one was answered at 15:00:20, and a day's 48 h rate is about that day's calls.
 *
 * Facts are a pure function of the subject's current state (the fold of its events), so the
 * incremental rollup applies `facts(after) − facts(before)` on each event, and a recomputation
 * sums `facts(final state)`: both give the same numbers by construction.
 *
 * Hub Santé messages are counted in the hour they happened, not a subject's cohort: a message
 * the journal enqueued in the hour of the event that produced it, a message received in the
 * hour the inbox recorded it (see `hubSentFacts`, `hubInboxFacts`).
 *
 * Histogram counters (`…:<bin>`) let percentiles be read from summed hours: time to answer in
 * whole seconds (bin 600 holds 600 s and more); queue wait, regulation time and callback delay
 * in whole minutes (bin 240 holds 4 h and more); call → appointment in whole hours (bin 168: a week and more).
 */
import { beyondPromise, isSnpDossier, withinPromise } from '../appointment';
import type { Callback } from '../callbacks';
import type { Call } from '../callState';
import { currentDecisions, needsSnpAppointment } from '../decision';
import type { Dossier } from '../dossier';

export type Facts = Record<string, number>;

export const TTA_MAX_S = 600;
export const MINUTES_MAX = 240;
export const HOURS_MAX = 168;

/** Seconds (whole, floored) between two ISO instants, never negative. */
function seconds(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 1000));
}

const bin = (value: number, max: number) => Math.min(max, value);

/**
 * Calls (inbound unless said): `call.in` presented to the room; `call.out` placed by the room;
 * `call.answered` answered (`call.answered`); `call.tta:<s>` answer − presentation (`call.answered60`
 * those answered within 60 s, the sum of bins 0–60, kept for the charts); `call.lost`
 * ended without ever being answered (abandoned by the caller, missed, refused, cut: the calls
 * the callback list receives); `call.abandoned` the caller hung up before the answer (CANCEL);
 * `call.lost15` lost after ringing 15 s or more (presentation → end).
 */
export function callFacts(call: Call | undefined): Facts {
  const f: Facts = {};
  if (!call) return f;
  if (call.direction === 'outbound') {
    f['call.out'] = 1;
    return f;
  }
  f['call.in'] = 1;
  if (call.answeredAt !== null) {
    f['call.answered'] = 1;
    const tta = seconds(call.presentedAt, call.answeredAt);
    f[`call.tta:${bin(tta, TTA_MAX_S)}`] = 1;
    // The charts' per-hour "answered ≤ 60 s": one counter instead of 61 histogram bins per bucket.
    if (tta <= 60) f['call.answered60'] = 1;
  } else if (call.state === 'ended') {
    f['call.lost'] = 1;
    if (call.outcome === 'abandoned') f['call.abandoned'] = 1;
    if (call.endedAt !== null && seconds(call.presentedAt, call.endedAt) >= 15) f['call.lost15'] = 1;
  }
  return f;
}

/**
 * Callbacks: `cb.lost` lost calls put on the callback list; `cb.lost.called` of those, called
 * back at least once (`callback.attempted`), `cb.lost.reached` the caller reached,
 * `cb.lost.delay:<min>` presentation → first attempt; `cb.deferred` P3 deferred regulations,
 * `cb.deferred.late` whose first attempt came after the deadline or not at all once escalated;
 * `cb.requested` requested call-backs; `cb.escalated` every callback escalated late.
 */
export function callbackFacts(cb: Callback | undefined): Facts {
  const f: Facts = {};
  if (!cb) return f;
  const first = cb.attempts[0];
  if (cb.kind === 'LOST_CALL') {
    f['cb.lost'] = 1;
    if (first) {
      f['cb.lost.called'] = 1;
      f[`cb.lost.delay:${bin(Math.floor(seconds(cb.createdAt, first.at) / 60), MINUTES_MAX)}`] = 1;
    }
    if (cb.attempts.some((a) => a.outcome === 'REACHED')) f['cb.lost.reached'] = 1;
  } else if (cb.kind === 'DEFERRED') {
    f['cb.deferred'] = 1;
    const late = first ? cb.dueAt !== null && first.at > cb.dueAt : cb.escalatedAt !== null;
    if (late) f['cb.deferred.late'] = 1;
  } else {
    f['cb.requested'] = 1;
  }
  if (cb.escalatedAt !== null) f['cb.escalated'] = 1;
  return f;
}

/** Pharmacy questions: the official attribution of a non-medical dossier about a pharmacy. */
export const PHARMACY_ATTRIBUTION = 'DR.DREG.DRPHARMA';

/**
 * Dossiers: `d.n` every dossier (created here or received from a partner); `d.origin:<code>` by
 * the number dialled (HubSante.origine), `d.kind:<DR|DRM>`, `d.prio:<P>` its priority now,
 * `d.branch:<queue>` the branch queue it was routed to (`none` if never routed);
 * `d.wait:<queue>:<P>:<min>` creation → taken by a regulator (the queue's own clock), for the
 * dossiers taken; `d.reg:<min>` taken → first decision; `dec:<type>` decisions in force
 * (superseded ones no longer count), with `dec:INTER:<resource>` and `dec:ORIENT:<orientation>`;
 * `snp.oriented` SNP dossiers whose decision in force is ORIENT + CABINET (a GP appointment is
 * owed within 48 h of the call), `snp.within48` of those with a booked or fulfilled appointment
 * starting within 48 h of the call, `snp.beyond48` with one starting later, `snp.delay:<h>`
 * call → appointment start; `d.pharma` pharmacy orientations (attribution DR.DREG.DRPHARMA).
 */
export function dossierFacts(d: Dossier | undefined): Facts {
  const f: Facts = {};
  if (!d) return f;
  f['d.n'] = 1;
  f[`d.origin:${d.origin}`] = 1;
  f[`d.kind:${d.kind}`] = 1;
  f[`d.prio:${d.priority}`] = 1;
  f[`d.branch:${d.queue ?? 'none'}`] = 1;
  if (d.regulator !== null && d.queue !== null) {
    f[`d.wait:${d.queue}:${d.priority}:${bin(Math.floor(seconds(d.createdAt, d.regulator.at) / 60), MINUTES_MAX)}`] = 1;
  }
  const inForce = currentDecisions(d.decisions);
  if (d.regulator !== null && d.decisions.length > 0) {
    const firstAt = d.decisions.reduce((min, x) => (x.at < min ? x.at : min), d.decisions[0]!.at);
    f[`d.reg:${bin(Math.floor(seconds(d.regulator.at, firstAt) / 60), MINUTES_MAX)}`] = 1;
  }
  for (const decision of inForce) {
    add(f, `dec:${decision.type}`);
    if (decision.type === 'INTER' && decision.resourceType) add(f, `dec:INTER:${decision.resourceType}`);
    if (decision.type === 'ORIENT' && decision.orientationType) add(f, `dec:ORIENT:${decision.orientationType}`);
  }
  if (isSnpDossier(d) && inForce.some(needsSnpAppointment)) {
    f['snp.oriented'] = 1;
    const standing = d.appointments.filter((a) => a.status === 'BOOKED' || a.status === 'FULFILLED');
    const best = standing.reduce<(typeof standing)[number] | undefined>((min, a) => (min === undefined || a.startsAt < min.startsAt ? a : min), undefined);
    if (best) {
      if (withinPromise(d, best.startsAt)) f['snp.within48'] = 1;
      else if (beyondPromise(d, best)) f['snp.beyond48'] = 1;
      f[`snp.delay:${bin(Math.floor(seconds(d.createdAt, best.startsAt) / 3600), HOURS_MAX)}`] = 1;
    }
  }
  if (d.qualification.attribution === PHARMACY_ATTRIBUTION) f['d.pharma'] = 1;
  return f;
}

function add(f: Facts, key: string, n = 1): void {
  f[key] = (f[key] ?? 0) + n;
}

/** after − before, zero entries left out: what one event changes. */
export function factsDelta(before: Facts, after: Facts): Facts {
  const delta: Facts = {};
  for (const [key, n] of Object.entries(after)) if (n !== (before[key] ?? 0)) delta[key] = n - (before[key] ?? 0);
  for (const [key, n] of Object.entries(before)) if (!(key in after)) delta[key] = -n;
  return delta;
}

/** Adds counters into a total (in place). */
export function addFacts(total: Facts, more: Facts, sign = 1): Facts {
  for (const [key, n] of Object.entries(more)) {
    const v = (total[key] ?? 0) + sign * n;
    if (v === 0) delete total[key];
    else total[key] = v;
  }
  return total;
}

/**
 * A Hub Santé message this centre produced (`hub.sent`, and `hub.sent:<kind>`: RS-EDA first
 * share, RS-EDA-MAJ update): one per journaled event that enqueues one (outboxMessage.ts), its
 * distributionID derived from the event, so every retry is the same message, counted once.
 */
export function hubSentFacts(kind: string | null): Facts {
  return kind === null ? {} : { 'hub.sent': 1, [`hub.sent:${kind}`]: 1 };
}

/** What the inbox keeps of a received message (the row as received, and how it was settled). */
export interface InboxFactsRow {
  kind: string | null;
  state: 'APPLIED' | 'PENDING' | 'REJECTED';
  errorCode: number | null;
}

/**
 * A message received from the Hub, as the inbox recorded it (every message, kept as received):
 * `hub.received` every one, `hub.received:<kind>` by kind (`unknown` when unreadable),
 * `hub.received.rejected` those this centre refused (answered with an RS-ERROR). The partners'
 * answers to our messages: `hub.acked` an RC-REF that settled one of ours, `hub.refused` an
 * RS-ERROR (or a refusing RC-REF) that did; an answer about no message of ours is only rejected.
 */
export function hubInboxFacts(row: InboxFactsRow | undefined): Facts {
  const f: Facts = {};
  if (!row) return f;
  f['hub.received'] = 1;
  f[`hub.received:${row.kind ?? 'unknown'}`] = 1;
  if (row.state === 'REJECTED') f['hub.received.rejected'] = 1;
  else if (row.state === 'APPLIED' && (row.kind === 'RC-REF' || row.kind === 'RS-ERROR')) {
    if (row.kind === 'RS-ERROR' || row.errorCode !== null) f['hub.refused'] = 1;
    else f['hub.acked'] = 1;
  }
  return f;
}
