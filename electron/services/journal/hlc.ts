/**
 * Hybrid logical clock: the wall clock when it moves forward, a counter when it stalls or jumps
 * back (NTP correction, DST confusion, a wrong BIOS clock). Encoded as a fixed-width string so
 * that ordering by text is ordering by time, whatever the wall clock did.
 */
export interface Hlc {
  readonly wall: number;
  readonly counter: number;
}

const WALL_WIDTH = 15;
const COUNTER_WIDTH = 6;

export function formatHlc(hlc: Hlc): string {
  return `${String(hlc.wall).padStart(WALL_WIDTH, '0')}-${String(hlc.counter).padStart(COUNTER_WIDTH, '0')}`;
}

export function parseHlc(text: string): Hlc {
  const match = /^(\d{15})-(\d{6})$/.exec(text);
  if (!match) throw new Error(`not a hybrid logical clock value: ${text}`);
  return { wall: Number(match[1]), counter: Number(match[2]) };
}

export class HybridLogicalClock {
  private last: Hlc;

  constructor(
    private readonly now: () => number,
    last?: Hlc,
  ) {
    this.last = last ?? { wall: 0, counter: 0 };
  }

  /** A value strictly greater than every value this clock produced or received. */
  tick(): Hlc {
    const physical = this.now();
    this.last = physical > this.last.wall ? { wall: physical, counter: 0 } : { wall: this.last.wall, counter: this.last.counter + 1 };
    return this.last;
  }

  /** Merges a value seen from another workstation (Hub Santé messages, later). */
  receive(remote: Hlc): Hlc {
    const physical = this.now();
    const wall = Math.max(physical, this.last.wall, remote.wall);
    const counter =
      wall === this.last.wall && wall === remote.wall
        ? Math.max(this.last.counter, remote.counter) + 1
        : wall === this.last.wall
          ? this.last.counter + 1
          : wall === remote.wall
            ? remote.counter + 1
            : 0;
    this.last = { wall, counter };
    return this.last;
  }

  peek(): Hlc {
    return this.last;
  }
}
