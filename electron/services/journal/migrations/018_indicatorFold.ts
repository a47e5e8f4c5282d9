/**
 * 018 — the indicator rollups are folded after the commands' commits, in batches (issue 15: the
 * three rollup pages each command dirtied cost ~15 % of the journal's write throughput).
 * `indicator_fold.seq` is the last event the rollups account for. Opened with events beyond it
 * (the process died between a command's commit and the next fold), the journal refolds the
 * rollups from the projections, which are committed with the events. Journals that were already
 * folding in the transaction are complete up to their last event.
 */
export const migration018 = {
  version: 18,
  name: 'indicatorFold',
  sql: `
    CREATE TABLE indicator_fold (
      id   INTEGER PRIMARY KEY CHECK (id = 1),
      seq  INTEGER NOT NULL
    ) STRICT;
    INSERT INTO indicator_fold (id, seq) SELECT 1, coalesce(max(seq), 0) FROM events;
  `,
} as const;
