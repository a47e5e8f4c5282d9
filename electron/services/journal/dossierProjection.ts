import type Database from 'better-sqlite3';
import { applyDossierEvent, type Dossier, type DossierEventBody } from '../../../shared/domain/dossier';

interface DossierRow {
  id: string;
  local_number: string;
  case_id: string;
  kind: Dossier['kind'];
  state: Dossier['state'];
  origin: Dossier['origin'];
  caller_phone: string | null;
  motive: string;
  priority: Dossier['priority'];
  created_at: string;
  updated_at: string;
  last_seq: number;
}

export function dossierFromRow(row: DossierRow): Dossier {
  return {
    id: row.id,
    localNumber: row.local_number,
    caseId: row.case_id,
    kind: row.kind,
    state: row.state,
    origin: row.origin,
    callerPhone: row.caller_phone,
    motive: row.motive,
    priority: row.priority,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSeq: row.last_seq,
  };
}

/**
 * Keeps the `dossiers` table equal to the fold of the events. Called inside the command's
 * transaction, and by the rebuild.
 */
export class DossierProjection {
  private readonly select: Database.Statement<[string], DossierRow>;
  private readonly upsert: Database.Statement;
  private readonly lastNumber: Database.Statement<[string, string], string>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT * FROM dossiers WHERE id = ?');
    this.upsert = db.prepare(`
      INSERT INTO dossiers (id, local_number, case_id, kind, state, origin, caller_phone, motive, priority, created_at, updated_at, last_seq)
      VALUES (@id, @localNumber, @caseId, @kind, @state, @origin, @callerPhone, @motive, @priority, @createdAt, @updatedAt, @lastSeq)
      ON CONFLICT (id) DO UPDATE SET
        state = excluded.state, origin = excluded.origin, caller_phone = excluded.caller_phone,
        motive = excluded.motive, priority = excluded.priority, updated_at = excluded.updated_at,
        last_seq = excluded.last_seq`);
    this.lastNumber = db
      .prepare<[string, string], string>('SELECT local_number FROM dossiers WHERE local_number >= ? AND local_number < ? ORDER BY local_number DESC LIMIT 1')
      .pluck();
  }

  get(id: string): Dossier | undefined {
    const row = this.select.get(id);
    return row ? dossierFromRow(row) : undefined;
  }

  apply(event: { seq: number; dossierId: string; at: string; body: DossierEventBody }): Dossier {
    const next = applyDossierEvent(this.get(event.dossierId), event);
    this.upsert.run(next);
    return next;
  }

  /**
   * The last counter used under a local-number prefix (`DRFR15` + site + day): read from the
   * unique index on local_number, so no separate counter table can drift from the dossiers.
   */
  lastCounter(prefix: string): number {
    const last = this.lastNumber.get(prefix, `${prefix}:`);
    return last ? Number(last.slice(prefix.length)) : 0;
  }
}
