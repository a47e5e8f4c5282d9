/**
 * The indicators recomputed from scratch: every event folded with the same reducers as the
 * projections, then each call, callback and dossier's final facts summed into its cohort hour,
 * and each Hub message an event produced counted in that event's hour (received messages are
 * not events: the inbox's rows are summed by `hubInboxFacts`).
 * The rollups kept incrementally by the journal must always equal this (tested), and it is what
 * a formula test feeds hand-written events to.
 */
import { applyCallbackEvent, type Callback, type CallbackEvent } from '../callbacks';
import { applyCallEvent, isCallEvent, type Call } from '../callState';
import { applyDossierEvent, type Dossier } from '../dossier';
import { isDossierEvent, type JournalEventBody } from '../journalEvents';
import { outboxMessageFor } from '../hub/outboxMessage';
import { addFacts, callbackFacts, callFacts, dossierFacts, hubSentFacts, type Facts } from './facts';
import { siteHour } from './periods';

export interface IndicatorEvent {
  seq: number;
  dossierId: string | null;
  at: string;
  actor: { id: string; role: string };
  body: JournalEventBody;
}

/** Hour key → counters. */
export type HourlyFacts = Map<string, Facts>;

export function recomputeHourly(events: Iterable<IndicatorEvent>, timeZone: string): HourlyFacts {
  const calls = new Map<string, Call>();
  const dossiers = new Map<string, Dossier>();
  const callbacks = new Map<string, Callback>();
  const hourly: HourlyFacts = new Map();
  const credit = (instant: string, facts: Facts) => {
    const hour = siteHour(instant, timeZone);
    addFacts(hourly.get(hour) ?? hourly.set(hour, {}).get(hour)!, facts);
  };
  for (const event of events) {
    const { body } = event;
    if (isCallEvent(body)) {
      const id = body.payload.callId;
      calls.set(id, applyCallEvent(calls.get(id), { seq: event.seq, at: event.at, body }));
    } else if (isDossierEvent(body) && event.dossierId !== null) {
      dossiers.set(event.dossierId, applyDossierEvent(dossiers.get(event.dossierId), { seq: event.seq, dossierId: event.dossierId, at: event.at, actor: event.actor, body }));
    }
    // Hub messages count in the hour of the event that produced them (read against the dossier as
    // the event left it: nothing leaves before a person shares it).
    const message = outboxMessageFor(body, event.dossierId !== null ? dossiers.get(event.dossierId) : null);
    if (message) credit(event.at, hubSentFacts(message));
    const cbEvent = callbackEventOf(event, dossiers);
    if (cbEvent) {
      const id = cbEvent.body.payload.callbackId;
      callbacks.set(id, applyCallbackEvent(callbacks.get(id), cbEvent));
    }
  }
  for (const call of calls.values()) credit(call.presentedAt, callFacts(call));
  for (const cb of callbacks.values()) credit(cb.createdAt, callbackFacts(cb));
  for (const d of dossiers.values()) credit(d.createdAt, dossierFacts(d));
  return hourly;
}

/** The callback event an event amounts to (a P3 routing opens the deferred callback), as the callback projection reads it. */
export function callbackEventOf(event: IndicatorEvent, dossiers: { get(id: string): Dossier | undefined }): CallbackEvent | null {
  const { body } = event;
  if (body.type === 'dossier.routed') {
    if (body.payload.kind !== 'deferredCallback' || event.dossierId === null) return null;
    const dossier = dossiers.get(event.dossierId);
    const phone = dossier?.caller.callbackPhone ?? dossier?.callerPhone ?? null;
    return { at: event.at, actor: event.actor, body: { type: 'callback.deferred', payload: { callbackId: event.dossierId, dossierId: event.dossierId, phone, dueAt: body.payload.callbackDueAt } } };
  }
  if (body.type.startsWith('callback.')) return { at: event.at, actor: event.actor, body: body as CallbackEvent['body'] };
  return null;
}

/** The counters of the hours in [start, end) (hour keys compared as text), summed. */
export function sumHours(hourly: HourlyFacts, start: string, end: string): Facts {
  const total: Facts = {};
  for (const [hour, facts] of hourly) if (hour >= start && hour < end) addFacts(total, facts);
  return total;
}
