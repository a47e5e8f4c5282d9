/**
 * 007 — local operator accounts. `operators` is a projection of the journal (rebuilt from
 * operator.* and auth.* events, lock-out state included); `operator_credentials` is not: it
 * holds the scrypt hashes, which never enter an event, and a rebuild leaves it alone.
 */
export const migration007 = {
  version: 7,
  name: 'operators',
  sql: `
    CREATE TABLE operators (
      id               TEXT    PRIMARY KEY,
      login            TEXT    NOT NULL UNIQUE,
      display_name     TEXT    NOT NULL,
      role             TEXT    NOT NULL,
      rpps             TEXT,
      active           INTEGER NOT NULL DEFAULT 1,
      created_at       TEXT    NOT NULL,
      failed_attempts  INTEGER NOT NULL DEFAULT 0,
      locked_until     TEXT
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE operator_credentials (
      operator_id  TEXT PRIMARY KEY,
      algorithm    TEXT NOT NULL CHECK (algorithm = 'scrypt'),
      params       TEXT NOT NULL,
      salt         TEXT NOT NULL,
      hash         TEXT NOT NULL,
      updated_at   TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `,
} as const;
