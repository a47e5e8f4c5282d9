import type Database from 'better-sqlite3';
import type { Facts } from '../../../shared/domain/indicators/facts';
import { factsDelta } from '../../../shared/domain/indicators/facts';
import { dayOf, siteHour, type DayRange, hourBounds, nextDay } from '../../../shared/domain/indicators/periods';

/** The zone the rollups are cut in when a journal is opened without a site (the CLI tools). */
export const DEFAULT_INDICATOR_ZONE = 'Europe/Paris';

/**
 * The indicator rollups (migration 015): each event that changes a call, callback or dossier
 * adds `facts(after) − facts(before)` to the subject's cohort hour and day, inside the command's
 * transaction. The current day is therefore always up to date, and a period is read as a sum of
 * day (or hour) rows.
 */
export class IndicatorProjection {
  static readonly TABLES = ['indicator_hours', 'indicator_days', 'indicator_months'] as const;
  private readonly addHour: Database.Statement<[string, string, number]>;
  private readonly addDay: Database.Statement<[string, string, number]>;
  private readonly addMonth: Database.Statement<[string, string, number]>;
  private readonly monthTotals: Database.Statement<[string, string], { metric: string; n: number }>;
  private readonly totals: Database.Statement<[string, string], { metric: string; n: number }>;
  private readonly zoneRow: Database.Statement<[], string>;
  private readonly setZone: Database.Statement<[string]>;
  private readonly zone: string;
  private readonly hourSeries: Database.Statement<[string, string, string], { bucket: string; metric: string; n: number }>;
  private readonly daySeries: Database.Statement<[string, string, string], { bucket: string; metric: string; n: number }>;

  constructor(
    db: Database.Database,
    /** The site's zone; null (CLI tools): the zone the rollups were last cut in. */
    timeZone: string | null,
  ) {
    const upsert = (table: string, key: string) =>
      db.prepare<[string, string, number]>(`INSERT INTO ${table} (${key}, metric, n) VALUES (?, ?, ?) ON CONFLICT (${key}, metric) DO UPDATE SET n = n + excluded.n`);
    this.addHour = upsert('indicator_hours', 'hour');
    this.addDay = upsert('indicator_days', 'day');
    this.addMonth = upsert('indicator_months', 'month');
    this.monthTotals = db.prepare('SELECT metric, sum(n) AS n FROM indicator_months WHERE month >= ? AND month < ? GROUP BY metric');
    this.totals = db.prepare('SELECT metric, sum(n) AS n FROM indicator_days WHERE day >= ? AND day < ? GROUP BY metric HAVING sum(n) != 0');
    // The metrics of a series come as a JSON array: one statement whatever their number.
    this.hourSeries = db.prepare('SELECT hour AS bucket, metric, n FROM indicator_hours WHERE hour >= ? AND hour < ? AND metric IN (SELECT value FROM json_each(?)) AND n != 0');
    this.daySeries = db.prepare('SELECT day AS bucket, metric, n FROM indicator_days WHERE day >= ? AND day < ? AND metric IN (SELECT value FROM json_each(?)) AND n != 0');
    this.zoneRow = db.prepare<[], string>('SELECT time_zone FROM indicator_zone WHERE id = 1').pluck();
    this.zone = timeZone ?? this.zoneRow.get() ?? DEFAULT_INDICATOR_ZONE;
    this.setZone = db.prepare('INSERT INTO indicator_zone (id, time_zone) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET time_zone = excluded.time_zone');
  }

  get timeZone(): string {
    return this.zone;
  }

  /** The zone the stored rollups were cut in (null: never folded, e.g. right after migration 015). */
  storedZone(): string | null {
    return this.zoneRow.get() ?? null;
  }

  /** Records the zone the rollups are now cut in (with the refold that made them so). */
  markZone(): void {
    this.setZone.run(this.zone);
  }

  /** A subject changed: credits the difference to its cohort hour (`cohortAt`, an ISO instant). */
  change(cohortAt: string, before: Facts, after: Facts): void {
    const delta = factsDelta(before, after);
    const keys = Object.keys(delta);
    if (keys.length === 0) return;
    const hour = siteHour(cohortAt, this.zone);
    const day = dayOf(hour);
    for (const key of keys) {
      this.addHour.run(hour, key, delta[key]!);
      this.addDay.run(day, key, delta[key]!);
      this.addMonth.run(day.slice(0, 7), key, delta[key]!);
    }
  }

  /** The counters of whole site-local days, `from` to `to` included. */
  period(range: DayRange): Facts {
    const facts: Facts = {};
    const add = (rows: Array<{ metric: string; n: number }>) => {
      for (const row of rows) facts[row.metric] = (facts[row.metric] ?? 0) + row.n;
    };
    // Whole months inside the range from the month rows (a year is 12 rows per counter); the days before and after them from the day rows.
    const firstMonth = range.from.endsWith('-01') ? range.from.slice(0, 7) : nextMonth(range.from.slice(0, 7));
    const end = nextDay(range.to);
    const afterLastMonth = end.slice(0, 7);
    if (firstMonth < afterLastMonth) {
      add(this.totals.all(range.from, `${firstMonth}-01`));
      add(this.monthTotals.all(firstMonth, afterLastMonth));
      add(this.totals.all(`${afterLastMonth}-01`, end));
    } else {
      add(this.totals.all(range.from, end));
    }
    for (const key of Object.keys(facts)) if (facts[key] === 0) delete facts[key];
    return facts;
  }

  /** Chosen counters per hour (or per day) of a day range, as rows (bucket, metric, n). */
  series(range: DayRange, unit: 'hour' | 'day', metrics: readonly string[]): Array<{ bucket: string; metric: string; n: number }> {
    const json = JSON.stringify(metrics);
    if (unit === 'hour') {
      const { start, end } = hourBounds(range);
      return this.hourSeries.all(start, end, json);
    }
    return this.daySeries.all(range.from, nextDay(range.to), json);
  }
}

/** `YYYY-MM` of the month after. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
