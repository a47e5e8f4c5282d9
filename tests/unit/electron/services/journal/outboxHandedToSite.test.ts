import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../../../electron/services/journal/journal';
import type { PulledEvent } from '../../../../../shared/api/siteProtocol';
import { makeTempDir } from '../../../../support/tempDir';

/**
 * A desk's outbox rows in a room stay NEW (the site sends; the desk never drains them). Once the
 * site has the event, the row is the site's: nothing on this desk may count or send it again —
 * not even after the desk leaves the room and opens its own Hub client.
 */
describe('outbox rows handed to the site', () => {
  let dir: ReturnType<typeof makeTempDir>;
  const path = () => join(dir.path, 'j.sqlite3');
  const actor = { id: randomUUID(), role: 'ARM' };
  const options = { workstation: 'arm-01', hubClientId: 'fr.health.samu690' };

  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.cleanup());

  const sharedDossier = (journal: Journal, n: number) => {
    const dossierId = randomUUID();
    journal.command((ctx) => {
      ctx.append({ dossierId, actor, body: { type: 'dossier.created', payload: { localNumber: `DRFR15690263400000${n}`, caseId: `fr.health.samu690.DRFR15690263400000${n}`, kind: 'DRM', origin: '15', callerPhone: null, motive: 'fièvre', priority: 'P2' } } });
      ctx.append({ dossierId, actor, body: { type: 'dossier.shared', payload: { partner: 'fr.health.samu440' } } });
    });
    return dossierId;
  };

  it('in a room: the desk counts only what has not reached the site; out of it, it never sends nor counts what the site had', () => {
    const room = Journal.open(path(), { ...options, siteSync: true });
    const atSite = sharedDossier(room, 1);
    const neverPushed = sharedDossier(room, 2);
    expect(room.outbox.awaitingSite()).toBe(2);
    expect(room.pendingOutbox()).toBe(2);
    // The site takes the first dossier's events and echoes them back with their positions.
    const rows = room.eventsOf(atSite);
    room.siteSync.settle(rows.map((r) => r.id), [], new Date().toISOString());
    const echoed: PulledEvent[] = rows.map((r, i) => ({ pos: i + 1, id: r.id, site: '690', workstation: r.workstation, dossierId: r.dossier_id, type: r.type, payload: r.payload, actorId: r.actor_id, actorRole: r.actor_role, at: r.at, hlc: r.hlc, corrects: r.corrects, outcome: 'applied' }));
    room.applyRemote(echoed, 'arm-01');
    expect(room.outbox.awaitingSite()).toBe(1);
    expect(room.pendingOutbox()).toBe(1);
    // The rows themselves are untouched: the journal's record that those events carry a message.
    expect(room.outbox.ofDossier(atSite).map((r) => r.state)).toEqual(['NEW']);
    room.close();

    // The desk leaves the room (its site section removed): the standalone drain's first load and its counts.
    const alone = Journal.open(path(), options);
    try {
      const shareSeqOf = (dossierId: string) => alone.eventsOf(dossierId).find((e) => e.type === 'dossier.shared')!.seq;
      expect(alone.outbox.allNew()).toEqual([{ event_seq: shareSeqOf(neverPushed), dossier_id: neverPushed }]);
      expect(alone.pendingOutbox()).toBe(1);
      expect(alone.outbox.waiting().n).toBe(1);
    } finally {
      alone.close();
    }
  });

  it('a desk never in a room counts and drains every row as before', () => {
    const journal = Journal.open(path(), options);
    try {
      sharedDossier(journal, 1);
      sharedDossier(journal, 2);
      expect(journal.outbox.allNew()).toHaveLength(2);
      expect(journal.pendingOutbox()).toBe(2);
      expect(journal.outbox.waiting().n).toBe(2);
    } finally {
      journal.close();
    }
  });
});
