import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { makeTestCertificates, type TestCertificates } from './certificates';
import { freePort } from './freePort';

/**
 * A real RabbitMQ for the Hub Santé tests, on 127.0.0.1 only: its own node name, Erlang
 * distribution port, epmd, data and log folders, an AMQP listener for the test dispatcher and an
 * AMQPS listener (TLS 1.2, client certificate required, SASL EXTERNAL with the certificate CN as
 * the user) for the Hub clients. The Hub topology is loaded from a definitions file at boot, so
 * no `rabbitmqctl` round trip (a second Erlang VM each) is needed.
 */

export const RABBITMQ_SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
export const EPMD = '/usr/bin/epmd';
export const HUB_EXCHANGE = 'hubsante';
export const DISPATCH_QUEUE = 'hubsante.dispatch';
export const DEAD_LETTER_QUEUE = 'hubsante.deadletter';
export const DISPATCHER_USER = 'hub-dispatcher';

export function brokerBinaryProblem(): string | null {
  for (const binary of [RABBITMQ_SERVER, EPMD, '/usr/bin/openssl']) {
    if (!existsSync(binary)) return `${binary} is missing: install the Debian packages rabbitmq-server and openssl`;
  }
  return null;
}

export interface RabbitBroker {
  readonly amqpUrl: string;
  readonly amqpsUrl: string;
  readonly tlsPort: number;
  readonly certificates: TestCertificates;
  readonly dispatcherPassword: string;
  readonly clientIds: readonly string[];
  readonly dir: string;
  /** PID of the broker's process group leader. */
  pid(): number | null;
  /** SIGKILL to the broker's process group: a crash, messages on disk survive. */
  kill(): Promise<void>;
  /** Starts it again on the same ports and data folder. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** RabbitMQ's `rabbit_password_hashing_sha256`: base64(salt ‖ sha256(salt ‖ password)). */
function passwordHash(password: string): string {
  const salt = randomBytes(4);
  return Buffer.concat([salt, createHash('sha256').update(Buffer.concat([salt, Buffer.from(password)])).digest()]).toString('base64');
}

function definitions(clientIds: readonly string[], dispatcherPassword: string) {
  const vhost = '/';
  const queueArgs = { 'x-dead-letter-exchange': 'hubsante.dlx' };
  const clientQueues = clientIds.flatMap((id) => ['message', 'ack', 'info'].map((kind) => `${id}.${kind}`));
  return {
    users: [
      { name: DISPATCHER_USER, password_hash: passwordHash(dispatcherPassword), hashing_algorithm: 'rabbit_password_hashing_sha256', tags: ['administrator'] },
      // Authenticated by their certificate only (SASL EXTERNAL): no password at all.
      ...clientIds.map((id) => ({ name: id, password_hash: '', hashing_algorithm: 'rabbit_password_hashing_sha256', tags: [] })),
    ],
    vhosts: [{ name: vhost }],
    permissions: [
      { user: DISPATCHER_USER, vhost, configure: '.*', write: '.*', read: '.*' },
      // A Hub client may only publish to the exchange and read its own three queues.
      ...clientIds.map((id) => ({ user: id, vhost, configure: '^$', write: `^${HUB_EXCHANGE}$`, read: `^${id.replaceAll('.', '\\.')}\\.(message|ack|info)$` })),
    ],
    exchanges: [
      { name: HUB_EXCHANGE, vhost, type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} },
      { name: 'hubsante.dlx', vhost, type: 'fanout', durable: true, auto_delete: false, internal: false, arguments: {} },
    ],
    queues: [
      { name: DISPATCH_QUEUE, vhost, durable: true, auto_delete: false, arguments: {} },
      { name: DEAD_LETTER_QUEUE, vhost, durable: true, auto_delete: false, arguments: {} },
      ...clientQueues.map((name) => ({ name, vhost, durable: true, auto_delete: false, arguments: queueArgs })),
    ],
    bindings: [
      { source: HUB_EXCHANGE, vhost, destination: DISPATCH_QUEUE, destination_type: 'queue', routing_key: '#', arguments: {} },
      { source: 'hubsante.dlx', vhost, destination: DEAD_LETTER_QUEUE, destination_type: 'queue', routing_key: '', arguments: {} },
    ],
  };
}

function waitForPort(port: number, deadline: number, alive: () => boolean, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (!alive()) return reject(new Error(`RabbitMQ exited during start-up:\n${log()}`));
      if (Date.now() > deadline) return reject(new Error(`RabbitMQ did not listen on ${port} in time:\n${log()}`));
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

const live = new Set<ChildProcess>();
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
// Whatever happens to the test process, it takes its brokers down with it.
process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    for (const child of live) killGroup(child, 'SIGKILL');
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startRabbitBroker(dir: string, clientIds: readonly string[]): Promise<RabbitBroker> {
  mkdirSync(dir, { recursive: true });
  const certificates = makeTestCertificates(join(dir, 'certs'), clientIds);
  const [amqpPort, tlsPort, distPort, epmdPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const dispatcherPassword = randomBytes(12).toString('hex');
  const nodeName = `plateau-hub-${process.pid}-${randomBytes(3).toString('hex')}@localhost`;
  writeFileSync(join(dir, 'definitions.json'), JSON.stringify(definitions(clientIds, dispatcherPassword)));
  writeFileSync(join(dir, 'enabled_plugins'), '[rabbitmq_auth_mechanism_ssl].\n');
  writeFileSync(
    join(dir, 'rabbitmq.conf'),
    [
      'listeners.tcp.1 = 127.0.0.1:' + amqpPort,
      'listeners.ssl.1 = 127.0.0.1:' + tlsPort,
      `ssl_options.cacertfile = ${certificates.caFile}`,
      `ssl_options.certfile = ${certificates.serverCertFile}`,
      `ssl_options.keyfile = ${certificates.serverKeyFile}`,
      'ssl_options.verify = verify_peer',
      'ssl_options.fail_if_no_peer_cert = true',
      'ssl_options.versions.1 = tlsv1.2',
      'auth_mechanisms.1 = EXTERNAL',
      'auth_mechanisms.2 = PLAIN',
      'ssl_cert_login_from = common_name',
      'loopback_users = none',
      `load_definitions = ${join(dir, 'definitions.json')}`,
      'log.console = false',
      'log.file.level = warning',
      'vm_memory_high_watermark.relative = 0.2',
      'disk_free_limit.absolute = 50MB',
      '',
    ].join('\n'),
  );
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const env = {
    ...process.env,
    HOME: home,
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    // The Erlang distribution listens on loopback only, and talks to our own epmd.
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    ERL_EPMD_ADDRESS: '127.0.0.1',
    ERL_EPMD_PORT: String(epmdPort),
  };
  const logOf = () => {
    const file = join(dir, 'log', `${nodeName}.log`);
    return existsSync(file) ? readFileSync(file, 'utf8').slice(-4000) : '(no log yet)';
  };

  const epmd = spawn(EPMD, ['-address', '127.0.0.1', '-port', String(epmdPort)], { env, detached: true, stdio: 'ignore' });
  live.add(epmd);
  let server: ChildProcess | null = null;
  let output = '';

  const boot = async () => {
    output = '';
    const child = spawn(RABBITMQ_SERVER, [], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    live.add(child);
    child.once('exit', () => live.delete(child));
    server = child;
    const alive = () => child.exitCode === null && child.signalCode === null;
    const deadline = Date.now() + 60_000;
    await waitForPort(tlsPort, deadline, alive, () => `${output}\n${logOf()}`);
    await waitForPort(amqpPort, deadline, alive, () => `${output}\n${logOf()}`);
  };

  const kill = async () => {
    const child = server;
    if (!child) return;
    killGroup(child, 'SIGKILL');
    await exited(child);
    server = null;
  };

  try {
    await boot();
  } catch (error) {
    await kill();
    killGroup(epmd, 'SIGKILL');
    throw error;
  }

  return {
    amqpUrl: `amqp://${DISPATCHER_USER}:${dispatcherPassword}@127.0.0.1:${amqpPort}/`,
    amqpsUrl: `amqps://127.0.0.1:${tlsPort}/`,
    tlsPort,
    certificates,
    dispatcherPassword,
    clientIds,
    dir,
    pid: () => server?.pid ?? null,
    kill,
    restart: async () => {
      await kill();
      await boot();
    },
    stop: async () => {
      const child = server;
      if (child) {
        // A clean stop first (it flushes queues to disk); SIGKILL if it hangs.
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
        await exited(child);
        clearTimeout(timer);
        server = null;
      }
      killGroup(epmd, 'SIGKILL');
      await exited(epmd);
      live.delete(epmd);
    },
  };
}
