import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The site service as its own process, to be SIGKILLed by PID. It is bundled once per test run
 * (esbuild, the packages left to node_modules): a tsx start costs seconds on a busy 2-core machine,
 * the bundle a fraction, and the kill tests restart it dozens of times.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = join(ROOT, 'node_modules', '.cache', 'plateau-site-test', `site-${process.pid}.mjs`);
let built: Promise<void> | null = null;

export function bundleSite(): Promise<void> {
  built ??= build({
    entryPoints: [join(ROOT, 'electron/services/site/cli/site.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: BUNDLE,
    packages: 'external',
    logLevel: 'silent',
  }).then(() => undefined);
  return built;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface SiteProcess {
  pid(): number | null;
  start(): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

export function siteProcess(dir: string, config: Record<string, unknown>): SiteProcess {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'site.json');
  writeFileSync(file, JSON.stringify(config));
  let child: ChildProcess | null = null;
  let out = '';
  const gone = (c: ChildProcess) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => c.once('exit', () => r())));
  const halt = async (signal: NodeJS.Signals) => {
    const c = child;
    child = null;
    if (!c) return;
    c.kill(signal);
    await gone(c);
  };
  return {
    pid: () => child?.pid ?? null,
    output: () => out,
    start: async () => {
      await bundleSite();
      const c = spawn(process.execPath, [BUNDLE, '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      live.add(c);
      c.once('exit', () => live.delete(c));
      child = c;
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          out = (out + chunk.toString()).slice(-8000);
          if (/listening on/.test(out.slice(-2000))) resolve();
        };
        c.stdout!.on('data', onData);
        c.stderr!.on('data', (chunk: Buffer) => (out = (out + chunk.toString()).slice(-8000)));
        c.once('exit', (code) => reject(new Error(`site exited (${code}) before listening:\n${out}`)));
      });
      out = '';
    },
    kill: () => halt('SIGKILL'),
    stop: () => halt('SIGINT'),
  };
}
