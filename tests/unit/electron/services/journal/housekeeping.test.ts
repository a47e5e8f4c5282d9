import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHousekeeping } from '../../../../../electron/services/journal/housekeeping';
import { Journal } from '../../../../../electron/services/journal/journal';
import { makeTempDir } from '../../../../support/tempDir';

const actor = { id: 'op-1', role: 'ARM' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('journal housekeeping', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  const write = () => journal.command((ctx) => ctx.append({ dossierId: null, actor, body: { type: 'security.refused', payload: { channel: 'dossier:get', code: 'E_FORBIDDEN', dossierId: null, reason: 'test' } } }));

  beforeEach(() => {
    dir = makeTempDir();
    journal = Journal.open(join(dir.path, 'j.sqlite3'), { workstation: 'ws-1', hubClientId: 'fr.health.samu690' });
  });
  afterEach(() => {
    journal.close();
    dir.cleanup();
  });

  it('walks the chain in slices until it is complete, then stops', async () => {
    for (let i = 0; i < 10; i++) write();
    const walk = vi.spyOn(journal, 'verifyIncrementally');
    const housekeeping = startHousekeeping(journal, { idleCheckpointMs: 60_000, chainSliceEvents: 3 });
    await vi.waitFor(() => expect(walk.mock.results.at(-1)?.value).toMatchObject({ ok: true, complete: true }));
    await sleep(20);
    housekeeping.stop();
    // 3 + 3 + 3 + 1 events: four slices, each bounded, and none once the walk is complete.
    expect(walk.mock.calls).toEqual([[3], [3], [3], [3]]);
    expect(walk.mock.results.map((r) => (r.value as { lastSeq: number }).lastSeq)).toEqual([3, 6, 9, 10]);
  });

  it('checkpoints the WAL once writes have stopped for a whole interval, once per quiet spell', async () => {
    for (let i = 0; i < 5; i++) write();
    const wal = () => statSync(`${journal.path}-wal`).size;
    expect(wal()).toBeGreaterThan(0);
    const checkpoint = vi.spyOn(journal, 'checkpoint');
    const housekeeping = startHousekeeping(journal, { idleCheckpointMs: 25, chainSliceEvents: 1000 });
    try {
      await vi.waitFor(() => expect(checkpoint).toHaveBeenCalledTimes(1));
      expect(wal()).toBe(0);
      await sleep(120);
      expect(checkpoint).toHaveBeenCalledTimes(1);
      write();
      await vi.waitFor(() => expect(checkpoint).toHaveBeenCalledTimes(2));
      expect(wal()).toBe(0);
    } finally {
      housekeeping.stop();
    }
    await sleep(80);
    write();
    await sleep(120);
    expect(checkpoint).toHaveBeenCalledTimes(2);
  });
});
