import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/api';
import { createServices, type Services } from '../../../electron/services/composition';
import type { WorkstationConfig } from '../../../electron/services/config/workstationConfig';
import { HUB_PASSPHRASE_KEY } from '../../../electron/services/hub/hubService';
import { MemorySecretStore } from '../../../electron/services/telephony/secretStore';
import type { SyncStatus } from '../../../electron/services/hub/hubService';
import { makeTestCertificates, type TestCertificates } from '../../support/hub/certificates';
import { freePort } from '../../support/hub/freePort';
import { startRabbitBroker, type RabbitBroker } from '../../support/hub/rabbitBroker';
import { describeWithBroker, PTFSAS, SAMU440, SAMU690, until } from '../../support/hub/hubWorld';
import { signIn, TEST_SCRYPT } from '../../support/operators';
import { makeTempDir } from '../../support/tempDir';
import { testConfig } from '../../support/testConfig';

type HubSection = NonNullable<WorkstationConfig['hub']>;

/**
 * The Hub client's key material as IT meets it: a PKCS#12 file whose pass phrase the app keeps in
 * the OS secret store. A missing, corrupt or wrongly unlocked certificate puts the link in fault
 * with the reason, and the workstation goes on working (it used to throw at start and exit).
 */
describe('Hub Santé key material at fault: the post stays usable', () => {
  const dir = makeTempDir('plateau-hub-cert-');
  let certificates: TestCertificates;
  let services: Services | null = null;
  let closedPort: number;
  const call = (channel: string, request: Record<string, unknown> = {}) => dispatch(services!.api, channel, request);

  beforeAll(async () => {
    certificates = makeTestCertificates(join(dir.path, 'pki'), [SAMU690]);
    closedPort = await freePort();
  }, 60_000);
  afterEach(async () => {
    await services?.close();
    services = null;
  });
  afterAll(() => dir.cleanup());

  const start = async (pfxFile: string, secrets: MemorySecretStore, name: string) => {
    const hub: HubSection = {
      brokerUrl: `amqps://127.0.0.1:${closedPort}`,
      vhost: '/',
      tls: { caFile: certificates.caFile, pfxFile, serverName: 'localhost' },
      partners: [{ clientId: SAMU440, filieres: ['SNP'] }],
      sasPlatformId: PTFSAS,
      acceptFrom: [],
      prefetch: 10,
      resendAfterSeconds: 5,
    } as HubSection;
    services = createServices(testConfig(join(dir.path, name), { hub }), { secrets, scryptParams: TEST_SCRYPT, hub: { reconnect: { initialDelayMs: 200, maxDelayMs: 500 } } });
    await services.startHub();
    return services;
  };
  /** What the banner gets (hub:status is for a signed-in operator: read here as the services give it). */
  const status = async (): Promise<SyncStatus> => {
    await signIn(services!, 'ARM');
    return ((await call('hub:status')) as { ok: true; value: SyncStatus }).value;
  };
  const stillWorks = async () => {
    await signIn(services!, 'ARM');
    expect(await call('dossier:create', { callerPhone: '0612345678', motive: 'malaise', priority: 'P2' })).toMatchObject({ ok: true });
  };

  it('a missing PKCS#12 file: fault "certificateUnreadable" naming the path, the post works', async () => {
    const missing = join(dir.path, 'absent.p12');
    await start(missing, new MemorySecretStore({ [HUB_PASSPHRASE_KEY]: 'test' }), 'missing');
    expect(await status()).toMatchObject({ configured: true, connected: false, fault: { reason: 'certificateUnreadable', detail: `Hub Santé PKCS#12 file unreadable at ${missing}: ENOENT` } });
    await stillWorks();
  });

  it('a corrupt PKCS#12 file (truncated, then garbage): fault "certificateInvalid"', async () => {
    const good = readFileSync(certificates.clients[SAMU690]!.p12File);
    const truncated = join(dir.path, 'truncated.p12');
    writeFileSync(truncated, good.subarray(0, Math.floor(good.length / 2)));
    await start(truncated, new MemorySecretStore({ [HUB_PASSPHRASE_KEY]: 'test' }), 'truncated');
    const first = await status();
    expect(first.fault?.reason).toBe('certificateInvalid');
    expect(first.fault?.detail).toContain(truncated);
    expect(first.lastError).toBe(first.fault?.detail);
    await stillWorks();
    await services!.close();

    const garbage = join(dir.path, 'garbage.p12');
    writeFileSync(garbage, 'ceci n’est pas un certificat\n'.repeat(20));
    await start(garbage, new MemorySecretStore({ [HUB_PASSPHRASE_KEY]: 'test' }), 'garbage');
    expect((await status()).fault?.reason).toBe('certificateInvalid');
  });

  it('a wrong or missing pass phrase: fault "passphrase"; an ADMIN sets the right one and the fault goes', async () => {
    const secrets = new MemorySecretStore({ [HUB_PASSPHRASE_KEY]: 'pas-la-bonne' });
    await start(certificates.clients[SAMU690]!.p12File, secrets, 'wrong');
    expect((await status()).fault).toMatchObject({ reason: 'passphrase' });
    // Never the pass phrase in what the screens get.
    expect(JSON.stringify(await status())).not.toContain('pas-la-bonne');
    await stillWorks();

    // A call-taker may not; the ADMIN may, and the phrase goes to the secret store.
    await signIn(services!, 'SUPERVISEUR');
    expect(await call('hub:setPassphrase', { passphrase: 'test' })).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    await signIn(services!, 'ADMIN');
    expect(await call('hub:setPassphrase', { passphrase: '' })).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', field: 'passphrase' } });
    const fixed = await call('hub:setPassphrase', { passphrase: 'test' });
    expect(fixed).toMatchObject({ ok: true, value: { fault: null } });
    expect(await secrets.get(HUB_PASSPHRASE_KEY)).toBe('test');
    // The certificate opens; the broker here is away, which the link reports as such.
    await until(() => services!.hub!.status().lastError !== null, 'the link tries the broker');
    expect(services!.hub!.status()).toMatchObject({ connected: false, fault: null, lastError: expect.stringMatching(/connect failed|ECONNREFUSED/) });

    await services!.close();
    await start(certificates.clients[SAMU690]!.p12File, new MemorySecretStore(), 'none');
    expect((await status()).fault).toMatchObject({ reason: 'passphrase' });
  });
});

describeWithBroker('Hub Santé with a PKCS#12 certificate: the pass phrase from the secret store opens the link', () => {
  const dir = makeTempDir('plateau-hub-p12-');
  let broker: RabbitBroker;
  let services: Services | null = null;

  beforeAll(async () => {
    broker = await startRabbitBroker(join(dir.path, 'broker'), [SAMU690, SAMU440, PTFSAS]);
  }, 90_000);
  afterAll(async () => {
    await services?.close();
    await broker?.stop();
    dir.cleanup();
  }, 60_000);

  it('no pass phrase: in fault, nothing connects; the ADMIN types it: connected', async () => {
    const hub = {
      brokerUrl: `amqps://127.0.0.1:${broker.tlsPort}`,
      vhost: '/',
      tls: { caFile: broker.certificates.caFile, pfxFile: broker.certificates.clients[SAMU690]!.p12File, serverName: 'localhost' },
      partners: [{ clientId: SAMU440, filieres: ['SNP'] }],
      sasPlatformId: PTFSAS,
      acceptFrom: [],
      prefetch: 10,
      resendAfterSeconds: 5,
    } as HubSection;
    const secrets = new MemorySecretStore();
    services = createServices(testConfig(join(dir.path, 'workstation'), { hub }), { secrets, scryptParams: TEST_SCRYPT, hub: { reconnect: { initialDelayMs: 200, maxDelayMs: 1000 } } });
    await services.startHub();
    expect(services.hub!.status()).toMatchObject({ connected: false, fault: { reason: 'passphrase' } });
    await signIn(services, 'ADMIN');
    expect(await dispatch(services.api, 'hub:setPassphrase', { passphrase: 'test' })).toMatchObject({ ok: true, value: { fault: null } });
    await until(() => services!.hub!.connected, 'Plateau connected to the Hub with its PKCS#12 certificate');
    expect(services.hub!.status()).toMatchObject({ connected: true, fault: null, lastError: null });
  }, 60_000);
});
