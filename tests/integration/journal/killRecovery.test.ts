import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/tempDir';
import { checkJournal } from './journalChecker';

const KILLS = process.env.PLATEAU_SOAK ? 1000 : 100;
const BUNDLE_DIR = resolve('.tmp/kill-child');

/** Starts the child, lets it acknowledge a random number of commands, then SIGKILLs it. */
function runAndKill(dataDir: string, mode: 'correct' | 'write-behind', prefix: string, acksBeforeKill: number, acknowledged: Set<string>): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(BUNDLE_DIR, 'killChild.mjs'), dataDir, mode, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let seen = 0;
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    createInterface({ input: child.stdout! }).on('line', (token) => {
      acknowledged.add(token);
      if (++seen === acksBeforeKill) child.kill('SIGKILL');
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL') done();
      else fail(new Error(`child exited on its own (code ${code}): ${stderr}`));
    });
  });
}

describe(`kill -9 while committing (${KILLS} kills)`, () => {
  beforeAll(async () => {
    // One bundle, so each of the many child starts costs a plain `node` start, not a TS compile.
    await build({
      configFile: false,
      logLevel: 'silent',
      build: { ssr: 'tests/integration/journal/killChild.ts', outDir: BUNDLE_DIR, emptyOutDir: true, rollupOptions: { output: { entryFileNames: 'killChild.mjs' } } },
    });
  }, 60_000);

  const dirs: Array<ReturnType<typeof makeTempDir>> = [];
  afterAll(() => dirs.forEach((d) => d.cleanup()));

  it('never loses an acknowledged command, and the file stays sound', async () => {
    const dir = makeTempDir('plateau-kill-');
    dirs.push(dir);
    const acknowledged = new Set<string>();
    for (let kill = 0; kill < KILLS; kill++) {
      await runAndKill(dir.path, 'correct', `k${kill}`, 1 + Math.floor(Math.random() * 12), acknowledged);
      const result = checkJournal(dir.path, acknowledged);
      expect(result.missing, `after kill ${kill + 1}`).toEqual([]);
      expect(result.integrity).toBe('ok');
      expect(result.chainOk).toBe(true);
      expect(result.projectionsMatchRebuild).toBe(true);
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILLS);
  }, KILLS * 2_000);

  it('negative control: the same checker catches a write-behind that acknowledges before commit', async () => {
    const dir = makeTempDir('plateau-kill-neg-');
    dirs.push(dir);
    const acknowledged = new Set<string>();
    let caught = 0;
    for (let kill = 0; kill < 5; kill++) {
      await runAndKill(dir.path, 'write-behind', `n${kill}`, 5 + Math.floor(Math.random() * 10), acknowledged);
      if (checkJournal(dir.path, acknowledged).missing.length > 0) caught += 1;
    }
    expect(caught).toBeGreaterThan(0);
  }, 60_000);
});
