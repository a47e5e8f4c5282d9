import { answeredElsewhere } from '../../../shared/domain/roomCalls';
import { v7 as uuidv7 } from 'uuid';
import type { ParsedRequestOf } from '../../../shared/api/contract';
import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import { callBackNumber, claimHolder, DEFAULT_LOST_CALL_DUE_MINUTES, isLate, needsEscalation, type Callback } from '../../../shared/domain/callbacks';
import { isClosed } from '../../../shared/domain/lifecycle';
import { normalisePhone } from '../../../shared/domain/phone';
import { SYSTEM_ACTOR } from '../../../shared/domain/roles';
import type { EventBus } from '../eventBus';
import type { Actor, AppendedEvent, CommandContext, Journal } from '../journal/journal';

export interface LostCallCreated {
  callbackId: string;
  seq: number;
}

export interface LostCall {
  phone: string | null;
  presentedAt: string;
  callId: string;
}

export interface CallbackServiceDeps {
  journal: Journal;
  events: EventBus;
  actor: () => Actor;
  /** A lost call is owed a call back within this (workstation configuration); then it is late and escalates. */
  lostCallDueMinutes?: number;
  now?: () => number;
}

export type CallbackView = Callback & { late: boolean; ageMinutes: number };

/**
 * The callback list (DOMAIN §8.3–4). Lost calls come from telephony through `addLostCall`;
 * deferred regulations from P3 routing; requested call-backs from the floor. Each attempt and
 * each escalation is a journal event, so the list is the same after a restart.
 */
export class CallbackService {
  private readonly now: () => number;

  constructor(private readonly deps: CallbackServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  list(request: ParsedRequestOf<'callback:list'>): Envelope<{ entries: CallbackView[] }> {
    return ok({ entries: this.deps.journal.callbacks.list(request.includeDone).map((c) => this.view(c)) });
  }

  /** For telephony: a presented call that was not answered, or was cut. Idempotent on callId. */
  addLostCall(call: LostCall, actor: Actor = SYSTEM_ACTOR): Envelope<CallbackView> {
    const known = this.deps.journal.callbacks.byCallId(call.callId);
    if (known) return ok(this.view(known));
    const created = this.deps.journal.command((ctx) => this.appendLostCall(ctx, call, actor))!;
    this.announce(created);
    return ok(this.view(this.deps.journal.callbacks.get(created.callbackId)!));
  }

  /**
   * Inside the caller's own transaction (the softphone's, which journals the end of the call):
   * the lost call and its callback commit together or not at all. Returns the new callback, or
   * null when that call already has one; `announce` it once the transaction has committed.
   */
  appendLostCall(ctx: CommandContext, call: LostCall, actor: Actor = SYSTEM_ACTOR): LostCallCreated | null {
    if (ctx.callbacks.byCallId(call.callId)) return null;
    let phone: string | null = null;
    if (call.phone && call.phone.trim() !== '') {
      const normalised = normalisePhone(call.phone);
      // A number telephony cannot normalise is kept as presented: it is still the one to call.
      phone = normalised.ok ? normalised.e164 : call.phone.slice(0, 40);
    }
    const callbackId = uuidv7();
    const presentedAt = new Date(call.presentedAt).toISOString();
    const dueAt = new Date(Date.parse(presentedAt) + (this.deps.lostCallDueMinutes ?? DEFAULT_LOST_CALL_DUE_MINUTES) * 60_000).toISOString();
    const appended = ctx.append({ dossierId: null, actor, body: { type: 'callback.lostCall', payload: { callbackId, phone, presentedAt, callId: call.callId, dueAt } } });
    return { callbackId, seq: appended.seq };
  }

  /**
   * In a room, another desk's answer to a ring-group call reached this desk after its own branch
   * had ended unanswered and entered the list: that call was not lost, its callback is withdrawn
   * (by the system, saying where it was answered). `callIds`: call events another desk made.
   */
  withdrawAnsweredElsewhere(callIds: Iterable<string>): void {
    for (const callId of callIds) {
      const answered = this.deps.journal.calls.get(callId);
      if (!answered?.answeredAt || answered.direction !== 'inbound') continue;
      for (const branch of this.deps.journal.calls.sameSipCall(answered)) {
        const open = this.deps.journal.callbacks.byCallId(branch.id);
        // Only the desk whose branch it was withdraws it, once for the room.
        if (!open || open.doneAt !== null || answeredElsewhere(branch, [answered]) === null || !this.deps.journal.isOwnEvent(branch.lastSeq)) continue;
        const reason = `appel répondu à un autre poste à ${answered.answeredAt}`;
        const appended = this.deps.journal.command((ctx) => {
          // Checked again inside the transaction: a pull or the floor may have closed it meanwhile.
          if (ctx.callbacks.byCallId(branch.id)?.doneAt !== null) return null;
          return ctx.append({ dossierId: null, actor: SYSTEM_ACTOR, body: { type: 'callback.withdrawn', payload: { callbackId: open.id, reason } } });
        });
        if (appended) this.deps.events.emit('callback:changed', { callbackId: open.id, seq: appended.seq });
      }
    }
  }

  /** After the commit: every screen showing the list refreshes. */
  announce(created: LostCallCreated): void {
    this.deps.events.emit('callback:changed', created);
  }

  request(request: ParsedRequestOf<'callback:request'>): Envelope<CallbackView> {
    const dossier = this.deps.journal.dossiers.get(request.dossierId);
    if (!dossier) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
    if (isClosed(dossier.state)) return fail('E_DOSSIER_CLOSED', `dossier ${dossier.localNumber} is ${dossier.state}: open a new dossier and link it`, 'dossierId');
    let phone = callBackNumber(dossier);
    if (request.phone && request.phone.trim() !== '') {
      const normalised = normalisePhone(request.phone);
      if (!normalised.ok) return fail('E_BAD_REQUEST', `phone: not a possible phone number (${request.phone})`, 'phone');
      phone = normalised.e164;
    }
    if (!phone) return fail('E_BAD_REQUEST', 'phone: no number to call back on this dossier', 'phone');
    const callbackId = uuidv7();
    const dueAt = request.dueAt ? new Date(request.dueAt).toISOString() : null;
    this.committed(
      callbackId,
      this.deps.journal.command((ctx) =>
        ctx.append({ dossierId: dossier.id, actor: this.deps.actor(), body: { type: 'callback.requested', payload: { callbackId, dossierId: dossier.id, phone, dueAt, reason: request.reason ?? null } } }),
      ),
    );
    return ok(this.view(this.deps.journal.callbacks.get(callbackId)!));
  }

  /**
   * The operator starts calling back: the other desks of the room show who does. Refused while
   * another operator's claim runs here; two claims at once are decided by the site, in its order.
   */
  claim(request: ParsedRequestOf<'callback:claim'>): Envelope<CallbackView> {
    const callback = this.deps.journal.callbacks.get(request.callbackId);
    if (!callback) return fail('E_NOT_FOUND', `callback ${request.callbackId} does not exist`, 'callbackId');
    if (callback.doneAt !== null) return fail('E_CONFLICT', `callback ${request.callbackId} is already done`, 'callbackId');
    const actor = this.deps.actor();
    const holder = claimHolder(callback, actor.id, new Date(this.now()).toISOString());
    if (holder) {
      const name = this.deps.journal.operators.byId(holder.actorId)?.displayName ?? holder.actorId;
      return fail('E_CONFLICT', `callback ${request.callbackId} is being called back by ${name} since ${holder.at}`, 'callbackId');
    }
    this.committed(callback.id, this.deps.journal.command((ctx) => ctx.append({ dossierId: callback.dossierId, actor, body: { type: 'callback.claimed', payload: { callbackId: callback.id } } })));
    return ok(this.view(this.deps.journal.callbacks.get(callback.id)!));
  }

  recordAttempt(request: ParsedRequestOf<'callback:recordAttempt'>): Envelope<CallbackView> {
    const callback = this.deps.journal.callbacks.get(request.callbackId);
    if (!callback) return fail('E_NOT_FOUND', `callback ${request.callbackId} does not exist`, 'callbackId');
    if (callback.doneAt !== null) return fail('E_CONFLICT', `callback ${request.callbackId} is already done`, 'callbackId');
    this.committed(
      callback.id,
      this.deps.journal.command((ctx) =>
        ctx.append({ dossierId: callback.dossierId, actor: this.deps.actor(), body: { type: 'callback.attempted', payload: { callbackId: callback.id, outcome: request.outcome, note: request.note ?? null } } }),
      ),
    );
    return ok(this.view(this.deps.journal.callbacks.get(callback.id)!));
  }

  /** DOMAIN §8.3: a callback past its deadline escalates, once, in the journal. */
  tick(): number {
    const now = this.now();
    const late = this.deps.journal.callbacks.list(false).filter((c) => needsEscalation(c, now));
    for (const callback of late) {
      this.committed(callback.id, this.deps.journal.command((ctx) => ctx.append({ dossierId: callback.dossierId, actor: SYSTEM_ACTOR, body: { type: 'callback.escalated', payload: { callbackId: callback.id } } })));
    }
    return late.length;
  }

  /** After the commit: every screen showing the list refreshes (an escalation shows at once). */
  private committed(callbackId: string, appended: AppendedEvent): void {
    this.deps.events.emit('callback:changed', { callbackId, seq: appended.seq });
  }

  private view(callback: Callback): CallbackView {
    const now = this.now();
    return { ...callback, late: isLate(callback, now), ageMinutes: Math.max(0, Math.floor((now - Date.parse(callback.createdAt)) / 60_000)) };
  }
}
