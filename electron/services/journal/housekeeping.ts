import type { Journal } from './journal';

export interface HousekeepingOptions {
  /** Checkpoint once no event was written for a whole interval of this length. */
  idleCheckpointMs: number;
  /** Events verified per slice of the background chain walk. */
  chainSliceEvents: number;
}

export interface Housekeeping {
  stop(): void;
}

/**
 * The journal's background upkeep while the services run: the WAL is checkpointed once writes
 * have stopped (so it stays small without a checkpoint in a call-taker's save), and the first
 * walk of the hash chain runs in slices between requests (9 s for 2 M dossiers in one go), so
 * no call waits on it and the status says it is still under way.
 */
export function startHousekeeping(journal: Journal, options: HousekeepingOptions): Housekeeping {
  let seenSeq = -1;
  let checkpointedSeq = -1;
  const idle = setInterval(() => {
    const seq = journal.lastSeq();
    if (seq === seenSeq && seq !== checkpointedSeq) {
      journal.checkpoint();
      checkpointedSeq = seq;
    }
    seenSeq = seq;
  }, options.idleCheckpointMs);
  idle.unref();

  let verifying: ReturnType<typeof setTimeout> | null = null;
  const verifySlice = () => {
    const chain = journal.verifyIncrementally(options.chainSliceEvents);
    verifying = chain.ok && !chain.complete ? setTimeout(verifySlice, 0) : null;
    verifying?.unref();
  };
  verifying = setTimeout(verifySlice, 0);
  verifying.unref();

  return {
    stop() {
      clearInterval(idle);
      if (verifying) clearTimeout(verifying);
      verifying = null;
    },
  };
}
