import { spawn, type ChildProcess } from 'node:child_process';

export interface Line {
  event: string;
  holderId: string;
  at: number;
  token?: number;
  sent?: number;
  refused?: number;
  holding?: boolean;
  reason?: string;
  message?: string;
  line?: string;
}

/** A test's child process that reports on stdout one JSON line per happening. */
export class LineProcess {
  readonly lines: Line[] = [];
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly holderId: string,
    script: string,
    args: readonly string[],
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        this.lines.push(JSON.parse(buffer.slice(0, newline)) as Line);
        buffer = buffer.slice(newline + 1);
        for (const wake of this.waiters) wake();
      }
    });
    this.child.once('exit', () => {
      for (const wake of this.waiters) wake();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  waitFor(what: string, test: (line: Line) => boolean, timeoutMs: number): Promise<Line> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.find(test);
        if (found) {
          done();
          resolve(found);
        } else if (this.exited) {
          done();
          reject(new Error(`${this.holderId} exited before ${what}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.holderId}: no ${what} within ${timeoutMs} ms; lines: ${JSON.stringify(this.lines.slice(-5))}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  signal(signal: NodeJS.Signals): void {
    process.kill(this.pid, signal);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.signal('SIGCONT');
    this.signal('SIGTERM');
    const timer = setTimeout(() => !this.exited && this.signal('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
  }
}
