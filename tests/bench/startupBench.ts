import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CHAIN_SLICE_EVENTS, dispatch } from '../../electron/services/api';
import { createServices } from '../../electron/services/composition';
import { signIn } from '../support/operators';
import { testConfig } from '../support/testConfig';
import { line } from './stats';

/**
 * Services start after a crash (QUALITY.md: ≤ 500 ms to open a 2 GB journal after a crash,
 * migrations included): a child writes real commands into the journal kept by the scale bench
 * (BENCH_SCALE_DIR), is killed with SIGKILL mid-write, then the services are opened here and
 * timed. The WAL left by the kill is what the open has to recover.
 */
export async function startupBench(): Promise<string[]> {
  const dir = process.env.BENCH_SCALE_DIR;
  const journalDir = dir ? join(dir, 'journal') : '';
  const file = join(journalDir, 'plateau-journal.sqlite3');
  if (!dir || !existsSync(file)) return ['startup.skipped needs BENCH_SCALE_DIR with the journal of the "dossiers at scale" bench'];
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/journal/killChild.ts', journalDir, 'correct', 'startup'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let acknowledged = 0;
  child.stdout!.on('data', (chunk: Buffer) => (acknowledged += chunk.toString().split('\n').length - 1));
  await new Promise((resolve) => setTimeout(resolve, 4000));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  const walBytes = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;

  const started = performance.now();
  const services = createServices(testConfig(journalDir));
  const openMs = performance.now() - started;
  await signIn(services);
  // What the screen asks first, while the full walk still goes on in slices.
  const statusStarted = performance.now();
  const first = await dispatch(services.api, 'journal:status', {});
  const statusMs = performance.now() - statusStarted;
  if (!first.ok) throw new Error(first.error.message);
  const chainStarted = performance.now();
  let slowestSlice = 0;
  let status = services.journal.verifyIncrementally(CHAIN_SLICE_EVENTS);
  for (;;) {
    const sliceStarted = performance.now();
    status = services.journal.verifyIncrementally(CHAIN_SLICE_EVENTS);
    slowestSlice = Math.max(slowestSlice, performance.now() - sliceStarted);
    if (!status.ok || status.complete) break;
  }
  const chainMs = performance.now() - chainStarted;
  services.close();
  return [
    line('startup.journal_size', statSync(file).size / 1e9, 'GB'),
    line('startup.wal_after_kill', walBytes / 1e6, 'MB'),
    line('startup.commands_before_kill', acknowledged, 'commands'),
    line('startup.open_after_crash', openMs, 'ms'),
    line('startup.first_status_request', statusMs, 'ms'),
    line('startup.full_chain_walk', chainMs / 1000, 's'),
    line('startup.slowest_chain_slice', slowestSlice, 'ms'),
    `startup.target open ≤ 500 ms ${openMs <= 500 ? 'met' : 'MISSED'} (chain ${status.ok ? 'ok' : 'BROKEN'}, ${status.events} events)`,
  ];
}
