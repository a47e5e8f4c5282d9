/**
 * The buckets of a period's charts: every hour, day, ISO week or month of the range on the site
 * clock, zero-filled, built from the rows the rollups give (hour or day rows of a few counters).
 */
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
export const SERIES_METRICS: readonly string[] = ['call.in', 'call.answered', 'call.answered60', 'call.lost', 'snp.oriented', 'snp.within48'];

/** The rollup rows a granularity is built from: hours, days (days and ISO weeks), months (whole months; the edge days as days). */
export function seriesUnit(granularity: Granularity): 'hour' | 'day' | 'month' {
  return granularity === 'hour' || granularity === 'month' ? granularity : 'day';
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
    // Rows are hour keys, day keys, or (granularity month) month keys: `YYYY-MM` is its own month bucket.
    const key = granularity === 'hour' ? row.bucket : bucketOf(`${row.bucket}T00`, granularity);
    const b = buckets.get(key);
    if (!b) continue;
    if (row.metric === 'call.in') b.presented += row.n;
    else if (row.metric === 'call.answered') b.answered += row.n;
    else if (row.metric === 'call.lost') b.lost += row.n;
    else if (row.metric === 'snp.oriented') b.snpOriented += row.n;
    else if (row.metric === 'snp.within48') b.snpWithin48h += row.n;
    else if (row.metric === 'call.answered60') b.answered60s += row.n;
  }
  return [...buckets.values()];
}
