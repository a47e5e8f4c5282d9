import type Database from 'better-sqlite3';
import type { EventRow } from '../eventRow';

/** An own event waiting for the site, as the push sends it. */
export type PendingPush = Pick<EventRow, 'seq' | 'id' | 'dossier_id' | 'type' | 'payload' | 'actor_id' | 'actor_role' | 'workstation' | 'at' | 'hlc' | 'corrects'>;

/** A site.conflict event about one of this desk's events, as the status shows it. */
export interface ConflictRow {
  seq: number;
  dossier_id: string | null;
  payload: string;
  at: string;
}

/**
 * The desk's side of the room link (migration 016): the push queue (own events the site has not
 * confirmed), the site's refusals of own events, the events received from the site with their
 * positions, and the last position applied. Written by the journal's append (the queue) and by
 * the sync's bookkeeping below, never by anything else.
 */
export class SiteSyncQueries {
  private readonly s;
  private readonly inTransaction: Database.Transaction<(body: () => unknown) => unknown>;

  constructor(db: Database.Database) {
    this.inTransaction = db.transaction((body: () => unknown) => body());
    this.s = {
      enqueue: db.prepare<[number]>('INSERT INTO site_push (seq) VALUES (?)'),
      pending: db.prepare<[number], PendingPush>(
        'SELECT e.seq, e.id, e.dossier_id, e.type, e.payload, e.actor_id, e.actor_role, e.workstation, e.at, e.hlc, e.corrects FROM site_push p JOIN events e ON e.seq = p.seq ORDER BY p.seq LIMIT ?',
      ),
      pendingCount: db.prepare<[], number>('SELECT count(*) FROM site_push').pluck(),
      oldestPendingAt: db.prepare<[], string | null>('SELECT min(e.at) FROM site_push p JOIN events e ON e.seq = p.seq').pluck(),
      confirm: db.prepare<[string]>('DELETE FROM site_push WHERE seq = (SELECT seq FROM events WHERE id = ?)'),
      refuse: db.prepare<[string, string, string, string]>(
        'INSERT OR REPLACE INTO site_refused (seq, code, reason, at) SELECT seq, ?, ?, ? FROM events WHERE id = ?',
      ),
      refusedCount: db.prepare<[], number>('SELECT count(*) FROM site_refused').pluck(),
      pulledPos: db.prepare<[], number>('SELECT pulled_pos FROM site_link').pluck(),
      setPulledPos: db.prepare<[number]>('UPDATE site_link SET pulled_pos = max(pulled_pos, ?)'),
      seqOfId: db.prepare<[string], number>('SELECT seq FROM events WHERE id = ?').pluck(),
      received: db.prepare<[string, number, number | null, string]>('INSERT OR IGNORE INTO site_received (event_id, site_pos, seq, outcome) VALUES (?, ?, ?, ?)'),
      lastReceivedPos: db.prepare<[], number | null>('SELECT max(site_pos) FROM site_received').pluck(),
      receivedAfter: db.prepare<[number], number>('SELECT count(*) FROM site_received WHERE site_pos > ?').pluck(),
      atOfPos: db.prepare<[number], string>('SELECT e.at FROM site_received r JOIN events e ON e.seq = r.seq WHERE r.site_pos = ?').pluck(),
      fieldHlcs: db.prepare<[string, string], Pick<EventRow, 'id' | 'hlc' | 'payload'>>('SELECT id, hlc, payload FROM events WHERE dossier_id = ? AND type = ? ORDER BY seq'),
      overruled: db.prepare<[string], number>("SELECT count(*) FROM site_received WHERE event_id = ? AND outcome = 'overruled'").pluck(),
      conflictsAfter: db.prepare<[number, string], ConflictRow>(
        "SELECT seq, dossier_id, payload, at FROM events WHERE seq > ? AND type = 'site.conflict' AND json_extract(payload, '$.workstation') = ? ORDER BY seq",
      ),
      conflicts: db.prepare<[string, number], ConflictRow>(
        "SELECT seq, dossier_id, payload, at FROM events WHERE type = 'site.conflict' AND json_extract(payload, '$.workstation') = ? ORDER BY seq DESC LIMIT ?",
      ),
    };
  }

  /** Called by the journal's append only, inside the event's transaction. */
  enqueue(seq: number): void {
    this.s.enqueue.run(seq);
  }

  pending(limit: number): PendingPush[] {
    return this.s.pending.all(limit);
  }

  pendingCount(): number {
    return this.s.pendingCount.get() ?? 0;
  }

  oldestPendingAt(): string | null {
    return this.s.oldestPendingAt.get() ?? null;
  }

  /** The site's answers to one push: confirmed events leave the queue; refused ones too, with the reason kept. */
  settle(confirmed: readonly string[], refused: readonly { id: string; code: string; reason: string }[], at: string): void {
    this.inTransaction(() => {
      for (const id of confirmed) this.s.confirm.run(id);
      for (const r of refused) {
        this.s.refuse.run(r.code, r.reason.slice(0, 1000), at, r.id);
        this.s.confirm.run(r.id);
      }
    });
  }

  refusedCount(): number {
    return this.s.refusedCount.get() ?? 0;
  }

  pulledPos(): number {
    return this.s.pulledPos.get() ?? 0;
  }

  /** The following are the journal's own, inside applyRemote's transaction. */
  setPulledPos(pos: number): void {
    this.s.setPulledPos.run(pos);
  }

  seqOf(id: string): number | null {
    return this.s.seqOfId.get(id) ?? null;
  }

  /** False when the event was already received (a join's first stage brought it ahead of the log). */
  markReceived(eventId: string, sitePos: number, seq: number | null, outcome: 'applied' | 'overruled'): boolean {
    return this.s.received.run(eventId, sitePos, seq, outcome).changes > 0;
  }

  /**
   * The highest site position received. Above the pulled position only while a join's first stage
   * ran ahead of the log (ROOM.md §4): that gap is the join's durable state, kept by the same
   * transactions that apply the events, so a desk killed mid-join resumes where it stopped.
   */
  lastReceivedPos(): number {
    return this.s.lastReceivedPos.get() ?? 0;
  }

  /** Events received ahead of the log (a join's first stage). */
  receivedAfter(pos: number): number {
    return this.s.receivedAfter.get(pos) ?? 0;
  }

  /** When the event at that site position happened (the history a joining desk holds reaches it). */
  atOfPos(pos: number): string | null {
    return this.s.atOfPos.get(pos) ?? null;
  }

  /** The journal's events of one type on one dossier (field edits: the last writer by HLC). */
  fieldWrites(dossierId: string, type: string): Pick<EventRow, 'id' | 'hlc' | 'payload'>[] {
    return this.s.fieldHlcs.all(dossierId, type);
  }

  isOverruled(eventId: string): boolean {
    return (this.s.overruled.get(eventId) ?? 0) > 0;
  }

  /** The site's conflicts about this desk's events journaled after `seq`, oldest first (read by seq: no scan of the whole journal). */
  conflictsAfter(workstation: string, seq: number): ConflictRow[] {
    return this.s.conflictsAfter.all(seq, workstation);
  }

  /** The site's conflicts about this desk's events, newest first. */
  conflictsOf(workstation: string, limit = 20): ConflictRow[] {
    return this.s.conflicts.all(workstation, limit);
  }
}
