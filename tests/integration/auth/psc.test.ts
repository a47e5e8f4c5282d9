import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/api';
import { createServices, type Services } from '../../../electron/services/composition';
import { MemorySecretStore } from '../../../electron/services/telephony/secretStore';
import { SYSTEM_ACTOR } from '../../../shared/domain/roles';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium';
import { journalFile } from '../../support/journalFile';
import { TEST_PASSWORD, TEST_RPPS, TEST_SCRYPT } from '../../support/operators';
import { nationalIdOf, startPscProvider, type PscTestProvider } from '../../support/psc/pscProvider';
import { makeTempDir } from '../../support/tempDir';
import { testConfig } from '../../support/testConfig';

/** Another valid RPPS (Luhn key), someone else's. */
const OTHER_RPPS = '10000000009';
/** TEST_RPPS with its last digit changed: the key no longer matches. */
const BAD_KEY_RPPS = '10003456787';

const PEOPLE = {
  durand: { nationalId: nationalIdOf(TEST_RPPS), givenName: 'Claire', familyName: 'Durand' },
  autre: { nationalId: nationalIdOf(OTHER_RPPS), givenName: 'Paul', familyName: 'Autre' },
  clef: { nationalId: nationalIdOf(BAD_KEY_RPPS), givenName: 'Mauvaise', familyName: 'Clef' },
  adeli: { nationalId: '0123456789', givenName: 'Infirmier', familyName: 'Adeli' },
};

/**
 * Pro Santé Connect sign-in against a real OpenID Connect provider (oidc-provider, configured
 * like PSC) on 127.0.0.1, with Debian's Chromium doing the browser's part: the services open the
 * loopback listener and build the URL, the browser signs in at the provider and is redirected
 * to the listener, the services exchange the code and open the session.
 */
describe('Pro Santé Connect sign-in', () => {
  let provider: PscTestProvider;
  let browser: Browser;
  let page: Page;
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  let clock: number;
  const call = (channel: string, payload: unknown = {}) => dispatch(services.api, channel, payload);
  const events = (type: string) => journalFile(services.journal).prepare<[string], { payload: string; actor_id: string }>('SELECT payload, actor_id FROM events WHERE type = ? ORDER BY seq').all(type);
  const refusals = () => events('security.refused').map((e) => JSON.parse(e.payload) as { channel: string; code: string; reason: string });
  const open = (issuer: string, extra: Record<string, unknown> = {}) => {
    services?.close();
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240, psc: { issuer, clientId: provider.clientId, timeoutMs: 1500, signInTimeoutSeconds: 20, ...extra } as never }), {
      now: () => clock,
      scryptParams: TEST_SCRYPT,
      secrets: new MemorySecretStore({ 'psc.clientSecret': provider.clientSecret }),
    });
  };

  const start = async (request: { login?: string; password?: string } = {}) => {
    const started = await call('auth:pscStart', request);
    if (!started.ok) throw new Error(`auth:pscStart: ${started.error.code} ${started.error.message}`);
    const value = started.value as { attemptId: string; authorizationUrl: string };
    return { ...value, outcome: call('auth:pscComplete', { attemptId: value.attemptId }), redirectUri: new URL(value.authorizationUrl).searchParams.get('redirect_uri')! };
  };
  /** The person signs in on the provider's page, keyboard only; the browser follows the redirect. */
  const signInAtProvider = async (url: string, login: string) => {
    await page.goto(url);
    await page.locator('#psc-login').waitFor();
    await page.keyboard.type(login);
    await page.keyboard.press('Enter');
  };
  /** Same, but the redirect to the loopback listener is held: the test delivers it when it wants. */
  const heldRedirect = async (url: string, login: string, redirectUri: string): Promise<URL> => {
    const listener = new URL(redirectUri).origin;
    const providerOrigin = new URL(url).origin;
    let held!: (u: URL) => void;
    const captured = new Promise<URL>((resolve) => (held = resolve));
    // The provider's redirects are followed here (the browser does not see them, so none of
    // them can slip past the route); the one to the listener is kept, not followed.
    await page.route(`${providerOrigin}/**`, async (route) => {
      let response = await route.fetch({ maxRedirects: 0 });
      let location = response.headers()['location'];
      for (let hops = 0; location && new URL(location, providerOrigin).origin === providerOrigin && hops < 10; hops += 1) {
        response = await page.context().request.get(new URL(location, providerOrigin).href, { maxRedirects: 0 });
        location = response.headers()['location'];
      }
      if (location && new URL(location, providerOrigin).origin === listener) {
        held(new URL(location, providerOrigin));
        await route.fulfill({ status: 200, contentType: 'text/plain', body: 'held by the test' });
      } else {
        await route.fulfill({ response });
      }
    });
    await signInAtProvider(url, login);
    const answer = await captured;
    await page.unroute(`${providerOrigin}/**`);
    return answer;
  };
  /** What the loopback listener told the browser once the outcome was known. */
  const outcomePage = async () => {
    await page.locator('#psc-outcome').waitFor();
    return page.locator('#psc-outcome').textContent();
  };
  const deliver = (redirectUri: string, query: URLSearchParams) => fetch(`${redirectUri}?${query}`).catch(() => null);
  const createPhysician = async (login = 'dr.durand', rpps: string | null = TEST_RPPS) => {
    const created = await services.auth.createOperator({ login, displayName: 'Dr Durand', role: 'MRU', password: TEST_PASSWORD, rpps }, SYSTEM_ACTOR);
    if (!created.ok) throw new Error(created.error.message);
    return created.value.id;
  };
  const bind = async () => {
    const attempt = await start({ login: 'dr.durand', password: TEST_PASSWORD });
    await signInAtProvider(attempt.authorizationUrl, 'durand');
    const outcome = await attempt.outcome;
    expect(outcome).toMatchObject({ ok: true });
    // The browser has landed on the listener's page before the next sign-in navigates it.
    expect(await outcomePage()).toMatch(/Connexion réussie/);
    await call('auth:logout');
  };

  beforeAll(async () => {
    provider = await startPscProvider({ people: PEOPLE });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  });
  afterAll(async () => {
    await browser?.close();
    await provider?.stop();
  });
  beforeEach(async () => {
    dir = makeTempDir();
    clock = Date.parse('2026-11-23T21:00:00.000Z');
    provider.tamper = null;
    page = await (await browser.newContext()).newPage();
    open(provider.issuer);
  });
  afterEach(async () => {
    await page.context().close();
    services.close();
    dir.cleanup();
  });

  it('IT sets the client secret from the app (ADMIN only); it goes to the secret store and is what the token endpoint gets', async () => {
    const secrets = new MemorySecretStore();
    services.close();
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240, psc: { issuer: provider.issuer, clientId: provider.clientId, timeoutMs: 1500 } as never }), { now: () => clock, scryptParams: TEST_SCRYPT, secrets });
    await createPhysician();
    // No credential yet: PSC is unavailable, and says why.
    expect(await call('auth:pscStart', {})).toMatchObject({ ok: false, error: { code: 'E_PSC_UNAVAILABLE', field: 'noCredential' } });
    await services.auth.createOperator({ login: 'it', displayName: 'IT', role: 'ADMIN', password: TEST_PASSWORD, rpps: null }, SYSTEM_ACTOR);
    await services.auth.login({ login: 'it', password: TEST_PASSWORD });
    expect(await call('psc:setCredential', { kind: 'privateKey', value: 'pas une clé PEM' })).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', field: 'value' } });
    expect(await call('psc:setCredential', { kind: 'clientSecret', value: provider.clientSecret })).toEqual({ ok: true, value: { stored: true } });
    expect(await secrets.get('psc.clientSecret')).toBe(provider.clientSecret);
    expect(journalFile(services.journal).prepare<[string], number>("SELECT count(*) FROM events WHERE payload LIKE '%' || ? || '%'").pluck().get(provider.clientSecret)).toBe(0);
    await call('auth:logout');
    const attempt = await start({ login: 'dr.durand', password: TEST_PASSWORD });
    await signInAtProvider(attempt.authorizationUrl, 'durand');
    expect(await attempt.outcome).toMatchObject({ ok: true });
  });

  it('builds an authorization request with PKCE S256, state, nonce, acr_values and a loopback redirect on 127.0.0.1', async () => {
    await createPhysician();
    const attempt = await start({ login: 'dr.durand', password: TEST_PASSWORD });
    const url = new URL(attempt.authorizationUrl);
    expect(url.origin + url.pathname).toBe(`${provider.issuer}/auth`);
    const q = url.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(provider.clientId);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('acr_values')).toBe('eidas1');
    expect(q.get('scope')).toBe('openid scope_all');
    expect(attempt.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/psc\/callback$/);
    expect(services.psc!.isPendingAuthorizationUrl(attempt.authorizationUrl)).toBe(true);
    expect(services.psc!.isPendingAuthorizationUrl(`${attempt.authorizationUrl}&x=1`)).toBe(false);
    expect(await call('auth:pscCancel', { attemptId: attempt.attemptId })).toMatchObject({ ok: true, value: { cancelled: true } });
    expect(await attempt.outcome).toMatchObject({ ok: false, error: { code: 'E_PSC_CANCELLED' } });
  });

  it('the first PSC sign-in binds the account after its password; later ones need only PSC; decisions say how their author was authenticated', async () => {
    const id = await createPhysician();
    const attempt = await start({ login: 'dr.durand', password: TEST_PASSWORD });
    await signInAtProvider(attempt.authorizationUrl, 'durand');
    const outcome = await attempt.outcome;
    expect(outcome).toMatchObject({ ok: true, value: { session: { operator: { id, login: 'dr.durand' }, locked: false, authentication: { method: 'psc', acr: 'eidas1' } }, psc: { available: true } } });
    expect(await outcomePage()).toMatch(/Connexion réussie/);
    expect(events('operator.pscBound').map((e) => JSON.parse(e.payload))).toEqual([{ operatorId: id, rpps: TEST_RPPS, subject: 'durand', acr: 'eidas1' }]);
    expect(services.journal.operators.byId(id)).toMatchObject({ pscRpps: TEST_RPPS, pscBoundAt: expect.any(String) });
    const signedIn = JSON.parse(events('auth.pscSignedIn')[0]!.payload) as { expiresAt: string; kind: string };
    expect(signedIn).toMatchObject({ operatorId: id, kind: 'login', acr: 'eidas1' });
    expect(Date.parse(signedIn.expiresAt) - clock).toBe(240 * 60_000);

    // A decision signed now records PSC with its level and time.
    const dossier = await call('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'douleur thoracique', priority: 'P1', kind: 'DRM' });
    const dossierId = (dossier as { value: { id: string } }).value.id;
    const decided = await call('dossier:addDecision', { dossierId, type: 'CONSEIL', careLevel: 'R4', adviceText: 'repos' });
    expect(decided).toMatchObject({ ok: true, value: { decisions: [{ authentication: { method: 'psc', acr: 'eidas1' } }] } });
    const report = await call('dossier:report', { dossierId });
    expect((report as { value: { html: string } }).value.html).toMatch(/Pro Santé Connect \(eidas1\)/);

    // Signed out, then in again with PSC only: the RPPS finds the bound account.
    await call('auth:logout');
    const again = await start();
    await signInAtProvider(again.authorizationUrl, 'durand');
    expect(await again.outcome).toMatchObject({ ok: true, value: { session: { operator: { id }, authentication: { method: 'psc' } } } });
    expect(events('operator.pscBound')).toHaveLength(1);

    // The lock ends the PSC session: unlocked with the password, decisions say "password".
    await call('auth:lock');
    await call('auth:unlock', { password: TEST_PASSWORD });
    const local = await call('dossier:addDecision', { dossierId, type: 'CONSEIL', careLevel: 'R3', adviceText: 'consulter', supersedes: (decided as { value: { decisions: { id: string }[] } }).value.decisions[0]!.id });
    expect(local).toMatchObject({ ok: true, value: { decisions: [{ authentication: { method: 'psc' } }, { authentication: { method: 'password' } }] } });

    // The binding is part of the operator projection: a rebuild from the events keeps it.
    services.journal.rebuildProjections();
    expect(services.journal.operators.byId(id)).toMatchObject({ pscRpps: TEST_RPPS });
  });

  it('unlocks a locked workstation with PSC, for the locked operator only', async () => {
    const id = await createPhysician();
    await bind();
    await services.auth.login({ login: 'dr.durand', password: TEST_PASSWORD });
    await call('auth:lock');
    const attempt = await start({ login: 'dr.durand' });
    await signInAtProvider(attempt.authorizationUrl, 'durand');
    expect(await attempt.outcome).toMatchObject({ ok: true, value: { session: { operator: { id }, locked: false, authentication: { method: 'psc' } } } });
    expect(JSON.parse(events('auth.pscSignedIn').at(-1)!.payload)).toMatchObject({ kind: 'unlock' });
  });

  it('a login typed without its password must be the account PSC identifies', async () => {
    await createPhysician();
    await bind();
    const other = await services.auth.createOperator({ login: 'dr.autre', displayName: 'Dr Autre', role: 'MRL', password: TEST_PASSWORD, rpps: OTHER_RPPS }, SYSTEM_ACTOR);
    expect(other.ok).toBe(true);
    const attempt = await start({ login: 'dr.autre' });
    await signInAtProvider(attempt.authorizationUrl, 'durand');
    expect(await attempt.outcome).toMatchObject({ ok: false, error: { code: 'E_PSC_REFUSED', field: 'rppsMismatch' } });
    expect(await call('auth:status')).toMatchObject({ value: { session: null } });
  });

  it('a PSC session ends after the configured time: the workstation locks, journaled', async () => {
    await createPhysician();
    await bind();
    const attempt = await start();
    await signInAtProvider(attempt.authorizationUrl, 'durand');
    expect(await attempt.outcome).toMatchObject({ ok: true });
    clock += 239 * 60_000;
    expect(await call('auth:status')).toMatchObject({ value: { session: { locked: false } } });
    clock += 60_000;
    expect(await call('auth:status')).toMatchObject({ value: { session: { locked: true } } });
    expect(JSON.parse(events('auth.sessionLocked').at(-1)!.payload)).toMatchObject({ reason: 'pscExpired' });
  });

  it('without its password, an account not bound yet is refused (and nothing is signed in)', async () => {
    await createPhysician();
    const attempt = await start();
    await signInAtProvider(attempt.authorizationUrl, 'durand');
    expect(await attempt.outcome).toMatchObject({ ok: false, error: { code: 'E_PSC_REFUSED', field: 'notBound' } });
    expect(await outcomePage()).toMatch(/Connexion refusée/);
    expect(await call('auth:status')).toMatchObject({ value: { session: null } });
    expect(refusals().at(-1)).toMatchObject({ channel: 'auth:psc', code: 'E_PSC_REFUSED', reason: expect.stringMatching(/^notBound/) });
  });

  it('refuses a wrong password before opening the browser (counted like any wrong password)', async () => {
    await createPhysician();
    expect(await call('auth:pscStart', { login: 'dr.durand', password: 'pas-le-bon' })).toMatchObject({ ok: false, error: { code: 'E_BAD_CREDENTIALS' } });
    expect(events('auth.loginFailed')).toHaveLength(1);
  });

  it('refuses an RPPS that is not the account’s', async () => {
    await createPhysician();
    const attempt = await start({ login: 'dr.durand', password: TEST_PASSWORD });
    await signInAtProvider(attempt.authorizationUrl, 'autre');
    expect(await attempt.outcome).toMatchObject({ ok: false, error: { code: 'E_PSC_REFUSED', field: 'rppsMismatch' } });
    expect(events('operator.pscBound')).toHaveLength(0);
    expect(await call('auth:status')).toMatchObject({ value: { session: null } });
    expect(refusals().at(-1)!.reason).toMatch(/^rppsMismatch/);
  });

  it('refuses an RPPS with a wrong key, and a national id that is not an RPPS', async () => {
    await createPhysician();
    for (const [login, reason] of [['clef', 'rppsKey'], ['adeli', 'notRpps']] as const) {
      const attempt = await start({ login: 'dr.durand', password: TEST_PASSWORD });
      await signInAtProvider(attempt.authorizationUrl, login);
      expect(await attempt.outcome).toMatchObject({ ok: false, error: { code: 'E_PSC_REFUSED', field: reason } });
      expect(await outcomePage()).toMatch(/Connexion refusée/);
      expect(refusals().at(-1)!.reason.startsWith(reason)).toBe(true);
    }
    expect(await call('auth:status')).toMatchObject({ value: { session: null } });
  });

  it('refuses an expired code', async () => {
    const shortLived = await startPscProvider({ people: PEOPLE, codeTtlSeconds: 1 });
    try {
      open(shortLived.issuer);
      await createPhysician();
      const attempt = await start({ login: 'dr.durand', password: TEST_PASSWORD });
      const answer = await heldRedirect(attempt.authorizationUrl, 'durand', attempt.redirectUri);
      await new Promise((resolve) => setTimeout(resolve, 2_200));
      await deliver(attempt.redirectUri, answer.searchParams);
      expect(await attempt.outcome).toMatchObject({ ok: false, error: { code: 'E_PSC_REFUSED', field: 'code' } });
      expect(await call('auth:status')).toMatchObject({ value: { session: null } });
    } finally {
      await shortLived.stop();
    }
  });

  it('refuses a replayed code, even under the state of a new sign-in; the used listener no longer answers', async () => {
    await createPhysician();
    const first = await start({ login: 'dr.durand', password: TEST_PASSWORD });
    const answer = await heldRedirect(first.authorizationUrl, 'durand', first.redirectUri);
    await deliver(first.redirectUri, answer.searchParams);
    expect(await first.outcome).toMatchObject({ ok: true });
    await call('auth:logout');
    // The one-shot listener is closed: the same redirect finds nobody.
    expect(await deliver(first.redirectUri, answer.searchParams)).toBeNull();
    const second = await start({ login: 'dr.durand', password: TEST_PASSWORD });
    const replay = new URLSearchParams(answer.searchParams);
    replay.set('state', new URL(second.authorizationUrl).searchParams.get('state')!);
    await deliver(second.redirectUri, replay);
    expect(await second.outcome).toMatchObject({ ok: false, error: { code: 'E_PSC_REFUSED', field: 'code' } });
    expect(await call('auth:status')).toMatchObject({ value: { session: null } });
  });

  it('refuses a wrong state', async () => {
    await createPhysician();
    const attempt = await start({ login: 'dr.durand', password: TEST_PASSWORD });
    const answer = await heldRedirect(attempt.authorizationUrl, 'durand', attempt.redirectUri);
    const forged = new URLSearchParams(answer.searchParams);
    forged.set('state', 'forged-state-value-0123456789');
    await deliver(attempt.redirectUri, forged);
    expect(await attempt.outcome).toMatchObject({ ok: false, error: { code: 'E_PSC_REFUSED', field: 'state' } });
    expect(refusals().at(-1)!.reason).toMatch(/^state/);
    expect(await call('auth:status')).toMatchObject({ value: { session: null } });
  });

  for (const [tamper, reason] of [
    ['otherNonce', 'nonce'],
    ['otherKey', 'signature'],
    ['algNone', 'signature'],
    ['otherAudience', 'token'],
  ] as const) {
    it(`refuses an ID token ${tamper === 'otherNonce' ? 'with another nonce' : tamper === 'otherKey' ? 'signed with another key' : tamper === 'algNone' ? 'with alg: none' : 'for another audience'}`, async () => {
      await createPhysician();
      provider.tamper = tamper;
      const attempt = await start({ login: 'dr.durand', password: TEST_PASSWORD });
      await signInAtProvider(attempt.authorizationUrl, 'durand');
      const outcome = await attempt.outcome;
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: false, error: { code: 'E_PSC_REFUSED', field: reason } });
      expect(refusals().at(-1)).toMatchObject({ channel: 'auth:psc', reason: expect.stringMatching(new RegExp(`^${reason}`)) });
      expect(events('operator.pscBound')).toHaveLength(0);
      expect(await call('auth:status')).toMatchObject({ value: { session: null } });
    });
  }

  it('refuses a redirect to another path (journaled) and a code obtained for another port', async () => {
    await createPhysician();
    const attempt = await start({ login: 'dr.durand', password: TEST_PASSWORD });
    const elsewhere = await fetch(attempt.redirectUri.replace('/psc/callback', '/autre/chemin?code=x&state=y'));
    expect(elsewhere.status).toBe(404);
    expect(refusals().at(-1)!.reason).toMatch(/^redirect: .*path \(\/autre\/chemin\)/);
    // The provider's answer sent to another port of this machine: the code is bound to that
    // redirect, our exchange names ours, the provider refuses it.
    const otherPort = await freePort();
    const moved = new URL(attempt.authorizationUrl);
    moved.searchParams.set('redirect_uri', `http://127.0.0.1:${otherPort}/psc/callback`);
    const answer = await heldRedirect(moved.href, 'durand', `http://127.0.0.1:${otherPort}/psc/callback`);
    await deliver(attempt.redirectUri, answer.searchParams);
    expect(await attempt.outcome).toMatchObject({ ok: false, error: { code: 'E_PSC_REFUSED', field: 'code' } });
    expect(await call('auth:status')).toMatchObject({ value: { session: null } });
  });

  it('PSC down, too slow or answering an error page: a clear E_PSC_UNAVAILABLE; the password still signs in and decisions say "password"', async () => {
    const id = await createPhysician();
    const closedPort = await freePort();
    const silent = await listening((_req, _res) => undefined);
    const errorPage = await listening((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'));
    try {
      for (const [issuer, reason] of [
        [`http://127.0.0.1:${closedPort}/auth/realms/esante-wallet`, 'offline'],
        [`http://127.0.0.1:${port(silent)}/auth/realms/esante-wallet`, 'timeout'],
        [`http://127.0.0.1:${port(errorPage)}/auth/realms/esante-wallet`, 'errorPage'],
      ] as const) {
        open(issuer);
        const began = Date.now();
        expect(await call('auth:pscStart', { login: 'dr.durand', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'E_PSC_UNAVAILABLE', field: reason } });
        expect(Date.now() - began).toBeLessThan(5_000);
      }
      expect(await call('auth:login', { login: 'dr.durand', password: TEST_PASSWORD })).toMatchObject({ ok: true, value: { session: { operator: { id }, authentication: { method: 'password' } } } });
      const dossier = await call('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'malaise', priority: 'P2', kind: 'DRM' });
      const dossierId = (dossier as { value: { id: string } }).value.id;
      expect(await call('dossier:addDecision', { dossierId, type: 'CONSEIL', careLevel: 'R4', adviceText: 'repos' })).toMatchObject({ ok: true, value: { decisions: [{ authentication: { method: 'password' } }] } });
      const report = await call('dossier:report', { dossierId });
      expect((report as { value: { html: string } }).value.html).toMatch(/authentification locale/);
    } finally {
      silent.closeAllConnections();
      silent.close();
      errorPage.close();
    }
  });

  it('a site requiring PSC for decisions refuses one after a password sign-in (E_PSC_REQUIRED, journaled), accepts it after PSC', async () => {
    open(provider.issuer, { requiredForDecisions: true });
    await createPhysician();
    await services.auth.login({ login: 'dr.durand', password: TEST_PASSWORD });
    const dossier = await call('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'malaise', priority: 'P2', kind: 'DRM' });
    const dossierId = (dossier as { value: { id: string } }).value.id;
    expect(await call('dossier:addDecision', { dossierId, type: 'CONSEIL', careLevel: 'R4', adviceText: 'repos' })).toMatchObject({ ok: false, error: { code: 'E_PSC_REQUIRED' } });
    expect(refusals().at(-1)).toMatchObject({ channel: 'dossier:addDecision', code: 'E_PSC_REQUIRED' });
    const attempt = await start({ login: 'dr.durand', password: TEST_PASSWORD });
    await signInAtProvider(attempt.authorizationUrl, 'durand');
    expect(await attempt.outcome).toMatchObject({ ok: true, value: { psc: { requiredForDecisions: true } } });
    expect(await call('dossier:addDecision', { dossierId, type: 'CONSEIL', careLevel: 'R4', adviceText: 'repos' })).toMatchObject({ ok: true });
  });
});

async function listening(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

const port = (server: Server) => (server.address() as AddressInfo).port;

async function freePort(): Promise<number> {
  const server = await listening(() => undefined);
  const p = port(server);
  await new Promise<void>((done) => server.close(() => done()));
  return p;
}
