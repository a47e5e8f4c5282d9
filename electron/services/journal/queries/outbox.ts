import type Database from 'better-sqlite3';

/** Past this many waiting messages the status says "at least" rather than counting them all. */
export const PENDING_COUNT_CAP = 10_000;

export type TransmissionState = 'NEW' | 'SENT' | 'ACKED' | 'FAILED' | 'EXPIRED';

/**
 * What becomes of a desk's outbox rows in a room: the site is the Hub client and sends the room's
 * messages, so the desk never drains its rows nor changes their state (they stay NEW, as written
 * with their event: the journal's record that the event carries a message, which the indicators'
 * refold counts). A row is handed to the site once the site has its event: then the row is the
 * site's to send, and no count or drain here may take it for a message still to send — not even
 * after the desk leaves the room (its `site` section removed and its own client opened), which
 * would otherwise send again what the site sent. Rows whose event never reached the site stay
 * this desk's. Told by the site's echo of the event (site_received, by the event id): a probe of
 * two primary keys, asked only of a journal that has been in a room.
 */
const NOT_AT_SITE = 'NOT EXISTS (SELECT 1 FROM events e JOIN site_received r ON r.event_id = e.id WHERE e.seq = o.event_seq)';

/** An outbox row with what the drain needs to build its message (the event it carries). */
export interface OutboxRowToSend {
  event_seq: number;
  dossier_id: string;
  message_kind: string;
  distribution_id: string;
  state: string;
  message: string | null;
  recipient: string | null;
  type: string;
  payload: string;
  at: string;
}

/** A dossier's outbox row as the dossier screen shows it. */
export interface TransmissionRow {
  event_seq: number;
  message_kind: string;
  state: TransmissionState;
  recipient: string | null;
  attempts: number;
  created_at: string;
  sent_at: string | null;
  acked_at: string | null;
  error_code: number | null;
  last_error: string | null;
}

/** What the rest of the services see of the outbox: rows are enqueued only by the journal's append. */
export type OutboxBookkeeping = Omit<OutboxQueries, 'enqueue'>;

/**
 * The outbox work table: rows are enqueued by the journal's own append (same transaction as
 * their event); everything after that — the frozen message, publish confirms, receipts, errors,
 * expiry — is bookkeeping of the drain, not journal events. The writes that group several rows
 * run in one transaction (one disk sync per round, not one per message).
 */
export class OutboxQueries {
  private readonly s;
  private readonly inTransaction: Database.Transaction<(body: () => unknown) => unknown>;

  constructor(db: Database.Database) {
    this.inTransaction = db.transaction((body: () => unknown) => body());
    // Only a journal that has been in a room holds rows handed to the site; nothing else pays the probe.
    // (A desk in a room counts with awaitingSite; a standalone one never writes site_received.)
    const notAtSite = db.prepare('SELECT 1 FROM site_received LIMIT 1').get() === undefined ? '' : `AND ${NOT_AT_SITE}`;
    this.s = {
      enqueue: db.prepare(`
        INSERT INTO outbox (event_seq, dossier_id, message_kind, distribution_id, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?)`),
      // Bounded: a post without Hub Santé keeps every message pending, and counting millions of
      // them took a second on every status request of a 2 M-dossier journal.
      // In a room: own messages whose event the site has not confirmed yet (site_push); once it has, they are the site's to send.
      awaitingSite: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM outbox o JOIN site_push p ON p.seq = o.event_seq LIMIT ?)'),
      oldestAwaitingSite: db.prepare<[], string | null>('SELECT min(o.created_at) FROM outbox o JOIN site_push p ON p.seq = o.event_seq').pluck(),
      awaitingSiteOf: db.prepare<[string], TransmissionRow>(
        'SELECT o.* FROM outbox o JOIN site_push p ON p.seq = o.event_seq WHERE o.dossier_id = ? ORDER BY o.event_seq',
      ),
      pendingCount: db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM outbox o WHERE state IN ('NEW', 'SENT') ${notAtSite} LIMIT ?)`),
      ofDossier: db.prepare<[string], TransmissionRow>(
        'SELECT event_seq, message_kind, state, recipient, attempts, created_at, sent_at, acked_at, error_code, last_error FROM outbox WHERE dossier_id = ? ORDER BY event_seq',
      ),
      allNew: db.prepare<[], { event_seq: number; dossier_id: string }>(`SELECT event_seq, dossier_id FROM outbox o WHERE state = 'NEW' AND dossier_id IS NOT NULL ${notAtSite} ORDER BY event_seq`),
      newSince: db.prepare<[number], { event_seq: number; dossier_id: string | null }>("SELECT event_seq, dossier_id FROM outbox WHERE event_seq > ? AND state = 'NEW' ORDER BY event_seq"),
      row: db.prepare<[number], OutboxRowToSend>(`
        SELECT o.event_seq, o.dossier_id, o.message_kind, o.distribution_id, o.state, m.message, o.recipient, e.type, e.payload, e.at
        FROM outbox o JOIN events e ON e.seq = o.event_seq LEFT JOIN outbox_message m ON m.event_seq = o.event_seq WHERE o.event_seq = ?`),
      creationSeq: db.prepare<[string], number>('SELECT search_rowid FROM dossiers WHERE id = ?').pluck(),
      recipientOf: db.prepare<[number], string | null>('SELECT recipient FROM outbox WHERE event_seq = ?').pluck(),
      freezeRow: db.prepare('UPDATE outbox SET recipient = ?, expires_at = ?, updated_at = ? WHERE event_seq = ?'),
      freezeMessage: db.prepare('INSERT INTO outbox_message (event_seq, message) VALUES (?, ?)'),
      // The partner's receipt can overtake our bookkeeping of the confirm: count the attempt anyway,
      // and only a row still NEW becomes SENT.
      sent: db.prepare("UPDATE outbox SET state = CASE WHEN state = 'NEW' THEN 'SENT' ELSE state END, attempts = attempts + 1, sent_at = ?, updated_at = ?, last_error = NULL WHERE event_seq = ?"),
      attemptFailed: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE event_seq = ?'),
      expireBuilt: db.prepare("UPDATE outbox SET state = 'EXPIRED', updated_at = ?, last_error = coalesce(last_error, 'expired before delivery') WHERE state IN ('NEW', 'SENT') AND expires_at <= ?"),
      expireUnbuilt: db.prepare("UPDATE outbox SET state = 'EXPIRED', updated_at = ?, last_error = 'expired before it could be sent' WHERE state = 'NEW' AND expires_at IS NULL AND created_at <= ?"),
      eventSeq: db.prepare<[string], number>('SELECT seq FROM events WHERE id = ?').pluck(),
      settleInfo: db.prepare<[number], { state: TransmissionState; recipient: string | null }>('SELECT state, recipient FROM outbox WHERE event_seq = ?'),
      settle: db.prepare("UPDATE outbox SET state = ?, acked_at = ?, error_code = ?, last_error = ?, updated_at = ? WHERE event_seq = ? AND state IN ('NEW', 'SENT')"),
      // The Hub's word on an expiry is kept even when our own sweep got there first.
      expiredByHub: db.prepare("UPDATE outbox SET state = 'EXPIRED', error_code = ?, last_error = ?, updated_at = ? WHERE event_seq = ? AND state IN ('NEW', 'SENT', 'EXPIRED')"),
      resendDue: db.prepare<[string, number], { event_seq: number; message: string }>(
        "SELECT o.event_seq, m.message FROM outbox o JOIN outbox_message m ON m.event_seq = o.event_seq WHERE o.state = 'SENT' AND o.sent_at <= ? ORDER BY o.sent_at LIMIT ?",
      ),
      resent: db.prepare('UPDATE outbox SET sent_at = ?, attempts = attempts + 1, updated_at = ? WHERE event_seq = ?'),
      maxSeq: db.prepare<[], number | null>('SELECT max(event_seq) FROM outbox').pluck(),
      inFlight: db.prepare<[string], number>("SELECT count(*) FROM outbox WHERE state = 'SENT' AND sent_at > ?").pluck(),
      // Both answered from the pending index alone (event_seq is the rowid): no table reads.
      waiting: db.prepare<[], { n: number; oldest: number | null }>(`SELECT count(*) AS n, min(event_seq) AS oldest FROM outbox o WHERE state IN ('NEW', 'SENT') ${notAtSite}`),
      createdAt: db.prepare<[number], string>('SELECT created_at FROM outbox WHERE event_seq = ?').pluck(),
      undelivered: db.prepare<[], { state: string; n: number }>("SELECT state, count(*) AS n FROM outbox WHERE state IN ('FAILED', 'EXPIRED') GROUP BY state"),
      unroutedRows: db.prepare<[string], number>("SELECT count(*) FROM outbox WHERE state = 'NEW' AND dossier_id IN (SELECT value FROM json_each(?))").pluck(),
    };
  }

  /** Called by the journal's append only, inside the command's transaction. */
  enqueue(seq: number, dossierId: string | null, kind: string, distributionId: string, at: string): void {
    this.s.enqueue.run(seq, dossierId, kind, distributionId, at, at);
  }

  /**
   * A desk in a room drains nothing: its outbox rows record which own events tell the partners
   * something, and a row counts as handed to the site once the site has confirmed its event.
   * These are the ones not handed yet, counted up to `cap`.
   */
  awaitingSite(cap = PENDING_COUNT_CAP): number {
    return this.s.awaitingSite.get(cap)?.n ?? 0;
  }

  oldestAwaitingSite(): string | null {
    return this.s.oldestAwaitingSite.get() ?? null;
  }

  awaitingSiteOf(dossierId: string): TransmissionRow[] {
    return this.s.awaitingSiteOf.all(dossierId);
  }

  /** Messages not yet acknowledged by the broker, counted up to `cap`. */
  pendingCount(cap = PENDING_COUNT_CAP): number {
    return this.s.pendingCount.get(cap)?.n ?? 0;
  }

  /** A dossier's rows, oldest first. */
  ofDossier(dossierId: string): TransmissionRow[] {
    return this.s.ofDossier.all(dossierId);
  }

  /** Every NEW row of a dossier, in journal order (the drain's first load). */
  allNew(): Array<{ event_seq: number; dossier_id: string }> {
    return this.s.allNew.all();
  }

  /** NEW rows added after `seq`. */
  newSince(seq: number): Array<{ event_seq: number; dossier_id: string | null }> {
    return this.s.newSince.all(seq);
  }

  row(seq: number): OutboxRowToSend | undefined {
    return this.s.row.get(seq);
  }

  /** The recipient the dossier's first message (its creation event) was frozen with, if any. */
  firstRecipientOf(dossierId: string): string | null {
    const creation = this.s.creationSeq.get(dossierId);
    return creation ? (this.s.recipientOf.get(creation) ?? null) : null;
  }

  /** The message is built once and kept: every retry sends the very same bytes. */
  freeze(seq: number, recipient: string, expiresAt: string, at: string, message: string): void {
    this.s.freezeRow.run(recipient, expiresAt, at, seq);
    this.s.freezeMessage.run(seq, message);
  }

  /** Runs a drain round's reads and freezes in one transaction (one disk sync for the round). */
  round<T>(body: () => T): T {
    return this.inTransaction(body) as T;
  }

  /** Publish outcomes of a round (confirmed: SENT; refused: the attempt and its error), in one transaction. */
  recordPublished(outcomes: ReadonlyArray<{ seq: number; error: string | null }>, at: string): void {
    this.inTransaction(() => {
      for (const o of outcomes) {
        if (o.error === null) this.s.sent.run(at, at, o.seq);
        else this.s.attemptFailed.run(o.error, at, o.seq);
      }
    });
  }

  /** Unacknowledged messages published again, in one transaction. */
  recordResent(seqs: readonly number[], at: string): void {
    this.inTransaction(() => {
      for (const seq of seqs) this.s.resent.run(at, at, seq);
    });
  }

  /** Rows past their dateTimeExpires (built) or too old to be sent at all (never built): EXPIRED. */
  expireDue(at: string, unbuiltCreatedBefore: string): number {
    return this.inTransaction(() => this.s.expireBuilt.run(at, at).changes + this.s.expireUnbuilt.run(at, unbuiltCreatedBefore).changes) as number;
  }

  /** The row of the event with this id (the distributionID's suffix). */
  seqOfEvent(eventId: string): number | undefined {
    return this.s.eventSeq.get(eventId) ?? undefined;
  }

  /** RC-REF: delivered. False when the row was no longer waiting. */
  acknowledge(seq: number, at: string): boolean {
    return this.s.settle.run('ACKED', at, null, null, at, seq).changes > 0;
  }

  /** A row's state and the partner it was sent to: who may settle it, and whether it left. */
  settleInfo(seq: number): { state: TransmissionState; recipient: string | null } | undefined {
    return this.s.settleInfo.get(seq);
  }

  /** RS-ERROR (or a refusing RC-REF): FAILED with the Hub's code (null: not an integer) and text. */
  fail(seq: number, code: number | null, text: string, at: string): boolean {
    return this.s.settle.run('FAILED', null, code, text, at, seq).changes > 0;
  }

  /** The Hub says the message expired: EXPIRED with its code and text. */
  expireByHub(seq: number, code: number, text: string, at: string): boolean {
    return this.s.expiredByHub.run(code, text, at, seq).changes > 0;
  }

  /** SENT rows published at or before `sentBefore`, oldest first, with their frozen message. */
  resendDue(sentBefore: string, limit: number): Array<{ event_seq: number; message: string }> {
    return this.s.resendDue.all(sentBefore, limit);
  }

  maxSeq(): number {
    return this.s.maxSeq.get() ?? 0;
  }

  /** SENT rows published after `sentAfter`: the ones still holding the window. */
  inFlight(sentAfter: string): number {
    return this.s.inFlight.get(sentAfter) ?? 0;
  }

  /** NEW and SENT rows, and when the oldest of them was enqueued. */
  waiting(): { n: number; oldestCreatedAt: string | null } {
    const waiting = this.s.waiting.get() ?? { n: 0, oldest: null };
    return { n: waiting.n, oldestCreatedAt: waiting.oldest === null ? null : (this.s.createdAt.get(waiting.oldest) ?? null) };
  }

  /** FAILED and EXPIRED rows, counted per state. */
  undelivered(): { failed: number; expired: number } {
    const counts = Object.fromEntries(this.s.undelivered.all().map((r) => [r.state, r.n]));
    return { failed: counts.FAILED ?? 0, expired: counts.EXPIRED ?? 0 };
  }

  /** NEW rows of these dossiers. */
  newRowsOf(dossierIds: readonly string[]): number {
    return dossierIds.length ? (this.s.unroutedRows.get(JSON.stringify(dossierIds)) ?? 0) : 0;
  }
}
