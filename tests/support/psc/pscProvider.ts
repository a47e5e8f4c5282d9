import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWK } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** A person PSC knows: the login typed on the provider's page, the national id it asserts. */
export interface PscPerson {
  nationalId: string;
  givenName: string;
  familyName: string;
  /** The level this person authenticates with (eidas1: e-CPS / CPS card). */
  acr?: string;
}

/** Bad answers the provider can be told to give (its token response's ID token rewritten). */
export type Tamper = null | 'otherKey' | 'algNone' | 'otherAudience' | 'otherNonce';

export interface PscProviderOptions {
  people: Record<string, PscPerson>;
  clientId?: string;
  clientSecret?: string;
  /** Authorization codes live this long (PSC: short). */
  codeTtlSeconds?: number;
}

export interface PscTestProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Rewrites the ID tokens of the next token responses until set back to null. */
  tamper: Tamper;
  stop(): Promise<void>;
}

export const PSC_REALM_PATH = '/auth/realms/esante-wallet';

/**
 * A real OpenID Connect provider (oidc-provider, certified) on 127.0.0.1, configured like Pro
 * Santé Connect: the `scope_all` scope with `SubjectNameID` (8 + RPPS), `preferred_username`,
 * names; the `eidas1` level (acr); PKCE; a native client whose loopback redirect may take any
 * port (RFC 8252); client_secret_basic; RS256 ID tokens. Its sign-in page is one field (the
 * person's login) and one button, keyboard-usable; consent is implicit, as on PSC.
 */
export async function startPscProvider(options: PscProviderOptions): Promise<PscTestProvider> {
  const clientId = options.clientId ?? 'plateau-test';
  const clientSecret = options.clientSecret ?? 'secret-de-test-psc-0123456789abcdef';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk: JWK = { ...(await exportJWK(privateKey)), kid: 'psc-test-1', alg: 'RS256', use: 'sig' };
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}${PSC_REALM_PATH}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        application_type: 'native',
        redirect_uris: ['http://127.0.0.1/psc/callback'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [signingJwk] },
    scopes: ['openid', 'scope_all'],
    claims: { openid: ['sub'], scope_all: ['SubjectNameID', 'preferred_username', 'given_name', 'family_name'] },
    // PSC puts the national id in the ID token too.
    conformIdTokenClaims: false,
    acrValues: ['eidas1', 'eidas2'],
    pkce: { required: () => true },
    ttl: { AuthorizationCode: options.codeTtlSeconds ?? 60, AccessToken: 300, IdToken: 300, Interaction: 600, Session: 600, Grant: 600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `${PSC_REALM_PATH}/interaction/${interaction.uid}` },
    findAccount: (_ctx: KoaContextWithOIDC, id: string) => {
      const person = options.people[id];
      if (!person) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, SubjectNameID: person.nationalId, preferred_username: person.nationalId, given_name: person.givenName, family_name: person.familyName }),
      };
    },
    // Cookies over http on 127.0.0.1 (the test browser): not "secure".
    cookies: { keys: ['psc-test-cookie-key'], long: { secure: false }, short: { secure: false } },
  });
  provider.proxy = false;

  const handle = provider.callback();
  const state: { tamper: Tamper } = { tamper: null };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      const interaction = url.pathname.match(new RegExp(`^${PSC_REALM_PATH}/interaction/([^/]+)$`));
      if (interaction) return signInPage(req, res);
      if (url.pathname === `${PSC_REALM_PATH}/token` && state.tamper) rewriteIdToken(res, state.tamper);
      // The provider is mounted under the realm's path, as PSC's Keycloak realm is.
      if (!url.pathname.startsWith(`${PSC_REALM_PATH}/`)) return void res.writeHead(404).end();
      // As a framework's mount does: the provider reads its mount path from originalUrl.
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
      req.url = (req.url ?? '/').slice(PSC_REALM_PATH.length);
      handle(req, res);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });

  async function signInPage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'consent') {
      // PSC asks no consent of its own: grant what the client asked for.
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
      grant.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      return;
    }
    if (req.method === 'POST') {
      const body = new URLSearchParams(await readBody(req));
      const login = body.get('login') ?? '';
      const person = options.people[login];
      if (!person) {
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'unknown person' }, { mergeWithLastSubmission: false });
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: login, acr: person.acr ?? 'eidas1', amr: ['mfa'] } }, { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Pro Santé Connect (test)</title>` +
        `<form method="post" action="${req.url}"><label for="psc-login">Identifiant e-CPS</label>` +
        `<input id="psc-login" name="login" autofocus autocomplete="off"><button type="submit">Se connecter</button></form></html>`,
    );
  }

  function rewriteIdToken(res: ServerResponse, tamper: Exclude<Tamper, null>): void {
    const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
    (res as { end: unknown }).end = (chunk?: unknown) => {
      void (async () => {
        const json = JSON.parse(String(chunk)) as { id_token?: string };
        if (json.id_token) json.id_token = await forge(json.id_token, tamper);
        const body = JSON.stringify(json);
        res.setHeader('content-length', Buffer.byteLength(body));
        end(body);
      })();
      return res;
    };
  }

  async function forge(idToken: string, tamper: Exclude<Tamper, null>): Promise<string> {
    const claims = decodeJwt(idToken);
    switch (tamper) {
      case 'algNone':
        return new UnsecuredJWT(claims).encode();
      case 'otherKey': {
        const other = await generateKeyPair('RS256');
        return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid! }).sign(other.privateKey);
      }
      case 'otherAudience':
        return new SignJWT({ ...claims, aud: 'another-client' }).setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid! }).sign(privateKey);
      case 'otherNonce':
        return new SignJWT({ ...claims, nonce: 'not-the-nonce-sent' }).setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid! }).sign(privateKey);
    }
  }

  return {
    issuer,
    clientId,
    clientSecret,
    get tamper() {
      return state.tamper;
    },
    set tamper(value: Tamper) {
      state.tamper = value;
    },
    async stop() {
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 10_000) req.destroy();
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

/** The national id PSC gives for an RPPS: its type prefix 8, then the 11 digits. */
export const nationalIdOf = (rpps: string) => `8${rpps}`;
