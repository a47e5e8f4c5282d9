/**
 * The buckets of a period's charts: every hour, day, ISO week or month of the range on the site
 * clock, zero-filled, built from the rows the rollups give (hour or day rows of a few counters).
 */
import { TTA_MAX_S } from './facts';
import { bucketOf, daysBetween, type DayRange, type Granularity } from './periods';

export interface SeriesBucket {
  bucket: string;
  presented: number;
  answered: number;
  lost: number;
  /** Answered within 60 s of presentation. */
  answered60s: number;
  snpOriented: number;
  snpWithin48h: number;
}

/** The counters the charts need, read from the rollups. */
export const SERIES_METRICS: readonly string[] = ['call.in', 'call.answered', 'call.lost', 'snp.oriented', 'snp.within48', ...Array.from({ length: Math.min(60, TTA_MAX_S) + 1 }, (_v, s) => `call.tta:${s}`)];

/** Hour rows for 'hour', day rows otherwise. */
export function seriesUnit(granularity: Granularity): 'hour' | 'day' {
  return granularity === 'hour' ? 'hour' : 'day';
}

export function buildSeries(range: DayRange, granularity: Granularity, rows: ReadonlyArray<{ bucket: string; metric: string; n: number }>): SeriesBucket[] {
  const buckets = new Map<string, SeriesBucket>();
  const empty = (bucket: string): SeriesBucket => ({ bucket, presented: 0, answered: 0, lost: 0, answered60s: 0, snpOriented: 0, snpWithin48h: 0 });
  for (const day of daysBetween(range.from, range.to)) {
    if (granularity === 'hour') for (let h = 0; h < 24; h++) buckets.set(`${day}T${String(h).padStart(2, '0')}`, empty(`${day}T${String(h).padStart(2, '0')}`));
    else {
      const key = bucketOf(`${day}T00`, granularity);
      if (!buckets.has(key)) buckets.set(key, empty(key));
    }
  }
  for (const row of rows) {
    const key = granularity === 'hour' ? row.bucket : bucketOf(`${row.bucket}T00`, granularity);
    const b = buckets.get(key);
    if (!b) continue;
    if (row.metric === 'call.in') b.presented += row.n;
    else if (row.metric === 'call.answered') b.answered += row.n;
    else if (row.metric === 'call.lost') b.lost += row.n;
    else if (row.metric === 'snp.oriented') b.snpOriented += row.n;
    else if (row.metric === 'snp.within48') b.snpWithin48h += row.n;
    else if (row.metric.startsWith('call.tta:') && Number(row.metric.slice('call.tta:'.length)) <= 60) b.answered60s += row.n;
  }
  return [...buckets.values()];
}
