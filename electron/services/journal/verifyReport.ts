import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { integrityCheck, verifyChain, type ChainVerification } from './verify';

export interface VerifyReport {
  ok: boolean;
  schemaVersion: number;
  chain: ChainVerification;
  integrity: string;
  lines: string[];
}

/** The file cannot be checked at all (missing, not a database, not a journal): usage, not a verdict. */
export class CannotVerify extends Error {}

const INTEGRITY_ERRORS_SHOWN = 20;

/**
 * The IT check of a journal file, read-only: it never migrates, checkpoints or writes, so it is
 * safe on a copy, on a live workstation's file, or on one that the app refused to open. A
 * damaged database is a verdict (ok: false, with what is wrong); a file that is not a journal
 * at all throws CannotVerify.
 */
export function verifyJournalFile(path: string): VerifyReport {
  if (!existsSync(path)) throw new CannotVerify(`${path}: no such file`);
  if (!statSync(path).isFile()) throw new CannotVerify(`${path}: not a file`);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw cannotVerify(path, error);
  }
  try {
    let schemaVersion: number;
    let hasEvents: boolean;
    try {
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
      hasEvents = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'events'").get() !== undefined;
    } catch (error) {
      throw cannotVerify(path, error);
    }
    if (!hasEvents) throw new CannotVerify(`${path}: a SQLite database, but not a Plateau journal (no events table)`);

    const chain = verifyChain(db);
    const integrity = integrityCheck(db, INTEGRITY_ERRORS_SHOWN);
    const lines = [
      `journal:   ${path}`,
      `schema:    version ${schemaVersion}`,
      `events:    ${chain.events} (last seq ${chain.lastSeq})`,
      chain.ok ? 'chain:     ok (SHA-256 hash chain verified from the genesis)' : `chain:     BROKEN at seq ${chain.brokenAt}: ${chain.problem}`,
      `integrity: ${integrity}`,
    ];
    return { ok: chain.ok && integrity === 'ok', schemaVersion, chain, integrity, lines };
  } finally {
    db.close();
  }
}

function cannotVerify(path: string, error: unknown): CannotVerify {
  const code = String((error as { code?: unknown })?.code ?? '');
  const detail = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_NOTADB')) return new CannotVerify(`${path}: not a SQLite database (${detail})`);
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) {
    // Reading a WAL file needs its -shm beside it: in a read-only folder, check a copy instead.
    return new CannotVerify(`${path}: cannot be opened for reading (${detail}); check its permissions, or copy the file with its -wal to a writable folder`);
  }
  return new CannotVerify(`${path}: cannot be read (${code || 'error'}: ${detail})`);
}
