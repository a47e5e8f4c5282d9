import type { DossierEventBody } from '../../../shared/domain/dossier';
import { EXPIRY_ERROR_CODES, EXPIRY_MS, HUB_SENDER_ID } from './messageKinds';
import { buildCaseMessage, caseRecipient, type CaseMessageKind, type Partner } from './outboundCase';
import type { DossierProjection } from '../journal/dossierProjection';
import type { OutboxBookkeeping } from '../journal/queries/outbox';

/**
 * Drains the outbox to the Hub. The rules (ARCHITECTURE §4):
 * - in order per dossier: a dossier's next message leaves only once the broker has confirmed
 *   the previous one; different dossiers travel side by side, a round of heads at a time;
 * - a live dossier goes ahead of any backlog: dossiers with a row newer than the moment the link
 *   came back are served first in every round, and the backlog only keeps a bounded window of
 *   unacknowledged messages in the Hub, so nothing live queues behind thousands there;
 * - every retry sends the same bytes: the message (distributionID included) is built once, frozen
 *   in the row, and re-sent as is;
 * - NEW → SENT on publisher confirm → ACKED on RC-REF, FAILED on RS-ERROR (code and text kept),
 *   EXPIRED once dateTimeExpires has passed (reported, never silently dropped).
 */
export type { Partner } from './outboundCase';

export interface DrainOptions {
  /** The journal's outbox: its rows, and the named writes that keep their state. */
  outbox: OutboxBookkeeping;
  dossiers: DossierProjection;
  clientId: string;
  timeZone: string;
  partners: readonly Partner[];
  publish: (body: Buffer) => Promise<void>;
  isConnected: () => boolean;
  now?: () => number;
  /** Heads published per round. */
  batch?: number;
  /**
   * At most this many backlog messages travel unacknowledged at once. The Hub serves its queue
   * in order, so flooding it would put a live dossier's message behind the whole backlog; live
   * messages never wait for the window.
   */
  window?: number;
  resendAfterMs?: number;
  /** The Hub's own client id: it may answer any of our messages with an RS-ERROR (expiry, routing). */
  hubSenderId?: string;
  onChange?: () => void;
}

interface Head {
  dossierId: string;
  seq: number;
}

/** Why a receipt or an error about one of our messages is not applied. */
export type SettleRefusal = 'unknown' | 'unsent' | 'stranger';
export type SettleOutcome = 'settled' | SettleRefusal;

export interface DrainStatus {
  waiting: number;
  oldestWaitingAt: string | null;
  notRouted: number;
  failed: number;
  expired: number;
}

const SHORTEST_CASE_EXPIRY = Math.min(EXPIRY_MS['RS-EDA'], EXPIRY_MS['RS-EDA-MAJ']);

export class OutboxDrain {
  private readonly now: () => number;
  private readonly batch: number;
  private readonly outbox: OutboxBookkeeping;
  private running = false;
  private again = false;
  private watermark = 0;
  /** Dossiers no partner takes (yet): skipped until they change. */
  private readonly unrouted = new Set<string>();
  private stopped = false;
  /** Receipts since the last pass: receipts wake the drain in groups, not one by one. */
  private acksSincePass = 0;
  /**
   * NEW rows per dossier, in journal order: loaded from the outbox once, then followed by seq
   * (rows only ever get added at the end). The database stays the truth: a row's state is checked
   * again when it is picked, so a row expired or acknowledged meanwhile is simply dropped here.
   */
  private readonly pending = new Map<string, number[]>();
  private readonly live = new Set<string>();
  private loadedUpTo = -1;
  /** Rows handed to the transport whose confirm is not recorded yet (still NEW in the table). */
  private readonly publishing = new Set<number>();

  constructor(private readonly options: DrainOptions) {
    this.now = options.now ?? Date.now;
    this.batch = options.batch ?? 500;
    this.outbox = options.outbox;
  }

  /** The link is (back) up: what was queued until now is the backlog; anything newer is live. */
  connected(): void {
    this.watermark = this.outbox.maxSeq();
    this.unrouted.clear();
    this.live.clear();
    this.expireDue();
    this.kick();
  }

  /** Something changed (a new outbox row, a dossier edited): run a pass if none is running. */
  kick(dossierId?: string): void {
    if (dossierId) this.unrouted.delete(dossierId);
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.pass().finally(() => {
      this.running = false;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Resolves when no pass is running (tests and the benchmark wait on it). */
  async idle(): Promise<void> {
    while (this.running) await new Promise((r) => setTimeout(r, 5));
  }

  stop(): void {
    this.stopped = true;
  }

  private iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  expireDue(): number {
    const now = this.now();
    const changed = this.outbox.expireDue(this.iso(now), this.iso(now - SHORTEST_CASE_EXPIRY));
    if (changed) this.options.onChange?.();
    return changed;
  }

  /**
   * The message of a row, built once and frozen; 'unrouted' when no partner takes the dossier
   * yet; 'gone' when the row is no longer NEW (expired, or acknowledged after a lost confirm).
   */
  private messageOf(seq: number): { body: Buffer } | 'unrouted' | 'gone' {
    const row = this.outbox.row(seq);
    if (!row || row.state !== 'NEW') return 'gone';
    if (row.message) return { body: Buffer.from(row.message) };
    const dossier = this.options.dossiers.get(row.dossier_id);
    if (!dossier) return 'gone';
    const kind = row.message_kind as CaseMessageKind;
    const recipient = caseRecipient(dossier, kind, kind === 'RS-EDA' ? null : this.outbox.firstRecipientOf(dossier.id));
    if (!recipient) return 'unrouted';
    const event = { type: row.type, payload: JSON.parse(row.payload) } as DossierEventBody;
    const sentAtMs = this.now();
    const { text, expiresAtMs } = buildCaseMessage({ dossier, kind, distributionId: row.distribution_id, event, eventAt: row.at, senderId: this.options.clientId, recipientId: recipient, timeZone: this.options.timeZone, sentAtMs });
    this.outbox.freeze(seq, recipient, this.iso(expiresAtMs), this.iso(sentAtMs), text);
    return { body: Buffer.from(text) };
  }

  /** Follows the outbox: rows added since the last look join their dossier's list. */
  private refresh(): void {
    const rows = this.loadedUpTo < 0 ? this.outbox.allNew() : this.outbox.newSince(this.loadedUpTo);
    if (this.loadedUpTo < 0) this.loadedUpTo = this.outbox.maxSeq();
    for (const row of rows) {
      this.loadedUpTo = Math.max(this.loadedUpTo, row.event_seq);
      if (!row.dossier_id) continue;
      const list = this.pending.get(row.dossier_id);
      if (list) list.push(row.event_seq);
      else this.pending.set(row.dossier_id, [row.event_seq]);
      if (row.event_seq > this.watermark) this.live.add(row.dossier_id);
    }
  }

  /** The next message of each dossier: live dossiers first, then the backlog in journal order. */
  private heads(backlogRoom: number): Head[] {
    const heads: Head[] = [];
    for (const dossierId of this.live) {
      if (heads.length >= this.batch) break;
      const list = this.pending.get(dossierId);
      if (!list?.length) {
        this.live.delete(dossierId);
        continue;
      }
      if (!this.unrouted.has(dossierId)) heads.push({ dossierId, seq: list[0]! });
    }
    let room = Math.min(this.batch - heads.length, backlogRoom);
    for (const [dossierId, list] of this.pending) {
      if (room <= 0) break;
      if (this.live.has(dossierId) || this.unrouted.has(dossierId)) continue;
      heads.push({ dossierId, seq: list[0]! });
      room--;
    }
    return heads;
  }

  private done(head: Head): void {
    const list = this.pending.get(head.dossierId);
    if (list?.[0] === head.seq) list.shift();
    if (list && list.length === 0) {
      this.pending.delete(head.dossierId);
      this.live.delete(head.dossierId);
    }
  }

  private async pass(): Promise<void> {
    this.acksSincePass = 0;
    try {
      while (!this.stopped && this.options.isConnected()) {
        this.refresh();
        // Messages unanswered for longer than the re-send delay no longer hold the window.
        const room = (this.options.window ?? 2000) - this.outbox.inFlight(this.iso(this.now() - (this.options.resendAfterMs ?? 120_000)));
        const heads = this.heads(room);
        // Nothing, or only backlog with a full window: the next receipt (or change) kicks again.
        if (heads.length === 0) break;
        // One transaction per round for the writes (one disk sync, not one per message).
        const messages = this.outbox.round(() => heads.map((head) => ({ head, message: this.messageOf(head.seq) })));
        const sends: Array<Promise<{ head: Head; error: string | null }>> = [];
        for (const { head, message } of messages) {
          if (message === 'unrouted') this.unrouted.add(head.dossierId);
          else if (message === 'gone') this.done(head);
          else {
            this.publishing.add(head.seq);
            sends.push(
              this.options.publish(message.body).then(
                () => ({ head, error: null }),
                (error: unknown) => ({ head, error: String((error as Error)?.message ?? error).slice(0, 500) }),
              ),
            );
          }
        }
        const outcomes = await Promise.all(sends);
        const at = this.iso();
        this.outbox.recordPublished(
          outcomes.map((o) => ({ seq: o.head.seq, error: o.error })),
          at,
        );
        for (const o of outcomes) this.publishing.delete(o.head.seq);
        for (const o of outcomes) if (o.error === null) this.done(o.head);
        if (outcomes.length) this.options.onChange?.();
        // A refused publish means the link is going down: wait for it to come back.
        if (outcomes.some((o) => o.error !== null)) break;
      }
    } catch (error) {
      console.error('[hub] outbox pass failed:', (error as Error).message);
    }
  }

  /** Re-sends, unchanged, what the broker took but no RC-REF answered in time. */
  async resendUnacknowledged(limit = 1000): Promise<number> {
    if (!this.options.isConnected()) return 0;
    const due = this.outbox.resendDue(this.iso(this.now() - (this.options.resendAfterMs ?? 120_000)), limit);
    const outcomes = await Promise.all(due.map((row) => this.options.publish(Buffer.from(row.message)).then(() => row.event_seq, () => null)));
    const at = this.iso();
    const resent = outcomes.filter((seq): seq is number => seq !== null);
    this.outbox.recordResent(resent, at);
    return resent.length;
  }

  private seqOf(distributionId: string): number | undefined {
    const prefix = `${this.options.clientId}_`;
    if (!distributionId.startsWith(prefix)) return undefined;
    return this.outbox.seqOfEvent(distributionId.slice(prefix.length));
  }

  /**
   * Whether `from` may settle our message `distributionId` (issue 18: only the recipient settles
   * our messages): it must be one we sent — SENT or later, or being published right now (the
   * receipt can overtake the broker's confirm) — and `from` the partner it went to (or, for an
   * error, the Hub itself). A message still NEW was never sent: nobody can have received it.
   */
  private settleable(distributionId: string, from: string, hubMayAnswer: boolean): { seq: number } | { refused: SettleRefusal } {
    const seq = this.seqOf(distributionId);
    if (seq === undefined) return { refused: 'unknown' };
    const row = this.outbox.settleInfo(seq);
    if (!row) return { refused: 'unknown' };
    if (row.state === 'NEW' && !this.publishing.has(seq)) return { refused: 'unsent' };
    if (from !== row.recipient && !(hubMayAnswer && from === (this.options.hubSenderId ?? HUB_SENDER_ID))) return { refused: 'stranger' };
    return { seq };
  }

  /** RC-REF received: delivered. */
  acknowledge(distributionId: string, from: string): SettleOutcome {
    const check = this.settleable(distributionId, from, false);
    if ('refused' in check) return check.refused;
    const done = this.outbox.acknowledge(check.seq, this.iso());
    if (done) {
      this.options.onChange?.();
      // Receipts free room in the window; the periodic sweep kicks too, for the last few.
      if (++this.acksSincePass >= Math.max(1, Math.floor(this.batch / 4))) this.kick();
    }
    return 'settled';
  }

  /**
   * RS-ERROR (or a refusing RC-REF) about one of our messages: FAILED, or EXPIRED for expiry
   * codes. `code` null: the sender's code was not an integer (kept in the text).
   */
  refuse(distributionId: string, from: string, code: number | null, text: string): SettleOutcome {
    const check = this.settleable(distributionId, from, true);
    if ('refused' in check) return check.refused;
    const done =
      code !== null && EXPIRY_ERROR_CODES.has(code) ? this.outbox.expireByHub(check.seq, code, text.slice(0, 4000), this.iso()) : this.outbox.fail(check.seq, code, text.slice(0, 4000), this.iso());
    if (done) this.options.onChange?.();
    return 'settled';
  }

  status(): DrainStatus {
    const waiting = this.outbox.waiting();
    const undelivered = this.outbox.undelivered();
    return {
      waiting: waiting.n,
      oldestWaitingAt: waiting.oldestCreatedAt,
      notRouted: this.outbox.newRowsOf([...this.unrouted]),
      failed: undelivered.failed,
      expired: undelivered.expired,
    };
  }
}
