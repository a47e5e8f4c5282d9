import Database from 'better-sqlite3';

/**
 * Test-only access to a journal's file. Product code reaches the journal only through its named
 * queries and commands (the journal keeps its connection private); tests that inspect what was
 * written, or damage the file on purpose, open the file themselves. Reads go through a
 * read-only connection; `run`/`exec`/`pragma` open a writable one (tampering, faults). Each call
 * opens and closes its own connection, so nothing here holds a lock between calls.
 */
type Params<P> = P extends unknown[] ? P : [P];

export interface FileStatement<P, R> {
  pluck(toggle?: boolean): FileStatement<P, R>;
  get(...params: Params<P>): R | undefined;
  all(...params: Params<P>): R[];
  run(...params: Params<P>): Database.RunResult;
}

export interface JournalFile {
  prepare<P extends unknown[] | object = unknown[], R = unknown>(sql: string): FileStatement<P, R>;
  exec(sql: string): void;
  pragma(source: string, options?: Database.PragmaOptions): unknown;
}

function pathOf(journal: { path: string } | string): string {
  return typeof journal === 'string' ? journal : journal.path;
}

/** A read-only connection to the journal file (the caller closes it): for many reads in a row. */
export function openJournalFile(journal: { path: string } | string): Database.Database {
  return new Database(pathOf(journal), { readonly: true, fileMustExist: true });
}

function using<T>(path: string, readonly: boolean, body: (db: Database.Database) => T): T {
  const db = readonly ? new Database(path, { readonly: true, fileMustExist: true }) : new Database(path, { fileMustExist: true, timeout: 5000 });
  try {
    return body(db);
  } finally {
    db.close();
  }
}

export function journalFile(journal: { path: string } | string): JournalFile {
  const path = pathOf(journal);
  return {
    prepare<P extends unknown[] | object = unknown[], R = unknown>(sql: string): FileStatement<P, R> {
      let plucked = false;
      const statement = (db: Database.Database) => db.prepare(sql).pluck(plucked);
      const self: FileStatement<P, R> = {
        pluck(toggle = true) {
          plucked = toggle;
          return self;
        },
        get: (...params) => using(path, true, (db) => statement(db).get(...(params as unknown[])) as R | undefined),
        all: (...params) => using(path, true, (db) => statement(db).all(...(params as unknown[])) as R[]),
        run: (...params) => using(path, false, (db) => db.prepare(sql).run(...(params as unknown[]))),
      };
      return self;
    },
    exec: (sql) => using(path, false, (db) => void db.exec(sql)),
    pragma: (source, options) => using(path, !source.includes('='), (db) => db.pragma(source, options)),
  };
}

/**
 * The journal's own connection, for the few fault injections that are per connection (a page
 * limit standing for a full disk, a TEMP trigger refusing one insert). Reaches past the boundary
 * on purpose: never for assertions.
 */
export function journalConnectionForFaults(journal: object): Database.Database {
  const db = (journal as { db?: Database.Database }).db;
  if (!db) throw new Error('the journal no longer keeps its connection in `db`: update this fault injection');
  return db;
}
