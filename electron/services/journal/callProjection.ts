import type Database from 'better-sqlite3';
import { applyCallEvent, type AppliedCallEvent, type Call } from '../../../shared/domain/callState';
import { RING_GROUP_WINDOW_MS } from '../../../shared/domain/roomCalls';

interface CallRow {
  id: string;
  sip_call_id: string;
  direction: Call['direction'];
  state: Call['state'];
  remote_number: string | null;
  remote_name: string | null;
  dossier_id: string | null;
  presented_at: string;
  ringing_at: string | null;
  answered_at: string | null;
  ended_at: string | null;
  outcome: Call['outcome'];
  ended_by: Call['endedBy'];
  end_reason: string | null;
  sip_code: number | null;
  transfer_target: string | null;
  last_seq: number;
}

function callFromRow(r: CallRow): Call {
  return {
    id: r.id,
    sipCallId: r.sip_call_id,
    direction: r.direction,
    state: r.state,
    remoteNumber: r.remote_number,
    remoteName: r.remote_name,
    dossierId: r.dossier_id,
    presentedAt: r.presented_at,
    ringingAt: r.ringing_at,
    answeredAt: r.answered_at,
    endedAt: r.ended_at,
    outcome: r.outcome,
    endedBy: r.ended_by,
    endReason: r.end_reason,
    sipCode: r.sip_code,
    transferTarget: r.transfer_target,
    lastSeq: r.last_seq,
  };
}

export const CALL_PROJECTION_TABLES = ['calls'] as const;

/** Keeps `calls` equal to the fold of the call events; runs inside the command's transaction. */
export class CallProjection {
  private readonly select: Database.Statement<[string], CallRow>;
  private readonly upsert: Database.Statement;
  private readonly lost: Database.Statement<[string, string, number], CallRow>;
  private readonly ofDossier: Database.Statement<[string], CallRow>;
  private readonly unfinishedCalls: Database.Statement<[], CallRow>;
  private readonly latest: Database.Statement<[number], CallRow>;
  private readonly sameSip: Database.Statement<[string, string, string, string], CallRow>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT * FROM calls WHERE id = ?');
    this.upsert = db.prepare(`
      INSERT INTO calls (id, sip_call_id, direction, state, remote_number, remote_name, dossier_id, presented_at, ringing_at, answered_at, ended_at, outcome, ended_by, end_reason, sip_code, transfer_target, last_seq)
      VALUES (@id, @sipCallId, @direction, @state, @remoteNumber, @remoteName, @dossierId, @presentedAt, @ringingAt, @answeredAt, @endedAt, @outcome, @endedBy, @endReason, @sipCode, @transferTarget, @lastSeq)
      ON CONFLICT (id) DO UPDATE SET
        state = excluded.state, dossier_id = excluded.dossier_id, ringing_at = excluded.ringing_at,
        answered_at = excluded.answered_at, ended_at = excluded.ended_at, outcome = excluded.outcome,
        ended_by = excluded.ended_by, end_reason = excluded.end_reason, sip_code = excluded.sip_code,
        transfer_target = excluded.transfer_target, last_seq = excluded.last_seq`);
    // Same predicate as the partial index calls_lost, so the planner uses it.
    this.lost = db.prepare(`
      SELECT * FROM calls
      WHERE direction = 'inbound' AND state = 'ended' AND answered_at IS NULL AND presented_at >= ? AND presented_at < ?
      ORDER BY presented_at DESC LIMIT ?`);
    this.ofDossier = db.prepare('SELECT * FROM calls WHERE dossier_id = ? ORDER BY presented_at');
    this.unfinishedCalls = db.prepare("SELECT * FROM calls WHERE state != 'ended' ORDER BY presented_at");
    this.latest = db.prepare('SELECT * FROM calls ORDER BY presented_at DESC LIMIT ?');
    // Through calls_by_presented: the branches of a ring-group call are presented together.
    this.sameSip = db.prepare('SELECT * FROM calls WHERE presented_at >= ? AND presented_at <= ? AND sip_call_id = ? AND id != ?');
  }

  /** The other branches of the same SIP call journaled here (in a room: the other desks' ones). */
  sameSipCall(call: Call): Call[] {
    const at = Date.parse(call.presentedAt);
    const from = new Date(at - RING_GROUP_WINDOW_MS).toISOString();
    const to = new Date(at + RING_GROUP_WINDOW_MS).toISOString();
    return this.sameSip.all(from, to, call.sipCallId, call.id).map(callFromRow);
  }

  /** The post's call history, newest first (the journal is the post's: every call in it is this post's). */
  recent(limit: number): Call[] {
    return this.latest.all(limit).map(callFromRow);
  }

  /** Calls the journal still has as under way: after a crash, none of them is really up. */
  unfinished(): Call[] {
    return this.unfinishedCalls.all().map(callFromRow);
  }

  get(id: string): Call | undefined {
    const row = this.select.get(id);
    return row ? callFromRow(row) : undefined;
  }

  apply(event: AppliedCallEvent): Call {
    return this.applyTracked(event).after;
  }

  /** Applies the event and says what the call was before it (the indicator rollups need both). */
  applyTracked(event: AppliedCallEvent): { before: Call | undefined; after: Call } {
    const before = this.get(event.body.payload.callId);
    const after = applyCallEvent(before, event);
    this.upsert.run(after);
    return { before, after };
  }

  /** Lost calls presented in [from, to), newest first: the call-back list reads this. */
  lostCalls(from: string, to: string, limit: number): Call[] {
    return this.lost.all(from, to, limit).map(callFromRow);
  }

  ofDossierId(dossierId: string): Call[] {
    return this.ofDossier.all(dossierId).map(callFromRow);
  }
}
