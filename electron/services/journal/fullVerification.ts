import { chainedFieldsOf, type EventRow } from './eventRow';
import { eventHash, GENESIS_HASH } from './hashChain';
import type { ChainVerification } from './verify';

/** What the full walk needs of the journal: one bounded slice at a time, from a given link. */
export interface ChainSlices {
  verifySlice(from: { seq: number; hash: string }, maxEvents: number): ChainVerification;
}

/**
 * The whole chain, re-read from the genesis (never the cached incremental tail), in slices of
 * `sliceEvents` with a turn of the event loop between them, so that a request arriving during the
 * walk of a large journal waits for one slice at most.
 */
export async function verifyWholeChain(journal: ChainSlices, sliceEvents: number): Promise<ChainVerification> {
  let from = { seq: 0, hash: GENESIS_HASH };
  for (;;) {
    const slice = journal.verifySlice(from, sliceEvents);
    if (!slice.ok || slice.complete || !slice.lastHash) return slice;
    from = { seq: slice.lastSeq, hash: slice.lastHash };
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The first of a dossier's events whose stored hash is not its content's, if any. */
export function firstAlteredEvent(events: readonly EventRow[]): { seq: number; problem: string } | null {
  for (const row of events) {
    if (eventHash(chainedFieldsOf(row)) !== row.hash) return { seq: row.seq, problem: `hash of seq ${row.seq} does not match its content` };
  }
  return null;
}
