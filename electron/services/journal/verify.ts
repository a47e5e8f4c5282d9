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
}

/**
 * Walks the chain in seq order (streaming, constant memory): seq gap-free from 1, each
 * prev_hash equal to the previous hash, each hash recomputed from the row. `from` resumes after
 * an already verified event (the app's status check); IT's tool always starts from the genesis.
 */
export function verifyChain(db: Database.Database, from: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }): ChainVerification {
  let expectedSeq = from.seq + 1;
  let previousHash = from.hash;
  let events = from.seq;
  const rows = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq').iterate(from.seq) as IterableIterator<EventRow>;
  for (const row of rows) {
    const broken = (problem: string): ChainVerification => {
      rows.return?.();
      return { ok: false, events, lastSeq: expectedSeq - 1, brokenAt: row.seq, problem };
    };
    if (row.seq !== expectedSeq) return broken(`seq ${row.seq} found where ${expectedSeq} was expected`);
    if (row.prev_hash !== previousHash) return broken(`prev_hash of seq ${row.seq} does not match the hash of seq ${row.seq - 1}`);
    if (eventHash(chainedFieldsOf(row)) !== row.hash) return broken(`hash of seq ${row.seq} does not match its content`);
    previousHash = row.hash;
    expectedSeq += 1;
    events += 1;
  }
  return { ok: true, events, lastSeq: expectedSeq - 1, brokenAt: null, problem: null, lastHash: previousHash };
}

/** Full SQLite integrity check: slow on a large file, so for IT tools and tests, never at start-up. */
export function integrityCheck(db: Database.Database): string {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((r) => r.integrity_check).join('; ');
}
