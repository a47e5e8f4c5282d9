/**
 * 016 — the room (issue 12): what a desk with a `site` section keeps about its link to the site.
 * `site_push` holds this desk's events not yet confirmed by the site (the push queue: a row per
 * own event, written in the event's transaction, removed when the site answers with its pos or
 * refuses it); `site_refused` keeps the site's refusals of own events (the events themselves stay
 * in the journal, untouched); `site_received` maps each event received from the site to its site
 * position and outcome (overruled events are journaled, never folded); `site_link` the last site
 * position applied. A standalone desk never writes any of them.
 */
export const migration016 = {
  version: 16,
  name: 'siteSync',
  sql: `
    CREATE TABLE site_push (
      seq  INTEGER PRIMARY KEY REFERENCES events (seq)
    ) STRICT;
    CREATE TABLE site_refused (
      seq     INTEGER PRIMARY KEY REFERENCES events (seq),
      code    TEXT    NOT NULL,
      reason  TEXT    NOT NULL,
      at      TEXT    NOT NULL
    ) STRICT;
    CREATE TABLE site_received (
      event_id  TEXT    PRIMARY KEY,
      site_pos  INTEGER NOT NULL UNIQUE,
      seq       INTEGER REFERENCES events (seq),
      outcome   TEXT    NOT NULL CHECK (outcome IN ('applied', 'overruled'))
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE site_link (
      one         INTEGER PRIMARY KEY CHECK (one = 1),
      pulled_pos  INTEGER NOT NULL
    ) STRICT;
    INSERT INTO site_link (one, pulled_pos) VALUES (1, 0);
  `,
} as const;
