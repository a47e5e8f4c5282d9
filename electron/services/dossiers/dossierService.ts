import { v7 as uuidv7 } from 'uuid';
import type { ParsedRequestOf } from '../../../shared/api/contract';
import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { Call } from '../../../shared/domain/callState';
import type { Dossier, DossierEventBody, Patient } from '../../../shared/domain/dossier';
import { checkAge, checkBirthDate, checkInseeCode, checkNir } from '../../../shared/domain/identity';
import { caseIdFor, deskBlockPrefix, deskCounter, formatLocalNumber, localDayKey } from '../../../shared/domain/localNumber';
import { normalisePhone } from '../../../shared/domain/phone';
import { sortQueue, type QueueEntry } from '../../../shared/domain/queue';
import { checkAction, type DossierAction, type LifecycleRefusal } from '../../../shared/domain/lifecycle';
import { defaultQueueFor, reroutingOnPriorityChange, routeDossier } from '../../../shared/domain/routing';
import { findCallerHistory } from './callerHistory';
import { searchDossiers } from './dossierSearch';
import { localDay } from '../../../shared/domain/siteTime';
import type { Actor, Journal } from '../journal/journal';
import type { EventBus } from '../eventBus';

export interface DossierServiceDeps {
  journal: Journal;
  events: EventBus;
  siteCode: string;
  timeZone: string;
  /** The agreed delay of a P3 callback (workstation configuration). */
  p3CallbackMinutes: number;
  /** In a room: this desk's block of the day's counter (config `site.deskNumber`); absent standalone. */
  deskNumber?: number | null;
  /** Who is acting: the signed-in operator (the handler table has checked there is one). */
  actor: () => Actor;
  /** Told when a new dossier took the call being answered (the softphone refreshes that call). */
  callAttached?: (call: Call) => void;
  now?: () => number;
}

/** A refusal found inside a journal command: thrown to roll the command back, then answered. */
class RefusedInCommand extends Error {
  constructor(readonly envelope: Envelope<never>) {
    super(envelope.ok ? '' : envelope.error.message);
  }
}

/** Dossier commands (each one journal transaction) and the queries behind the queues. */
export class DossierService {
  private readonly now: () => number;

  constructor(private readonly deps: DossierServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  create(request: ParsedRequestOf<'dossier:create'>): Envelope<Dossier> {
    let callerPhone: string | null = null;
    if (request.callerPhone.trim() !== '') {
      const phone = normalisePhone(request.callerPhone);
      if (!phone.ok) return fail('E_BAD_REQUEST', `callerPhone: not a possible phone number (${request.callerPhone})`, 'callerPhone');
      callerPhone = phone.e164;
    }
    const dossierId = uuidv7();
    const { callId } = request;
    let created: { dossier: Dossier; call: Call | null };
    try {
      created = this.deps.journal.command((ctx) => {
        const day = localDay(new Date(this.now()), this.deps.timeZone);
        const { deskNumber } = this.deps;
        const counter =
          deskNumber === undefined || deskNumber === null
            ? ctx.dossiers.lastCounter(`DRFR15${this.deps.siteCode}${localDayKey(day)}`) + 1
            : deskCounter(deskNumber, ctx.dossiers.lastCounter(deskBlockPrefix(this.deps.siteCode, day, deskNumber)));
        const localNumber = formatLocalNumber(this.deps.siteCode, day, counter);
        const actor = this.deps.actor();
        const appended = ctx.append({
          dossierId,
          actor,
          body: {
            type: 'dossier.created',
            payload: {
              localNumber,
              caseId: caseIdFor(this.deps.siteCode, localNumber),
              kind: request.kind,
              origin: request.origin,
              callerPhone,
              motive: request.motive,
              priority: request.priority,
            },
          },
        });
        const dossier = { ...ctx.dossiers.get(dossierId)!, lastSeq: appended.seq };
        if (callId === undefined) return { dossier, call: null };
        // The answered call joins its dossier in the same transaction (the checks of call:attach):
        // a reload between a save and a second request can no longer lose the link.
        if (!ctx.calls.get(callId)) throw new RefusedInCommand(fail('E_NOT_FOUND', `no call ${callId} in the call log`, 'callId'));
        ctx.append({ dossierId, actor, body: { type: 'call.attached', payload: { callId, dossierId } } });
        return { dossier, call: ctx.calls.get(callId)! };
      });
    } catch (error) {
      if (error instanceof RefusedInCommand) return error.envelope;
      throw error;
    }
    const { dossier, call } = created;
    this.deps.events.emit('dossier:changed', { dossierId, seq: dossier.lastSeq });
    if (call) this.deps.callAttached?.(call);
    return ok(dossier);
  }

  /**
   * A new priority re-applies the routing rules (shared/domain/routing.ts) in the same
   * transaction: a routed P3 raised to P0 leaves PROGRAM for the accompanied transfer and its
   * deferred callback is withdrawn; a P0 lowered goes to its branch's queue. Earlier priorities
   * and routings stay in the journal: the dossier's history is never rewritten.
   */
  setPriority(request: ParsedRequestOf<'dossier:setPriority'>): Envelope<Dossier> {
    const existing = this.deps.journal.dossiers.get(request.dossierId);
    if (!existing) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
    if (existing.priority === request.priority) return ok(existing);
    const actor = this.deps.actor();
    const check = checkAction(existing, 'edit', actor.role);
    if (!check.ok) return lifecycleRefusal(check.reason, existing.localNumber, existing.state, 'edit');
    const rerouting = reroutingOnPriorityChange(existing, request.priority, new Date(this.now()), this.deps.p3CallbackMinutes);
    const { dossierId } = request;
    let withdrawn: { callbackId: string; seq: number } | null = null;
    const dossier = this.deps.journal.command((ctx) => {
      ctx.append({ dossierId, actor, body: { type: 'dossier.priorityChanged', payload: { priority: request.priority } } });
      if (rerouting.route) ctx.append({ dossierId, actor, body: { type: 'dossier.routed', payload: rerouting.route } });
      const callback = rerouting.withdrawCallback ? ctx.callbacks.get(dossierId) : undefined;
      if (callback && callback.doneAt === null) {
        const reason = `priorité ${existing.priority} → ${request.priority} : plus de rappel différé`;
        const appended = ctx.append({ dossierId, actor, body: { type: 'callback.withdrawn', payload: { callbackId: callback.id, reason } } });
        withdrawn = { callbackId: callback.id, seq: appended.seq };
      }
      return ctx.dossiers.get(dossierId)!;
    });
    this.deps.events.emit('dossier:changed', { dossierId, seq: dossier.lastSeq });
    if (withdrawn) this.deps.events.emit('callback:changed', withdrawn);
    return ok(dossier);
  }

  updateCaller(request: ParsedRequestOf<'dossier:updateCaller'>): Envelope<Dossier> {
    const { dossierId, callbackPhone, ...rest } = request;
    const caller: Record<string, string | null> = { ...rest };
    if (rest.name !== undefined) caller.name = rest.name === '' ? null : rest.name;
    if (callbackPhone !== undefined) {
      if (callbackPhone.trim() === '') caller.callbackPhone = null;
      else {
        const phone = normalisePhone(callbackPhone);
        if (!phone.ok) return fail('E_BAD_REQUEST', `callbackPhone: not a possible phone number (${callbackPhone})`, 'callbackPhone');
        caller.callbackPhone = phone.e164;
      }
    }
    return this.change(dossierId, { type: 'dossier.callerUpdated', payload: { caller } });
  }

  upsertPatient(request: ParsedRequestOf<'dossier:upsertPatient'>): Envelope<Dossier> {
    const existing = this.deps.journal.dossiers.get(request.dossierId);
    if (!existing) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
    const { dossierId: _dossierId, patientId, ...patch } = request;
    const before = patientId ? existing.patients.find((p) => p.id === patientId) : undefined;
    if (patientId && !before) return fail('E_NOT_FOUND', `patient ${patientId} is not in dossier ${request.dossierId}`, 'patientId');
    const blank = (text: string | null | undefined) => (text === '' ? null : text);
    const patient: Patient = {
      id: before?.id ?? uuidv7(),
      lastName: null,
      firstName: null,
      sex: null,
      birthDate: null,
      ageYears: null,
      weightKg: null,
      ins: null,
      identityQualified: false,
      ...before,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined).map(([k, v]) => [k, typeof v === 'string' ? blank(v) : v])),
    };
    const refused = this.patientProblem(patient);
    if (refused) return refused;
    return this.change(request.dossierId, { type: 'dossier.patientUpserted', payload: { patient } });
  }

  /** DOMAIN §3: dates and ages that cannot be, and an INS for an identity that is not qualified. */
  private patientProblem(patient: Patient): Envelope<never> | null {
    if (patient.birthDate !== null) {
      const check = checkBirthDate(patient.birthDate, new Date(this.now()));
      if (!check.ok) return fail('E_BAD_REQUEST', `birthDate: ${check.reason}`, 'birthDate');
    }
    if (patient.ageYears !== null) {
      const check = checkAge(patient.ageYears);
      if (!check.ok) return fail('E_BAD_REQUEST', `ageYears: ${check.reason}`, 'ageYears');
    }
    if (patient.ins !== null) {
      if (!patient.identityQualified) return fail('E_BAD_REQUEST', 'ins: only recorded for a qualified identity', 'ins');
      const check = checkNir(patient.ins);
      if (!check.ok) return fail('E_BAD_REQUEST', `ins: ${check.reason}`, 'ins');
    }
    return null;
  }

  updateQualification(request: ParsedRequestOf<'dossier:updateQualification'>): Envelope<Dossier> {
    const { dossierId, ...qualification } = request;
    return this.change(dossierId, { type: 'dossier.qualificationUpdated', payload: { qualification } });
  }

  setLocation(request: ParsedRequestOf<'dossier:setLocation'>): Envelope<Dossier> {
    if (!checkInseeCode(request.address.inseeCode).ok) return fail('E_BAD_REQUEST', `inseeCode: not an INSEE commune code (${request.address.inseeCode})`, 'address.inseeCode');
    const location = {
      ...request.address,
      source: request.source,
      floor: request.floor ?? null,
      doorCode: request.doorCode ?? null,
      intercom: request.intercom ?? null,
      accessDetails: request.accessDetails ?? null,
    };
    return this.change(request.dossierId, { type: 'dossier.locationSet', payload: { location } });
  }

  addNote(request: ParsedRequestOf<'dossier:addNote'>): Envelope<Dossier> {
    return this.change(request.dossierId, { type: 'dossier.noteAdded', payload: { noteId: uuidv7(), text: request.text } }, 'note');
  }

  link(request: ParsedRequestOf<'dossier:link'>): Envelope<Dossier> {
    if (request.dossierId === request.otherDossierId) return fail('E_BAD_REQUEST', 'otherDossierId: a dossier cannot be linked to itself', 'otherDossierId');
    if (!this.deps.journal.dossiers.get(request.otherDossierId)) return fail('E_NOT_FOUND', `dossier ${request.otherDossierId} does not exist`, 'otherDossierId');
    return this.change(request.dossierId, { type: 'dossier.linked', payload: { otherDossierId: request.otherDossierId } });
  }

  callerHistory(request: ParsedRequestOf<'dossier:callerHistory'>): Envelope<{ byPhone: QueueEntry[]; byPatient: QueueEntry[] }> {
    let phone: string | null = null;
    if (request.phone && request.phone.trim() !== '') {
      const normalised = normalisePhone(request.phone);
      if (normalised.ok) phone = normalised.e164;
    }
    const since = new Date(this.now() - 72 * 3_600_000).toISOString();
    return ok(findCallerHistory(this.deps.journal.callerHistory, { phone, lastName: request.lastName ?? null, firstName: request.firstName ?? null, birthDate: request.birthDate ?? null, since }));
  }

  search(request: ParsedRequestOf<'dossier:search'>): Envelope<{ entries: QueueEntry[] }> {
    return ok({ entries: searchDossiers(this.deps.journal.search, request.text, request.limit) });
  }

  /**
   * One journal command on an existing dossier, then the event for the screens. The life cycle
   * decides first whether the dossier still accepts it (lifecycle.ts): a closed one never does.
   */
  /** One event, or several that stand or fall together (one transaction). */
  change(dossierId: string, body: DossierEventBody | readonly DossierEventBody[], action: DossierAction = 'edit'): Envelope<Dossier> {
    const existing = this.deps.journal.dossiers.get(dossierId);
    if (!existing) return fail('E_NOT_FOUND', `dossier ${dossierId} does not exist`, 'dossierId');
    const actor = this.deps.actor();
    const check = checkAction(existing, action, actor.role);
    if (!check.ok) return lifecycleRefusal(check.reason, existing.localNumber, existing.state, action);
    const dossier = this.deps.journal.command((ctx) => {
      for (const one of Array.isArray(body) ? body : [body as DossierEventBody]) ctx.append({ dossierId, actor, body: one });
      return ctx.dossiers.get(dossierId)!;
    });
    this.deps.events.emit('dossier:changed', { dossierId, seq: dossier.lastSeq });
    return ok(dossier);
  }

  get(request: ParsedRequestOf<'dossier:get'>): Envelope<Dossier> {
    const dossier = this.deps.journal.dossiers.get(request.dossierId);
    return dossier ? ok(dossier) : fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
  }

  /** One branch's queue, or all of them (dossiers still being taken included). */
  queue(queue?: QueueEntry['queue']): Envelope<{ entries: QueueEntry[] }> {
    const entries = this.deps.journal.queues.active();
    return ok({ entries: sortQueue(queue ? entries.filter((e) => e.queue === queue) : entries) });
  }

  /**
   * Sends the dossier on, by the rules of DOMAIN §2: to the queue chosen (by default the one of the
   * number dialled), except a P0 — accompanied transfer — and a P3, which becomes a timed callback.
   */
  route(request: ParsedRequestOf<'dossier:route'>): Envelope<Dossier> {
    const dossier = this.deps.journal.dossiers.get(request.dossierId);
    if (!dossier) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
    const outcome = routeDossier(dossier.priority, request.queue ?? defaultQueueFor(dossier.origin, dossier.priority), new Date(this.now()), this.deps.p3CallbackMinutes);
    return this.change(request.dossierId, { type: 'dossier.routed', payload: outcome });
  }
}

/** A life-cycle refusal as an envelope: the code says why, the message says what and where. */
export function lifecycleRefusal(reason: LifecycleRefusal, localNumber: string, state: string, action: string): Envelope<never> {
  switch (reason) {
    case 'closed':
      return fail('E_DOSSIER_CLOSED', `dossier ${localNumber} is ${state}: it is never reopened (${action} refused); open a new dossier and link it`, 'dossierId');
    case 'needsPhysicianDecision':
      return fail('E_INTERLOCK', `dossier ${localNumber}: a medical dossier cannot be finished without a physician's decision`, 'dossierId');
    case 'physicianOnly':
      return fail('E_FORBIDDEN', `dossier ${localNumber}: only a physician validates a medical dossier`, 'dossierId');
    case 'notInThisState':
      return fail('E_CONFLICT', `dossier ${localNumber} is ${state}: ${action} is not possible in this state`, 'dossierId');
  }
}
