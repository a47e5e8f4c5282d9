import Database from 'better-sqlite3';
import { classifySqliteError } from './journalError';
import { integrityCheck, verifyChain, type ChainVerification } from './verify';

export interface VerifyReport {
  ok: boolean;
  chain: ChainVerification;
  integrity: string;
  lines: string[];
}

/**
 * The IT check of a journal file, read-only: it never migrates, checkpoints or writes, so it is
 * safe on a copy, on a live workstation's file, or on one that the app refused to open.
 */
export function verifyJournalFile(path: string): VerifyReport {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw classifySqliteError(error, path);
  }
  try {
    const chain = verifyChain(db);
    const integrity = integrityCheck(db);
    const lines = [
      `journal:   ${path}`,
      `events:    ${chain.events} (last seq ${chain.lastSeq})`,
      chain.ok ? 'chain:     ok (SHA-256 hash chain verified)' : `chain:     BROKEN at seq ${chain.brokenAt}: ${chain.problem}`,
      `integrity: ${integrity}`,
    ];
    return { ok: chain.ok && integrity === 'ok', chain, integrity, lines };
  } catch (error) {
    throw classifySqliteError(error, path);
  } finally {
    db.close();
  }
}
