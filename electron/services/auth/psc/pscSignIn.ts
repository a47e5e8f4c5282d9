import { createPrivateKey, randomUUID } from 'node:crypto';
import { fail, ok, type Envelope } from '../../../../shared/api/envelope';
import { pscSessionExpiry, type PscRefusalReason } from '../../../../shared/domain/psc';
import type { AuthService, AuthStatus } from '../authService';
import { LoopbackListener, type StrayRequest } from './loopbackListener';
import { PscClient, PscError, type PendingAuthorization, type PscIdentity } from './pscClient';
import { PSC_SECRET_KEYS, type PscConfig } from './pscConfig';
import type { SecretStore } from '../../telephony/secretStore';

export interface PscSignInDeps {
  config: PscConfig;
  auth: AuthService;
  secrets: SecretStore;
  now?: () => number;
}

export interface PscStartRequest {
  login?: string | undefined;
  password?: string | undefined;
}

export interface PscStarted {
  attemptId: string;
  authorizationUrl: string;
  expiresAt: string;
}

/** Who the sign-in is for, as far as it is known before PSC answers. */
interface Target {
  kind: 'login' | 'unlock';
  /** Known from the login typed or the locked session; null: found by the RPPS PSC gives. */
  operatorId: string | null;
  /** The local password was given and checked at the start: the account may be bound. */
  passwordChecked: boolean;
  /** A login typed without its password: the account PSC's RPPS finds must be this one. */
  expectedLogin: string | null;
}

interface Attempt {
  id: string;
  pending: PendingAuthorization;
  listener: LoopbackListener;
  outcome: Promise<Envelope<AuthStatus>>;
  cancel: (why: string) => void;
  timer: ReturnType<typeof setTimeout>;
}

const CHANNEL = 'auth:psc';

/**
 * A sign-in (or unlock) with Pro Santé Connect, from the authorization URL to the session:
 * one attempt at a time, a one-shot loopback listener per attempt, every refusal journaled as
 * `security.refused` with its reason and nothing signed in. The first PSC sign-in of an account
 * binds it, after its local password was given at the start.
 */
export class PscSignIn {
  private readonly client: PscClient;
  private readonly now: () => number;
  private attempt: Attempt | null = null;

  constructor(private readonly deps: PscSignInDeps) {
    this.client = new PscClient({ config: deps.config, secrets: deps.secrets });
    this.now = deps.now ?? Date.now;
  }

  get requiredForDecisions(): boolean {
    return this.deps.config.requiredForDecisions;
  }

  /** Electron's window-open handler asks this: only the URL this attempt built leaves the app. */
  isPendingAuthorizationUrl(url: string): boolean {
    return this.attempt !== null && this.attempt.pending.url.href === url;
  }

  async start(request: PscStartRequest): Promise<Envelope<PscStarted>> {
    const target = await this.target(request);
    if (!target.ok) return target;
    this.cancelCurrent('another sign-in started');
    let listener: LoopbackListener;
    try {
      listener = await LoopbackListener.open(this.deps.config.redirect.port, this.deps.config.redirect.path, (stray) => this.stray(stray));
    } catch (error) {
      return fail('E_PSC_UNAVAILABLE', `the loopback redirect cannot listen on 127.0.0.1:${this.deps.config.redirect.port}: ${(error as Error).message}`, 'redirectPort');
    }
    let pending: PendingAuthorization;
    try {
      pending = await this.client.authorize(listener.redirectUri);
    } catch (error) {
      listener.close();
      return this.unavailable(error);
    }
    const id = randomUUID();
    let cancel!: (why: string) => void;
    const cancelled = new Promise<Envelope<AuthStatus>>((resolve) => {
      cancel = (why) => resolve(fail('E_PSC_CANCELLED', `sign-in ended: ${why}`));
    });
    const timeoutMs = this.deps.config.signInTimeoutSeconds * 1000;
    const timer = setTimeout(() => cancel(`no answer from Pro Santé Connect within ${this.deps.config.signInTimeoutSeconds} s`), timeoutMs);
    timer.unref();
    const outcome = Promise.race([this.run(pending, listener, target.value), cancelled]).finally(() => {
      clearTimeout(timer);
      listener.close();
      if (this.attempt?.id === id) this.attempt = null;
    });
    this.attempt = { id, pending, listener, outcome, cancel, timer };
    return ok({ attemptId: id, authorizationUrl: pending.url.href, expiresAt: new Date(this.now() + timeoutMs).toISOString() });
  }

  /** Waits for the attempt's outcome: the session opened, or why not. */
  complete(attemptId: string): Promise<Envelope<AuthStatus>> {
    if (this.attempt?.id !== attemptId) return Promise.resolve(fail('E_NOT_FOUND', 'no Pro Santé Connect sign-in under way with this id', 'attemptId'));
    return this.attempt.outcome;
  }

  cancel(attemptId: string): Envelope<{ cancelled: boolean }> {
    if (this.attempt?.id !== attemptId) return ok({ cancelled: false });
    this.attempt.cancel('cancelled on the workstation');
    return ok({ cancelled: true });
  }

  close(): void {
    this.cancelCurrent('Plateau is closing');
  }

  /** IT stores the client's credential in the OS secret store (a private key must be a PEM key). */
  async setCredential(kind: 'clientSecret' | 'privateKey', value: string): Promise<Envelope<{ stored: true }>> {
    if (kind === 'privateKey') {
      try {
        createPrivateKey(value);
      } catch {
        return fail('E_BAD_REQUEST', 'value: not a PEM private key', 'value');
      }
    }
    try {
      await this.deps.secrets.set(PSC_SECRET_KEYS[kind], value);
    } catch (error) {
      return fail('E_FORBIDDEN', (error as Error).message);
    }
    return ok({ stored: true });
  }

  private cancelCurrent(why: string): void {
    this.attempt?.cancel(why);
    this.attempt?.listener.close();
  }

  private async target(request: PscStartRequest): Promise<Envelope<Target>> {
    const login = request.login?.trim().toLowerCase() ?? '';
    const locked = this.deps.auth.lockedOperator();
    if (request.password) {
      if (!login) return fail('E_BAD_REQUEST', 'login: required with the password', 'login');
      const checked = await this.deps.auth.verifyPassword(login, request.password);
      if (!checked.ok) return checked;
      if (!checked.value.rpps) return this.refuse('noRpps', `account ${checked.value.login} has no RPPS`);
      return ok({ kind: locked?.id === checked.value.id ? 'unlock' : 'login', operatorId: checked.value.id, passwordChecked: true, expectedLogin: null });
    }
    if (locked && (login === '' || login === locked.login)) return ok({ kind: 'unlock', operatorId: locked.id, passwordChecked: false, expectedLogin: null });
    return ok({ kind: 'login', operatorId: null, passwordChecked: false, expectedLogin: login || null });
  }

  private async run(pending: PendingAuthorization, listener: LoopbackListener, target: Target): Promise<Envelope<AuthStatus>> {
    let answer: Awaited<ReturnType<LoopbackListener['next']>>;
    try {
      answer = await listener.next();
    } catch {
      return fail('E_PSC_CANCELLED', 'sign-in ended');
    }
    let outcome: Envelope<AuthStatus>;
    try {
      const identity = await this.client.finish(pending, answer.url);
      outcome = this.signIn(identity, target);
    } catch (error) {
      outcome = error instanceof PscError && error.kind === 'refused' ? this.refuse(error.reason as PscRefusalReason, error.message) : this.unavailable(error);
    }
    if (outcome.ok) answer.respond(200, 'Plateau — Pro Santé Connect', 'Connexion réussie : vous pouvez fermer cet onglet et revenir à Plateau.');
    else answer.respond(403, 'Plateau — Pro Santé Connect', `Connexion refusée (${outcome.error.field ?? outcome.error.code}) : revenez à Plateau.`);
    return outcome;
  }

  private signIn(identity: PscIdentity, target: Target): Envelope<AuthStatus> {
    const operators = this.deps.auth;
    const bound = operators.operatorByPscRpps(identity.rpps);
    const operator = target.operatorId ? operators.operatorById(target.operatorId) : bound;
    if (!operator) return this.refuse('notBound', `no account of this workstation is bound to RPPS ${identity.rpps}: sign in once with login and password`);
    if (target.expectedLogin !== null && operator.login !== target.expectedLogin) return this.refuse('rppsMismatch', `Pro Santé Connect identified the account ${operator.login}, not ${target.expectedLogin}`);
    if (!operator.rpps) return this.refuse('noRpps', `account ${operator.login} has no RPPS`);
    if (operator.rpps !== identity.rpps) return this.refuse('rppsMismatch', `Pro Santé Connect identified RPPS ${identity.rpps}, the account ${operator.login} has ${operator.rpps}`);
    let bind = false;
    if (operator.pscRpps === null) {
      if (!target.passwordChecked) return this.refuse('notBound', `account ${operator.login} is not bound to Pro Santé Connect yet: give its password once`);
      if (bound && bound.id !== operator.id) return this.refuse('rppsMismatch', `RPPS ${identity.rpps} is already bound to the account ${bound.login}`);
      bind = true;
    } else if (operator.pscRpps !== identity.rpps) {
      return this.refuse('rppsMismatch', `account ${operator.login} is bound to another RPPS`);
    }
    const opened = this.now();
    return operators.signInWithPsc(operator.id, { rpps: identity.rpps, subject: identity.subject, acr: identity.acr, authTime: identity.authTime, expiresAt: pscSessionExpiry(opened, this.deps.config.sessionMinutes) }, target.kind, bind);
  }

  private stray(stray: StrayRequest): void {
    this.deps.auth.recordRefusal(CHANNEL, 'E_PSC_REFUSED', null, `redirect: a request reached the sign-in listener with an unexpected ${stray.reason} (${stray.path})`);
  }

  private refuse(reason: PscRefusalReason, message: string): Envelope<never> {
    this.deps.auth.recordRefusal(CHANNEL, 'E_PSC_REFUSED', null, `${reason}: ${message}`);
    return fail('E_PSC_REFUSED', `Pro Santé Connect answer refused (${reason}): ${message}`, reason);
  }

  private unavailable(error: unknown): Envelope<never> {
    const reason = error instanceof PscError ? error.reason : 'offline';
    return fail('E_PSC_UNAVAILABLE', `Pro Santé Connect is unavailable: ${(error as Error).message ?? String(error)}`, reason);
  }
}
