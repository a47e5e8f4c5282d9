import type Database from 'better-sqlite3';
import type { Facts } from '../../../shared/domain/indicators/facts';
import { factsDelta } from '../../../shared/domain/indicators/facts';
import { dayOf, siteHour, type DayRange, hourBounds, nextDay } from '../../../shared/domain/indicators/periods';

/** The zone the rollups are cut in when a journal is opened without a site (the CLI tools). */
export const DEFAULT_INDICATOR_ZONE = 'Europe/Paris';

/** Events folded in memory before the pending counters are written (one commit per batch). */
export const FOLD_EVERY_EVENTS = 1000;

/**
 * The indicator rollups (migrations 015, 017): each event that changes a call, callback or
 * dossier adds `facts(after) − facts(before)` to the subject's cohort hour, day and month. The
 * deltas are summed in memory inside the command (nothing written: the three rollup pages a
 * command would dirty cost ~15 % of the journal's write throughput, each commit being an fsync
 * of every page it touched), kept once the command commits, and written in one transaction of
 * their own every `FOLD_EVERY_EVENTS` events, before any read of the rollups, and at checkpoint
 * and close. `indicator_fold.seq` says up to which event the rows account; a crash in between
 * loses only memory: at the next open the journal sees events beyond it and refolds from the
 * projections (committed with the events), so the rollups always equal a full recomputation.
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
  private readonly foldedSeq: Database.Statement<[], number>;
  private readonly setFoldedSeq: Database.Statement<[number]>;
  /** What the command under way changed ("hour\u0000metric" → delta): dropped if it rolls back. */
  private readonly inCommand = new Map<string, number>();
  /** What committed commands changed and no fold has written yet. */
  private readonly pending = new Map<string, number>();
  /** The last event the pending deltas account for (the fold's new watermark). */
  private pendingSeq: number;
  private folded: number;
  private readonly hourCache = new HourCache();
  private readonly hourSeries: Database.Statement<[string, string, string], { bucket: string; metric: string; n: number }>;
  private readonly daySeries: Database.Statement<[string, string, string], { bucket: string; metric: string; n: number }>;
  private readonly monthSeries: Database.Statement<[string, string, string], { bucket: string; metric: string; n: number }>;

  constructor(
    private readonly db: Database.Database,
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
    // The metrics of a series come as a JSON array: one statement whatever their number, one
    // indexed range per metric (migration 017's (metric, hour|day) indexes).
    this.hourSeries = db.prepare('SELECT hour AS bucket, metric, n FROM indicator_hours WHERE metric IN (SELECT value FROM json_each(?)) AND hour >= ? AND hour < ? AND n != 0');
    this.daySeries = db.prepare('SELECT day AS bucket, metric, n FROM indicator_days WHERE metric IN (SELECT value FROM json_each(?)) AND day >= ? AND day < ? AND n != 0');
    this.monthSeries = db.prepare('SELECT month AS bucket, metric, n FROM indicator_months WHERE metric IN (SELECT value FROM json_each(?)) AND month >= ? AND month < ? AND n != 0');
    this.zoneRow = db.prepare<[], string>('SELECT time_zone FROM indicator_zone WHERE id = 1').pluck();
    this.zone = timeZone ?? this.zoneRow.get() ?? DEFAULT_INDICATOR_ZONE;
    this.setZone = db.prepare('INSERT INTO indicator_zone (id, time_zone) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET time_zone = excluded.time_zone');
    this.foldedSeq = db.prepare<[], number>('SELECT seq FROM indicator_fold WHERE id = 1').pluck();
    this.setFoldedSeq = db.prepare('INSERT INTO indicator_fold (id, seq) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq');
    this.folded = this.pendingSeq = this.foldedSeq.get() ?? 0;
  }

  /** The last event the stored rollups account for. */
  get foldedThrough(): number {
    return this.folded;
  }

  /** Events committed since the last fold (what a crash now would make the next open refold). */
  get unfoldedEvents(): number {
    return this.pendingSeq - this.folded;
  }

  /** The command committed, up to event `seq`: its deltas wait for the next fold. */
  committed(seq: number): void {
    for (const [key, n] of this.inCommand) this.pending.set(key, (this.pending.get(key) ?? 0) + n);
    this.inCommand.clear();
    this.pendingSeq = seq;
  }

  /**
   * A command that journals no event but changed the figures (an inbox row: a receipt, an error)
   * writes its deltas in its own transaction: no event beyond the watermark would tell the next
   * open to refold them after a crash.
   */
  writeIfNoEvent(eventsAppended: boolean): void {
    if (eventsAppended || this.inCommand.size === 0) return;
    this.writeRows(this.inCommand, null);
    this.inCommand.clear();
  }

  /** The command rolled back: what it changed never happened. */
  rolledBack(): void {
    this.inCommand.clear();
  }

  /**
   * Writes the pending deltas (hour, day and month rows, summed per row first) and the new
   * watermark in one transaction. Not from inside a command: the command's own changes are not
   * committed yet, and a rollback must not take committed figures with it.
   */
  fold(): void {
    if (this.db.inTransaction || (this.pendingSeq === this.folded && this.pending.size === 0)) return;
    this.db.transaction(() => this.writeRows(this.pending, this.pendingSeq)).immediate();
    this.pending.clear();
    this.folded = this.pendingSeq;
  }

  /**
   * Empties the rollups for a refold or a rebuild running in the caller's transaction; the
   * caller then credits every subject with `change()` and calls `writeRefold(seq)`.
   */
  startRefold(): void {
    for (const table of IndicatorProjection.TABLES) this.db.exec(`DELETE FROM ${table}`);
    this.inCommand.clear();
    this.pending.clear();
    this.markZone();
  }

  /** Writes what the refold credited, accounting for every event up to `seq` (in the caller's transaction). */
  writeRefold(seq: number): void {
    this.writeRows(this.inCommand, seq);
    this.inCommand.clear();
    this.folded = this.pendingSeq = seq;
  }

  /** Adds the deltas to the hour, day and month rows; with `seq`, records the rollups folded through it. */
  private writeRows(deltas: Map<string, number>, seq: number | null): void {
    const days = new Map<string, number>();
    const months = new Map<string, number>();
    for (const [key, n] of deltas) {
      if (n === 0) continue;
      const cut = key.indexOf('\u0000');
      const hour = key.slice(0, cut);
      const metric = key.slice(cut + 1);
      this.addHour.run(hour, metric, n);
      const dayKey = `${dayOf(hour)}\u0000${metric}`;
      days.set(dayKey, (days.get(dayKey) ?? 0) + n);
    }
    for (const [key, n] of days) {
      if (n === 0) continue;
      const cut = key.indexOf('\u0000');
      this.addDay.run(key.slice(0, cut), key.slice(cut + 1), n);
      const monthKey = `${key.slice(0, 7)}\u0000${key.slice(cut + 1)}`;
      months.set(monthKey, (months.get(monthKey) ?? 0) + n);
    }
    for (const [key, n] of months) {
      if (n === 0) continue;
      const cut = key.indexOf('\u0000');
      this.addMonth.run(key.slice(0, cut), key.slice(cut + 1), n);
    }
    if (seq !== null) this.setFoldedSeq.run(seq);
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

  /** A subject changed: credits the difference to its cohort hour (`cohortAt`, an ISO instant), in memory. */
  change(cohortAt: string, before: Facts, after: Facts): void {
    const delta = factsDelta(before, after);
    let hour: string | null = null;
    for (const metric in delta) {
      hour ??= this.hourCache.hourOf(cohortAt, this.zone);
      const key = `${hour}\u0000${metric}`;
      this.inCommand.set(key, (this.inCommand.get(key) ?? 0) + delta[metric]!);
    }
  }

  /** The counters of whole site-local days, `from` to `to` included. */
  period(range: DayRange): Facts {
    this.fold();
    const facts: Facts = {};
    const add = (rows: Array<{ metric: string; n: number }>) => {
      for (const row of rows) facts[row.metric] = (facts[row.metric] ?? 0) + row.n;
    };
    // A year is 12 month rows per counter; only the days before and after whole months are read as days.
    const { edgeBefore, months, edgeAfter } = splitMonths(range);
    if (edgeBefore) add(this.totals.all(edgeBefore.from, edgeBefore.end));
    if (months) add(this.monthTotals.all(months.from, months.end));
    if (edgeAfter) add(this.totals.all(edgeAfter.from, edgeAfter.end));
    for (const key of Object.keys(facts)) if (facts[key] === 0) delete facts[key];
    return facts;
  }

  /**
   * Chosen counters per hour, day or month of a day range, as rows (bucket, metric, n), each from
   * the coarsest rollup that answers it: month rows for whole months (the edge days as day rows).
   */
  series(range: DayRange, unit: 'hour' | 'day' | 'month', metrics: readonly string[]): Array<{ bucket: string; metric: string; n: number }> {
    this.fold();
    const json = JSON.stringify(metrics);
    if (unit === 'hour') {
      const { start, end } = hourBounds(range);
      return this.hourSeries.all(json, start, end);
    }
    if (unit === 'day') return this.daySeries.all(json, range.from, nextDay(range.to));
    const { edgeBefore, months, edgeAfter } = splitMonths(range);
    return [
      ...(edgeBefore ? this.daySeries.all(json, edgeBefore.from, edgeBefore.end) : []),
      ...(months ? this.monthSeries.all(json, months.from, months.end) : []),
      ...(edgeAfter ? this.daySeries.all(json, edgeAfter.from, edgeAfter.end) : []),
    ];
  }
}

interface KeyRange {
  from: string;
  end: string;
}

/** A day range as the days before its first whole month, its whole months (`YYYY-MM` keys), the days after: [from, end) each. */
function splitMonths(range: DayRange): { edgeBefore: KeyRange | null; months: KeyRange | null; edgeAfter: KeyRange | null } {
  const firstMonth = range.from.endsWith('-01') ? range.from.slice(0, 7) : nextMonth(range.from.slice(0, 7));
  const end = nextDay(range.to);
  const afterLastMonth = end.slice(0, 7);
  if (firstMonth >= afterLastMonth) return { edgeBefore: { from: range.from, end }, months: null, edgeAfter: null };
  const monthsStart = `${firstMonth}-01`;
  const monthsEnd = `${afterLastMonth}-01`;
  return {
    edgeBefore: range.from < monthsStart ? { from: range.from, end: monthsStart } : null,
    months: { from: firstMonth, end: afterLastMonth },
    edgeAfter: monthsEnd < end ? { from: monthsEnd, end } : null,
  };
}

/**
 * The site hour of cohort instants, remembered per UTC quarter hour (every zone's offset is a
 * whole number of quarters): formatting an instant in a zone costs more than the rest of a fold.
 */
class HourCache {
  private readonly hours = new Map<number, string>();
  private zone = '';

  hourOf(instant: string, timeZone: string): string {
    if (timeZone !== this.zone || this.hours.size > 50_000) {
      this.hours.clear();
      this.zone = timeZone;
    }
    const quarter = Math.floor(Date.parse(instant) / 900_000);
    let hour = this.hours.get(quarter);
    if (hour === undefined) {
      hour = siteHour(quarter * 900_000, timeZone);
      this.hours.set(quarter, hour);
    }
    return hour;
  }
}

/** `YYYY-MM` of the month after. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
