import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * Real SIP peers for the softphone's tests: Kamailio (registrar + proxy, UDP and WS on
 * 127.0.0.1) and SIPp (always bound to 127.0.0.1). Every process is started by us, tracked by
 * PID and stopped by PID (Kamailio by its own process group: it forks workers), also when a test
 * fails or the worker exits. Nothing is ever killed by name.
 */

export const KAMAILIO_BIN = '/usr/sbin/kamailio';
export const SIPP_BIN = '/usr/bin/sipp';
export const TEST_SIP_PASSWORD = 'plateau-test-secret';
const CFG = resolve(import.meta.dirname, 'kamailio-test.cfg');
export const SCENARIOS = resolve(import.meta.dirname, '../sipp');

const started = new Set<{ pid: number; group: boolean }>();
function killLeftovers(): void {
  for (const p of started) {
    try {
      process.kill(p.group ? -p.pid : p.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  started.clear();
}
process.once('exit', killLeftovers);

/**
 * The binaries the suite needs. Missing under CI=true: the suite fails and names the Debian
 * package; locally it is skipped with a loud message.
 */
export function sipPeersAvailable(bins = { kamailio: KAMAILIO_BIN, sipp: SIPP_BIN, websocketModule: '/usr/lib/x86_64-linux-gnu/kamailio/modules/websocket.so' }): boolean {
  const missing = [
    [bins.kamailio, 'kamailio'],
    [bins.websocketModule, 'kamailio-websocket-modules'],
    [bins.sipp, 'sip-tester'],
  ].filter(([file]) => !existsSync(file!));
  if (missing.length === 0) return true;
  const message = `telephony suite needs ${missing.map(([file, pkg]) => `${file} (Debian package ${pkg})`).join(', ')}: apt-get install ${missing.map(([, pkg]) => pkg).join(' ')}`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n!!! SKIPPED: ${message}\n`);
  return false;
}

export async function freeTcpPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolvePort(port));
    });
  });
}

export async function freeUdpPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const port = socket.address().port;
      socket.close(() => resolvePort(port));
    });
  });
}

/** A UDP port p whose p+2 is free too (SIPp's media takes both), away from each other's range. */
async function freeUdpPair(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const p = await freeUdpPort();
    if (p % 2 !== 0 || p > 65_000) continue;
    const ok = await new Promise<boolean>((res) => {
      const s = createSocket('udp4');
      s.once('error', () => res(false));
      s.bind(p + 2, '127.0.0.1', () => s.close(() => res(true)));
    });
    if (ok) return p;
  }
  throw new Error('no free UDP port pair');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface KamailioPorts {
  sip: number;
  ws: number;
  trunk: number;
}

export class Kamailio {
  private proc: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private generation = 0;

  private constructor(
    readonly ports: KamailioPorts,
    readonly dir: string,
  ) {}

  static async create(dir: string): Promise<Kamailio> {
    const ports = { sip: await freeUdpPort(), ws: await freeTcpPort(), trunk: await freeUdpPort() };
    mkdirSync(join(dir, 'run'), { recursive: true });
    return new Kamailio(ports, dir);
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.ports.ws}`;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** Starts in the foreground, in its own process group; resolves once its RPC answers. */
  async start(timeoutMs = 10_000): Promise<number> {
    this.generation++;
    const log = openSync(join(this.dir, `kamailio-${this.generation}.log`), 'w');
    const args = ['-f', CFG, '-DD', '-E', '-Y', resolve(this.dir, 'run'), '-P', resolve(this.dir, 'run', 'kamailio.pid'), '-A', `SIP_PORT=${this.ports.sip}`, '-A', `WS_PORT=${this.ports.ws}`, '-A', `TRUNK_PORT=${this.ports.trunk}`];
    const t0 = performance.now();
    const proc = spawn(KAMAILIO_BIN, args, { detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    const entry = { pid: proc.pid!, group: true };
    started.add(entry);
    this.proc = proc;
    let gone = false;
    this.exited = new Promise((res) =>
      proc.once('exit', () => {
        gone = true;
        started.delete(entry);
        res();
      }),
    );
    while (performance.now() - t0 < timeoutMs) {
      if (gone) throw new Error(`kamailio exited during start: ${readFileSync(join(this.dir, `kamailio-${this.generation}.log`), 'utf8').slice(-2000)}`);
      try {
        if (await this.rpc('core.uptime')) return performance.now() - t0;
      } catch {
        /* not up yet */
      }
      await sleep(20);
    }
    throw new Error('kamailio did not answer its RPC in time');
  }

  async rpc(method: string, params: unknown[] = []): Promise<unknown> {
    const response = await fetch(`http://127.0.0.1:${this.ports.ws}/RPC`, {
      method: 'POST',
      body: JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }),
      signal: AbortSignal.timeout(1000),
    });
    const body = (await response.json()) as { result?: unknown; error?: unknown };
    if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.result;
  }

  /** The contacts registered for a user (memory usrloc). */
  async contacts(user: string): Promise<string[]> {
    const result = (await this.rpc('ul.dump')) as { Domains?: Array<{ Domain?: { AoRs?: Array<{ Info?: { AoR?: string; Contacts?: Array<{ Contact?: { Address?: string } }> } }> } }> };
    const aors = result.Domains?.[0]?.Domain?.AoRs ?? [];
    const record = aors.find((a) => a.Info?.AoR === user);
    return (record?.Info?.Contacts ?? []).map((c) => c.Contact?.Address ?? '');
  }

  /** Graceful: SIGTERM to the main process; then anything left of the group is killed. */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    process.kill(proc.pid!, 'SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), sleep(5000).then(() => false)]);
    if (!stopped) {
      this.killGroup('SIGKILL');
      await this.exited;
    }
  }

  async crash(): Promise<void> {
    this.killGroup('SIGKILL');
    await this.exited;
  }

  freeze(): void {
    this.killGroup('SIGSTOP');
  }

  thaw(): void {
    this.killGroup('SIGCONT');
  }

  private killGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.proc!.pid!, signal);
    } catch {
      /* gone */
    }
  }
}

export interface SippResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  dir: string;
  /** SIPp's own counters, from its -trace_stat file. */
  successful: number;
  failed: number;
  messages: string;
}

export interface SippRun {
  pid: number;
  done: Promise<SippResult>;
  /** Stops it early (soft, then hard), by PID. */
  kill(): void;
}

let sippRuns = 0;

/**
 * Runs one SIPp scenario file from tests/support/sipp. Always bound to 127.0.0.1 (-i, -mi, -ci),
 * with free SIP, media and control ports; `port` forces the SIP port (the trunk side's UAS).
 */
export async function runSipp(options: { dir: string; scenario: string; target?: string; service?: string; port?: number; args?: string[]; timeoutMs?: number }): Promise<SippRun> {
  const dir = join(options.dir, `sipp-${++sippRuns}-${options.scenario.replace(/\.xml$/, '')}`);
  mkdirSync(dir, { recursive: true });
  const sipPort = options.port ?? (await freeUdpPort());
  const mediaPort = await freeUdpPair();
  const ctrlPort = await freeUdpPort();
  const args = [
    ...(options.target ? [options.target] : []),
    '-sf', join(SCENARIOS, options.scenario),
    ...(options.service ? ['-s', options.service] : []),
    '-i', '127.0.0.1', '-mi', '127.0.0.1', '-ci', '127.0.0.1',
    '-p', String(sipPort), '-mp', String(mediaPort), '-cp', String(ctrlPort),
    '-nostdin', '-trace_err', '-trace_msg', '-trace_stat', '-stf', join(dir, 'stat.csv'), '-fd', '1',
    ...(options.args ?? []),
  ];
  const out = openSync(join(dir, 'stdout.log'), 'w');
  const proc = spawn(SIPP_BIN, args, { cwd: dir, stdio: ['ignore', out, out] });
  closeSync(out);
  const entry = { pid: proc.pid!, group: false };
  started.add(entry);
  const kill = () => {
    try {
      process.kill(proc.pid!, 'SIGUSR1');
    } catch {
      /* gone */
    }
    setTimeout(() => {
      try {
        process.kill(proc.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 1500).unref();
  };
  const timer = setTimeout(kill, options.timeoutMs ?? 30_000);
  const done = new Promise<SippResult>((res) =>
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      started.delete(entry);
      res({ code, signal, dir, ...readStats(dir), messages: readMessages(dir) });
    }),
  );
  // SIPp binds its sockets within a few ms; a UAS must be listening before anyone calls it.
  await sleep(150);
  return { pid: proc.pid!, done, kill };
}

function readStats(dir: string): { successful: number; failed: number } {
  try {
    const lines = readFileSync(join(dir, 'stat.csv'), 'utf8').trim().split('\n');
    const head = lines[0]!.split(';');
    const last = lines.at(-1)!.split(';');
    const value = (name: string) => Number(last[head.indexOf(name)]);
    return { successful: value('SuccessfulCall(C)'), failed: value('FailedCall(C)') };
  } catch {
    return { successful: Number.NaN, failed: Number.NaN };
  }
}

function readMessages(dir: string): string {
  const file = readdirSync(dir).find((f) => f.endsWith('_messages.log'));
  return file ? readFileSync(join(dir, file), 'utf8') : '';
}

/**
 * Per-call INVITE→180/200 times (ms) from SIPp's -trace_msg log, whose µs timestamps are finer
 * than SIPp's own response-time counters (4 ms ticks here).
 */
export function inviteTimings(messages: string): { inviteTo200: number[]; calls: number } {
  const calls = new Map<string, { invite?: number; ok?: number }>();
  for (const block of messages.split(/^-{47} /m).slice(1)) {
    const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)\.(\d{6})\n\S+ message (sent|received)[^\n]*\n\n([^\n]*)\n/.exec(block);
    if (!m) continue;
    const t = Date.parse(`${m[1]}T${m[2]}Z`) + Number(m[3]) / 1000;
    const callId = /^Call-ID:\s*(\S+)/im.exec(block)?.[1];
    const cseq = /^CSeq:\s*([^\r\n]+)/im.exec(block)?.[1]?.trim();
    if (!callId || cseq !== '1 INVITE') continue;
    const c = calls.get(callId) ?? {};
    calls.set(callId, c);
    if (m[4] === 'sent' && m[5]!.startsWith('INVITE ') && c.invite === undefined) c.invite = t;
    if (m[4] === 'received' && /^SIP\/2\.0 200/.test(m[5]!) && c.ok === undefined) c.ok = t;
  }
  const inviteTo200: number[] = [];
  for (const c of calls.values()) if (c.invite !== undefined && c.ok !== undefined) inviteTo200.push(c.ok - c.invite);
  return { inviteTo200, calls: calls.size };
}

export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 5000, everyMs = 20): Promise<T> {
  const t0 = performance.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
