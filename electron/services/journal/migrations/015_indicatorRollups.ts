/**
 * 015 — the indicator rollups (issue 15): the counters of shared/domain/indicators/facts.ts per
 * site-local hour, day and month, kept by the journal in the same transaction as the
 * events (a projection like the others: emptied and refolded by the rebuild). A period's
 * figures are a sum over these rows (whole months from the month rows, the edges from the day rows), never a re-read of its events. `indicator_zone` records the
 * time zone the hours were cut in: opened with another site clock, the journal refolds them.
 * Journals already holding events get their rollups at the first open after this migration
 * (the journal sees no zone recorded yet and refolds).
 */
export const migration015 = {
  version: 15,
  name: 'indicatorRollups',
  sql: `
    CREATE TABLE indicator_hours (
      hour    TEXT    NOT NULL,
      metric  TEXT    NOT NULL,
      n       INTEGER NOT NULL,
      PRIMARY KEY (hour, metric)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE indicator_days (
      day     TEXT    NOT NULL,
      metric  TEXT    NOT NULL,
      n       INTEGER NOT NULL,
      PRIMARY KEY (day, metric)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE indicator_months (
      month   TEXT    NOT NULL,
      metric  TEXT    NOT NULL,
      n       INTEGER NOT NULL,
      PRIMARY KEY (month, metric)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE indicator_zone (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      time_zone  TEXT    NOT NULL
    ) STRICT;
  `,
} as const;
