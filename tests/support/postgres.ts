import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './hub/freePort';

/**
 * A real PostgreSQL 15 for the site tests (../shared/lab/site/ shows the pitfalls): initdb in a
 * temp dir as the `postgres` user (--no-sync: a crash of the machine mid-initdb is no test's
 * subject; the server itself runs with fsync on), 127.0.0.1 only, a free port, its socket in the temp dir, the
 * postmaster spawned directly (no runuser: it forks) and stopped by PID.
 */
export const PG_BIN = process.env.PLATEAU_PGBIN ?? '/usr/lib/postgresql/15/bin';

/** Why the PostgreSQL suites cannot run here (they are skipped), or null. Under CI=true a missing server fails instead. */
export function postgresProblem(): string | null {
  const problem = findPostgresProblem();
  if (problem && process.env.CI === 'true') throw new Error(`${problem} (CI=true: the site suites must run)`);
  if (problem) console.warn(`[site tests skipped] ${problem}`);
  return problem;
}

function findPostgresProblem(): string | null {
  for (const binary of ['initdb', 'postgres', 'pg_isready']) {
    if (!existsSync(join(PG_BIN, binary))) return `${PG_BIN}/${binary} is missing: install the Debian package postgresql`;
  }
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    return 'no postgres user: install the Debian package postgresql';
  }
  return null;
}

export interface TestPostgres {
  readonly port: number;
  readonly settings: { host: string; port: number; user: string; database: string };
  pid(): number | null;
  /** SIGSTOP the postmaster, SIGKILL it and every child at once: a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
const stat = (pid: number) => {
  try {
    const t = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return t.slice(t.lastIndexOf(') ') + 2).split(' ');
  } catch {
    return null;
  }
};
const childrenOf = (pm: number) =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d) && stat(Number(d))?.[1] === String(pm))
    .map(Number);
// Killed children are reparented to PID 1, which may reap them late: a zombie is gone.
const alive = (pid: number) => {
  const s = stat(pid);
  return s !== null && s[0] !== 'Z';
};
process.once('exit', () => {
  for (const p of live) if (p.pid) for (const pid of [p.pid, ...childrenOf(p.pid)]) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startPostgres(): Promise<TestPostgres> {
  const uid = Number(execFileSync('id', ['-u', 'postgres']));
  const gid = Number(execFileSync('id', ['-g', 'postgres']));
  const dir = mkdtempSync(join(tmpdir(), 'plateau-pg-'));
  chownSync(dir, uid, gid);
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  execFileSync(join(PG_BIN, 'initdb'), ['-D', data, '-U', 'plateau', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], { uid, gid, cwd: dir, stdio: 'ignore' });
  const port = await freePort();
  let server: ChildProcess | null = null;
  // A connection tried from here: spawning pg_isready every 20 ms costs more than the wait on a busy machine.
  const ready = async () => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'plateau', database: 'postgres', connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const start = async () => {
    const log = openSync(join(dir, 'postgres.log'), 'a');
    const child = spawn(join(PG_BIN, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on'], {
      uid,
      gid,
      cwd: dir,
      detached: true,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    live.add(child);
    child.once('exit', () => live.delete(child));
    server = child;
    const t0 = Date.now();
    while (!(await ready())) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`postgres exited:\n${readFileSync(join(dir, 'postgres.log'), 'utf8').slice(-2000)}`);
      if (Date.now() - t0 > 60_000) throw new Error('postgres not ready after 60 s');
      await sleep(20);
    }
  };
  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));
  const halt = async (signal: NodeJS.Signals, all: boolean) => {
    const child = server;
    server = null;
    if (!child?.pid) return;
    if (all) process.kill(child.pid, 'SIGSTOP');
    const kids = childrenOf(child.pid);
    for (const pid of all ? [...kids, child.pid] : [child.pid]) try { process.kill(pid, signal); } catch { /* gone */ }
    await exited(child);
    // Orphans keep the old shared memory attached: a restart would be refused until they are gone.
    while (kids.some(alive)) await sleep(5);
  };
  await start();
  return {
    port,
    settings: { host: '127.0.0.1', port, user: 'plateau', database: 'postgres' },
    pid: () => server?.pid ?? null,
    kill: () => halt('SIGKILL', true),
    start,
    stop: async () => {
      await halt('SIGINT', false);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A database of its own for one test file (the server is shared by the file's tests). */
export async function freshDatabase(server: TestPostgres, name: string): Promise<TestPostgres['settings']> {
  const client = new pg.Client(server.settings);
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return { ...server.settings, database: name };
}
