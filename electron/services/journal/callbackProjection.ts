import type Database from 'better-sqlite3';
import { applyCallbackEvent, compareCallbacks, type Callback } from '../../../shared/domain/callbacks';
import { OpenCallbackDeadlines } from '../../../shared/domain/indicators/openCallbacks';
import { callbackEventOf } from '../../../shared/domain/indicators/recompute';
import type { DossierProjection } from './dossierProjection';
import type { JournalAppliedEvent } from './journal';

/**
 * The callback list as a table: each row is the fold of its callback's events (JSON), with the
 * columns the list needs to sort and filter. A P3 routing opens (or moves) the dossier's
 * deferred callback, keyed by the dossier id: one obligation per dossier.
 */
const DONE_SHOWN = 200;

export class CallbackProjection {
  static readonly TABLES = ['callbacks'] as const;
  private readonly select: Database.Statement<[string], { data: string }>;
  private readonly upsert: Database.Statement;
  private readonly open: Database.Statement<[], { data: string }>;
  private readonly done: Database.Statement<[], { data: string }>;
  private readonly byCall: Database.Statement<[string], string>;
  private readonly openDue: Database.Statement<[], { id: string; due_at: string | null }>;
  /** Loaded on first use, then kept by `apply`; dropped when a command rolls back or a rebuild runs. */
  private deadlines: OpenCallbackDeadlines | null = null;

  constructor(
    db: Database.Database,
    private readonly dossiers: DossierProjection,
  ) {
    this.select = db.prepare('SELECT data FROM callbacks WHERE id = ?');
    this.upsert = db.prepare(`
      INSERT INTO callbacks (id, dossier_id, due_at, done_at, call_id, data) VALUES (@id, @dossierId, @dueAt, @doneAt, @callId, @data)
      ON CONFLICT (id) DO UPDATE SET due_at = excluded.due_at, done_at = excluded.done_at, data = excluded.data`);
    this.open = db.prepare('SELECT data FROM callbacks WHERE done_at IS NULL');
    // Done ones: the latest only — the list is a work tool, the journal keeps the history.
    this.done = db.prepare(`SELECT data FROM callbacks WHERE done_at IS NOT NULL ORDER BY done_at DESC LIMIT ${DONE_SHOWN}`);
    this.byCall = db.prepare<[string], string>('SELECT id FROM callbacks WHERE call_id = ?').pluck();
    this.openDue = db.prepare('SELECT id, due_at FROM callbacks WHERE done_at IS NULL');
  }

  /** Open callbacks, due and late now: what the floor view shows, without reading every open callback. */
  openCounts(now: number): { open: number; due: number; late: number } {
    if (!this.deadlines) {
      this.deadlines = new OpenCallbackDeadlines();
      for (const row of this.openDue.all()) this.deadlines.set(row.id, true, row.due_at);
    }
    return this.deadlines.counts(now);
  }

  /** The table changed without `apply` seeing the final state (a rollback, a rebuild): read again on next use. */
  forgetOpenCounts(): void {
    this.deadlines = null;
  }

  get(id: string): Callback | undefined {
    const row = this.select.get(id);
    return row ? (JSON.parse(row.data) as Callback) : undefined;
  }

  list(includeDone: boolean): Callback[] {
    const rows = includeDone ? [...this.open.all(), ...this.done.all()] : this.open.all();
    return rows.map((r) => JSON.parse(r.data) as Callback).sort(compareCallbacks);
  }

  /** The callback opened for a lost call, by the telephony's call id. */
  byCallId(callId: string): Callback | undefined {
    const id = this.byCall.get(callId);
    return id ? this.get(id) : undefined;
  }

  /** Applies the event when it concerns a callback, and says what that callback was before it. */
  apply(event: JournalAppliedEvent): { before: Callback | undefined; after: Callback } | null {
    // The same translation the indicators' recomputation uses (a P3 routing opens the deferred callback).
    const translated = callbackEventOf(event, this.dossiers);
    if (!translated) return null;
    const id = translated.body.payload.callbackId;
    const before = this.get(id);
    const next = applyCallbackEvent(before, translated);
    this.upsert.run({ id, dossierId: next.dossierId, dueAt: next.dueAt, doneAt: next.doneAt, callId: next.callId, data: JSON.stringify(next) });
    this.deadlines?.set(id, next.doneAt === null, next.dueAt);
    return { before, after: next };
  }
}
