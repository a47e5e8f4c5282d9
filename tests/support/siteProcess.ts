import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The site service as its own process, to be SIGKILLed by PID. Where a restart's time goes on a
 * busy 2-core machine (measured at load 15): a tsx start costs seconds of compiling; a bundle
 * with the packages left to node_modules 0.9 s of CPU, 4 s of wall time, mostly loading zod, pg,
 * ajv, amqplib… file by file; a bundle with the packages in 0.5 s of CPU; the site's own start
 * (database, listen) a fraction. So the site is bundled whole once per test run, and spare
 * processes are loaded while the current one runs (tests/support/site/warmSite.ts): a restart
 * hands the configuration to a spare, which then opens its database and port from nothing, as
 * a fresh site does.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = join(ROOT, 'node_modules', '.cache', 'plateau-site-test', `site-${process.pid}-${randomUUID()}.mjs`);
let built: Promise<void> | null = null;

export function bundleSite(): Promise<void> {
  built ??= build({
    entryPoints: [join(ROOT, 'tests/support/site/warmSite.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: BUNDLE,
    // Optional native add-ons the packages try to load and do without.
    external: ['pg-native', 'bufferutil', 'utf-8-validate'],
    // Bundled CommonJS packages still call require() for Node's own modules.
    banner: { js: "import { createRequire as plateauRequire } from 'node:module'; const require = plateauRequire(import.meta.url);" },
    logLevel: 'silent',
  }).then(() => undefined);
  return built;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
  rmSync(BUNDLE, { force: true });
});

export interface SiteProcess {
  pid(): number | null;
  start(): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

interface Spare {
  child: ChildProcess;
  out: string;
  warm: Promise<void>;
}

const gone = (c: ChildProcess) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => c.once('exit', () => r())));

async function spawnSpare(): Promise<Spare> {
  await bundleSite();
  const child = spawn(process.execPath, [BUNDLE], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const spare: Spare = { child, out: '', warm: Promise.resolve() };
  const keep = (chunk: Buffer) => (spare.out = (spare.out + chunk.toString()).slice(-8000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  spare.warm = new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (/^warm$/m.test(spare.out)) {
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`site exited (${code}) before it was loaded:\n${spare.out}`)));
  });
  spare.warm.catch(() => undefined);
  return spare;
}

// Three spares: on a busy machine a spare loads in 2–5 s of wall time, and the kill tests kill
// a site every 1–2 s; spares loading side by side keep up where one at a time does not.
const SPARES = 3;
const spares: Array<Promise<Spare>> = [];

/** Loads the spare site processes now (say, while PostgreSQL starts); they hold nothing yet. */
export function prewarmSites(): void {
  while (spares.length < SPARES) spares.push(spawnSpare());
}

export function siteProcess(dir: string, config: Record<string, unknown>): SiteProcess {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'site.json');
  writeFileSync(file, JSON.stringify(config));
  let current: Spare | null = null;
  const halt = async (signal: NodeJS.Signals) => {
    const c = current?.child;
    current = null;
    if (!c) return;
    c.kill(signal);
    await gone(c);
  };
  return {
    pid: () => current?.child.pid ?? null,
    output: () => current?.out ?? '',
    start: async () => {
      prewarmSites();
      const site = await spares.shift()!;
      prewarmSites();
      await site.warm;
      site.out = '';
      current = site;
      await new Promise<void>((resolve, reject) => {
        const onData = () => {
          if (/listening on/.test(site.out)) {
            site.child.stdout!.off('data', onData);
            resolve();
          }
        };
        site.child.stdout!.on('data', onData);
        site.child.once('exit', (code) => reject(new Error(`site exited (${code}) before listening:\n${site.out}`)));
        site.child.stdin!.end(`${JSON.stringify(['--config', file])}\n`);
      });
      site.out = '';
    },
    kill: () => halt('SIGKILL'),
    stop: async () => {
      for (const spare of spares.splice(0)) {
        const s = await spare;
        s.child.kill('SIGKILL');
        await gone(s.child);
      }
      await halt('SIGINT');
    },
  };
}
