import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../../../electron/services/journal/journal';
import type { CallEventBody } from '../../../../../shared/domain/callState';
import { makeTempDir } from '../../../../support/tempDir';
import { journalFile } from '../../../../support/journalFile';

const actor = { id: 'poste:ws-1', role: 'ARM' };
const A = '0190a0b0-0000-7000-8000-00000000000a';
const B = '0190a0b0-0000-7000-8000-00000000000b';
const D = '0190a0b0-0000-7000-8000-0000000000dd';

const presented = (callId: string): CallEventBody => ({
  type: 'call.presented',
  payload: { callId, sipCallId: `${callId}@sipp`, direction: 'inbound', remoteNumber: '+33612345678', remoteName: null, dossierId: null },
});

describe('calls projection', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let clock = Date.UTC(2026, 0, 1, 10);
  beforeEach(() => {
    dir = makeTempDir();
    journal = Journal.open(join(dir.path, 'j.sqlite3'), { workstation: 'ws-1', hubClientId: 'fr.health.samu690', now: () => (clock += 1000) });
  });
  afterEach(() => {
    journal.close();
    dir.cleanup();
  });

  const append = (dossierId: string | null, body: CallEventBody) => journal.command((ctx) => ctx.append({ dossierId, body, actor }));

  it('journals call events without a dossier, attaches them later, lists lost calls and rebuilds to the same rows', () => {
    append(null, presented(A));
    append(null, { type: 'call.ringing', payload: { callId: A } });
    append(null, { type: 'call.abandoned', payload: { callId: A } });
    append(null, presented(B));
    append(null, { type: 'call.answered', payload: { callId: B } });
    append(D, { type: 'call.attached', payload: { callId: B, dossierId: D } });
    append(D, { type: 'call.ended', payload: { callId: B, by: 'remote', reason: 'BYE', sipCode: null } });

    const events = journalFile(journal).prepare<[], { type: string; dossier_id: string | null }>('SELECT type, dossier_id FROM events ORDER BY seq').all();
    expect(events.slice(0, 3).every((e) => e.dossier_id === null)).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'call.ended', dossier_id: D });
    // Calls never travel to the Hub: no outbox rows.
    expect(journal.pendingOutbox()).toBe(0);

    const lost = journal.calls.lostCalls('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 50);
    expect(lost.map((c) => c.id)).toEqual([A]);
    expect(lost[0]).toMatchObject({ outcome: 'abandoned', endedBy: 'remote', remoteNumber: '+33612345678', answeredAt: null });
    expect(journal.calls.get(B)).toMatchObject({ outcome: 'answered', dossierId: D, state: 'ended' });
    expect(journal.calls.ofDossierId(D).map((c) => c.id)).toEqual([B]);

    const snapshot = () => journalFile(journal).prepare('SELECT * FROM calls ORDER BY id').all();
    const live = snapshot();
    journal.rebuildProjections();
    expect(snapshot()).toEqual(live);
    expect(journal.verify().ok).toBe(true);
  });

  it('refuses an impossible step and writes nothing', () => {
    append(null, presented(A));
    const before = journalFile(journal).prepare('SELECT count(*) AS n FROM events').get();
    expect(() => append(null, { type: 'call.held', payload: { callId: A } })).toThrow(/not possible in state presented/);
    expect(journalFile(journal).prepare('SELECT count(*) AS n FROM events').get()).toEqual(before);
    expect(journal.calls.get(A)?.state).toBe('presented');
  });
});
