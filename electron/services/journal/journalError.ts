/**
 * Why a journal could not be opened or written. Each maps to a stable API error code and a
 * message that tells IT what to do; the file itself is never "repaired" or deleted.
 */
export type JournalErrorCode =
  | 'E_JOURNAL_CORRUPT'
  | 'E_JOURNAL_TOO_NEW'
  | 'E_JOURNAL_READONLY'
  | 'E_JOURNAL_LOCKED'
  | 'E_JOURNAL_FULL'
  | 'E_INTERNAL';

export class JournalError extends Error {
  constructor(
    readonly code: JournalErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const HINTS: Record<JournalErrorCode, string> = {
  E_JOURNAL_CORRUPT: 'the file is not a valid Plateau journal or is damaged; it was left untouched — call IT support',
  E_JOURNAL_TOO_NEW: 'the file was written by a newer Plateau version; install that version — the file was left untouched',
  E_JOURNAL_READONLY: 'the file or its folder cannot be written; check its permissions',
  E_JOURNAL_LOCKED: 'another process holds the journal; close the other Plateau instance or tool using it',
  E_JOURNAL_FULL: 'the disk holding the journal is full; free space — nothing acknowledged was lost',
  E_INTERNAL: 'unexpected journal error',
};

/**
 * Maps a better-sqlite3 SqliteError (its `code` is e.g. SQLITE_BUSY_SNAPSHOT) to ours, and the
 * Node file-system errors of creating the journal's folder (EACCES, EROFS, ENOSPC).
 */
export function classifySqliteError(error: unknown, path: string): JournalError {
  if (error instanceof JournalError) return error;
  const sqliteCode = String((error as { code?: unknown })?.code ?? '');
  const detail = error instanceof Error ? error.message : String(error);
  const code = journalCodeFor(sqliteCode);
  return new JournalError(code, `Journal ${path}: ${HINTS[code]} (${sqliteCode || 'error'}: ${detail})`, { cause: error });
}

function journalCodeFor(code: string): JournalErrorCode {
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) return 'E_JOURNAL_CORRUPT';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) return 'E_JOURNAL_READONLY';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'E_JOURNAL_READONLY';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'E_JOURNAL_LOCKED';
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT') return 'E_JOURNAL_FULL';
  return 'E_INTERNAL';
}

export function journalHint(code: JournalErrorCode): string {
  return HINTS[code];
}
