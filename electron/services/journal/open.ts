import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { classifySqliteError, JournalError } from './journalError';
import { migrate } from './migrate';
import { LATEST_VERSION, type Migration, MIGRATIONS } from './migrations';

export interface OpenOptions {
  /** How long a write waits for another connection's lock before E_JOURNAL_LOCKED. */
  busyTimeoutMs?: number;
  migrations?: readonly Migration[];
}

const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;
const WAL_AUTOCHECKPOINT_PAGES = 8192;

/**
 * Opens (or creates) the journal. Checks come before any write so that a file we must refuse
 * (not a database, damaged, newer schema, locked, read-only) is left byte-for-byte as it was.
 */
export function openJournalDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.at(-1)?.version ?? LATEST_VERSION;
  const busyTimeoutMs = Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000));
  let db: Database.Database | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path)) probeReadOnly(path, latest, busyTimeoutMs);
    db = new Database(path, { timeout: busyTimeoutMs });
    // A write probe: fails now, clearly, if the file is read-only or another process holds it.
    db.prepare('BEGIN IMMEDIATE').run();
    db.prepare('ROLLBACK').run();

    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new JournalError('E_INTERNAL', `Journal ${path}: WAL mode refused (got ${String(mode)})`);
    applyDurabilityPragmas(db, path);
    migrate(db, path, migrations);
    return db;
  } catch (error) {
    db?.close();
    throw classifySqliteError(error, path);
  }
}

/**
 * The reads that decide whether to refuse the file, over a read-only connection. Closing a
 * writable connection checkpoints the WAL into the main file: after a crash, refusing through
 * one would rewrite the very file we promise to leave untouched. A read-only one never does.
 */
function probeReadOnly(path: string, latest: number, busyTimeoutMs: number): void {
  const db = new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  try {
    // A garbage file fails here with SQLITE_NOTADB, a damaged schema with SQLITE_CORRUPT.
    const version = db.pragma('user_version', { simple: true }) as number;
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    if (version > latest) {
      throw new JournalError(
        'E_JOURNAL_TOO_NEW',
        `Journal ${path} has schema version ${version}, newer than this Plateau (${latest}); install the newer version — the file was left untouched`,
      );
    }
    // The chain's tail, which the journal reads first: a damaged events tree is refused here.
    const hasEvents = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'events'").get() !== undefined;
    if (hasEvents) db.prepare('SELECT seq, hash, hlc FROM events ORDER BY seq DESC LIMIT 1').get();
  } finally {
    db.close();
  }
}

/**
 * synchronous=FULL must be set on every open and read back: better-sqlite3's build makes a
 * re-opened WAL database fall back to NORMAL silently, which can lose acknowledged commits on
 * power loss.
 */
export function applyDurabilityPragmas(db: Database.Database, path: string): void {
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
  // Checkpoints run in the committing call: make them rare under load (the services also
  // checkpoint when idle) so that they do not set the latency of a call-taker's save.
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  const synchronous = db.pragma('synchronous', { simple: true });
  const foreignKeys = db.pragma('foreign_keys', { simple: true });
  if (synchronous !== 2) throw new JournalError('E_INTERNAL', `Journal ${path}: synchronous reads ${String(synchronous)}, FULL (2) required`);
  if (foreignKeys !== 1) throw new JournalError('E_INTERNAL', `Journal ${path}: foreign_keys could not be enabled`);
}
