import { v7 as uuidv7 } from 'uuid';
import type { ParsedRequestOf } from '../../../shared/api/contract';
import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import { appointmentDeadline, awaitsAppointment, beyondPromise, type AppointmentStatus } from '../../../shared/domain/appointment';
import { checkDecision, isRepeatedDecision } from '../../../shared/domain/decision';
import { decisionAuthenticationAllowed, type AuthenticationProof } from '../../../shared/domain/psc';
import type { Dossier } from '../../../shared/domain/dossier';
import { CLOSE_AFTER_VALIDATION_MS, dueTransition } from '../../../shared/domain/lifecycle';
import { sortQueue } from '../../../shared/domain/queue';
import { SYSTEM_ACTOR } from '../../../shared/domain/roles';
import type { DossierService } from '../dossiers/dossierService';
import type { EventBus } from '../eventBus';
import type { Journal } from '../journal/journal';

export interface RegulationServiceDeps {
  journal: Journal;
  events: EventBus;
  dossiers: DossierService;
  /** How the signed-in author was authenticated: recorded with each decision. */
  authentication?: () => AuthenticationProof;
  /** The site requires Pro Santé Connect for decisions (workstation configuration `psc.requiredForDecisions`). */
  requirePscForDecisions?: boolean;
  now?: () => number;
}

export interface OsnpBeyond {
  dossierId: string;
  localNumber: string;
  motive: string;
  practitioner: string;
  startsAt: string;
  deadline: string;
}

/** How far back the list shows appointments booked beyond 48 h (they start after this). */
const BEYOND_SHOWN_MS = 7 * 24 * 3_600_000;

const TRANSITION_EVENT = { close: 'dossier.closed', classify: 'dossier.classified', archive: 'dossier.archived' } as const;

export interface OsnpEntry {
  dossierId: string;
  localNumber: string;
  callerPhone: string | null;
  patientName: string | null;
  motive: string;
  createdAt: string;
  deadline: string;
  late: boolean;
}

/**
 * The regulator's and the OSNP's commands: take a dossier, write decisions, finish and validate
 * it, record the appointment found; and the tick that closes and classifies dossiers on time.
 */
export class RegulationService {
  private readonly now: () => number;

  constructor(private readonly deps: RegulationServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The chosen dossier, or the next one waiting in a branch queue (priority, then age). */
  take(request: ParsedRequestOf<'dossier:take'>): Envelope<Dossier> {
    let dossierId = request.dossierId;
    if (!dossierId) {
      const waiting = sortQueue(this.deps.journal.queues.untaken().filter((e) => !request.queue || e.queue === request.queue));
      if (waiting.length === 0) return fail('E_NOT_FOUND', `no dossier waiting${request.queue ? ` in ${request.queue}` : ''}`, 'queue');
      dossierId = waiting[0]!.id;
    }
    return this.deps.dossiers.change(dossierId, { type: 'dossier.taken', payload: {} }, 'take');
  }

  addDecision(request: ParsedRequestOf<'dossier:addDecision'>): Envelope<Dossier> {
    const { dossierId, ...input } = request;
    const dossier = this.deps.journal.dossiers.get(dossierId);
    if (!dossier) return fail('E_NOT_FOUND', `dossier ${dossierId} does not exist`, 'dossierId');
    const authentication = this.deps.authentication?.();
    if (authentication && !decisionAuthenticationAllowed(authentication, this.deps.requirePscForDecisions ?? false)) {
      return fail('E_PSC_REQUIRED', 'this site requires a Pro Santé Connect sign-in for decisions: sign in with Pro Santé Connect (the password session cannot sign one)');
    }
    const check = checkDecision(input, dossier.decisions);
    if (!check.ok) {
      const why = { required: `required for a ${input.type} decision`, notForThisType: `not part of a ${input.type} decision`, unknownSuperseded: 'no such decision in this dossier', alreadySuperseded: 'that decision was already superseded' }[check.reason];
      return fail('E_BAD_REQUEST', `${check.field}: ${why}`, check.field);
    }
    if (isRepeatedDecision(check.fields, dossier.decisions, this.now())) return fail('E_DUPLICATE', 'the same decision was signed seconds ago', 'type');
    return this.deps.dossiers.change(dossierId, { type: 'dossier.decisionAdded', payload: { decisionId: uuidv7(), decision: check.fields, ...(authentication ? { authentication } : {}) } }, 'decision');
  }

  finish(request: ParsedRequestOf<'dossier:finish'>): Envelope<Dossier> {
    return this.deps.dossiers.change(request.dossierId, { type: 'dossier.finished', payload: {} }, 'finish');
  }

  validate(request: ParsedRequestOf<'dossier:validate'>): Envelope<Dossier> {
    return this.deps.dossiers.change(request.dossierId, { type: 'dossier.validated', payload: {} }, 'validate');
  }

  recordAppointment(request: ParsedRequestOf<'appointment:record'>): Envelope<Dossier> {
    const dossier = this.deps.journal.dossiers.get(request.dossierId);
    if (!dossier) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
    if (Date.parse(request.startsAt) < this.now() - 3_600_000) return fail('E_BAD_REQUEST', 'startsAt: the appointment is in the past', 'startsAt');
    if (request.appointmentId && this.deps.journal.dossiers.appointmentByPlatformId(request.appointmentId)) {
      return fail('E_CONFLICT', `appointment ${request.appointmentId} is already attached to a dossier`, 'appointmentId');
    }
    const appointment = {
      id: uuidv7(),
      appointmentId: request.appointmentId ?? null,
      practitioner: request.practitioner,
      place: request.place,
      startsAt: new Date(request.startsAt).toISOString(),
      category: request.category,
      status: 'BOOKED' as const,
    };
    // Beyond the 48 h promise the appointment is still recorded (it is what the patient has):
    // refusing it would only lose the information; the indicators count it as late.
    return this.deps.dossiers.change(request.dossierId, { type: 'dossier.appointmentRecorded', payload: { appointment } }, 'appointment');
  }

  /** Entry point for the SAS platform's RS-SAS-RDV updates (booked, fulfilled, no-show, cancelled). */
  updateAppointmentByPlatformId(appointmentId: string, status: AppointmentStatus): Envelope<Dossier> {
    const found = this.deps.journal.dossiers.appointmentByPlatformId(appointmentId);
    if (!found) return fail('E_NOT_FOUND', `no dossier has appointment ${appointmentId}`, 'appointmentId');
    return this.deps.dossiers.change(found.dossierId, { type: 'dossier.appointmentUpdated', payload: { id: found.id, status } }, 'appointment');
  }

  /** SNP dossiers oriented to a GP office and still without an appointment; the 48 h clock runs from the call. */
  osnpList(): Envelope<{ entries: OsnpEntry[]; beyondPromise: OsnpBeyond[] }> {
    const now = this.now();
    const entries = this.deps.journal.queues
      .awaitingAppointment()
      .map((id) => this.deps.journal.dossiers.get(id)!)
      .filter(awaitsAppointment)
      .map((d) => {
        const deadline = appointmentDeadline(d);
        const p = d.patients[0];
        const patientName = p ? [p.lastName, p.firstName].filter(Boolean).join(' ') || null : null;
        return { dossierId: d.id, localNumber: d.localNumber, callerPhone: d.callerPhone, patientName, motive: d.motive, createdAt: d.createdAt, deadline: new Date(deadline).toISOString(), late: now > deadline };
      })
      .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
    const beyond = this.deps.journal.queues
      .appointmentsBeyondPromise(new Date(now - BEYOND_SHOWN_MS).toISOString())
      .map((id) => this.deps.journal.dossiers.get(id)!)
      .flatMap((d) =>
        d.appointments
          .filter((a) => beyondPromise(d, a))
          .map((a) => ({ dossierId: d.id, localNumber: d.localNumber, motive: d.motive, practitioner: a.practitioner, startsAt: a.startsAt, deadline: new Date(appointmentDeadline(d)).toISOString() })),
      )
      .sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
    return ok({ entries, beyondPromise: beyond });
  }

  /** Automatic transitions due now (CLOTURE 24 h after VALIDE, CLASSE 3 months after, ARCHIVE 12 months after that), journaled. */
  tick(): number {
    const now = this.now();
    let applied = 0;
    const validatedBefore = new Date(now - CLOSE_AFTER_VALIDATION_MS).toISOString();
    const closedBefore = new Date(now - 89 * 24 * 3_600_000).toISOString();
    // Loose too: 364 days ≤ 12 months.
    const classifiedBefore = new Date(now - 364 * 24 * 3_600_000).toISOString();
    for (const id of this.deps.journal.queues.dueForTransition(validatedBefore, closedBefore, classifiedBefore)) {
      const dossier = this.deps.journal.dossiers.get(id)!;
      const due = dueTransition(dossier, now);
      if (!due) continue;
      const seq = this.deps.journal.command((ctx) => ctx.append({ dossierId: id, actor: SYSTEM_ACTOR, body: { type: TRANSITION_EVENT[due], payload: {} } }).seq);
      this.deps.events.emit('dossier:changed', { dossierId: id, seq });
      applied += 1;
    }
    return applied;
  }
}
