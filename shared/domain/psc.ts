import { checkRpps } from './rpps';

/**
 * Pro Santé Connect (PSC), the national OpenID Connect provider of health professionals: the
 * rules that do not need the network — which claim carries the national id, how an RPPS is read
 * from it, which authentication levels a site accepts, how long a PSC session lasts, and what a
 * decision records about its author's authentication.
 */

/**
 * How the author of a decision was authenticated when it was signed: PSC (the level the provider
 * asserted, `acr`, and when it authenticated the person) or the local password (when it was typed).
 */
export type AuthenticationProof = { method: 'psc'; acr: string; at: string } | { method: 'password'; at: string };

/** Why a PSC answer was refused; each has a translated sentence (`psc.reasons.<reason>`). */
export const PSC_REFUSAL_REASONS = [
  /** The `state` of the answer is not the one sent (a forged or stale answer). */
  'state',
  /** The ID token's `nonce` is not the one sent (a replayed token). */
  'nonce',
  /** The ID token is not signed by the provider's keys, or not signed at all. */
  'signature',
  /** The ID token names another client, another issuer, or has expired. */
  'token',
  /** The provider refused the code: expired, already used, or issued for another redirect. */
  'code',
  /** The provider answered the sign-in with an error (the person cancelled, access denied…). */
  'provider',
  /** The answer came back to another address than the one this sign-in listens on. */
  'redirect',
  /** The provider's answer has no national id, or an id that is not an RPPS. */
  'notRpps',
  /** The RPPS given fails its key (Luhn). */
  'rppsKey',
  /** The RPPS is not the account's. */
  'rppsMismatch',
  /** No account of this workstation is bound to this RPPS yet. */
  'notBound',
  /** The account has no RPPS: PSC cannot be used with it. */
  'noRpps',
  /** The authentication level asserted is not one this site accepts. */
  'acr',
] as const;
export type PscRefusalReason = (typeof PSC_REFUSAL_REASONS)[number];

export type RppsReading = { ok: true; rpps: string } | { ok: false; reason: 'notRpps' | 'rppsKey' };

/**
 * The national id of a health professional as PSC gives it (`SubjectNameID`, also
 * `preferred_username`): the type prefix `8` followed by the 11-digit RPPS (an ADELI number
 * starts with `0` and is not accepted here). A bare 11-digit RPPS is read as is.
 */
export function rppsFromNationalId(nationalId: unknown): RppsReading {
  if (typeof nationalId !== 'string') return { ok: false, reason: 'notRpps' };
  const id = nationalId.trim();
  const rpps = /^8\d{11}$/.test(id) ? id.slice(1) : /^\d{11}$/.test(id) ? id : null;
  if (rpps === null) return { ok: false, reason: 'notRpps' };
  return checkRpps(rpps).ok ? { ok: true, rpps } : { ok: false, reason: 'rppsKey' };
}

/**
 * The national id from the userinfo answer (`SubjectNameID`, else `preferred_username`) and the
 * ID token (`preferred_username`): when both say something, they must agree.
 */
export function nationalIdFromClaims(idToken: Record<string, unknown>, userinfo: Record<string, unknown> | null): RppsReading & { nationalId?: string } {
  const fromUserinfo = str(userinfo?.SubjectNameID) ?? str(userinfo?.preferred_username);
  const fromToken = str(idToken.SubjectNameID) ?? str(idToken.preferred_username);
  if (fromUserinfo && fromToken && fromUserinfo !== fromToken) return { ok: false, reason: 'notRpps' };
  const nationalId = fromUserinfo ?? fromToken;
  if (!nationalId) return { ok: false, reason: 'notRpps' };
  return { ...rppsFromNationalId(nationalId), nationalId };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The level asserted must be one the site accepts (`acrValues` of the configuration). */
export function acrAccepted(acr: unknown, accepted: readonly string[]): acr is string {
  return typeof acr === 'string' && accepted.includes(acr);
}

/** A PSC session lasts `sessionMinutes` from the moment it was opened on this workstation. */
export function pscSessionExpiry(openedAt: number, sessionMinutes: number): number {
  return openedAt + sessionMinutes * 60_000;
}

export function pscSessionExpired(expiresAt: number, now: number): boolean {
  return now >= expiresAt;
}

/** A site may require PSC for decisions: then a decision signed after a password sign-in is refused. */
export function decisionAuthenticationAllowed(proof: AuthenticationProof, requirePsc: boolean): boolean {
  return !requirePsc || proof.method === 'psc';
}
