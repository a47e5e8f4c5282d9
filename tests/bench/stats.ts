/** Figures for benchmark lines: `name value unit (baseline …, ratio …)`. */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[index]!;
}

export interface Timing {
  p50: number;
  p99: number;
  perSecond: number;
}

/** Per-call samples and the wall time they took, so that blocks of one subject can be pooled. */
export class Samples {
  private readonly ms: number[] = [];
  private totalNs = 0n;

  async run(n: number, op: (i: number) => unknown, offset = 0): Promise<void> {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      await op(offset + i);
      this.ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    this.totalNs += process.hrtime.bigint() - start;
  }

  timing(): Timing {
    const sorted = [...this.ms].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), perSecond: sorted.length / (Number(this.totalNs) / 1e9) };
  }
}

/** Runs `op` `n` times after `warmup` runs; each call is timed on its own. */
export async function time(n: number, warmup: number, op: (i: number) => unknown): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await op(-1 - i);
  const samples = new Samples();
  await samples.run(n, op);
  return samples.timing();
}

/**
 * Subjects measured in alternating blocks after their warm-up: on a shared, noisy machine a
 * burst of load then hits every subject alike, and the ratios stay meaningful.
 */
export async function interleaved<K extends string>(
  subjects: Record<K, (i: number) => unknown>,
  { n, warmup, blocks }: { n: number; warmup: number; blocks: number },
): Promise<Record<K, Timing>> {
  const names = Object.keys(subjects) as K[];
  const samples = {} as Record<K, Samples>;
  for (const name of names) {
    for (let i = 0; i < warmup; i++) await subjects[name](-1 - i);
    samples[name] = new Samples();
  }
  const perBlock = Math.ceil(n / blocks);
  for (let block = 0; block < blocks; block++) {
    for (const name of names) await samples[name].run(Math.min(perBlock, n - block * perBlock), subjects[name], block * perBlock);
  }
  return Object.fromEntries(names.map((name) => [name, samples[name].timing()])) as Record<K, Timing>;
}

export function line(name: string, value: number, unit: string, baseline?: number): string {
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(3));
  return baseline === undefined ? `${name} ${fmt(value)} ${unit}` : `${name} ${fmt(value)} ${unit} (baseline ${fmt(baseline)} ${unit}, ratio ${(value / baseline).toFixed(2)})`;
}
