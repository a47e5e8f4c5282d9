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

/** Runs `op` `n` times after `warmup` runs; each call is timed on its own. */
export async function time(n: number, warmup: number, op: (i: number) => unknown): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await op(-1 - i);
  const samples: number[] = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await op(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const totalS = Number(process.hrtime.bigint() - start) / 1e9;
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), perSecond: n / totalS };
}

export function line(name: string, value: number, unit: string, baseline?: number): string {
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(3));
  return baseline === undefined ? `${name} ${fmt(value)} ${unit}` : `${name} ${fmt(value)} ${unit} (baseline ${fmt(baseline)} ${unit}, ratio ${(value / baseline).toFixed(2)})`;
}
