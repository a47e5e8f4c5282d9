import { createPrivateKey } from 'node:crypto';
import * as oidc from 'openid-client';
import { acrAccepted, nationalIdFromClaims, type PscRefusalReason } from '../../../../shared/domain/psc';
import type { SecretStore } from '../../telephony/secretStore';
import { PSC_SECRET_KEYS, type PscConfig } from './pscConfig';

/**
 * What went wrong, in two families: PSC is away (nothing answered, too slow, an error page — the
 * local password still works) or PSC answered and the answer is refused (with the reason).
 */
export class PscError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'refused',
    readonly reason: PscRefusalReason | 'offline' | 'timeout' | 'errorPage' | 'noCredential',
    message: string,
  ) {
    super(message);
  }
}

/** The person PSC authenticated, as far as Plateau needs to know. */
export interface PscIdentity {
  rpps: string;
  nationalId: string;
  subject: string;
  acr: string;
  /** When the provider authenticated the person (`auth_time`, else the token's `iat`). */
  authTime: string;
  displayName: string | null;
}

/** One authorization request in flight: what the answer must be checked against. */
export interface PendingAuthorization {
  url: URL;
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  configuration: oidc.Configuration;
}

export interface PscClientDeps {
  config: PscConfig;
  secrets: SecretStore;
}

/**
 * The relying party, on openid-client (certified): discovery, the authorization URL (PKCE S256,
 * state, nonce, acr_values), the code exchange with every check of the ID token (signature by the
 * provider's published keys, RS256/ES256 only, issuer, audience, expiry, nonce), then the
 * userinfo answer for the national id.
 */
export class PscClient {
  constructor(private readonly deps: PscClientDeps) {}

  async authorize(redirectUri: string): Promise<PendingAuthorization> {
    const configuration = await this.discover();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.deps.config.scope,
      response_type: 'code',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      acr_values: this.deps.config.acrValues.join(' '),
      prompt: 'login',
    });
    return { url, redirectUri, state, nonce, codeVerifier, configuration };
  }

  /** Exchanges the code of `answer` (the redirect URI with the provider's query) and reads the identity. */
  async finish(pending: PendingAuthorization, answer: URL): Promise<PscIdentity> {
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(pending.configuration, answer, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw classify(error);
    }
    const claims = tokens.claims();
    if (!claims) throw new PscError('refused', 'signature', 'no ID token in the token response');
    let userinfo: Record<string, unknown> | null = null;
    try {
      userinfo = (await oidc.fetchUserInfo(pending.configuration, tokens.access_token, claims.sub)) as Record<string, unknown>;
    } catch (error) {
      const classified = classify(error);
      // A userinfo answer for another subject is refused; PSC away at this step is PSC away.
      if (classified.kind === 'unavailable' || classified.reason !== 'provider') throw classified;
    }
    if (!acrAccepted(claims.acr, this.deps.config.acrValues)) {
      throw new PscError('refused', 'acr', `authentication level ${String(claims.acr ?? 'none')} is not one of ${this.deps.config.acrValues.join(', ')}`);
    }
    const reading = nationalIdFromClaims(claims as Record<string, unknown>, userinfo);
    if (!reading.ok) throw new PscError('refused', reading.reason, reading.reason === 'rppsKey' ? `national id ${reading.nationalId ?? ''}: the RPPS key is wrong` : 'no RPPS national id in the answer');
    const authSeconds = typeof claims.auth_time === 'number' ? claims.auth_time : claims.iat;
    const given = typeof userinfo?.given_name === 'string' ? userinfo.given_name : typeof claims.given_name === 'string' ? claims.given_name : '';
    const family = typeof userinfo?.family_name === 'string' ? userinfo.family_name : typeof claims.family_name === 'string' ? claims.family_name : '';
    return {
      rpps: reading.rpps,
      nationalId: reading.nationalId!,
      subject: claims.sub,
      acr: claims.acr!,
      authTime: new Date(authSeconds * 1000).toISOString(),
      displayName: `${given} ${family}`.trim() || null,
    };
  }

  private async discover(): Promise<oidc.Configuration> {
    const { config } = this.deps;
    const issuer = new URL(config.issuer);
    const auth = await this.clientAuthentication();
    const loopback = issuer.protocol === 'http:';
    try {
      const configuration = await oidc.discovery(
        issuer,
        config.clientId,
        // PSC signs its ID tokens with RS256; anything else (`none` above all) is refused.
        { id_token_signed_response_alg: 'RS256' },
        auth,
        // Non-repudiation: the ID token's signature is checked against the provider's published
        // keys even though it came straight from the token endpoint (a decision rests on it).
        { timeout: config.timeoutMs / 1000, execute: loopback ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] : [oidc.enableNonRepudiationChecks] },
      );
      configuration.timeout = config.timeoutMs / 1000;
      return configuration;
    } catch (error) {
      const classified = classify(error);
      throw classified.kind === 'unavailable' ? classified : new PscError('unavailable', 'errorPage', `discovery of ${config.issuer} failed: ${classified.message}`);
    }
  }

  private async clientAuthentication(): Promise<oidc.ClientAuth> {
    const { config, secrets } = this.deps;
    if (config.clientAuth === 'private_key_jwt') {
      const pem = await secrets.get(PSC_SECRET_KEYS.privateKey);
      if (!pem) throw new PscError('unavailable', 'noCredential', 'no private key for Pro Santé Connect in the OS secret store');
      const key = createPrivateKey(pem);
      const algorithm = key.asymmetricKeyType === 'ec' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
      return oidc.PrivateKeyJwt(key.toCryptoKey(algorithm, false, ['sign']));
    }
    const secret = await secrets.get(PSC_SECRET_KEYS.clientSecret);
    if (!secret) throw new PscError('unavailable', 'noCredential', 'no client secret for Pro Santé Connect in the OS secret store');
    return config.clientAuth === 'client_secret_post' ? oidc.ClientSecretPost(secret) : oidc.ClientSecretBasic(secret);
  }
}

/** openid-client's errors, in the words of the refusal reasons (the message keeps the detail). */
export function classify(error: unknown): PscError {
  if (error instanceof PscError) return error;
  // openid-client wraps the checks' own errors (oauth4webapi): look down the cause chain.
  const chain: Array<{ name?: string; code?: string; message?: string; error?: string; cause?: unknown; claim?: string }> = [];
  for (let e = error as (typeof chain)[number] | undefined; e && typeof e === 'object' && chain.length < 4; e = e.cause as (typeof chain)[number] | undefined) chain.push(e);
  const codes = new Set(chain.map((e) => e.code));
  const names = new Set(chain.map((e) => e.name));
  const text = chain.map((e) => e.message ?? '').join(' — ').slice(0, 400);
  const claim = chain.map((e) => e.claim ?? (e.cause as { claim?: string } | undefined)?.claim).find(Boolean);
  const first = chain[0] ?? {};
  if (names.has('TimeoutError') || names.has('AbortError') || codes.has('OAUTH_TIMEOUT')) return new PscError('unavailable', 'timeout', `Pro Santé Connect did not answer in time: ${text}`);
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET/.test(text) || [...codes].some((c) => c && /^E(CONN|NOTFOUND|HOST|AI_)/.test(c))) {
    return new PscError('unavailable', 'offline', `Pro Santé Connect cannot be reached: ${text}`);
  }
  if (codes.has('OAUTH_AUTHORIZATION_RESPONSE_ERROR')) return new PscError('refused', 'provider', `the provider refused the sign-in: ${first.error ?? text}`);
  if (codes.has('OAUTH_RESPONSE_BODY_ERROR')) {
    const oauthError = chain.map((e) => e.error).find(Boolean);
    return new PscError('refused', oauthError === 'invalid_grant' ? 'code' : 'provider', `the provider refused the code: ${oauthError ?? ''} ${text}`.trim());
  }
  if (/"state"/.test(text)) return new PscError('refused', 'state', text);
  if (claim === 'nonce' || /"nonce"/.test(text)) return new PscError('refused', 'nonce', text);
  if (codes.has('OAUTH_KEY_SELECTION_FAILED') || /signature|"alg"|JWS|unsecured/i.test(text)) return new PscError('refused', 'signature', text);
  if (codes.has('OAUTH_JWT_CLAIM_COMPARISON_FAILED') || codes.has('OAUTH_JWT_TIMESTAMP_CHECK_FAILED') || /"iss"|"aud"|"azp"|"exp"|"iat"/.test(text)) return new PscError('refused', 'token', text);
  if (codes.has('OAUTH_RESPONSE_IS_NOT_JSON') || codes.has('OAUTH_RESPONSE_IS_NOT_CONFORM')) return new PscError('unavailable', 'errorPage', text);
  return new PscError('refused', 'provider', text);
}
