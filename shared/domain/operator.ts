import { MAX_FAILED_LOGINS, type Role } from './roles';

/** A local account of the regulation floor. The password hash never leaves the credentials table. */
export interface Operator {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  /** RPPS id of a health professional (11 digits with a Luhn key), when known. */
  rpps: string | null;
  active: boolean;
  /** When the account was bound to its Pro Santé Connect identity (its RPPS as PSC states it); null: not yet. */
  pscBoundAt?: string | null;
}

/**
 * A password's scrypt hash as a room carries it (ROOM.md §3): in a room, operator.created and
 * operator.passwordReset bring it so that every desk can sign the operator in, also while the
 * site is away. Never the password. A standalone desk keeps it out of its events.
 */
export interface RoomCredential {
  algorithm: 'scrypt';
  /** JSON of the scrypt parameters, as the credentials table stores them. */
  params: string;
  salt: string;
  hash: string;
}

export type OperatorEventBody =
  | { type: 'operator.created'; payload: { operatorId: string; login: string; displayName: string; role: Role; rpps: string | null; credential?: RoomCredential } }
  /** An admin closes an account: it can no longer sign in; its past events keep its name. */
  | { type: 'operator.deactivated'; payload: { operatorId: string } }
  /** An admin sets a new password (the hash goes to the credentials table; here only in a room); clears a lock-out. */
  | { type: 'operator.passwordReset'; payload: { operatorId: string; credential?: RoomCredential } }
  | { type: 'auth.loginSucceeded'; payload: { operatorId: string; kind: 'login' | 'unlock' } }
  | { type: 'auth.loginFailed'; payload: { login: string; operatorId: string | null; reason: 'badPassword' | 'unknownLogin' | 'lockedOut' | 'inactive' } }
  | { type: 'auth.lockedOut'; payload: { operatorId: string; until: string } }
  | { type: 'auth.sessionLocked'; payload: { operatorId: string; reason: 'manual' | 'idle' | 'pscExpired' } }
  /** The first PSC sign-in of an account, after its local password was given: PSC's RPPS is now the account's key. */
  | { type: 'operator.pscBound'; payload: { operatorId: string; rpps: string; subject: string; acr: string } }
  /** A sign-in (or unlock) with Pro Santé Connect: the level asserted, when PSC authenticated the person, when the PSC session ends. */
  | { type: 'auth.pscSignedIn'; payload: { operatorId: string; kind: 'login' | 'unlock'; acr: string; authTime: string; expiresAt: string } }
  | { type: 'auth.loggedOut'; payload: { operatorId: string } }
  /** Who tried what and was refused: a permission, a missing session, or a dossier rule. */
  | { type: 'security.refused'; payload: { channel: string; code: string; dossierId: string | null; reason: string } };

/** Minutes an account stays locked after MAX_FAILED_LOGINS wrong passwords in a row. */
export const DEFAULT_LOCKOUT_MINUTES = 15;
/** Idle minutes before a session locks by itself, when the workstation configures none. */
export const DEFAULT_AUTO_LOCK_MINUTES = 10;

/** Whether this failure (the `failedSoFar + 1`-th in a row) locks the account out. */
export function locksOut(failedSoFar: number): boolean {
  return failedSoFar + 1 >= MAX_FAILED_LOGINS;
}

export function isLockedOut(lockedUntil: string | null, now: number): boolean {
  return lockedUntil !== null && now < Date.parse(lockedUntil);
}

/** A session idle since `lastActivity` for `autoLockMinutes` locks itself. */
export function idleExpired(lastActivity: number, now: number, autoLockMinutes: number): boolean {
  return now - lastActivity >= autoLockMinutes * 60_000;
}
