import type { DecisionFields } from '../../shared/domain/decision';
import type { DossierCreatedPayload } from '../../shared/domain/dossier';
import type { IndicatorEvent } from '../../shared/domain/indicators/recompute';
import type { JournalEventBody } from '../../shared/domain/journalEvents';

/**
 * A small script language for indicator scenarios: each helper returns the journal events of one
 * step, with the time it happened, in the order a real room would journal them.
 */
export class Scenario {
  readonly events: IndicatorEvent[] = [];
  private seq = 0;

  private push(at: string, body: JournalEventBody, dossierId: string | null = null, actor = { id: 'arm-1', role: 'ARM' }): void {
    this.events.push({ seq: ++this.seq, dossierId, at: new Date(at).toISOString(), actor, body });
  }

  call(id: string, presentedAt: string, direction: 'inbound' | 'outbound' = 'inbound'): this {
    this.push(presentedAt, { type: 'call.presented', payload: { callId: id, sipCallId: `sip-${id}`, direction, remoteNumber: '+33600000000', remoteName: null, dossierId: null } });
    if (direction === 'inbound') this.push(presentedAt, { type: 'call.ringing', payload: { callId: id } });
    return this;
  }

  answer(id: string, at: string): this {
    this.push(at, { type: 'call.answered', payload: { callId: id } });
    return this;
  }

  hangUp(id: string, at: string, by: 'local' | 'remote' | 'system' = 'remote', sipCode: number | null = null): this {
    this.push(at, { type: 'call.ended', payload: { callId: id, by, reason: 'BYE', sipCode } });
    return this;
  }

  abandon(id: string, at: string): this {
    this.push(at, { type: 'call.abandoned', payload: { callId: id } });
    return this;
  }

  lostCallback(callbackId: string, callId: string, presentedAt: string, at: string): this {
    this.push(at, { type: 'callback.lostCall', payload: { callbackId, phone: '+33600000000', presentedAt: new Date(presentedAt).toISOString(), callId } }, null, { id: 'systeme', role: 'SYSTEME' });
    return this;
  }

  attempt(callbackId: string, at: string, outcome: 'REACHED' | 'NO_ANSWER' = 'REACHED'): this {
    this.push(at, { type: 'callback.attempted', payload: { callbackId, outcome, note: null } });
    return this;
  }

  dossier(id: string, at: string, p: Partial<DossierCreatedPayload> = {}): this {
    this.push(at, { type: 'dossier.created', payload: { localNumber: `N-${id}`, caseId: `C-${id}`, kind: 'DRM', origin: '15', callerPhone: null, motive: 'm', priority: 'P2', ...p } }, id);
    return this;
  }

  /** Shared with a partner by a person of the room (issue 13 §6): from then on its changes go to the Hub. */
  share(id: string, at: string, partner = 'fr.health.samu440'): this {
    this.push(at, { type: 'dossier.shared', payload: { partner } }, id);
    return this;
  }

  route(id: string, at: string, queue: 'AMU' | 'SNP', callbackDueAt?: string): this {
    const payload = callbackDueAt ? { kind: 'deferredCallback' as const, queue, callbackDueAt: new Date(callbackDueAt).toISOString() } : { kind: 'queue' as const, queue };
    this.push(at, { type: 'dossier.routed', payload }, id);
    return this;
  }

  take(id: string, at: string): this {
    this.push(at, { type: 'dossier.taken', payload: {} }, id, { id: 'mru-1', role: 'MRU' });
    return this;
  }

  decide(id: string, at: string, decisionId: string, fields: Partial<DecisionFields> & Pick<DecisionFields, 'type'>): this {
    const decision: DecisionFields = { careLevel: 'R3', adviceText: null, prescriptionText: null, resourceType: null, orientationType: null, transport: null, destination: null, reason: null, supersedes: null, ...fields };
    this.push(at, { type: 'dossier.decisionAdded', payload: { decisionId, decision } }, id, { id: 'mru-1', role: 'MRU' });
    return this;
  }

  qualify(id: string, at: string, attribution: 'DR.DREG.DRPHARMA'): this {
    this.push(at, { type: 'dossier.qualificationUpdated', payload: { qualification: { attribution } } }, id);
    return this;
  }

  appointment(id: string, at: string, appointmentId: string, startsAt: string): this {
    this.push(at, { type: 'dossier.appointmentRecorded', payload: { appointment: { id: appointmentId, appointmentId: null, practitioner: 'Dr A', place: 'Lyon', startsAt: new Date(startsAt).toISOString(), category: 'AMB', status: 'BOOKED' } } }, id, { id: 'osnp-1', role: 'OSNP' });
    return this;
  }
}

/** The day of the formula test: 23 November 2026 in Paris (UTC+1), known calls, callbacks, decisions, appointments. */
export function parisDay(): Scenario {
  const s = new Scenario();
  // 10:00–11:00 local: five calls answered in 12, 25, 45, 90 s, one abandoned after 8 s.
  s.call('c1', '2026-11-23T09:00:00Z').answer('c1', '2026-11-23T09:00:12Z').hangUp('c1', '2026-11-23T09:04:00Z');
  s.dossier('D1', '2026-11-23T09:00:30Z', { priority: 'P1', origin: '15' }).share('D1', '2026-11-23T09:00:30Z').route('D1', '2026-11-23T09:01:00Z', 'AMU');
  s.call('c2', '2026-11-23T09:10:00Z').answer('c2', '2026-11-23T09:10:25Z');
  s.take('D1', '2026-11-23T09:02:30Z').decide('D1', '2026-11-23T09:05:30Z', 'x1', { type: 'INTER', resourceType: 'SMUR' });
  s.decide('D1', '2026-11-23T09:07:00Z', 'x2', { type: 'CONSEIL', adviceText: 'repos', supersedes: 'x1' });
  s.dossier('D2', '2026-11-23T09:10:40Z', { origin: '116117' }).share('D2', '2026-11-23T09:10:40Z').route('D2', '2026-11-23T09:11:00Z', 'SNP');
  s.hangUp('c2', '2026-11-23T09:12:00Z', 'local');
  s.call('c3', '2026-11-23T09:20:00Z').answer('c3', '2026-11-23T09:20:45Z');
  s.dossier('D3', '2026-11-23T09:20:50Z', { origin: '116117' }).share('D3', '2026-11-23T09:20:50Z').route('D3', '2026-11-23T09:21:00Z', 'SNP');
  s.take('D3', '2026-11-23T09:25:50Z').decide('D3', '2026-11-23T09:30:50Z', 'x3', { type: 'ORIENT', orientationType: 'CABINET', transport: false, destination: 'MG' });
  s.call('c4', '2026-11-23T09:30:00Z').answer('c4', '2026-11-23T09:31:30Z').hangUp('c4', '2026-11-23T09:33:00Z');
  s.call('c5', '2026-11-23T09:40:00Z').abandon('c5', '2026-11-23T09:40:08Z').lostCallback('cb5', 'c5', '2026-11-23T09:40:00Z', '2026-11-23T09:40:08Z');
  s.take('D2', '2026-11-23T09:40:40Z').decide('D2', '2026-11-23T09:45:40Z', 'x4', { type: 'ORIENT', orientationType: 'CABINET', transport: false, destination: 'MG' });
  s.attempt('cb5', '2026-11-23T09:52:00Z', 'NO_ANSWER');
  // 11:00–12:00 local: one call missed after 20 s, a P3 deferred, a pharmacy question, an outbound call.
  s.call('c6', '2026-11-23T10:05:00Z').hangUp('c6', '2026-11-23T10:05:20Z', 'system', 408).lostCallback('cb6', 'c6', '2026-11-23T10:05:00Z', '2026-11-23T10:05:20Z');
  s.dossier('D4', '2026-11-23T10:06:00Z', { origin: '116117', priority: 'P3' }).share('D4', '2026-11-23T10:06:00Z').route('D4', '2026-11-23T10:06:30Z', 'SNP', '2026-11-23T11:06:00Z');
  s.attempt('cb5', '2026-11-23T10:10:00Z', 'REACHED');
  s.call('c7', '2026-11-23T10:30:00Z', 'outbound');
  s.dossier('D5', '2026-11-23T10:31:00Z', { kind: 'DR', priority: 'NR' }).share('D5', '2026-11-23T10:31:00Z').qualify('D5', '2026-11-23T10:32:00Z', 'DR.DREG.DRPHARMA');
  s.attempt('D4', '2026-11-23T11:20:00Z', 'REACHED').take('D4', '2026-11-23T11:20:00Z').decide('D4', '2026-11-23T11:25:00Z', 'x5', { type: 'ORIENT', orientationType: 'CABINET', transport: false, destination: 'MG' });
  // Appointments found later: D2's within 48 h of its call (29 h), D3's beyond (72 h).
  s.appointment('D2', '2026-11-23T14:00:00Z', 'a2', '2026-11-24T15:00:00Z');
  s.appointment('D3', '2026-11-24T08:00:00Z', 'a3', '2026-11-26T10:00:00Z');
  return s;
}
