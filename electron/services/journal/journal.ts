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
import { RoomSessionQueries } from './queries/roomSessions';
import { SiteSyncQueries } from './queries/siteSync';
import { applyDossierEvent, type Dossier, type DossierEventBody } from '../../../shared/domain/dossier';
import { fieldKey, onceInRoomKey } from '../../../shared/domain/siteRules';
import type { QueueEventBody } from '../../../shared/domain/queueEscalation';
import type { PulledEvent } from '../../../shared/api/siteProtocol';
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
  /** The desk is in a room (a `site` section): every own event also goes to the push queue. */
  siteSync?: boolean;
  /** Told after every committed command (the room's sync pushes; never called inside the transaction). */
  afterCommit?: () => void;
}

/** What applying a page of the site log changed on this desk. */
export interface RemoteApplied {
  /** Events journaled here for the first time. */
  inserted: number;
  dossierIds: Set<string>;
  callbackIds: Set<string>;
  /** Calls another desk's events changed (a ring-group branch answered there ends a lost call here). */
  callIds: Set<string>;
  /** Accounts another desk changed (created, reset, deactivated): a session here may have to end. */
  operatorIds: Set<string>;
  /** site.conflict events about this desk's own events. */
  conflicts: number;
  /** Another desk's wait escalations the site applied (its duplicates are overruled): this desk alerts as for its own. */
  escalations: { seq: number; payload: QueueEventBody['payload'] }[];
  pulledPos: number;
  /** The last site position this page reached (the log's, or a join's first stage's). */
  lastPos: number;
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
/** A page's fold refused an event while applied without savepoints: the page is applied again with them. */
class FoldRefused extends Error {}

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
  /** The room link's push queue and bookkeeping (migration 016). */
  /** Who is signed in where in the room (the floor view), from the synced auth events. */
  readonly roomSessions: RoomSessionQueries;
  readonly siteSync: Omit<SiteSyncQueries, 'enqueue' | 'setPulledPos' | 'markReceived'>;
  private readonly siteRows: SiteSyncQueries;
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
      workstationAt: db.prepare<[number], string>('SELECT workstation FROM events WHERE seq = ?').pluck(),
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
    this.siteSync = this.siteRows = new SiteSyncQueries(db);
    this.roomSessions = new RoomSessionQueries(db);
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
    let result: T;
    try {
      result = this.inTransaction.immediate(() => {
        const value = body(ctx);
        this.indicators.writeIfNoEvent(this.tail.seq !== committedTail.seq);
        return value;
      }) as T;
      this.indicators.committed(this.tail.seq);
      // The rollups' rows are written in batches after the commits (see IndicatorProjection).
      if (this.indicators.unfoldedEvents >= FOLD_EVERY_EVENTS) this.indicators.fold();
    } catch (error) {
      this.tail = committedTail;
      this.indicators.rolledBack();
      this.callbacks.forgetOpenCounts();
      // Domain refusals pass through untouched; storage failures become JournalErrors.
      if (error instanceof Database.SqliteError) throw classifySqliteError(error, this.path);
      throw error;
    }
    if (this.tail !== committedTail) this.options.afterCommit?.();
    return result;
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
    const dossier = this.project({ seq, dossierId: event.dossierId, at: row.at, actor: event.actor, body: event.body });
    if (this.options.siteSync) this.siteRows.enqueue(seq);
    const message = outboxMessageFor(event.body, dossier);
    if (message) {
      // One event, one message: the distributionID derives from the event id, so every retry
      // (and a rebuild of the outbox) sends the very same id.
      this.outboxRows.enqueue(seq, event.dossierId, message, `${this.options.hubClientId}_${row.id}`, row.at);
    }
    return { seq, id: row.id, dossierId: event.dossierId, type: row.type, at: row.at, hlc, hash };
  }

  /**
   * Every projection sees every event, in seq order; each keeps what concerns it. Returns the
   * dossier as the event left it (null for events about no dossier): the outbox policy reads it.
   */
  private project(event: JournalAppliedEvent): Dossier | null {
    let dossier: Dossier | null = null;
    if (isCallEvent(event.body)) {
      // A call may have no dossier yet: the call log keeps it, the callback list reads lost ones.
      const { before, after } = this.calls.applyTracked({ seq: event.seq, at: event.at, body: event.body });
      this.indicators.change(after.presentedAt, callFacts(before), callFacts(after));
    } else if (isDossierEvent(event.body)) {
      if (event.dossierId === null) throw new Error(`${event.body.type} needs a dossier id`);
      const { before, after } = this.dossiers.applyTracked({ seq: event.seq, dossierId: event.dossierId, at: event.at, actor: event.actor, body: event.body });
      this.indicators.change(after.createdAt, dossierFacts(before), dossierFacts(after));
      dossier = after;
    }
    // After the dossier: a P3 callback reads the dossier's callback number as it now stands.
    const callback = this.callbacks.apply(event);
    if (callback) this.indicators.change(callback.after.createdAt, callbackFacts(callback.before), callbackFacts(callback.after));
    this.operators.apply(event);
    // A Hub message counts in the hour of the event that produced it.
    const message = outboxMessageFor(event.body, dossier);
    if (message) this.indicators.change(event.at, {}, hubSentFacts(message));
    return dossier;
  }

  /**
   * Journals a page of the site log, in site order, in one transaction: another desk's event gets
   * this desk's next seq and hash (its id, origin workstation, author, time and HLC kept) and is
   * folded into the projections — unless the site overruled it, or (a field edit) this desk holds
   * a newer value by HLC. An own event coming back overruled refolds its dossier without it. The
   * Hub outbox is not fed from here: the room's messages leave from the site.
   *
   * A page is applied first without a savepoint per event: SQLite copies every page an event
   * touches into the savepoint's journal, which doubled a catch-up's time. Should an event's fold be
   * refused (a rule, a constraint of this desk's), the page rolls back and is applied again with a
   * savepoint per event and per dossier, so that event alone stays journaled, unfolded.
   */
  applyRemote(events: readonly PulledEvent[], ownWorkstation: string, stage: 'log' | 'openStage' = 'log'): RemoteApplied {
    try {
      return this.applyPage(events, ownWorkstation, stage, false);
    } catch (error) {
      if (!(error instanceof FoldRefused)) throw error;
      return this.applyPage(events, ownWorkstation, stage, true);
    }
  }

  private applyPage(events: readonly PulledEvent[], ownWorkstation: string, stage: 'log' | 'openStage', careful: boolean): RemoteApplied {
    const out: RemoteApplied = { inserted: 0, dossierIds: new Set(), callbackIds: new Set(), callIds: new Set(), operatorIds: new Set(), conflicts: 0, escalations: [], pulledPos: this.siteRows.pulledPos(), lastPos: 0 };
    // A join's first stage (ROOM.md §4) runs ahead of the log from the last position it received;
    // the log then skips what it brought. Only the log moves the pulled position.
    let floor = stage === 'log' ? out.pulledPos : this.siteRows.lastReceivedPos();
    const committedTail = this.tail;
    try {
      this.inTransaction.immediate(() => {
        this.dossiers.beginBatch();
        for (const e of events) {
          if (e.pos <= floor) continue;
          floor = e.pos;
          out.lastPos = e.pos;
          if (stage === 'log') out.pulledPos = e.pos;
          const known = this.siteRows.seqOf(e.id);
          if (known !== null) {
            // Received ahead by a join's first stage: nothing more to do.
            if (!this.siteRows.markReceived(e.id, e.pos, known, e.outcome)) continue;
            // Own event (or one applied before a crash of the bookkeeping): its pos is now known.
            if (e.outcome === 'overruled' && e.dossierId) {
              this.refoldDossier(e.dossierId);
              out.dossierIds.add(e.dossierId);
            }
            continue;
          }
          const remoteHlc = parseHlc(e.hlc);
          this.clock.receive(remoteHlc);
          const seq = this.tail.seq + 1;
          const row = {
            seq,
            id: e.id,
            dossierId: e.dossierId,
            type: e.type,
            payload: e.payload,
            actorId: e.actorId,
            actorRole: e.actorRole,
            workstation: e.workstation,
            at: e.at,
            hlc: e.hlc,
            corrects: e.corrects,
            prevHash: this.tail.hash,
          };
          const hash = eventHash(row);
          this.statements.insert.run({ ...row, hash });
          this.tail = { seq, hash };
          out.inserted += 1;
          const body = { type: e.type, payload: JSON.parse(e.payload) } as JournalEventBody;
          const fold = e.outcome === 'applied' && !this.olderFieldValue(e);
          this.siteRows.markReceived(e.id, e.pos, seq, fold ? 'applied' : 'overruled');
          if (e.type === 'site.conflict') {
            if ((body.payload as { workstation?: string }).workstation === ownWorkstation) out.conflicts += 1;
            if (e.dossierId) out.dossierIds.add(e.dossierId);
            continue;
          }
          if (!fold) continue;
          if (e.dossierId) out.dossierIds.add(e.dossierId);
          if (body.type === 'queue.waitEscalated' && !this.escalatedHere(e, ownWorkstation)) out.escalations.push({ seq, payload: body.payload });
          const callbackId = (body.payload as { callbackId?: unknown }).callbackId;
          if (typeof callbackId === 'string') out.callbackIds.add(callbackId);
          const undo = this.dossiers.batchUndo(e.dossierId);
          try {
            const fold = () => {
              this.project({ seq, dossierId: e.dossierId, at: e.at, actor: { id: e.actorId, role: e.actorRole }, body });
              this.takeRoomCredential(body, e.at);
            };
            // A savepoint: a rule of this desk's fold refusing the event leaves it journaled, unfolded.
            if (careful) this.inTransaction(fold);
            else fold();
            if (body.type.startsWith('call.')) out.callIds.add((body.payload as { callId: string }).callId);
            if (body.type.startsWith('operator.')) out.operatorIds.add((body.payload as { operatorId: string }).operatorId);
          } catch (error) {
            undo();
            // A storage failure stops the page; a constraint of this desk's projections (a login already
            // used here by another account) leaves the event journaled, unfolded, like a rule's refusal.
            if (error instanceof Database.SqliteError && !error.code.startsWith('SQLITE_CONSTRAINT')) throw error;
            // Without its savepoint the refused fold may have written part of itself: the page again, carefully.
            if (!careful) throw new FoldRefused();
          }
        }
        // The page's dossiers, each written once; a constraint of this desk's (a number already used
        // here) leaves that dossier's events journaled, unfolded, as above.
        this.dossiers.endBatch((write) => {
          try {
            if (careful) this.inTransaction(write);
            else write();
          } catch (error) {
            if (!(error instanceof Database.SqliteError) || !error.code.startsWith('SQLITE_CONSTRAINT')) throw error;
            if (!careful) throw new FoldRefused();
          }
        });
        if (stage === 'log') this.siteRows.setPulledPos(out.pulledPos);
      });
      // The rollups follow the received events as they follow this desk's own (written after the commit).
      this.indicators.committed(this.tail.seq);
      if (this.indicators.unfoldedEvents >= FOLD_EVERY_EVENTS) this.indicators.fold();
    } catch (error) {
      this.dossiers.abortBatch();
      this.tail = committedTail;
      this.indicators.rolledBack();
      this.callbacks.forgetOpenCounts();
      if (error instanceof Database.SqliteError) throw classifySqliteError(error, this.path);
      throw error;
    }
    return out;
  }

  /** An account made or reset on another desk: its hash, so this desk signs the operator in (ROOM.md §3). */
  private takeRoomCredential(body: JournalEventBody, at: string): void {
    if (body.type !== 'operator.created' && body.type !== 'operator.passwordReset') return;
    const credential = body.payload.credential;
    if (!credential) return;
    this.credentialWrites.replace(body.payload.operatorId, { params: credential.params, salt: credential.salt, hash: credential.hash }, at);
  }

  /** This desk wrote (and alerted) the same escalation itself before it pulled the one the room kept. */
  private escalatedHere(e: PulledEvent, ownWorkstation: string): boolean {
    if (!e.dossierId) return false;
    const key = onceInRoomKey(e.type, JSON.parse(e.payload));
    return this.statements.eventsOfDossier.all(e.dossierId).some((row) => row.workstation === ownWorkstation && row.id !== e.id && onceInRoomKey(row.type, JSON.parse(row.payload)) === key);
  }

  /** A field edit from another desk older (by HLC) than the value this desk holds for that field. */
  private olderFieldValue(e: PulledEvent): boolean {
    if (!e.dossierId) return false;
    const key = fieldKey(e.type, JSON.parse(e.payload));
    if (!key) return false;
    return this.siteRows
      .fieldWrites(e.dossierId, e.type)
      .some((w) => w.id !== e.id && w.hlc > e.hlc && fieldKey(e.type, JSON.parse(w.payload)) === key && !this.siteRows.isOverruled(w.id));
  }

  /** Folds one dossier again from its events, leaving out those the site overruled. */
  private refoldDossier(dossierId: string): void {
    let next: Dossier | undefined;
    for (const row of this.statements.eventsOfDossier.all(dossierId)) {
      if (!row.type.startsWith('dossier.') || this.siteRows.isOverruled(row.id)) continue;
      try {
        next = applyDossierEvent(next, { seq: row.seq, dossierId, at: row.at, actor: { id: row.actor_id, role: row.actor_role }, body: { type: row.type, payload: JSON.parse(row.payload) } as DossierEventBody });
      } catch {
        // as the live fold: a refused event changes nothing
      }
    }
    if (next) this.dossiers.replace(next);
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

  /**
   * One bounded slice of a walk that neither trusts nor moves the cached tail: the report's full
   * verification re-reads the chain from the genesis, slice after slice, between requests.
   */
  verifySlice(from: { seq: number; hash: string }, maxEvents: number): ChainVerification {
    return verifyChain(this.db, from, maxEvents);
  }

  integrityCheck(): string {
    return integrityCheck(this.db);
  }

  /**
   * Messages not yet acknowledged by the broker, counted up to `cap` (the screen says "cap or
   * more"). In a room, this desk's share: its messages not yet handed to the site (the site's own
   * count comes from the site, roomHubStatus.ts).
   */
  pendingOutbox(cap = PENDING_COUNT_CAP): number {
    return this.options.siteSync ? this.outbox.awaitingSite(cap) : this.outbox.pendingCount(cap);
  }

  /** Whether the event at `seq` was written on this workstation (in a room, the others' are pulled). */
  isOwnEvent(seq: number): boolean {
    return this.statements.workstationAt.get(seq) === this.options.workstation;
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
      const page = this.db.prepare<[number], Pick<EventRow, 'seq' | 'id' | 'dossier_id' | 'type' | 'payload' | 'at' | 'actor_id' | 'actor_role'>>(
        'SELECT seq, id, dossier_id, type, payload, at, actor_id, actor_role FROM events WHERE seq > ? ORDER BY seq LIMIT 1000',
      );
      for (let rows = page.all(0); rows.length > 0; rows = page.all(rows.at(-1)!.seq)) {
        for (const row of rows) {
          // The room: what the site overruled is journaled, never folded; its notices fold into nothing.
          if (row.type.startsWith('site.') || this.siteRows.isOverruled(row.id)) continue;
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
