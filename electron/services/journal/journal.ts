import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { isCallEvent } from '../../../shared/domain/callState';
import { isDossierEvent, type JournalEventBody } from '../../../shared/domain/journalEvents';
import { CALL_PROJECTION_TABLES, CallProjection } from './callProjection';
import { CallbackProjection } from './callbackProjection';
import { DOSSIER_PROJECTION_TABLES, DossierProjection } from './dossierProjection';
import { OperatorProjection } from './operatorProjection';
import { FOLD_EVERY_EVENTS, IndicatorProjection } from './indicatorProjection';
import { callbackFacts, callFacts, dossierFacts, hubInboxFacts, hubSentFacts } from '../../../shared/domain/indicators/facts';
import type { EventRow } from './eventRow';
import { eventHash, GENESIS_HASH } from './hashChain';
import { formatHlc, HybridLogicalClock, parseHlc } from './hlc';
import { classifySqliteError } from './journalError';
import { openJournalDatabase, type OpenOptions } from './open';
import { outboxMessageFor } from '../../../shared/domain/hub/outboxMessage';
import { CallerHistoryQueries } from './queries/callerHistory';
import { CredentialQueries, type CredentialReads } from './queries/credentials';
import { HubInboxQueries, type HubInboxReads } from './queries/hubInbox';
import { type OutboxBookkeeping, OutboxQueries, PENDING_COUNT_CAP } from './queries/outbox';
import { QueueQueries } from './queries/queues';
import { ReportQueries } from './queries/reports';
import { SearchQueries } from './queries/search';
import { integrityCheck, verifyChain, type ChainVerification } from './verify';

export { PENDING_COUNT_CAP };

export interface Actor {
  id: string;
  role: string;
}

export interface NewEvent {
  /** null for what belongs to no dossier: accounts, sessions, refusals, lost calls. */
  dossierId: string | null;
  body: JournalEventBody;
  actor: Actor;
  /** The event this one corrects, when it is a correction. */
  corrects?: string;
};

export interface AppendedEvent {
  seq: number;
  id: string;
  dossierId: string | null;
  type: string;
  at: string;
  hlc: string;
  hash: string;
}

export interface JournalOptions extends OpenOptions {
  workstation: string;
  /** Hub Santé client id of this site; prefixes every outbox distributionID. */
  hubClientId: string;
  /** Injected for tests of clock jumps; defaults to Date.now. */
  now?: () => number;
  /** The site's clock the indicator rollups are cut in; absent (CLI tools): the zone they were last cut in. */
  timeZone?: string;
}

/**
 * What a command body can do inside its transaction: append events (which update the
 * projections and enqueue the outbox), read the projections as they now stand, and write the
 * tables that are not folded from events (credentials, the Hub inbox) in the same commit.
 */
export interface CommandContext {
  append(event: NewEvent): AppendedEvent;
  readonly dossiers: DossierProjection;
  readonly calls: CallProjection;
  readonly callbacks: CallbackProjection;
  readonly operators: OperatorProjection;
  readonly credentials: CredentialQueries;
  readonly hubInbox: HubInboxQueries;
}

/** The connection's durability settings, read back (they are per connection). */
export interface DurabilitySettings {
  journalMode: string;
  synchronous: number;
  foreignKeys: number;
}

/** A projection folded from every event, live and by the rebuild. */
export interface JournalAppliedEvent {
  seq: number;
  dossierId: string | null;
  at: string;
  actor: Actor;
  body: JournalEventBody;
}

/**
 * The journal: one SQLite file, the single source of truth, and the only code that holds its
 * connection. Every command runs in one transaction that appends its events (hash-chained),
 * updates the projections and enqueues the outbox rows; when `command()` returns, all of it is
 * durably committed. Everything else reads through the named queries below (queries/, one
 * module per capability, each preparing its statements once).
 */
export class Journal {
  readonly dossiers: DossierProjection;
  readonly calls: CallProjection;
  readonly callbacks: CallbackProjection;
  readonly operators: OperatorProjection;
  /** Dossier lists: active, untaken, due a transition, waiting for an appointment. */
  readonly queues: QueueQueries;
  readonly callerHistory: CallerHistoryQueries;
  readonly search: SearchQueries;
  readonly reports: ReportQueries;
  readonly credentials: CredentialReads;
  readonly hubInbox: HubInboxReads;
  /** The outbox work table: reads, and the drain's bookkeeping writes (not journal events). */
  readonly outbox: OutboxBookkeeping;
  private readonly outboxRows: OutboxQueries;
  private readonly hubInboxWrites: HubInboxQueries;
  private readonly credentialWrites: CredentialQueries;
  /** Built once: the same context serves every command (it is only valid inside one). */
  private readonly context: CommandContext;
  readonly indicators: IndicatorProjection;
  private readonly clock: HybridLogicalClock;
  private readonly now: () => number;
  private readonly statements;
  /** seq and hash of the last committed event: the chain's tail, kept to avoid a read per append. */
  private tail: { seq: number; hash: string };
  private verifiedTail = { seq: 0, hash: GENESIS_HASH };
  /** Built once: better-sqlite3 compiles a wrapper per db.transaction() call. */
  private readonly inTransaction: Database.Transaction<(body: () => unknown) => unknown>;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly options: JournalOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.statements = {
      last: db.prepare<[], Pick<EventRow, 'seq' | 'hash' | 'hlc'>>('SELECT seq, hash, hlc FROM events ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare(`
        INSERT INTO events (seq, id, dossier_id, type, payload, actor_id, actor_role, workstation, at, hlc, corrects, prev_hash, hash)
        VALUES (@seq, @id, @dossierId, @type, @payload, @actorId, @actorRole, @workstation, @at, @hlc, @corrects, @prevHash, @hash)`),
      maxSeq: db.prepare<[], number | null>('SELECT max(seq) FROM events').pluck(),
      eventsOfDossier: db.prepare<[string], EventRow>('SELECT * FROM events WHERE dossier_id = ? ORDER BY seq'),
    };
    const last = this.statements.last.get();
    this.tail = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
    // Restart the clock after the last value written: a wall clock set back while the app was
    // closed must not produce values older than the journal's.
    this.clock = new HybridLogicalClock(this.now, last ? parseHlc(last.hlc) : undefined);
    this.dossiers = new DossierProjection(db);
    this.calls = new CallProjection(db);
    this.callbacks = new CallbackProjection(db, this.dossiers);
    this.operators = new OperatorProjection(db);
    this.queues = new QueueQueries(db);
    this.callerHistory = new CallerHistoryQueries(db);
    this.search = new SearchQueries(db);
    this.reports = new ReportQueries(db);
    this.outbox = this.outboxRows = new OutboxQueries(db);
    this.credentials = this.credentialWrites = new CredentialQueries(db);
    this.hubInbox = this.hubInboxWrites = new HubInboxQueries(db, (receivedAt, before, after) => this.indicators.change(receivedAt, hubInboxFacts(before), hubInboxFacts(after)));
    this.context = {
      append: (event) => this.appendInTransaction(event),
      dossiers: this.dossiers,
      calls: this.calls,
      callbacks: this.callbacks,
      operators: this.operators,
      credentials: this.credentialWrites,
      hubInbox: this.hubInboxWrites,
    };
    this.indicators = new IndicatorProjection(db, options.timeZone ?? null);
    this.inTransaction = db.transaction((body: () => unknown) => body());
  }

  static open(path: string, options: JournalOptions): Journal {
    const db = openJournalDatabase(path, options);
    try {
      const journal = new Journal(db, path, options);
      // First open after migration 015, the site's clock changed (the hours must be cut again), or
      // the process stopped between a commit and the fold of its indicator deltas.
      const { indicators } = journal;
      if (indicators.storedZone() !== indicators.timeZone || indicators.foldedThrough !== journal.tail.seq) journal.refoldIndicators();
      return journal;
    } catch (error) {
      // A damaged events table shows up here, on the first read: refuse, and leave the file be.
      db.close();
      throw classifySqliteError(error, path);
    }
  }

  /** Runs `body` as one durable transaction; throws a JournalError (nothing written) on failure. */
  command<T>(body: (ctx: CommandContext) => T): T {
    const ctx = this.context;
    const committedTail = this.tail;
    try {
      const result = this.inTransaction.immediate(() => {
        const value = body(ctx);
        this.indicators.writeIfNoEvent(this.tail.seq !== committedTail.seq);
        return value;
      }) as T;
      this.indicators.committed(this.tail.seq);
      // The rollups' rows are written in batches after the commits (see IndicatorProjection).
      if (this.indicators.unfoldedEvents >= FOLD_EVERY_EVENTS) this.indicators.fold();
      return result;
    } catch (error) {
      this.tail = committedTail;
      this.indicators.rolledBack();
      this.callbacks.forgetOpenCounts();
      // Domain refusals pass through untouched; storage failures become JournalErrors.
      if (error instanceof Database.SqliteError) throw classifySqliteError(error, this.path);
      throw error;
    }
  }

  private appendInTransaction(event: NewEvent): AppendedEvent {
    // The gap-free trigger still guards this: a stale tail makes the insert fail, never fork the chain.
    const seq = this.tail.seq + 1;
    const prevHash = this.tail.hash;
    const wall = this.now();
    const hlc = formatHlc(this.clock.tick());
    const row = {
      seq,
      id: uuidv7(),
      dossierId: event.dossierId,
      type: event.body.type,
      payload: JSON.stringify(event.body.payload),
      actorId: event.actor.id,
      actorRole: event.actor.role,
      workstation: this.options.workstation,
      at: new Date(wall).toISOString(),
      hlc,
      corrects: event.corrects ?? null,
      prevHash,
    };
    const hash = eventHash(row);
    this.statements.insert.run({ ...row, hash });
    this.tail = { seq, hash };
    this.project({ seq, dossierId: event.dossierId, at: row.at, actor: event.actor, body: event.body });
    const message = outboxMessageFor(event.body);
    if (message) {
      // One event, one message: the distributionID derives from the event id, so every retry
      // (and a rebuild of the outbox) sends the very same id.
      this.outboxRows.enqueue(seq, event.dossierId, message, `${this.options.hubClientId}_${row.id}`, row.at);
    }
    return { seq, id: row.id, dossierId: event.dossierId, type: row.type, at: row.at, hlc, hash };
  }

  /** Every projection sees every event, in seq order; each keeps what concerns it. */
  private project(event: JournalAppliedEvent): void {
    if (isCallEvent(event.body)) {
      // A call may have no dossier yet: the call log keeps it, the callback list reads lost ones.
      const { before, after } = this.calls.applyTracked({ seq: event.seq, at: event.at, body: event.body });
      this.indicators.change(after.presentedAt, callFacts(before), callFacts(after));
    } else if (isDossierEvent(event.body)) {
      if (event.dossierId === null) throw new Error(`${event.body.type} needs a dossier id`);
      const { before, after } = this.dossiers.applyTracked({ seq: event.seq, dossierId: event.dossierId, at: event.at, actor: event.actor, body: event.body });
      this.indicators.change(after.createdAt, dossierFacts(before), dossierFacts(after));
    }
    // After the dossier: a P3 callback reads the dossier's callback number as it now stands.
    const callback = this.callbacks.apply(event);
    if (callback) this.indicators.change(callback.after.createdAt, callbackFacts(callback.before), callbackFacts(callback.after));
    this.operators.apply(event);
    // A Hub message counts in the hour of the event that produced it.
    const message = outboxMessageFor(event.body);
    if (message) this.indicators.change(event.at, {}, hubSentFacts(message));
  }

  eventsOf(dossierId: string): EventRow[] {
    return this.statements.eventsOfDossier.all(dossierId);
  }

  /** Full verification from the genesis. */
  verify(): ChainVerification {
    return verifyChain(this.db);
  }

  /**
   * The app's status check: resumes after the last event it already verified, so that showing
   * the journal's health stays cheap on a workstation with millions of events. `maxEvents`
   * bounds one call, so the first walk of a large journal (seconds) can be done in slices
   * between requests instead of freezing them.
   */
  verifyIncrementally(maxEvents = Number.POSITIVE_INFINITY): ChainVerification {
    const result = verifyChain(this.db, this.verifiedTail, maxEvents);
    if (result.ok && result.lastHash) this.verifiedTail = { seq: result.lastSeq, hash: result.lastHash };
    return result;
  }

  integrityCheck(): string {
    return integrityCheck(this.db);
  }

  /** Messages not yet acknowledged by the broker, counted up to `cap` (the screen says "cap or more"). */
  pendingOutbox(cap = PENDING_COUNT_CAP): number {
    return this.outbox.pendingCount(cap);
  }

  /** The last committed seq, read from the file (0 for an empty journal). */
  lastSeq(): number {
    return this.statements.maxSeq.get() ?? 0;
  }

  durability(): DurabilitySettings {
    return {
      journalMode: this.db.pragma('journal_mode', { simple: true }) as string,
      synchronous: this.db.pragma('synchronous', { simple: true }) as number,
      foreignKeys: this.db.pragma('foreign_keys', { simple: true }) as number,
    };
  }

  /** Drops and refolds every projection from the events, in one transaction. */
  rebuildProjections(): void {
    this.db.transaction(() => {
      for (const table of [...DOSSIER_PROJECTION_TABLES, ...CALL_PROJECTION_TABLES, ...CallbackProjection.TABLES, ...OperatorProjection.TABLES]) this.db.exec(`DELETE FROM ${table}`);
      this.indicators.startRefold();
      // Paged: better-sqlite3 cannot write on a connection while a cursor is open on it.
      const page = this.db.prepare<[number], Pick<EventRow, 'seq' | 'dossier_id' | 'type' | 'payload' | 'at' | 'actor_id' | 'actor_role'>>(
        'SELECT seq, dossier_id, type, payload, at, actor_id, actor_role FROM events WHERE seq > ? ORDER BY seq LIMIT 1000',
      );
      for (let rows = page.all(0); rows.length > 0; rows = page.all(rows.at(-1)!.seq)) {
        for (const row of rows) {
          const body = { type: row.type, payload: JSON.parse(row.payload) } as JournalEventBody;
          this.project({ seq: row.seq, dossierId: row.dossier_id, at: row.at, actor: { id: row.actor_id, role: row.actor_role }, body });
        }
      }
      // Received messages are the inbox's own record, not events.
      this.hubInboxWrites.eachForIndicators((receivedAt, row) => this.indicators.change(receivedAt, {}, hubInboxFacts(row)));
      this.indicators.writeRefold(this.tail.seq);
    }).immediate();
    this.callbacks.forgetOpenCounts();
  }

  /**
   * Cuts the indicator rollups again from the projections as they stand (each call, callback and
   * dossier's facts credited to its cohort hour): the sum of every delta the events made, without
   * re-reading the events. Runs when the site's clock changed or the rollups were just created.
   */
  refoldIndicators(): void {
    this.db.transaction(() => {
      this.indicators.startRefold();
      // Paged by primary key (some of these tables have no rowid): no cursor open while writing.
      const pages = (table: 'calls' | 'callbacks' | 'dossiers', each: (id: string) => void) => {
        const page = this.db.prepare<[string], string>(`SELECT id FROM ${table} WHERE id > ? ORDER BY id LIMIT 1000`).pluck();
        for (let ids = page.all(''); ids.length > 0; ids = page.all(ids.at(-1)!)) ids.forEach(each);
      };
      pages('calls', (id) => {
        const call = this.calls.get(id)!;
        this.indicators.change(call.presentedAt, {}, callFacts(call));
      });
      pages('callbacks', (id) => {
        const cb = this.callbacks.get(id)!;
        this.indicators.change(cb.createdAt, {}, callbackFacts(cb));
      });
      pages('dossiers', (id) => {
        const d = this.dossiers.get(id)!;
        this.indicators.change(d.createdAt, {}, dossierFacts(d));
      });
      // Hub messages: one outbox row per event that produced one (written with it), and the inbox's record of every message received.
      const outboxPage = this.db.prepare<[number], { event_seq: number; created_at: string; message_kind: string }>('SELECT event_seq, created_at, message_kind FROM outbox WHERE event_seq > ? ORDER BY event_seq LIMIT 1000');
      for (let rows = outboxPage.all(0); rows.length > 0; rows = outboxPage.all(rows.at(-1)!.event_seq)) {
        for (const row of rows) this.indicators.change(row.created_at, {}, hubSentFacts(row.message_kind));
      }
      this.hubInboxWrites.eachForIndicators((receivedAt, row) => this.indicators.change(receivedAt, {}, hubInboxFacts(row)));
      this.indicators.writeRefold(this.tail.seq);
    }).immediate();
  }

  /** Writes the indicator deltas still held in memory (they are otherwise written in batches and before reads). */
  foldIndicators(): void {
    this.indicators.fold();
  }

  /** Checkpoints the WAL into the main file; called when idle and at close (the pending indicator deltas first). */
  checkpoint(): void {
    this.indicators.fold();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.checkpoint();
    } finally {
      this.db.close();
    }
  }
}
