import { v7 as uuidv7 } from 'uuid';
import type { ParsedRequestOf } from '../../../shared/api/contract';
import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import { idleExpired, isLockedOut, locksOut, type Operator, type RoomCredential } from '../../../shared/domain/operator';
import { pscSessionExpired, type AuthenticationProof } from '../../../shared/domain/psc';
import { checkRpps } from '../../../shared/domain/rpps';
import type { Role } from '../../../shared/domain/roles';
import type { Actor, Journal } from '../journal/journal';
import type { OperatorRecord } from '../journal/operatorProjection';
import type { StoredCredential } from '../journal/queries/credentials';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword, type ScryptParams, type StoredPassword } from './passwords';

export interface AuthServiceDeps {
  journal: Journal;
  autoLockMinutes: number;
  lockoutMinutes: number;
  now?: () => number;
  /** Lower costs for tests; the parameters are stored with each hash either way. */
  scryptParams?: ScryptParams;
  /** A desk of a room: account events carry the hash so that every desk signs the operator in (ROOM.md §3). */
  roomAccounts?: boolean;
}

interface Session {
  operatorId: string;
  openedAt: string;
  lastActivity: number;
  locked: boolean;
  /** How the operator proved who they are for this session (a lock ends a PSC proof: unlocking gives a new one). */
  authentication: AuthenticationProof;
  /** When a PSC session ends by itself (the workstation locks); null for a password session. */
  pscExpiresAt: number | null;
}

export interface AuthStatus {
  session: SessionView | null;
  /** False on a fresh install: the login screen then says how the first admin is created. */
  hasOperators: boolean;
}

export interface SessionView {
  operator: Operator;
  openedAt: string;
  locked: boolean;
  authentication: AuthenticationProof & { expiresAt?: string };
}

/** What a PSC sign-in brings to the session: checked by the PSC sign-in before it gets here. */
export interface PscProof {
  rpps: string;
  subject: string;
  acr: string;
  authTime: string;
  expiresAt: number;
}

/** Who acts when nobody is signed in: recorded on refusals, never allowed to do anything. */
const NOBODY: Actor = { id: 'anonyme', role: 'AUCUN' };

/**
 * Local accounts and the workstation's one session. Signing in works offline (the hashes are in
 * the journal's own file); five wrong passwords in a row lock the account for a while; an idle
 * session locks itself. Every sign-in, failure, lock-out and refusal is a journal event.
 */
export class AuthService {
  private readonly now: () => number;
  private session: Session | null = null;

  constructor(private readonly deps: AuthServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  status(): Envelope<AuthStatus> {
    this.lockIfIdle();
    return this.answer();
  }

  /** The signed-in, unlocked operator, or null. An idle session locks itself here. */
  current(): Operator | null {
    this.lockIfIdle();
    if (!this.session || this.session.locked) return null;
    const operator = this.deps.journal.operators.byId(this.session.operatorId);
    return operator?.active ? operator : null;
  }

  currentRole(): Role | null {
    return this.current()?.role ?? null;
  }

  /** The author of the command being run: its events carry this id and role. */
  actor(): Actor {
    const operator = this.current();
    if (!operator) throw Object.assign(new Error('no operator signed in'), { code: 'E_UNAUTHENTICATED' });
    return { id: operator.id, role: operator.role };
  }

  /** How the signed-in operator was authenticated: recorded with each decision. */
  authentication(): AuthenticationProof {
    if (!this.current() || !this.session) throw Object.assign(new Error('no operator signed in'), { code: 'E_UNAUTHENTICATED' });
    return this.session.authentication;
  }

  operatorById(id: string): OperatorRecord | undefined {
    return this.deps.journal.operators.byId(id);
  }

  operatorByPscRpps(rpps: string): OperatorRecord | undefined {
    const operator = this.deps.journal.operators.byPscRpps(rpps);
    return operator?.active ? operator : undefined;
  }

  /** The locked session's operator, if the workstation is locked. */
  lockedOperator(): OperatorRecord | null {
    this.lockIfIdle();
    return this.session?.locked ? (this.deps.journal.operators.byId(this.session.operatorId) ?? null) : null;
  }

  /**
   * The local password of `login`, checked as a sign-in would check it (wrong ones count towards
   * the lock-out and are journaled), without opening a session: the first PSC sign-in of an
   * account needs it once to bind the account to the RPPS PSC states.
   */
  async verifyPassword(login: string, password: string): Promise<Envelope<OperatorRecord>> {
    const normalized = login.trim().toLowerCase();
    const operator = this.deps.journal.operators.byLogin(normalized);
    if (!operator) {
      await verifyPassword(password, { ...DUMMY, params: this.deps.scryptParams ?? DEFAULT_SCRYPT_PARAMS });
      this.failure(normalized, null, 'unknownLogin');
      return fail('E_BAD_CREDENTIALS', 'wrong login or password');
    }
    const refused = await this.checkPassword(operator.id, normalized, password);
    return refused ?? ok(this.deps.journal.operators.byId(operator.id)!);
  }

  /**
   * Opens (or unlocks) the session of `operatorId` on the strength of a PSC sign-in, binding the
   * account first when `bind` says so (its password was given at the start of this sign-in).
   */
  signInWithPsc(operatorId: string, proof: PscProof, kind: 'login' | 'unlock', bind: boolean): Envelope<AuthStatus> {
    const operator = this.deps.journal.operators.byId(operatorId);
    if (!operator?.active) return fail('E_BAD_CREDENTIALS', 'account disabled');
    const expiresAt = new Date(proof.expiresAt).toISOString();
    this.deps.journal.command((ctx) => {
      const actor = { id: operator.id, role: operator.role };
      if (kind === 'login' && this.session && this.session.operatorId !== operator.id) {
        ctx.append({ dossierId: null, actor: this.sessionActor(), body: { type: 'auth.loggedOut', payload: { operatorId: this.session.operatorId } } });
      }
      if (bind) ctx.append({ dossierId: null, actor, body: { type: 'operator.pscBound', payload: { operatorId: operator.id, rpps: proof.rpps, subject: proof.subject.slice(0, 200), acr: proof.acr } } });
      ctx.append({ dossierId: null, actor, body: { type: 'auth.pscSignedIn', payload: { operatorId: operator.id, kind, acr: proof.acr, authTime: proof.authTime, expiresAt } } });
    });
    const now = this.now();
    const authentication: AuthenticationProof = { method: 'psc', acr: proof.acr, at: proof.authTime };
    if (kind === 'unlock' && this.session?.operatorId === operator.id) {
      Object.assign(this.session, { locked: false, lastActivity: now, authentication, pscExpiresAt: proof.expiresAt });
    } else {
      this.session = { operatorId: operator.id, openedAt: new Date(now).toISOString(), lastActivity: now, locked: false, authentication, pscExpiresAt: proof.expiresAt };
    }
    return this.answer();
  }

  /** Any request of a signed-in operator counts as activity for the idle lock. */
  touch(): void {
    if (this.session && !this.session.locked) this.session.lastActivity = this.now();
  }

  hasOperators(): boolean {
    return this.deps.journal.operators.count() > 0;
  }

  async createOperator(request: ParsedRequestOf<'operator:create'>, actor: Actor): Promise<Envelope<Operator>> {
    const rpps = request.rpps?.replace(/\s/g, '') || null;
    if (rpps !== null) {
      const check = checkRpps(rpps);
      if (!check.ok) return fail('E_BAD_REQUEST', `rpps: not an RPPS number (${check.reason})`, 'rpps');
    }
    if (this.deps.journal.operators.byLogin(request.login)) return fail('E_CONFLICT', `login ${request.login} already exists`, 'login');
    const stored = await hashPassword(request.password, this.deps.scryptParams ?? DEFAULT_SCRYPT_PARAMS);
    const operatorId = uuidv7();
    this.deps.journal.command((ctx) => {
      // Checked again inside the transaction: the hash took a while, someone may have been quicker.
      if (ctx.operators.byLogin(request.login)) throw Object.assign(new Error(`login ${request.login} already exists`), { code: 'E_CONFLICT' });
      const credential = { params: JSON.stringify(stored.params), salt: stored.salt, hash: stored.hash };
      const payload = { operatorId, login: request.login, displayName: request.displayName, role: request.role, rpps, ...this.roomCredential(credential) };
      const appended = ctx.append({ dossierId: null, actor, body: { type: 'operator.created', payload } });
      ctx.credentials.insert(operatorId, credential, appended.at);
    });
    return ok(this.publicOperator(operatorId));
  }

  /**
   * Closes an account: it can no longer sign in or unlock, and a session it holds ends at once.
   * An admin cannot close their own account (the workstation would be left without one).
   */
  deactivateOperator(request: ParsedRequestOf<'operator:deactivate'>, actor: Actor): Envelope<Operator> {
    const operator = this.deps.journal.operators.byId(request.operatorId);
    if (!operator) return fail('E_NOT_FOUND', `operator ${request.operatorId} does not exist`, 'operatorId');
    if (operator.id === actor.id) return fail('E_CONFLICT', 'an admin cannot deactivate their own account', 'operatorId');
    if (!operator.active) return ok(this.publicOperator(operator.id));
    this.deps.journal.command((ctx) => {
      ctx.append({ dossierId: null, actor, body: { type: 'operator.deactivated', payload: { operatorId: operator.id } } });
    });
    if (this.session?.operatorId === operator.id) this.session = null;
    return ok(this.publicOperator(operator.id));
  }

  /** A new password set by an admin (scrypt, new salt; the event names the account only). Clears a lock-out. */
  async resetPassword(request: ParsedRequestOf<'operator:resetPassword'>, actor: Actor): Promise<Envelope<Operator>> {
    const operator = this.deps.journal.operators.byId(request.operatorId);
    if (!operator) return fail('E_NOT_FOUND', `operator ${request.operatorId} does not exist`, 'operatorId');
    if (!operator.active) return fail('E_CONFLICT', `operator ${operator.login} is deactivated`, 'operatorId');
    const stored = await hashPassword(request.password, this.deps.scryptParams ?? DEFAULT_SCRYPT_PARAMS);
    this.deps.journal.command((ctx) => {
      const credential = { params: JSON.stringify(stored.params), salt: stored.salt, hash: stored.hash };
      const appended = ctx.append({ dossierId: null, actor, body: { type: 'operator.passwordReset', payload: { operatorId: operator.id, ...this.roomCredential(credential) } } });
      ctx.credentials.replace(operator.id, credential, appended.at);
    });
    return ok(this.publicOperator(operator.id));
  }

  /** Names only, for every signed-in operator: notes and decisions say who, not a UUID. */
  operatorNames(): Envelope<{ operators: Array<Pick<Operator, 'id' | 'displayName' | 'role'>> }> {
    return ok({ operators: this.deps.journal.operators.list().map(({ id, displayName, role }) => ({ id, displayName, role })) });
  }

  /** In a room only: the hash the event carries to the other desks. */
  private roomCredential(credential: StoredCredential): { credential?: RoomCredential } {
    return this.deps.roomAccounts ? { credential: { algorithm: 'scrypt', ...credential } } : {};
  }

  /**
   * Another desk deactivated an account (a synced operator.deactivated): a session it holds
   * here ends at once, locked or not. Answers whether one did.
   */
  endSessionsOfDeactivated(operatorIds: Iterable<string>): boolean {
    if (!this.session) return false;
    for (const id of operatorIds) {
      if (id !== this.session.operatorId) continue;
      if (this.deps.journal.operators.byId(id)?.active !== false) return false;
      this.session = null;
      return true;
    }
    return false;
  }

  listOperators(): Envelope<{ operators: Operator[] }> {
    return ok({ operators: this.deps.journal.operators.list().map(({ failedAttempts: _f, lockedUntil: _l, pscRpps: _p, ...operator }) => operator) });
  }

  async login(request: ParsedRequestOf<'auth:login'>): Promise<Envelope<AuthStatus>> {
    const login = request.login.toLowerCase();
    const operator = this.deps.journal.operators.byLogin(login);
    if (!operator) {
      // Same work and same answer as a wrong password: the response does not tell which logins exist.
      await verifyPassword(request.password, { ...DUMMY, params: this.deps.scryptParams ?? DEFAULT_SCRYPT_PARAMS });
      this.failure(login, null, 'unknownLogin');
      return fail('E_BAD_CREDENTIALS', 'wrong login or password');
    }
    const refused = await this.checkPassword(operator.id, login, request.password);
    if (refused) return refused;
    this.deps.journal.command((ctx) => {
      if (this.session && this.session.operatorId !== operator.id) {
        ctx.append({ dossierId: null, actor: this.sessionActor(), body: { type: 'auth.loggedOut', payload: { operatorId: this.session.operatorId } } });
      }
      ctx.append({ dossierId: null, actor: { id: operator.id, role: operator.role }, body: { type: 'auth.loginSucceeded', payload: { operatorId: operator.id, kind: 'login' } } });
    });
    const now = this.now();
    const at = new Date(now).toISOString();
    this.session = { operatorId: operator.id, openedAt: at, lastActivity: now, locked: false, authentication: { method: 'password', at }, pscExpiresAt: null };
    return this.answer();
  }

  async unlock(request: ParsedRequestOf<'auth:unlock'>): Promise<Envelope<AuthStatus>> {
    const session = this.session;
    if (!session) return fail('E_UNAUTHENTICATED', 'no session to unlock: sign in');
    if (!session.locked) return this.answer();
    const operator = this.deps.journal.operators.byId(session.operatorId)!;
    const refused = await this.checkPassword(operator.id, operator.login, request.password);
    if (refused) return refused;
    this.deps.journal.command((ctx) => {
      ctx.append({ dossierId: null, actor: { id: operator.id, role: operator.role }, body: { type: 'auth.loginSucceeded', payload: { operatorId: operator.id, kind: 'unlock' } } });
    });
    session.locked = false;
    session.lastActivity = this.now();
    session.authentication = { method: 'password', at: new Date(session.lastActivity).toISOString() };
    session.pscExpiresAt = null;
    return this.answer();
  }

  lock(reason: 'manual' | 'idle' | 'pscExpired' = 'manual'): Envelope<AuthStatus> {
    const session = this.session;
    if (session && !session.locked) {
      this.deps.journal.command((ctx) => {
        ctx.append({ dossierId: null, actor: this.sessionActor(), body: { type: 'auth.sessionLocked', payload: { operatorId: session.operatorId, reason } } });
      });
      session.locked = true;
      // The lock ends a PSC session: whoever unlocks proves themselves again (password or PSC).
      session.pscExpiresAt = null;
    }
    return this.answer();
  }

  logout(): Envelope<AuthStatus> {
    const session = this.session;
    if (session) {
      this.deps.journal.command((ctx) => {
        ctx.append({ dossierId: null, actor: this.sessionActor(), body: { type: 'auth.loggedOut', payload: { operatorId: session.operatorId } } });
      });
      this.session = null;
    }
    return this.answer();
  }

  /** Journals a refused attempt: who (the signed-in or locked operator, else nobody) tried what. */
  recordRefusal(channel: string, code: string, dossierId: string | null, reason: string): void {
    this.deps.journal.command((ctx) => {
      ctx.append({ dossierId: null, actor: this.session ? this.sessionActor() : NOBODY, body: { type: 'security.refused', payload: { channel, code, dossierId, reason: reason.slice(0, 500) } } });
    });
  }

  private async checkPassword(operatorId: string, login: string, password: string): Promise<Envelope<never> | null> {
    const before = this.deps.journal.operators.byId(operatorId)!;
    if (!before.active) {
      this.failure(login, operatorId, 'inactive');
      return fail('E_BAD_CREDENTIALS', 'account disabled');
    }
    if (isLockedOut(before.lockedUntil, this.now())) {
      this.failure(login, operatorId, 'lockedOut');
      return fail('E_LOCKED_OUT', `too many wrong passwords: locked until ${before.lockedUntil}`);
    }
    const row = this.deps.journal.credentials.get(operatorId);
    const stored: StoredPassword | null = row ? { params: JSON.parse(row.params) as ScryptParams, salt: row.salt, hash: row.hash } : null;
    if (stored && (await verifyPassword(password, stored))) return null;
    // Re-read after the await: another attempt may have counted meanwhile.
    const operator = this.deps.journal.operators.byId(operatorId)!;
    const lockOut = locksOut(operator.failedAttempts);
    const until = new Date(this.now() + this.deps.lockoutMinutes * 60_000).toISOString();
    this.deps.journal.command((ctx) => {
      ctx.append({ dossierId: null, actor: { id: operator.id, role: operator.role }, body: { type: 'auth.loginFailed', payload: { login, operatorId, reason: 'badPassword' } } });
      if (lockOut) ctx.append({ dossierId: null, actor: { id: operator.id, role: operator.role }, body: { type: 'auth.lockedOut', payload: { operatorId, until } } });
    });
    return lockOut ? fail('E_LOCKED_OUT', `too many wrong passwords: locked until ${until}`) : fail('E_BAD_CREDENTIALS', 'wrong login or password');
  }

  private failure(login: string, operatorId: string | null, reason: 'unknownLogin' | 'lockedOut' | 'inactive'): void {
    const operator = operatorId ? this.deps.journal.operators.byId(operatorId) : undefined;
    this.deps.journal.command((ctx) => {
      ctx.append({ dossierId: null, actor: operator ? { id: operator.id, role: operator.role } : NOBODY, body: { type: 'auth.loginFailed', payload: { login: login.slice(0, 64), operatorId, reason } } });
    });
  }

  /** An idle session locks itself; so does a PSC session whose time is up (the lock ends the PSC proof). */
  private lockIfIdle(): void {
    const session = this.session;
    if (!session || session.locked) return;
    if (idleExpired(session.lastActivity, this.now(), this.deps.autoLockMinutes)) this.lock('idle');
    else if (session.pscExpiresAt !== null && pscSessionExpired(session.pscExpiresAt, this.now())) this.lock('pscExpired');
  }

  private sessionActor(): Actor {
    const operator = this.session ? this.deps.journal.operators.byId(this.session.operatorId) : undefined;
    return operator ? { id: operator.id, role: operator.role } : NOBODY;
  }

  private publicOperator(id: string): Operator {
    const { failedAttempts: _f, lockedUntil: _l, pscRpps: _p, ...operator } = this.deps.journal.operators.byId(id)!;
    return operator;
  }

  private answer(): Envelope<AuthStatus> {
    return ok({ session: this.view(), hasOperators: this.hasOperators() });
  }

  private view(): SessionView | null {
    if (!this.session) return null;
    const operator = this.deps.journal.operators.byId(this.session.operatorId);
    if (!operator) return null;
    const { authentication, pscExpiresAt } = this.session;
    return {
      operator: { id: operator.id, login: operator.login, displayName: operator.displayName, role: operator.role, rpps: operator.rpps, active: operator.active, pscBoundAt: operator.pscBoundAt ?? null },
      openedAt: this.session.openedAt,
      locked: this.session.locked,
      authentication: pscExpiresAt === null ? authentication : { ...authentication, expiresAt: new Date(pscExpiresAt).toISOString() },
    };
  }
}

/** A fixed hash to verify unknown logins against, with the real parameters: same cost, same answer. */
const DUMMY: StoredPassword = { params: DEFAULT_SCRYPT_PARAMS, salt: 'AAAAAAAAAAAAAAAAAAAAAA==', hash: Buffer.alloc(64).toString('base64') };
