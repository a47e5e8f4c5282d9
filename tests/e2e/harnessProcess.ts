import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { harnessBundle } from './harnessBundle';

export interface HarnessStartOptions {
  /**
   * From the bundle built once per worker (harnessBundle.ts), the default: seconds faster to start
   * than through tsx, which compiles the services at each start. `false` runs the sources through tsx.
   */
  bundled?: boolean;
}

/**
 * The harness as a separate process, so that a test can really stop the services (even with
 * SIGKILL) and start them again on the same journal.
 */
export class HarnessProcess {
  private constructor(
    private child: ChildProcess,
    readonly url: string,
    readonly dataDir: string,
    private readonly extraArgs: string[],
    private readonly options: HarnessStartOptions,
  ) {}

  /**
   * Signed in as the demo ARM by default, as the call-taking specs expect; pass
   * `--operator none` to start on the login screen.
   */
  static async start(dataDir: string, extraArgs: string[] = [], options: HarnessStartOptions = {}): Promise<HarnessProcess> {
    const entry = (options.bundled ?? true) ? [await harnessBundle()] : ['--import', 'tsx', 'tests/harness/devWeb.ts'];
    const child = spawn(process.execPath, [...entry, '--json', '--data-dir', dataDir, '--operator', 'arm', ...extraArgs], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      // Generous: a start is slow on a busy 2-core machine (through tsx, it compiles the services). A harness
      // that did not answer is killed, not left running without its test.
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('harness did not start within 90 s'));
      }, 90_000);
      child.once('exit', (code) => reject(new Error(`harness exited early with code ${code}`)));
      createInterface({ input: child.stdout! }).once('line', (text) => {
        clearTimeout(timer);
        resolve(text);
      });
    });
    const { url } = JSON.parse(line) as { url: string };
    return new HarnessProcess(child, url, dataDir, extraArgs, options);
  }

  /** Moves the services' clock forward (needs --test-clock) and runs their tick. */
  async advanceClock(minutes: number): Promise<void> {
    const url = new URL(this.url);
    const response = await fetch(`${url.origin}/__harness/clock?advanceMinutes=${minutes}&token=${url.searchParams.get('token')}`, { method: 'POST' });
    if (!response.ok) throw new Error(`clock: HTTP ${response.status}`);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    await exited;
  }

  /** Stops the services (SIGKILL by default: no clean shutdown) and starts them on the same journal. */
  async restart(signal: NodeJS.Signals = 'SIGKILL'): Promise<HarnessProcess> {
    await this.stop(signal);
    return HarnessProcess.start(this.dataDir, this.extraArgs, this.options);
  }
}
