export interface BackoffOptions {
  /** First delay after a loss. */
  minMs: number;
  /** Cap: it bounds the time between the server coming back and us noticing (≤ 2 s target). */
  maxMs: number;
  /** ±fraction: thirty workstations losing the same proxy must not come back in lock-step. */
  jitter: number;
}

/** Delay before attempt n (0-based): min·2ⁿ capped at max, then jittered. Pure, for tests. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(options.maxMs, options.minMs * 2 ** Math.min(attempt, 30));
  const spread = 1 - options.jitter + random() * 2 * options.jitter;
  return Math.max(0, Math.round(base * spread));
}

/**
 * Keeps trying `attempt` until it succeeds or `stop()` is called. sip.js has no reconnect of its
 * own under Node; the service calls `kick()` on every disconnect and `reset()` once connected.
 */
export class ReconnectLoop {
  private attempts = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;

  constructor(
    private readonly attempt: () => Promise<void>,
    private readonly options: BackoffOptions,
    private readonly onScheduled: (delayMs: number, attempt: number) => void = () => {},
    private readonly random: () => number = Math.random,
  ) {}

  /** Schedules the next attempt unless one is already pending or running. */
  kick(): void {
    if (this.stopped || this.timer || this.running) return;
    const delay = backoffDelay(this.attempts, this.options, this.random);
    this.attempts++;
    this.onScheduled(delay, this.attempts);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = true;
      this.attempt().then(
        () => {
          this.running = false;
        },
        () => {
          this.running = false;
          this.kick();
        },
      );
    }, delay);
    this.timer.unref?.();
  }

  reset(): void {
    this.attempts = 0;
  }

  get pendingAttempts(): number {
    return this.attempts;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  restart(): void {
    this.stopped = false;
    this.attempts = 0;
  }
}
