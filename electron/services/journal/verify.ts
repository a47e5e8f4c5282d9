import type Database from 'better-sqlite3';
import type { EventRow } from './eventRow';
import { chainedFieldsOf } from './eventRow';
import { eventHash, GENESIS_HASH } from './hashChain';

export interface ChainVerification {
  ok: boolean;
  events: number;
  lastSeq: number;
  /** First seq where something is wrong. */
  brokenAt: number | null;
  problem: string | null;
  /** Hash of the last verified event, when the chain is valid. */
  lastHash?: string;
  /** False when the walk stopped at its `maxEvents` bound before the last event. */
  complete: boolean;
}

/**
 * Walks the chain in seq order (streaming, constant memory): seq gap-free from 1, each
 * prev_hash equal to the previous hash, each hash recomputed from the row. `from` resumes after
 * an already verified event (the app's status check); IT's tool always starts from the genesis.
 * Rows on a damaged page break the chain where they start: the walk reports it, never throws it.
 */
export function verifyChain(db: Database.Database, from: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }, maxEvents = Number.POSITIVE_INFINITY): ChainVerification {
  let expectedSeq = from.seq + 1;
  let previousHash = from.hash;
  let events = from.seq;
  const broken = (brokenAt: number, problem: string): ChainVerification => ({ ok: false, events, lastSeq: expectedSeq - 1, brokenAt, problem, complete: true });
  const bounded = Number.isFinite(maxEvents);
  let walked = 0;
  try {
    const rows = (
      bounded ? db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?').iterate(from.seq, maxEvents) : db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq').iterate(from.seq)
    ) as IterableIterator<EventRow>;
    for (const row of rows) {
      const problem =
        row.seq !== expectedSeq
          ? `seq ${row.seq} found where ${expectedSeq} was expected`
          : row.prev_hash !== previousHash
            ? `prev_hash of seq ${row.seq} does not match the hash of seq ${row.seq - 1}`
            : eventHash(chainedFieldsOf(row)) !== row.hash
              ? `hash of seq ${row.seq} does not match its content`
              : null;
      if (problem) {
        rows.return?.();
        return broken(row.seq, problem);
      }
      previousHash = row.hash;
      expectedSeq += 1;
      events += 1;
      walked += 1;
    }
  } catch (error) {
    const code = String((error as { code?: unknown })?.code ?? '');
    if (!code.startsWith('SQLITE_CORRUPT')) throw error;
    return broken(expectedSeq, `events from seq ${expectedSeq} on are unreadable: ${(error as Error).message} (${code})`);
  }
  // A walk that used its whole bound may have more to go; the next call tells.
  return { ok: true, events, lastSeq: expectedSeq - 1, brokenAt: null, problem: null, lastHash: previousHash, complete: !bounded || walked < maxEvents };
}

/**
 * SQLite's integrity check, at most `maxErrors` problems: slow on a large file, so for IT tools
 * and tests, never at start-up.
 */
export function integrityCheck(db: Database.Database, maxErrors = 100): string {
  try {
    const rows = db.pragma(`integrity_check(${Math.max(1, Math.trunc(maxErrors))})`) as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join('; ');
  } catch (error) {
    // Some damage stops the check itself: that is its finding, not a failure to check.
    const code = String((error as { code?: unknown })?.code ?? '');
    if (!code.startsWith('SQLITE_CORRUPT')) throw error;
    return `check stopped: ${(error as Error).message} (${code})`;
  }
}
