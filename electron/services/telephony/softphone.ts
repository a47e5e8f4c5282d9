import { randomUUID } from 'node:crypto';
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  type Session,
  type URI,
} from 'sip.js';
import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { TelephonyStatus } from '../../../shared/api/telephonySchemas';
import { canApply, isLive, type Call, type CallEndedBy, type CallEventBody, type P0ExceptionAction, type TransferMode } from '../../../shared/domain/callState';
import { isLostInRoom } from '../../../shared/domain/roomCalls';
import { guardP0Call } from '../../../shared/domain/p0Call';
import type { EventBus } from '../eventBus';
import type { Actor, CommandContext, Journal } from '../journal/journal';
import { callerNumber, resolveTarget, type DialTarget } from './dialPlan';
import { bridgeSdhFactory, type MediaPort } from './mediaPort';
import { NodeWebSocketTransport, type NodeWebSocketTransportOptions } from './nodeWebSocketTransport';
import { ReconnectLoop } from './reconnectLoop';
import { refer, reinvite, sendDtmfInfo, settled } from './inDialog';
import type { SecretStore } from './secretStore';
import { sipSecretKey, type TelephonyConfig } from './telephonyConfig';

export interface SoftphoneDeps {
  config: TelephonyConfig;
  journal: Journal;
  events: EventBus;
  secrets: SecretStore;
  media: MediaPort;
  actor: () => Actor;
  now?: () => number;
  /** sip.js log lines and the SIP trace; the trace carries digests, never the password. */
  log?: (line: string) => void;
  /**
   * DOMAIN §8.4: a presented call that ends unanswered goes to the callback list, in the same
   * transaction as the event that ended it (so a crash cannot keep one without the other).
   */
  lostCalls?: {
    appendLostCall(ctx: CommandContext, call: { phone: string | null; presentedAt: string; callId: string }): { callbackId: string; seq: number } | null;
    announce(created: { callbackId: string; seq: number }): void;
  };
  /** Every SIP message as it crosses our transport, unformatted (for a measurement or a rotating trace file). */
  sipTrace?: (direction: 'in' | 'out', message: string) => void;
}

/** One call the position still has, with its sip.js session. */
interface LiveCall {
  call: Call;
  session: Invitation | Inviter;
  /** Who ends it, when we know before sip.js tells us it is over. */
  endedBy?: CallEndedBy;
  endReason?: string;
  sipCode?: number | null;
  /** Re-INVITE in flight (hold, resume, target refresh): sip.js refuses a second one. */
  reinviting?: boolean;
  /** Periodic session refresh (see TelephonyConfig.sessionRefreshSeconds). */
  refreshTimer?: NodeJS.Timeout;
  /** This is the consultation call of an accompanied transfer: the id of the caller's call waiting for it. */
  consultationFor?: string;
  /** The caller's call is held for this consultation call. */
  heldForConsultation?: string;
  /** In a three-way conference at the desk with this call. */
  conferenceWith?: string;
}

type Failure = NonNullable<TelephonyStatus['reason']>;

function failureOf(statusCode: number): Failure {
  if (statusCode === 401 || statusCode === 407) return 'auth';
  if (statusCode === 403) return 'forbidden';
  if (statusCode === 408) return 'timeout';
  if (statusCode === 480 || statusCode === 500 || statusCode === 502 || statusCode === 503 || statusCode === 504) return 'unavailable';
  return 'rejected';
}

/**
 * The softphone's signalling half (ARCHITECTURE §2): a sip.js UserAgent (core API only) over our
 * Node WebSocket transport, its registration, a reconnect loop, and call control. Every call step
 * is a journal event (one transaction each); the live calls and the registration status are
 * pushed as `call:changed` and `telephony:status`. Media is somebody else's: the MediaPort.
 */
export class Softphone {
  private ua: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private readonly loop: ReconnectLoop;
  private readonly calls = new Map<string, LiveCall>();
  private readonly callIdOfSession = new WeakMap<Session, string>();
  private status: TelephonyStatus;
  private started = false;
  private everConnected = false;
  /** Set on a reconnect: once registered again, re-target every established call. */
  private refreshAfterRegister = false;
  private readonly now: () => number;

  constructor(private readonly deps: SoftphoneDeps) {
    this.now = deps.now ?? Date.now;
    this.status = this.makeStatus('offline', null);
    this.loop = new ReconnectLoop(() => this.connectOnce(), deps.config.reconnect, (delay, attempt) => this.log(`reconnect attempt ${attempt} in ${delay} ms`));
  }

  // ——— lifecycle and registration ———

  getStatus(): TelephonyStatus {
    return this.status;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.closeCallsCutByARestart();
    const password = await this.deps.secrets.get(sipSecretKey(this.deps.config));
    if (password === null) {
      this.setStatus('failing', 'noPassword', null, 'no SIP password stored for this position');
      return;
    }
    this.started = true;
    this.loop.restart();
    this.buildUserAgent(password);
    this.setStatus('connecting', null);
    await this.ua!.start().catch((error: unknown) => {
      this.setStatus('failing', 'transport', null, String((error as Error).message ?? error));
      this.loop.kick();
    });
  }

  /** Stops for good (app quit, password change): un-REGISTERs when it can, ends the calls. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.loop.stop();
    const ua = this.ua;
    const registerer = this.registerer;
    this.ua = undefined;
    this.registerer = undefined;
    // Journalled first and synchronously: the journal may be closed right after this returns.
    for (const live of [...this.calls.values()]) this.finish(live, 'system', 'softphone stopped', null);
    this.setStatus('offline', null);
    if (ua && registerer && ua.isConnected() && registerer.state === RegistererState.Registered) {
      await Promise.race([registerer.unregister().catch(() => {}), delay(1000)]);
    }
    // sip.js ends what is left of the sessions (BYE/CANCEL) and closes the transport.
    await ua?.stop().catch(() => {});
  }

  async setPassword(password: string): Promise<Envelope<TelephonyStatus>> {
    if ([...this.calls.values()].some((l) => isLive(l.call))) return fail('E_CONFLICT', 'a call is in progress: change the password after it');
    try {
      await this.deps.secrets.set(sipSecretKey(this.deps.config), password);
    } catch (error) {
      return fail('E_FORBIDDEN', (error as Error).message);
    }
    await this.stop();
    await this.start();
    return ok(this.status);
  }

  /** A fresh registration with the stored password (after the proxy or the account was fixed). */
  async reregister(): Promise<Envelope<TelephonyStatus>> {
    if ([...this.calls.values()].some((l) => isLive(l.call))) return fail('E_CONFLICT', 'a call is in progress: register again after it');
    await this.stop();
    await this.start();
    return ok(this.status);
  }

  private buildUserAgent(password: string): void {
    const { config } = this.deps;
    const uri = UserAgent.makeURI(config.aor);
    if (!uri) throw new Error(`bad AOR ${config.aor}`);
    const transportOptions: NodeWebSocketTransportOptions = {
      server: config.serverUrl,
      heartbeatMs: config.heartbeatMs,
      connectionTimeoutMs: config.connectionTimeoutMs,
      ...(this.deps.log || this.deps.sipTrace
        ? {
            trace: (direction: 'in' | 'out', message: string) => {
              this.deps.sipTrace?.(direction, message);
              if (this.deps.log) this.log(`SIP ${direction}\n${message}`);
            },
          }
        : {}),
    };
    this.ua = new UserAgent({
      uri,
      displayName: config.displayName,
      authorizationUsername: config.authUser,
      authorizationPassword: password,
      transportConstructor: NodeWebSocketTransport as never,
      transportOptions,
      userAgentString: 'Plateau softphone (sip.js 0.21)',
      // sip.js would send a 180 on its own for every INVITE and a second one on progress().
      sendInitialProvisionalResponse: false,
      sessionDescriptionHandlerFactory: bridgeSdhFactory(this.deps.media, (session) => this.callIdOfSession.get(session)),
      logBuiltinEnabled: false,
      logLevel: this.deps.log ? 'log' : 'error',
      logConnector: (level, category, _label, content) => {
        if (this.deps.log || level === 'error') this.log(`${level} ${category} ${content}`);
      },
      delegate: {
        onConnect: () => this.onConnect(),
        onDisconnect: (error) => this.onDisconnect(error),
        onInvite: (invitation) => this.onInvite(invitation),
      },
    });
    this.registerer = new Registerer(this.ua, { expires: config.expiresSeconds, refreshFrequency: config.refreshPercent });
    this.watchRegistrations(this.registerer);
    this.registerer.stateChange.addListener((state) => {
      // sip.js goes Unregistered when a binding expires without a successful refresh.
      if (state === RegistererState.Unregistered && this.started && this.status.state === 'registered') {
        this.setStatus('failing', 'expired', null, 'registration expired');
      }
    });
  }

  private connectOnce(): Promise<void> {
    if (!this.ua || !this.started) return Promise.resolve();
    return this.ua.reconnect();
  }

  private onConnect(): void {
    this.loop.reset();
    if (this.everConnected) this.refreshAfterRegister = true;
    this.everConnected = true;
    if (this.status.state !== 'failing') this.setStatus('connecting', null);
    this.register();
  }

  private onDisconnect(error?: Error): void {
    if (!this.started) return;
    this.setStatus('failing', 'transport', null, error?.message ?? 'connection closed');
    this.loop.kick();
  }

  private register(): void {
    this.registerer?.register().catch((error: unknown) => this.log(`REGISTER not sent: ${String(error)}`));
  }

  /**
   * Every REGISTER outcome, ours and sip.js' own refreshes (which it sends without a delegate):
   * a refresh refused by the registrar must show on screen, not only the first registration.
   */
  private watchRegistrations(registerer: Registerer): void {
    const original = registerer.register.bind(registerer);
    registerer.register = (options = {}) =>
      original({
        ...options,
        requestDelegate: {
          onAccept: () => {
            this.setStatus('registered', null);
            if (this.refreshAfterRegister) {
              this.refreshAfterRegister = false;
              this.refreshTargets();
            }
          },
          onReject: (response) => {
            const code = response.message.statusCode ?? 0;
            const reason = failureOf(code);
            this.setStatus('failing', reason, code, `REGISTER refused: ${code} ${response.message.reasonPhrase ?? ''}`.trim());
            // A wrong password is not retried (it would lock the account); everything else is.
            if (reason !== 'auth' && reason !== 'forbidden') setTimeout(() => this.started && this.ua?.isConnected() && this.register(), this.deps.config.reconnect.maxMs).unref();
          },
        },
      });
  }

  /**
   * After a reconnect, the proxy's alias for our Contact points at the dead connection: the far
   * end's BYE would never reach us ("ghost calls"). A re-INVITE on each established call makes
   * the proxy re-alias the Contact on the new connection. If the far end refuses or never
   * answers, the dialog is gone: end the call rather than keep a ghost.
   */
  private refreshTargets(): void {
    for (const live of this.calls.values()) {
      if (live.session.state !== SessionState.Established || live.reinviting) continue;
      const hold = live.call.state === 'held';
      this.reinvite(live, hold).then(
        () => this.log(`target refresh ok for call ${live.call.id}`),
        (error: unknown) => this.dropDeadDialog(live, 'signalling lost after reconnect', error),
      );
    }
  }

  /** Starts the periodic session refresh of an answered call. */
  private startSessionRefresh(live: LiveCall): void {
    const seconds = this.deps.config.sessionRefreshSeconds;
    if (seconds <= 0 || live.refreshTimer) return;
    live.refreshTimer = setInterval(() => {
      if (live.session.state !== SessionState.Established || live.reinviting) return;
      this.reinvite(live, live.call.state === 'held').catch((error: unknown) => this.dropDeadDialog(live, 'session refresh failed', error));
    }, seconds * 1000);
    live.refreshTimer.unref();
  }

  /** The far end no longer knows this dialog: end the call rather than keep a ghost. */
  private dropDeadDialog(live: LiveCall, reason: string, error: unknown): void {
    this.log(`${reason} for call ${live.call.id}: ${String(error)}`);
    live.endedBy = 'system';
    live.endReason = reason;
    (live.session as Session).bye().catch(() => {});
    this.finish(live, 'system', reason, null);
  }

  // ——— calls ———

  list(): Call[] {
    return [...this.calls.values()].map((l) => l.call);
  }

  private onInvite(invitation: Invitation): void {
    const id = randomUUID();
    this.callIdOfSession.set(invitation, id);
    const identity = invitation.remoteIdentity;
    const autoAnswer = this.deps.config.autoAnswer;
    // Ringing positions: the 180 first (the caller hears ringback without waiting for the disk),
    // then presented and alerting in one transaction (one fsync).
    //
    // Auto-answer (always-open headset) has no alerting phase: no 180 (the 200 follows at once),
    // no call.ringing, and the screen hears of the call once it is answered (or ended). The
    // call.presented commit still comes BEFORE the 200, and is not folded with call.answered into
    // one transaction after it, although that would take the fsync out of INVITE→200:
    //  - a crash between a 200 and a later commit would leave a call that the caller heard
    //    answered and that exists nowhere in the journal: no trace, no entry in the callback list.
    //    Committed first, the same crash leaves the call in the journal, presented and never
    //    answered: traced, with the caller's number to call back;
    //  - a journal that refuses the commit (disk full, damaged) makes us answer 500, and the
    //    proxy gives the call to another position; after a 200 it could only be hung up on.
    // The price is one fsync inside INVITE→200 (see the softphone benchmark).
    if (!autoAnswer) invitation.progress().catch((error: unknown) => this.log(`180 not sent for ${id}: ${String(error)}`));
    const presentedBody: CallEventBody = {
      type: 'call.presented',
      payload: {
        callId: id,
        sipCallId: invitation.request.callId.slice(0, 200),
        direction: 'inbound',
        remoteNumber: callerNumber(identity.uri.user, this.deps.config.extensions.externalPrefix),
        remoteName: identity.displayName ? identity.displayName.slice(0, 100) : null,
        dossierId: null,
      },
    };
    const presented = this.journalCall(null, autoAnswer ? presentedBody : [presentedBody, { type: 'call.ringing', payload: { callId: id } }]);
    if (!presented) {
      // Without a journal, a call cannot be traced: refuse it so that the proxy tries elsewhere.
      invitation.reject({ statusCode: 500, reasonPhrase: 'Journal unavailable' }).catch(() => {});
      return;
    }
    const live: LiveCall = { call: presented, session: invitation };
    this.calls.set(id, live);
    if (!autoAnswer) this.emitCall(live);
    invitation.delegate = {
      onCancel: () => {
        live.endedBy = 'remote';
        live.endReason = 'CANCEL';
      },
      // Once onBye is ours, sip.js no longer answers the BYE itself.
      onBye: (bye) => {
        live.endedBy = 'remote';
        live.endReason = 'BYE';
        bye.accept().catch(() => {});
      },
      onRefer: (refer) => {
        // Being transferred by the far end is not something a regulation position does.
        refer.reject({ statusCode: 603 }).catch(() => {});
      },
    };
    invitation.stateChange.addListener((state) => {
      if (state === SessionState.Established) this.step(live, { type: 'call.answered', payload: { callId: id } });
      // sip.js reports Terminated before it calls the delegate or rejects the promise that says
      // why (status code, media failure): read the reason once they have run.
      if (state === SessionState.Terminated)
        setImmediate(() => {
          if (live.endReason === 'CANCEL') this.step(live, { type: 'call.abandoned', payload: { callId: id } });
          this.finish(live, live.endedBy ?? 'system', live.endReason ?? 'terminated', live.sipCode ?? null);
        });
    });
    // Auto-answer (always-open headset, the benchmark) takes calls side by side: no auto-hold.
    if (autoAnswer) void this.answer(id, { holdOthers: false });
  }

  async answer(callId: string, options: { holdOthers?: boolean } = {}): Promise<Envelope<Call>> {
    const live = this.calls.get(callId);
    if (!live) return notFound(callId);
    if (!(live.session instanceof Invitation) || !canApply(live.call, 'call.answered')) return fail('E_CONFLICT', `call ${callId} cannot be answered in state ${live.call.state}`);
    if (options.holdOthers !== false) {
      const others = await this.holdOthers(callId);
      if (!others.ok) return others;
    }
    try {
      await live.session.accept();
    } catch (error) {
      live.endedBy = 'system';
      live.endReason = `media: ${(error as Error).message ?? String(error)}`.slice(0, 300);
      this.finish(live, 'system', live.endReason, 480);
      return fail('E_MEDIA', `call ${callId} could not be answered: ${live.endReason}`);
    }
    if (live.session.state === SessionState.Terminated) return fail('E_CONFLICT', `call ${callId} ended while being answered`);
    this.step(live, { type: 'call.answered', payload: { callId } });
    return ok(live.call);
  }

  async hangup(callId: string, reason?: string): Promise<Envelope<Call>> {
    const live = this.calls.get(callId);
    if (!live) return notFound(callId);
    // Only an answered call is "left": declining or cancelling one is not putting a P0 down.
    const guard = live.call.answeredAt !== null ? this.p0Guard(live, 'hangup', false, reason) : { ok: true as const, exception: null };
    if (!guard.ok) return guard.refused;
    if (guard.exception) this.step(live, { type: 'call.p0Exception', payload: { callId, ...guard.exception } });
    await this.end(live, 'local', null);
    return ok(live.call);
  }

  /**
   * DOMAIN §8.1 for the call's dossier (shared/domain/p0Call.ts): what a P0 call allows, and the
   * reason to journal with the step when the ARM gave one.
   */
  private p0Guard(live: LiveCall, action: P0ExceptionAction, consultation: boolean, reason: string | undefined): { ok: true; exception: { action: P0ExceptionAction; reason: string } | null } | { ok: false; refused: Envelope<never> } {
    // The consultation call is the ARM and the regulator, not the patient's line: it may be held.
    const priority = live.call.dossierId && !live.consultationFor ? (this.deps.journal.dossiers.get(live.call.dossierId)?.priority ?? null) : null;
    const guard = guardP0Call({ priority, action, consultation, reason: reason ?? null });
    if (guard.ok) return guard;
    const what = action === 'hold' ? 'held' : action === 'hangup' ? 'hung up' : 'transferred blind';
    return { ok: false, refused: fail('E_P0_REASON', `P0 call ${live.call.id} cannot be ${what} without a reason (${guard.refusal}): consult the regulator and conference or transfer it`, 'reason') };
  }

  /** Declines, cancels or BYEs, whichever the call's state needs; `reason` null: the SIP method. */
  private async end(live: LiveCall, by: CallEndedBy, reason: string | null): Promise<void> {
    live.endedBy = by;
    const session = live.session;
    try {
      switch (session.state) {
        case SessionState.Initial:
        case SessionState.Establishing:
          if (session instanceof Invitation) {
            live.endReason = reason ?? 'declined';
            await session.reject({ statusCode: 603, reasonPhrase: 'Decline' });
          } else {
            live.endReason = reason ?? 'CANCEL';
            await session.cancel();
          }
          break;
        case SessionState.Established:
          live.endReason = reason ?? 'BYE';
          await session.bye();
          break;
        default:
          break;
      }
    } catch (error) {
      this.log(`ending ${live.call.id}: ${String(error)}`);
    }
    // The BYE's answer is not awaited: the call is over for us either way.
    this.finish(live, by, live.endReason ?? reason ?? 'BYE', null);
  }

  /**
   * Ends every call (the renderer that carried their audio crashed or reloaded: nobody can hear
   * them any more). Journalled as ended by the system, with the reason.
   */
  async endAll(reason: string): Promise<void> {
    for (const live of [...this.calls.values()]) await this.end(live, 'system', reason);
  }

  async hold(callId: string, reason?: string): Promise<Envelope<Call>> {
    const live = this.calls.get(callId);
    if (!live) return notFound(callId);
    const guard = this.p0Guard(live, 'hold', false, reason);
    if (!guard.ok) return guard.refused;
    return this.setHold(callId, true, guard.exception ? [{ type: 'call.p0Exception', payload: { callId, ...guard.exception } }] : []);
  }

  async resume(callId: string): Promise<Envelope<Call>> {
    const live = this.calls.get(callId);
    if (live && live.call.state === 'held') {
      const others = await this.holdOthers(callId);
      if (!others.ok) return others;
    }
    return this.setHold(callId, false);
  }

  /** `before`: events journaled in the same transaction as the step (the reason of a P0 hold). */
  private async setHold(callId: string, hold: boolean, before: CallEventBody[] = [], consultation?: string): Promise<Envelope<Call>> {
    const live = this.calls.get(callId);
    if (!live) return notFound(callId);
    const type = hold ? 'call.held' : 'call.resumed';
    if (!canApply(live.call, type) || live.session.state !== SessionState.Established) return fail('E_CONFLICT', `call ${callId} cannot be ${hold ? 'held' : 'resumed'} in state ${live.call.state}`);
    if (live.reinviting) return fail('E_CONFLICT', `call ${callId}: a re-INVITE is already in progress`);
    try {
      await this.reinvite(live, hold);
    } catch (error) {
      return fail('E_CALL_FAILED', `${hold ? 'hold' : 'resume'} refused: ${(error as Error).message}`);
    }
    const body: CallEventBody = hold ? { type: 'call.held', payload: consultation ? { callId, consultation } : { callId } } : { type: 'call.resumed', payload: { callId } };
    this.step(live, body, before);
    if (!hold) live.heldForConsultation = undefined;
    return ok(live.call);
  }

  /** A re-INVITE offering hold (sendonly) or not; resolves on 2xx, rejects on anything else. */
  private async reinvite(live: LiveCall, hold: boolean): Promise<void> {
    live.reinviting = true;
    try {
      await reinvite(live.session, hold);
    } finally {
      live.reinviting = false;
    }
  }

  /**
   * One active call at a time: answering, resuming or dialling holds the active one first. A P0
   * call is not held that way (DOMAIN §8.1): the action is refused until the ARM says why
   * (hold with a reason, or the consultation of the accompanied transfer).
   */
  private async holdOthers(exceptCallId: string): Promise<Envelope<null>> {
    for (const other of this.calls.values()) {
      if (other.call.id === exceptCallId || other.call.state !== 'active') continue;
      const guard = this.p0Guard(other, 'hold', false, undefined);
      if (!guard.ok) return guard.refused;
    }
    for (const other of this.calls.values()) {
      if (other.call.id !== exceptCallId && other.call.state === 'active') {
        other.conferenceWith = undefined;
        await this.setHold(other.call.id, true);
      }
    }
    return ok(null);
  }

  /**
   * The consultation of an accompanied transfer (DOMAIN §2): the caller waits, held — the one
   * hold a P0 allows without a reason, journaled with the consultation call it waits for — while
   * the ARM calls the regulator. Then `conference` (three-way) or `transfer` with the
   * consultation call (REFER with Replaces); if the consultation ends first, the caller is
   * taken back at once.
   */
  async consult(callId: string, target: DialTarget): Promise<Envelope<Call>> {
    const live = this.calls.get(callId);
    if (!live) return notFound(callId);
    if (!this.ua || this.status.state !== 'registered') return fail('E_TELEPHONY_OFFLINE', `softphone not registered (${this.status.reason ?? this.status.state})`);
    if (live.call.state !== 'active' && live.call.state !== 'held') return fail('E_CONFLICT', `call ${callId} cannot be consulted on in state ${live.call.state}`);
    const consultId = randomUUID();
    if (live.call.state === 'active') {
      const held = await this.setHold(callId, true, [], consultId);
      if (!held.ok) return held;
    }
    live.heldForConsultation = consultId;
    const placed = await this.place(target, live.call.dossierId, { id: consultId, forCallId: callId });
    if (!placed.ok) {
      // Nobody to consult: the caller does not stay parked.
      live.heldForConsultation = undefined;
      if (live.call.state === 'held') await this.setHold(callId, false);
    }
    return placed;
  }

  /**
   * Three-way conference at the desk: the held caller is taken back (re-INVITE sendrecv) while
   * the consultation call stays up; the desk's media mixes the two (renderer's media bridge).
   * Only once the regulator answered: the ARM stays on the line until then.
   */
  async conference(callId: string, consultCallId: string): Promise<Envelope<{ calls: Call[] }>> {
    const live = this.calls.get(callId);
    const consult = this.calls.get(consultCallId);
    if (!live) return notFound(callId);
    if (!consult) return notFound(consultCallId);
    if (consult.call.answeredAt === null || consult.session.state !== SessionState.Established) return fail('E_CONFLICT', `consultation call ${consultCallId} is not answered yet: stay with the caller until the regulator picks up`);
    if (live.session.state !== SessionState.Established || (live.call.state !== 'held' && live.call.state !== 'active')) return fail('E_CONFLICT', `call ${callId} cannot join a conference in state ${live.call.state}`);
    if (live.reinviting || consult.reinviting) return fail('E_CONFLICT', 'a re-INVITE is already in progress');
    try {
      if (live.call.state === 'held') await this.reinvite(live, false);
      if (consult.call.state === 'held') await this.reinvite(consult, false);
    } catch (error) {
      return fail('E_CALL_FAILED', `conference refused: ${(error as Error).message}`);
    }
    live.heldForConsultation = undefined;
    live.conferenceWith = consultCallId;
    consult.conferenceWith = callId;
    this.step(live, { type: 'call.conferenced', payload: { callId, withCallId: consultCallId } });
    this.step(consult, { type: 'call.conferenced', payload: { callId: consultCallId, withCallId: callId } });
    return ok({ calls: [live.call, consult.call] });
  }

  /** The consultation ended before the handover: the caller, held for it, is taken back. */
  private takeBackAfterConsultation(consult: LiveCall): void {
    const caller = consult.consultationFor ? this.calls.get(consult.consultationFor) : undefined;
    if (caller) caller.conferenceWith = undefined;
    if (!caller || caller.heldForConsultation !== consult.call.id || caller.call.state !== 'held') return;
    void this.setHold(caller.call.id, false).then((result) => {
      if (!result.ok) this.log(`caller ${caller.call.id} not taken back after the consultation: ${result.error.message}`);
    });
  }

  /**
   * DTMF as SIP INFO (application/dtmf-relay), sent from here: it needs nothing from the media
   * path, crosses Kamailio untouched and is testable with SIPp. RFC 4733 (RTCDTMFSender in the
   * renderer) would be the choice for a gateway that ignores INFO; see the README.
   */
  async dtmf(callId: string, tones: string): Promise<Envelope<Call>> {
    const live = this.calls.get(callId);
    if (!live) return notFound(callId);
    if (live.session.state !== SessionState.Established) return fail('E_CONFLICT', `call ${callId} is not established`);
    await settled(live.session);
    for (const tone of tones) {
      const refused = await sendDtmfInfo(live.session, tone);
      if (refused !== null) return fail('E_CALL_FAILED', `DTMF ${tone} refused: ${refused}`);
    }
    return ok(live.call);
  }

  /**
   * Blind transfer: REFER to the target, then BYE once the far end accepted it (202). Attended:
   * REFER with Replaces pointing at the consultation call, so that the target's leg replaces ours.
   */
  async transfer(callId: string, target: DialTarget, consultCallId?: string, reason?: string): Promise<Envelope<Call>> {
    const live = this.calls.get(callId);
    if (!live) return notFound(callId);
    if (!canApply(live.call, 'call.transferred') || live.session.state !== SessionState.Established) return fail('E_CONFLICT', `call ${callId} cannot be transferred in state ${live.call.state}`);
    // Attended (a consultation call the target answered) is the accompanied transfer; blind is an exception for a P0.
    const guard = consultCallId ? { ok: true as const, exception: null } : this.p0Guard(live, 'blindTransfer', false, reason);
    if (!guard.ok) return guard.refused;
    const resolved = resolveTarget(this.deps.config, target);
    if (!resolved.ok) return fail('E_BAD_REQUEST', resolved.message, resolved.field);
    let referTo: Session | ReturnType<typeof UserAgent.makeURI>;
    let mode: TransferMode = 'blind';
    if (consultCallId) {
      const consult = this.calls.get(consultCallId);
      if (!consult || consult.call.answeredAt === null || consult.session.state !== SessionState.Established) return fail('E_CONFLICT', `consultation call ${consultCallId} is not established: stay with the caller until the target answers`);
      referTo = consult.session;
      mode = 'attended';
    } else {
      referTo = UserAgent.makeURI(resolved.uri);
      if (!referTo) return fail('E_BAD_REQUEST', `bad transfer target ${resolved.uri}`, 'target');
    }
    await settled(live.session);
    const refused = await refer(live.session, referTo as URI | Session);
    if (refused !== null) return fail('E_CALL_FAILED', `transfer refused: ${refused}`);
    this.step(live, { type: 'call.transferred', payload: { callId, target: resolved.label, mode } }, guard.exception ? [{ type: 'call.p0Exception', payload: { callId, ...guard.exception } }] : []);
    live.heldForConsultation = undefined;
    live.endedBy = 'local';
    live.endReason = 'transferred';
    await (live.session as Session).bye().catch(() => {});
    this.finish(live, 'local', 'transferred', null);
    return ok(live.call);
  }

  /** An outgoing call (a callback from a dossier: the call is attached to it from the start). */
  async place(target: DialTarget, dossierId: string | null, consultation?: { id: string; forCallId: string }): Promise<Envelope<Call>> {
    if (!this.ua || this.status.state !== 'registered') return fail('E_TELEPHONY_OFFLINE', `softphone not registered (${this.status.reason ?? this.status.state})`);
    const resolved = resolveTarget(this.deps.config, target);
    if (!resolved.ok) return fail('E_BAD_REQUEST', resolved.message, resolved.field);
    const uri = UserAgent.makeURI(resolved.uri);
    if (!uri) return fail('E_BAD_REQUEST', `bad target ${resolved.uri}`, 'target');
    const others = await this.holdOthers('');
    if (!others.ok) return others;
    const inviter = new Inviter(this.ua, uri);
    const id = consultation?.id ?? randomUUID();
    this.callIdOfSession.set(inviter, id);
    const presented = this.journalCall(dossierId, {
      type: 'call.presented',
      payload: { callId: id, sipCallId: inviter.request.callId.slice(0, 200), direction: 'outbound', remoteNumber: resolved.label, remoteName: null, dossierId },
    });
    if (!presented) return fail('E_INTERNAL', 'the journal refused the call: not dialled');
    const live: LiveCall = { call: presented, session: inviter, ...(consultation ? { consultationFor: consultation.forCallId } : {}) };
    this.calls.set(id, live);
    this.emitCall(live);
    inviter.delegate = {
      onBye: (bye) => {
        live.endedBy = 'remote';
        live.endReason = 'BYE';
        bye.accept().catch(() => {});
      },
    };
    inviter.stateChange.addListener((state) => {
      if (state === SessionState.Established) this.step(live, { type: 'call.answered', payload: { callId: id } });
      if (state === SessionState.Terminated) setImmediate(() => this.finish(live, live.endedBy ?? 'system', live.endReason ?? 'terminated', live.sipCode ?? null));
    });
    inviter
      .invite({
        requestDelegate: {
          onProgress: (response) => {
            const code = response.message.statusCode ?? 0;
            if (code === 180 || code === 183) this.step(live, { type: 'call.ringing', payload: { callId: id } });
          },
          onReject: (response) => {
            live.endedBy ??= 'remote';
            live.endReason ??= `${response.message.statusCode} ${response.message.reasonPhrase}`;
            live.sipCode = response.message.statusCode ?? null;
          },
        },
      })
      .catch((error: unknown) => {
        live.endReason = `not sent: ${String(error)}`.slice(0, 300);
        this.finish(live, 'system', live.endReason, null);
      });
    return ok(live.call);
  }

  /**
   * The journal may still hold this post's calls as under way that died with the previous run (a
   * crash, a kill): no SIP dialog survives it. Each is ended now, by the system, with the reason; an
   * inbound one never answered thereby enters the callback list (DOMAIN §8.4), like any cut call.
   */
  private closeCallsCutByARestart(): void {
    for (const call of this.deps.journal.calls.unfinished()) {
      if (this.calls.has(call.id)) continue;
      // In a room the journal also holds other posts' calls, pulled from the site: those did not
      // die with this post's restart (their post ends them). A call's events are its post's own.
      if (!this.deps.journal.isOwnEvent(call.lastSeq)) continue;
      this.journalCall(call.dossierId, { type: 'call.ended', payload: { callId: call.id, by: 'system', reason: 'poste redémarré : appel coupé', sipCode: null } });
    }
  }

  // ——— journal and events ———

  /** Appends one call event in its own transaction; null (logged) if the journal refused it. */
  private journalCall(dossierId: string | null, bodies: CallEventBody | CallEventBody[]): Call | null {
    const list = Array.isArray(bodies) ? bodies : [bodies];
    const body = list[0]!;
    try {
      let lost: { callbackId: string; seq: number } | null = null;
      const call = this.deps.journal.command((ctx) => {
        for (const each of list) ctx.append({ dossierId, body: each, actor: this.deps.actor() });
        const now = ctx.calls.get(body.payload.callId)!;
        // In a room, a branch answered at another post is no lost call (standalone: no other branch).
        if (isLostInRoom(now, ctx.calls.sameSipCall(now)) && this.deps.lostCalls) lost = this.deps.lostCalls.appendLostCall(ctx, { phone: now.remoteNumber, presentedAt: now.presentedAt, callId: now.id });
        return now;
      });
      if (lost) this.deps.lostCalls?.announce(lost);
      return call;
    } catch (error) {
      // A SIP callback must never throw into sip.js; the failure is visible in the log and the call
      // goes on (the ARM is talking to someone: that matters more than the trace).
      this.log(`journal refused ${body.type} for ${body.payload.callId}: ${String(error)}`);
      return null;
    }
  }

  /** Journals a step if the call's state allows it (sip.js may report the same thing twice). */
  private step(live: LiveCall, body: CallEventBody, before: CallEventBody[] = []): void {
    if (!canApply(live.call, body.type)) return;
    const next = this.journalCall(live.call.dossierId, [...before, body]);
    if (!next) return;
    live.call = next;
    if (body.type === 'call.answered') this.startSessionRefresh(live);
    this.emitCall(live);
  }

  private finish(live: LiveCall, by: CallEndedBy, reason: string, sipCode: number | null): void {
    clearInterval(live.refreshTimer);
    this.step(live, { type: 'call.ended', payload: { callId: live.call.id, by, reason: reason.slice(0, 300), sipCode } });
    // The session is over whether or not the journal took the last step.
    this.calls.delete(live.call.id);
    if (live.consultationFor) this.takeBackAfterConsultation(live);
    if (live.conferenceWith) {
      const partner = this.calls.get(live.conferenceWith);
      if (partner) partner.conferenceWith = undefined;
    }
  }

  /** Attach a call (live or already in the log) to a dossier. */
  attach(callId: string, dossierId: string): Envelope<Call> {
    const live = this.calls.get(callId);
    if (live) {
      this.step(live, { type: 'call.attached', payload: { callId, dossierId } });
      return live.call.dossierId === dossierId ? ok(live.call) : fail('E_INTERNAL', 'the journal refused the attachment');
    }
    return attachLogged(this.deps.journal, this.deps.actor(), callId, dossierId);
  }

  /** A call of this position attached to its dossier by another service (a dossier created for it). */
  attached(call: Call): void {
    const live = this.calls.get(call.id);
    if (!live) return;
    live.call = call;
    this.emitCall(live);
  }

  private emitCall(live: LiveCall): void {
    try {
      this.deps.events.emit('call:changed', { call: live.call });
    } catch (error) {
      // Called from sip.js callbacks: a payload outside the contract is logged, never thrown into SIP.
      this.log(`call:changed refused for ${live.call.id}: ${String(error)}`);
    }
  }

  private makeStatus(state: TelephonyStatus['state'], reason: Failure | null, sipCode: number | null = null, detail: string | null = null): TelephonyStatus {
    return { state, reason, sipCode, detail: detail?.slice(0, 500) ?? null, since: new Date(this.now()).toISOString(), aor: this.deps.config.aor };
  }

  private setStatus(state: TelephonyStatus['state'], reason: Failure | null, sipCode: number | null = null, detail: string | null = null): void {
    if (this.status.state === state && this.status.reason === reason && this.status.sipCode === sipCode) return;
    this.status = this.makeStatus(state, reason, sipCode, detail);
    this.log(`status ${state}${reason ? ` (${reason}${sipCode ? ` ${sipCode}` : ''})` : ''}`);
    this.deps.events.emit('telephony:status', this.status);
  }

  private log(line: string): void {
    this.deps.log?.(`${new Date(this.now()).toISOString()} ${line}`);
  }
}

/** call:attach for a call no longer on the position (a lost call being called back). */
export function attachLogged(journal: Journal, actor: Actor, callId: string, dossierId: string): Envelope<Call> {
  const call = journal.calls.get(callId);
  if (!call) return notFound(callId);
  return ok(
    journal.command((ctx) => {
      ctx.append({ dossierId, body: { type: 'call.attached', payload: { callId, dossierId } }, actor });
      return ctx.calls.get(callId)!;
    }),
  );
}

function notFound(callId: string): Envelope<never> {
  return fail('E_NOT_FOUND', `no call ${callId} on this position`);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
