import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { join } from 'node:path';
import { Journal } from '../../../../../electron/services/journal/journal';
import { makeTempDir } from '../../../../support/tempDir';
import { journalFile } from '../../../../support/journalFile';

const actor = { id: 'op-1', role: 'ARM' };

function created(localNumber: string) {
  return {
    type: 'dossier.created' as const,
    payload: { localNumber, caseId: `fr.health.samu690.${localNumber}`, kind: 'DRM' as const, origin: '15' as const, callerPhone: '+33612345678', motive: 'douleur thoracique', priority: 'P1' as const },
  };
}

/** Nothing of a dossier is queued for the Hub before a person shares it (issue 13 §6). */
const shared = { type: 'dossier.shared' as const, payload: { partner: 'fr.health.samu440' } };

describe('Journal', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  const open = (now?: () => number) => Journal.open(join(dir.path, 'j.sqlite3'), { workstation: 'ws-1', hubClientId: 'fr.health.samu690', ...(now ? { now } : {}) });

  beforeEach(() => {
    dir = makeTempDir();
    journal = open();
  });
  afterEach(() => {
    journal.close();
    dir.cleanup();
  });

  it('sets and reads back the durability pragmas on every open', () => {
    for (let i = 0; i < 2; i++) {
      // Per connection: read on the journal's own, through its named read.
      expect(journal.durability().journalMode).toBe('wal');
      expect(journal.durability().synchronous).toBe(2);
      expect(journal.durability().foreignKeys).toBe(1);
      journal.close();
      journal = open();
    }
  });

  it('appends hash-chained events with gap-free seq, UUIDv7 ids and the outbox row in one transaction', () => {
    const ids = [0, 1, 2].map((i) =>
      journal.command((ctx) => {
        const dossierId = `0190a000-0000-7000-8000-00000000000${i}`;
        ctx.append({ dossierId, actor, body: created(`DRFR1569026327${String(i + 1).padStart(5, '0')}`) });
        return ctx.append({ dossierId, actor, body: shared });
      }),
    );
    expect(ids.map((e) => e.seq)).toEqual([2, 4, 6]);
    for (const e of ids) expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const rows = journalFile(journal).prepare('SELECT seq, prev_hash, hash FROM events ORDER BY seq').all() as Array<{ seq: number; prev_hash: string; hash: string }>;
    for (let i = 1; i < 6; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(journal.verify()).toMatchObject({ ok: true, events: 6, lastSeq: 6 });
    const outbox = journalFile(journal).prepare('SELECT event_seq, message_kind, distribution_id, state FROM outbox ORDER BY event_seq').all() as Array<{ event_seq: number; message_kind: string; distribution_id: string; state: string }>;
    expect(outbox.map((o) => o.event_seq)).toEqual(ids.map((e) => e.seq));
    expect(outbox.map((o) => o.distribution_id)).toEqual(ids.map((e) => `fr.health.samu690_${e.id}`));
    expect(outbox.every((o) => o.state === 'NEW' && o.message_kind === 'RS-EDA')).toBe(true);
  });

  it('refuses UPDATE and DELETE on events (triggers)', () => {
    journal.command((ctx) => ctx.append({ dossierId: '0190a000-0000-7000-8000-000000000001', actor, body: created('DRFR156902632700001') }));
    expect(() => journalFile(journal).prepare("UPDATE events SET payload = '{}'").run()).toThrow(/append-only/);
    expect(() => journalFile(journal).prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(() =>
      journalFile(journal)
        .prepare("INSERT INTO events (seq, id, type, payload, actor_id, actor_role, workstation, at, hlc, prev_hash, hash) VALUES (5, 'x', 't', '{}', 'a', 'r', 'w', 'at', 'h', 'p', 'h2')")
        .run(),
    ).toThrow(/gap-free/);
  });

  it('rolls back the whole command when any part fails: no event, no projection, no outbox row', () => {
    const id = '0190a000-0000-7000-8000-000000000001';
    journal.command((ctx) => {
      ctx.append({ dossierId: id, actor, body: created('DRFR156902632700001') });
      ctx.append({ dossierId: id, actor, body: shared });
    });
    // A share enqueues its message, then a second creation of the same dossier is refused by the projection's fold.
    expect(() =>
      journal.command((ctx) => {
        ctx.append({ dossierId: id, actor, body: { type: 'dossier.priorityChanged', payload: { priority: 'P0' } } });
        ctx.append({ dossierId: id, actor, body: created('DRFR156902632700002') });
      }),
    ).toThrow(/already exists/);
    expect(journalFile(journal).prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 2 });
    expect(journalFile(journal).prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(journal.verify().ok).toBe(true);
  });

  it('detects a tampered event in the chain', () => {
    for (let i = 1; i <= 3; i++) {
      journal.command((ctx) => ctx.append({ dossierId: `0190a000-0000-7000-8000-00000000000${i}`, actor, body: created(`DRFR15690263270000${i}`) }));
    }
    // Tampering needs the trigger out of the way: what an attacker with the file could do.
    journalFile(journal).exec('DROP TRIGGER events_no_update');
    journalFile(journal).prepare(`UPDATE events SET payload = replace(payload, 'douleur', 'chute') WHERE seq = 2`).run();
    expect(journal.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('rebuilds projections equal to the live ones', () => {
    for (let i = 1; i <= 5; i++) {
      const dossierId = `0190a000-0000-7000-8000-00000000000${i}`;
      journal.command((ctx) => ctx.append({ dossierId, actor, body: created(`DRFR15690263270000${i}`) }));
      if (i % 2 === 0) journal.command((ctx) => ctx.append({ dossierId, actor, body: { type: 'dossier.priorityChanged', payload: { priority: 'P0' } } }));
    }
    const snapshot = () => journalFile(journal).prepare('SELECT * FROM dossiers ORDER BY id').all();
    const live = snapshot();
    expect(live).toHaveLength(5);
    journal.rebuildProjections();
    expect(snapshot()).toEqual(live);
  });

  it('keeps a deterministic order when the wall clock jumps back 10 minutes (hybrid logical clock)', () => {
    journal.close();
    let wall = Date.parse('2026-10-25T00:59:00Z');
    journal = open(() => wall);
    const hlcs: string[] = [];
    for (let i = 1; i <= 4; i++) {
      hlcs.push(journal.command((ctx) => ctx.append({ dossierId: `0190a000-0000-7000-8000-00000000000${i}`, actor, body: created(`DRFR15690263270000${i}`) })).hlc);
      wall += i === 2 ? -10 * 60_000 : 1000;
    }
    expect([...hlcs].sort()).toEqual(hlcs);
    // And after a restart with the clock still behind.
    journal.close();
    journal = open(() => wall - 3_600_000);
    const after = journal.command((ctx) => ctx.append({ dossierId: '0190a000-0000-7000-8000-000000000009', actor, body: created('DRFR156902632700009') })).hlc;
    expect(after > hlcs.at(-1)!).toBe(true);
  });
});

describe('incremental verification', () => {
  it('resumes after the verified tail and still catches a later break', () => {
    const dir = makeTempDir();
    const journal = Journal.open(join(dir.path, 'j.sqlite3'), { workstation: 'ws-1', hubClientId: 'fr.health.samu690' });
    try {
      const append = (i: number) =>
        journal.command((ctx) => ctx.append({ dossierId: `0190a000-0000-7000-8000-00000000000${i}`, actor, body: created(`DRFR15690263270000${i}`) }));
      append(1);
      expect(journal.verifyIncrementally()).toMatchObject({ ok: true, events: 1, lastSeq: 1 });
      append(2);
      expect(journal.verifyIncrementally()).toMatchObject({ ok: true, events: 2, lastSeq: 2 });
      append(3);
      journalFile(journal).exec('DROP TRIGGER events_no_update');
      journalFile(journal).prepare("UPDATE events SET actor_id = 'someone else' WHERE seq = 3").run();
      expect(journal.verifyIncrementally()).toMatchObject({ ok: false, brokenAt: 3 });
      expect(journal.verify()).toMatchObject({ ok: false, brokenAt: 3 });
    } finally {
      journal.close();
      dir.cleanup();
    }
  });

  it('walks a long chain in bounded slices, saying when it reached the end, and still catches a break', () => {
    const dir = makeTempDir();
    const journal = Journal.open(join(dir.path, 'j.sqlite3'), { workstation: 'ws-1', hubClientId: 'fr.health.samu690' });
    onTestFinished(() => {
      journal.close();
      dir.cleanup();
    });
    for (let i = 1; i <= 7; i++) journal.command((ctx) => ctx.append({ dossierId: `0190a000-0000-7000-8000-00000000001${i}`, actor, body: created(`DRFR15690263270001${i}`) }));
    expect(journal.verifyIncrementally(3)).toMatchObject({ ok: true, lastSeq: 3, complete: false });
    expect(journal.verifyIncrementally(3)).toMatchObject({ ok: true, lastSeq: 6, complete: false });
    expect(journal.verifyIncrementally(3)).toMatchObject({ ok: true, lastSeq: 7, events: 7, complete: true });
    // Exactly at the bound: one more (empty) slice is needed to know it is the end.
    journal.command((ctx) => ctx.append({ dossierId: '0190a000-0000-7000-8000-000000000021', actor, body: created('DRFR1569026327000021') }));
    expect(journal.verifyIncrementally(1)).toMatchObject({ ok: true, lastSeq: 8, complete: false });
    expect(journal.verifyIncrementally(1)).toMatchObject({ ok: true, lastSeq: 8, complete: true });
    journalFile(journal).exec('DROP TRIGGER events_no_update');
    journalFile(journal).prepare("UPDATE events SET payload = '{}' WHERE seq = 2").run();
    // What was already verified is not walked again; IT's full check sees the change.
    expect(journal.verifyIncrementally(3)).toMatchObject({ ok: true, complete: true });
    expect(journal.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('counts waiting messages up to a cap, so a status request stays cheap whatever the backlog', () => {
    const dir = makeTempDir();
    const journal = Journal.open(join(dir.path, 'j.sqlite3'), { workstation: 'ws-1', hubClientId: 'fr.health.samu690' });
    onTestFinished(() => {
      journal.close();
      dir.cleanup();
    });
    for (let i = 1; i <= 3; i++)
      journal.command((ctx) => {
        ctx.append({ dossierId: `0190a000-0000-7000-8000-00000000003${i}`, actor, body: created(`DRFR15690263270003${i}`) });
        ctx.append({ dossierId: `0190a000-0000-7000-8000-00000000003${i}`, actor, body: shared });
      });
    expect(journal.pendingOutbox()).toBe(3);
    expect(journal.pendingOutbox(2)).toBe(2);
  });
});
