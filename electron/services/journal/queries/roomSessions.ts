import type Database from 'better-sqlite3';
import { foldRoomSession, ROOM_SESSION_EVENT_TYPES, type RoomSession } from '../../../../shared/domain/roomSessions';

interface SessionRow {
  seq: number;
  workstation: string;
  type: string;
  at: string;
  payload: string;
}

/**
 * The room's sessions per workstation from the journal's own and synced auth events. The floor
 * view asks every second: each call reads only the events journaled since the previous one
 * (a range of the primary key), the first call walks the journal once.
 */
export class RoomSessionQueries {
  private readonly since;
  private readonly maxSeq;
  private readonly sessions = new Map<string, RoomSession>();
  private lastSeq = 0;

  constructor(db: Database.Database) {
    const types = ROOM_SESSION_EVENT_TYPES.map((t) => `'${t}'`).join(', ');
    this.since = db.prepare<[number, number], SessionRow>(`SELECT seq, workstation, type, at, payload FROM events WHERE seq > ? AND seq <= ? AND type IN (${types}) ORDER BY seq`);
    this.maxSeq = db.prepare<[], number | null>('SELECT max(seq) FROM events').pluck();
  }

  /** Workstation → its session now, for every desk the journal has heard of. */
  current(): ReadonlyMap<string, RoomSession> {
    const upTo = this.maxSeq.get() ?? 0;
    for (const row of this.since.iterate(this.lastSeq, upTo)) {
      foldRoomSession(this.sessions, { workstation: row.workstation, type: row.type, at: row.at, payload: JSON.parse(row.payload) as { operatorId?: string } });
    }
    this.lastSeq = upTo;
    return this.sessions;
  }
}
