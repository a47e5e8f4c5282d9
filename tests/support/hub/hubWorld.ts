import { join } from 'node:path';
import { describe } from 'vitest';
import { createServices, type ServiceOptions, type Services } from '../../../electron/services/composition';
import { signIn, TEST_SCRYPT } from '../operators';
import type { WorkstationConfig } from '../../../electron/services/config/workstationConfig';
import { hubHandoutProblem } from '../hubHandout';
import { makeTempDir } from '../tempDir';
import { testConfig } from '../testConfig';
import { HubDispatcher } from './hubDispatcher';
import { PeerRegulationBot, SasPlatformBot } from './partnerBots';
import { brokerBinaryProblem, startRabbitBroker, type RabbitBroker } from './rabbitBroker';

export const SAMU690 = 'fr.health.samu690';
export const SAMU440 = 'fr.health.samu440';
export const PTFSAS = 'fr.health.ptfsas';

/**
 * The Hub suites need RabbitMQ and openssl. Missing in CI (`CI=true`) is a failure naming the
 * Debian package; on a developer's machine the suite is skipped, loudly.
 */
export function brokerSuiteMode(name: string, problem: string | null, env: NodeJS.ProcessEnv = process.env): 'run' | 'skip' {
  if (!problem) return 'run';
  if (env.CI === 'true') throw new Error(`${name}: ${problem} — this suite must run in CI`);
  console.warn(`\n!!!!!!!! SKIPPED "${name}": ${problem} !!!!!!!!\n`);
  return 'skip';
}

export function describeWithBroker(name: string, body: () => void): void {
  (brokerSuiteMode(name, brokerBinaryProblem() ?? hubHandoutProblem()) === 'run' ? describe : describe.skip)(name, body);
}

export async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type HubSection = NonNullable<WorkstationConfig['hub']>;

/** The workstation's Hub section for a test broker: our certificate, the CA, loopback TLS. */
export function hubSectionFor(broker: RabbitBroker, clientId: string, partners: HubSection['partners'], extra: Partial<HubSection> = {}): HubSection {
  const own = broker.certificates.clients[clientId]!;
  return {
    brokerUrl: `amqps://127.0.0.1:${broker.tlsPort}`,
    vhost: '/',
    tls: { caFile: broker.certificates.caFile, certFile: own.certFile, keyFile: own.keyFile, serverName: 'localhost' },
    partners,
    sasPlatformId: PTFSAS,
    acceptFrom: [],
    prefetch: 100,
    resendAfterSeconds: 5,
    ...extra,
  };
}

export interface HubWorld {
  dir: string;
  broker: RabbitBroker;
  dispatcher: HubDispatcher;
  peer: PeerRegulationBot;
  sas: SasPlatformBot;
  services: Services;
  /** Restarts Plateau's services on the same journal (a workstation restart). */
  restartServices(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHubWorld(serviceOptions: ServiceOptions = {}): Promise<HubWorld> {
  const dir = makeTempDir('plateau-hub-');
  let broker: RabbitBroker | null = null;
  const cleanups: Array<() => Promise<void> | void> = [];
  try {
    broker = await startRabbitBroker(join(dir.path, 'broker'), [SAMU690, SAMU440, PTFSAS]);
    const b = broker;
    cleanups.push(() => b.stop());
    const dispatcher = new HubDispatcher(broker);
    await dispatcher.start();
    cleanups.push(() => dispatcher.stop());
    const peer = new PeerRegulationBot(SAMU440, broker);
    await peer.connect();
    cleanups.push(() => peer.close());
    const sas = new SasPlatformBot(PTFSAS, broker);
    await sas.connect();
    cleanups.push(() => sas.close());
    const config = testConfig(join(dir.path, 'workstation'), { hub: hubSectionFor(broker, SAMU690, [{ clientId: SAMU440, filieres: ['SNP', 'PSY'] }]) });
    const options: ServiceOptions = { hub: { sweepMs: 250, reconnect: { initialDelayMs: 200, maxDelayMs: 1000 } }, scryptParams: TEST_SCRYPT, ...serviceOptions };
    let services = createServices(config, options);
    // Dossiers are written by a signed-in operator (the ARM who takes the calls).
    await signIn(services, 'ARM');
    await services.startHub();
    await until(() => services.hub!.connected, 'Plateau connected to the Hub');
    const world: HubWorld = {
      dir: dir.path,
      broker,
      dispatcher,
      peer,
      sas,
      get services() {
        return services;
      },
      async restartServices() {
        await services.close();
        services = createServices(config, options);
        await signIn(services, 'ARM');
        await services.startHub();
        await until(() => services.hub!.connected, 'Plateau reconnected');
      },
      async stop() {
        await services.close().catch(() => undefined);
        for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
        dir.cleanup();
      },
    };
    return world;
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
    dir.cleanup();
    throw error;
  }
}
