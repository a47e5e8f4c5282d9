/**
 * 017 — the indicator rollups are folded after the commands' commits, in batches (issue 15: the
 * three rollup pages each command dirtied cost ~15 % of the journal's write throughput).
 * `indicator_fold.seq` is the last event the rollups account for. Opened with events beyond it
 * (the process died between a command's commit and the next fold), the journal refolds the
 * rollups from the projections, which are committed with the events. Journals that were already
 * folding in the transaction are complete up to their last event.
 *
 * A chart reads a few counters over many hours (a month by hour: 6 of ~100–250 counters per
 * hour): indexed by counter first, it is one indexed range per counter, not a scan of every
 * counter of the range. These indexes are written by the fold only, never in a command. And a
 * counter was added for the charts (`call.answered60`): the recorded zone is cleared so that the
 * next open refolds the rollups.
 */
export const migration017 = {
  version: 17,
  name: 'indicatorFold',
  sql: `
    CREATE TABLE indicator_fold (
      id   INTEGER PRIMARY KEY CHECK (id = 1),
      seq  INTEGER NOT NULL
    ) STRICT;
    INSERT INTO indicator_fold (id, seq) SELECT 1, coalesce(max(seq), 0) FROM events;
    CREATE INDEX indicator_hours_by_metric ON indicator_hours (metric, hour, n);
    CREATE INDEX indicator_days_by_metric ON indicator_days (metric, day, n);
    DELETE FROM indicator_zone;
  `,
} as const;
