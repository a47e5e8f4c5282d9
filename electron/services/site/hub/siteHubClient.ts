import type pg from 'pg';
import { isDistributionIdOf, isHubClientId } from '../../../../shared/domain/hub/hubIds';
import type { DossierEventBody } from '../../../../shared/domain/dossier';
import { AmqpTransport, type AfterAck, type HubQueue } from '../../hub/amqpTransport';
import { readKeyMaterial, type HubConfig } from '../../hub/hubService';
import { officialSchemaValidator, parseInbound } from '../../hub/inboundMessage';
import { EXPIRY_ERROR_CODES, EXPIRY_MS, HUB_ERROR, HUB_SENDER_ID } from '../../hub/messageKinds';
import { buildCaseMessage, caseRecipient } from '../../hub/outboundCase';
import { errorAnswer, receiptAnswer } from '../../hub/inboxAnswer';
import type { Appointment, CreateCaseHealth, CreateCaseHealthUpdate } from '../../hub/inboundMessage';
import { HybridLogicalClock } from '../../journal/hlc';
import type { SiteEvent } from '../../../../shared/api/siteProtocol';
import { HubLease, LeaseLostError, type FenceTransaction } from '../hubLease';
import { caseEvent, event, updateEvent, withdrawalEvent, type CaseContext } from './siteCaseInbox';
import * as inbox from './siteHubInbox';
import { appointmentConflict, closedToPartners, nothingToWithdraw, replayOrder, sharedBy } from '../../../../shared/domain/hub/partnerInbox';
import type { Dossier } from '../../../../shared/domain/dossier';
import { appointmentChangeOf } from '../../hub/sasAppointment';
import * as outbox from './siteHubOutbox';
import { recordLink } from './siteHubState';
import { withoutControls } from '../../../../shared/api/controlCharacters';

const clean = (text: string | null): string | null => (text === null ? null : withoutControls(text));

/**
 * The SAMU's one Hub Santé client, run by the site (ROOM.md §5). Every site instance runs one;
 * only the holder of the Hub lease connects to the broker: it builds the room's outbox from the
 * site log in site order, drains it, and owns the inbox. When it loses the lease it closes its
 * link at once (its unacknowledged deliveries go back to the queue for the next holder), and
 * every send it still attempts is refused by the fence.
 *
 * Every write to the Hub's bookkeeping and every publish runs in a fenced transaction
 * (hubLease.ts): a holder that lost cannot record anything, nor send once it knows.
 */
export interface SiteHubOptions {
  /** The site's pool (reads that need no fence: status). */
  pool: pg.Pool;
  /** Where the lease and the outbox live (the same database). */
  connection: pg.ClientConfig;
  hub: HubConfig;
  clientId: string;
  timeZone: string;
  passphrase?: string;
  holderId?: string;
  lease?: { ttlMs?: number; heartbeatMs?: number; marginMs?: number };
  /** Housekeeping period: build, drain, re-send, expire. */
  sweepMs?: number;
  batch?: number;
  reconnect?: { initialDelayMs: number; maxDelayMs: number };
  /**
   * Appends events to the room's log (the site store, as the site itself: workstation 'site').
   * Without it partners' cases are only kept as received.
   */
  appendToLog?: (events: SiteEvent[]) => Promise<Array<{ id: string; status: string; reason: string | null }>>;
  siteCode?: string;
  log?: (line: string) => void;
  /** The link went up or down (the site tells the desks at once rather than at its next poll). */
  onLinkChange?: () => void;
}

/** What one delivery leads to: events for the room's log, answers owed to its sender. */
interface Kept {
  events: SiteEvent[];
  answers: Buffer[];
  /** Cases received in this batch, not in site_dossiers until the batch is appended: their updates in the same batch find them here. */
  cases: Map<string, { id: string; state: Dossier | null }>;
  caseSenders: Map<string, string>;
}

const SHORTEST_CASE_EXPIRY = Math.min(EXPIRY_MS['RS-EDA'], EXPIRY_MS['RS-EDA-MAJ']);
/** How long a new link reads its queues before re-sending anything unanswered. */
const RECEIPT_GRACE_MS = 5_000;

export class SiteHubClient {
  readonly lease: HubLease;
  private transport: AmqpTransport | null = null;
  private sweep: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;
  private readonly log: (line: string) => void;
  private readonly acceptFrom: ReadonlySet<string>;
  private readonly clock = new HybridLogicalClock(Date.now);
  /** When this term's link came up (null: down). */
  private linkUpAt: number | null = null;

  constructor(private readonly options: SiteHubOptions) {
    this.log = options.log ?? (() => undefined);
    this.acceptFrom = new Set([...options.hub.partners.map((p) => p.clientId), ...options.hub.acceptFrom, options.hub.sasPlatformId, HUB_SENDER_ID]);
    this.lease = new HubLease({
      connection: options.connection,
      ...(options.holderId ? { holderId: options.holderId } : {}),
      ...options.lease,
      onAcquired: (token) => {
        this.log(`hub: lease taken (term ${token}), connecting to the Hub as ${options.clientId}`);
        this.connect();
      },
      onLost: (token, reason) => {
        this.log(`hub: lease lost (term ${token}): ${reason}; link closed`);
        void this.disconnect();
      },
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.lease.start();
    this.sweep = setInterval(() => {
      if (!this.lease.isHolder()) return;
      void this.housekeeping();
      this.kick();
    }, this.options.sweepMs ?? 1_000);
    this.sweep.unref();
  }

  /** The log moved (a new head) or a receipt freed a dossier: run a pass if none is running. */
  kick(): void {
    if (this.stopped || !this.lease.isHolder() || !this.transport?.connected) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.pass().finally(() => {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  status(): Promise<outbox.SiteHubStatus & { holding: boolean; connected: boolean; holderId: string }> {
    return outbox.outboxStatus(this.options.pool).then((s) => ({ ...s, holding: this.lease.isHolder(), connected: this.transport?.connected ?? false, holderId: this.lease.holderId }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweep) clearInterval(this.sweep);
    while (this.running) await new Promise((r) => setTimeout(r, 5));
    await this.disconnect();
    await this.lease.stop();
  }

  private connect(): void {
    if (this.transport || this.stopped) return;
    const transport = new AmqpTransport({
      brokerUrl: this.options.hub.brokerUrl,
      vhost: this.options.hub.vhost,
      clientId: this.options.clientId,
      tls: readKeyMaterial(this.options.hub, this.options.passphrase),
      prefetch: this.options.hub.prefetch,
      ...(this.options.reconnect ? { initialDelayMs: this.options.reconnect.initialDelayMs, maxDelayMs: this.options.reconnect.maxDelayMs } : {}),
      onDeliveries: (deliveries) => this.receive(deliveries),
      onConnected: () => {
        this.linkUpAt = Date.now();
        this.sayLink(transport, true, null);
        this.kick();
      },
      onDisconnected: (reason) => {
        this.linkUpAt = null;
        this.log(`hub: link down: ${reason.slice(0, 200)}`);
        this.sayLink(transport, false, reason);
      },
    });
    this.transport = transport;
    transport.start().catch((error: unknown) => this.log(`hub: cannot start the link: ${(error as Error).message}`));
  }

  private async disconnect(): Promise<void> {
    const transport = this.transport;
    this.transport = null;
    this.linkUpAt = null;
    await transport?.close().catch(() => undefined);
    if (transport) await recordLink(this.options.pool, this.lease.holderId, false, 'Hub lease given up').catch(() => undefined);
  }

  /**
   * The link's state for the desks (site_hub_link): only this term's link speaks, so a closing
   * link of a lost term cannot say "connected" after the fact. The database away: the desks
   * keep the last state they were told, marked stale once the site stops answering.
   */
  private sayLink(transport: AmqpTransport, connected: boolean, error: string | null): void {
    if (this.transport !== transport) return;
    recordLink(this.options.pool, this.lease.holderId, connected, error)
      .then(() => this.options.onLinkChange?.())
      .catch((e: unknown) => this.log(`hub: link state not recorded: ${(e as Error).message}`));
  }

  /** A publish through the link of this term: refused once the link was closed (lease lost). */
  private publish(transport: AmqpTransport, body: Buffer): Promise<void> {
    if (this.transport !== transport) return Promise.reject(new LeaseLostError('the Hub link of this term is closed'));
    return transport.publish(body);
  }

  private async pass(): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    const unrouted = new Set<string>();
    try {
      // The outbox follows the log first, so what a desk pushed after an outage leaves in site order.
      while (this.lease.isHolder() && (await this.lease.fenced((tx) => outbox.buildFromLog(tx, this.options.clientId))) > 0);
      while (!this.stopped && this.lease.isHolder() && transport.connected && this.transport === transport) {
        const heads = (await outbox.heads(this.options.pool, (this.options.batch ?? 200) + unrouted.size)).filter((h) => !unrouted.has(h.dossierId));
        if (heads.length === 0) break;
        await this.freeze(heads, unrouted);
        const ready = heads.filter((h) => !unrouted.has(h.dossierId));
        if (ready.length === 0) break;
        const sent: { outcomes: Array<{ pos: number; error: string | null }> | null } = { outcomes: null };
        const failed = await this.lease.fenced(async (tx) => {
          const frozen = await this.frozenMessages(tx, ready.map((h) => h.pos));
          const outcomes = await Promise.all(
            ready
              .filter((h) => frozen.has(h.pos))
              .map((h) =>
                this.publish(transport, Buffer.from(frozen.get(h.pos)!)).then(
                  () => ({ pos: h.pos, error: null }),
                  (error: unknown) => ({ pos: h.pos, error: String((error as Error)?.message ?? error) }),
                ),
              ),
          );
          sent.outcomes = outcomes;
          await outbox.recordPublished(tx, outcomes, tx.token);
          return outcomes.some((o) => o.error !== null);
        }).catch(async (error: unknown) => {
          // Confirmed by the broker, but the transaction that records it was ended meanwhile (on a
          // starved machine the confirms outlast idle_in_transaction_session_timeout): recorded in a
          // new one, or every following pass would publish the whole batch again (night-shift soak
          // at nice 19: 534 copies received again). Lease lost: the next holder re-sends, same bytes.
          if (sent.outcomes && !(error instanceof LeaseLostError)) await this.lease.fenced((tx) => outbox.recordPublished(tx, sent.outcomes!, tx.token));
          throw error;
        });
        // A refused publish means the link is going down: it kicks again when it is back.
        if (failed) break;
      }
    } catch (error) {
      if (!(error instanceof LeaseLostError)) this.log(`hub: outbox pass failed: ${(error as Error).message}`);
    }
  }

  /** Builds and freezes, in one fenced transaction, the messages of heads not built yet. */
  private async freeze(heads: readonly outbox.OutboxHead[], unrouted: Set<string>): Promise<void> {
    const unbuilt = heads.filter((h) => h.message === null);
    if (unbuilt.length === 0) return;
    const ids = [...new Set(unbuilt.map((h) => h.dossierId))];
    await this.lease.fenced(async (tx) => {
      const dossiers = await outbox.dossiersOf(tx, ids);
      const first = await outbox.firstRecipients(tx, ids);
      for (const head of unbuilt) {
        const dossier = dossiers.get(head.dossierId);
        const recipient = dossier ? caseRecipient(dossier, head.kind, first.get(head.dossierId) ?? null) : null;
        if (!dossier || !recipient) {
          unrouted.add(head.dossierId);
          continue;
        }
        const event = { type: head.eventType, payload: JSON.parse(head.eventPayload) } as DossierEventBody;
        const { text, expiresAtMs } = buildCaseMessage({ dossier, kind: head.kind, distributionId: head.distributionId, event, eventAt: head.createdAt, senderId: this.options.clientId, recipientId: recipient, timeZone: this.options.timeZone, sentAtMs: Date.now() });
        await outbox.freeze(tx, head.pos, recipient, new Date(expiresAtMs).toISOString(), text);
      }
    });
  }

  private async frozenMessages(tx: FenceTransaction, positions: readonly number[]): Promise<Map<number, string>> {
    const { rows } = await tx.query<{ pos: number | string; message: string }>("SELECT pos, message FROM site_hub_outbox WHERE pos = ANY($1) AND state = 'NEW' AND message IS NOT NULL", [positions]);
    return new Map(rows.map((r) => [Number(r.pos), r.message]));
  }

  private async housekeeping(): Promise<void> {
    const transport = this.transport;
    try {
      await this.lease.fenced((tx) => outbox.expireDue(tx, SHORTEST_CASE_EXPIRY));
      if (!transport?.connected || this.linkUpAt === null) return;
      const resendAfterMs = this.options.hub.resendAfterSeconds * 1000;
      // Receipts for what the previous holder sent wait in our queues (the dead holder's unacked
      // deliveries went back there): read them before re-sending, or the partner gets copies.
      if (Date.now() - this.linkUpAt < Math.min(resendAfterMs, RECEIPT_GRACE_MS)) return;
      await this.lease.fenced(async (tx) => {
        const due = await outbox.resendDue(tx, resendAfterMs, 500);
        const resent = await Promise.all(due.map((row) => this.publish(transport, Buffer.from(row.message)).then(() => row.pos, () => null)));
        await outbox.recordResent(tx, resent.filter((p): p is number => p !== null), tx.token);
      });
    } catch (error) {
      if (!(error instanceof LeaseLostError)) this.log(`hub: housekeeping failed: ${(error as Error).message}`);
    }
  }

  /**
   * A batch of deliveries, kept in one fenced transaction: receipts and errors settle our
   * messages (only from whom they went to); everything is kept in site_hub_inbox, a message
   * seen before from the same sender once. Not kept (lease lost, database away): left
   * unacknowledged, the broker gives them to the next holder.
   */
  private async receive(deliveries: Array<{ queue: HubQueue; body: Buffer }>): Promise<Array<{ kept: boolean; after: AfterAck }>> {
    const transport = this.transport;
    try {
      const kept: Kept = { events: [], answers: [], cases: new Map(), caseSenders: new Map() };
      await this.lease.fenced(async (tx) => {
        for (const d of deliveries) await this.keep(tx, d.queue, d.body, kept);
      });
      // Into the room's log before the broker may forget the messages: a failure here leaves
      // them unacknowledged, and the retry appends nothing twice (the ids are derived).
      if (kept.events.length && this.options.appendToLog) {
        const results = await this.options.appendToLog(kept.events);
        for (const r of results) if (r.status === 'refused') this.log(`hub: the site log refused ${r.id}: ${r.reason ?? ''}`);
      }
      this.kick();
      const after = transport && kept.answers.length ? () => Promise.all(kept.answers.map((a) => this.publish(transport, a))).then(() => undefined) : undefined;
      return deliveries.map((_d, i) => ({ kept: true, after: i === deliveries.length - 1 ? after : undefined }));
    } catch (error) {
      if (!(error instanceof LeaseLostError)) this.log(`hub: deliveries not kept: ${(error as Error).message}`);
      return deliveries.map(() => ({ kept: false, after: undefined }));
    }
  }

  private async keep(tx: FenceTransaction, queue: HubQueue, body: Buffer, kept: Kept): Promise<void> {
    const parsed = parseInbound(body, officialSchemaValidator());
    const record = (state: 'APPLIED' | 'KEPT' | 'PENDING' | 'REJECTED', sender: string | null, distributionId: string | null, kind: string | null, problem: string | null, caseId: string | null = null) =>
      tx.query(
        `INSERT INTO site_hub_inbox (queue, sender_id, distribution_id, kind, state, problem, body, token, case_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (sender_id, distribution_id) WHERE state <> 'REJECTED' DO NOTHING`,
        // What a refused message claims may carry a NUL, which a PostgreSQL text cannot hold: the
        // insert would fail and the message come back for ever. Shown as U+FFFD; the body is bytes.
        [queue, clean(sender), clean(distributionId), clean(kind), state, clean(problem?.slice(0, 2000) ?? null), body, tx.token, clean(caseId?.slice(0, 300) ?? null)],
      );
    if (!parsed.ok) {
      await record('REJECTED', parsed.senderId ?? null, parsed.distributionId ?? null, null, `${parsed.stage}: ${parsed.problem}`);
      return;
    }
    const { envelope, kind } = parsed;
    const sender = envelope.senderId;
    if (!isHubClientId(sender) || !isDistributionIdOf(sender, envelope.distributionId) || !this.acceptFrom.has(sender)) {
      await record('REJECTED', sender.slice(0, 100), envelope.distributionId.slice(0, 300), kind, `${kind} from ${sender.slice(0, 100)}, who is not one of our partners`);
      return;
    }
    if (envelope.recipientId !== this.options.clientId) {
      await record('REJECTED', sender, envelope.distributionId, kind, `addressed to ${envelope.recipientId.slice(0, 100)}, not to ${this.options.clientId}`);
      return;
    }
    if (kind === 'RC-REF' || kind === 'RS-ERROR') {
      // A receipt seen before (the partner retried) changes nothing.
      const seen = await tx.query("SELECT 1 FROM site_hub_inbox WHERE sender_id = $1 AND distribution_id = $2 AND state <> 'REJECTED'", [sender, envelope.distributionId]);
      if (seen.rowCount) return;
      let settled: Awaited<ReturnType<typeof outbox.settle>>;
      if (kind === 'RC-REF') {
        const ref = parsed.payload as { distributionID: string; refused?: boolean };
        settled = await outbox.settle(tx, ref.distributionID, sender, HUB_SENDER_ID, ref.refused ? { state: 'FAILED', code: HUB_ERROR.INVALID_MESSAGE, text: `refused by ${sender}` } : { state: 'ACKED' });
      } else {
        const error = parsed.payload as { errorCode: { statusCode: number; statusString: string }; errorCause: string; referencedDistributionID: string };
        const code = Number.isSafeInteger(error.errorCode.statusCode) ? error.errorCode.statusCode : null;
        const text = `${error.errorCode.statusString}: ${error.errorCause}`;
        settled = await outbox.settle(tx, error.referencedDistributionID, sender, HUB_SENDER_ID, { state: code !== null && EXPIRY_ERROR_CODES.has(code) ? 'EXPIRED' : 'FAILED', code, text });
      }
      await record(settled === 'settled' ? 'APPLIED' : 'REJECTED', sender, envelope.distributionId, kind, settled === 'settled' ? null : `${kind} about a message that is ${settled}`);
      return;
    }
    const answer = (step: 'INTEGRE' | 'RECU') => kept.answers.push(receiptAnswer(this.answerContext(), { senderId: sender, distributionId: envelope.distributionId }, step));
    // Refused with the desks' words and answered RS-ERROR, as a standalone desk does.
    const refuse = async (code: number, problem: string, caseId: string | null) => {
      await record('REJECTED', sender, envelope.distributionId, kind, problem, caseId);
      kept.answers.push(errorAnswer(this.answerContext(), { senderId: sender, distributionId: envelope.distributionId }, code, problem, body));
    };
    if (!this.options.appendToLog || !this.options.siteCode) {
      // A site that cannot write into the room's log keeps everything as received.
      await record('KEPT', sender, envelope.distributionId, kind, null);
      answer('RECU');
      return;
    }
    const ctx = { siteCode: this.options.siteCode, timeZone: this.options.timeZone, clock: this.clock, now: Date.now() };
    const apply = async (event: SiteEvent | null, caseId: string | null) => {
      if (event) kept.events.push(event);
      await record('APPLIED', sender, envelope.distributionId, kind, null, caseId);
      answer('INTEGRE');
    };
    if (kind === 'RS-SAS-RDV') {
      if (sender !== this.options.hub.sasPlatformId) {
        await refuse(HUB_ERROR.SENDER_INCONSISTENCY, `RS-SAS-RDV from ${sender}: only ${this.options.hub.sasPlatformId} sends appointments`, null);
        return;
      }
      const a = parsed.payload as Appointment;
      const again = await inbox.seenBefore(tx, sender, envelope.distributionId);
      if (!again) {
        const conflict = appointmentConflict(a.method, a.appointmentId, await inbox.appointmentKnown(tx, a.appointmentId));
        if (conflict) {
          await refuse(HUB_ERROR.CONFLICT, conflict, null);
          return;
        }
        await inbox.upsertAppointment(tx, a, envelope.distributionId);
      }
      // Attached to a dossier of the room: the change is written on it (DOMAIN §6: applied by appointmentId); a closed dossier is never written again.
      const attached = await inbox.dossierOfAppointment(tx, a.appointmentId);
      const current = attached?.state.appointments.find((x) => x.appointmentId === a.appointmentId);
      const change = attached && current && !closedToPartners(attached.state) ? appointmentChangeOf(current, a) : null;
      await apply(change && attached && current ? event(ctx, envelope, attached.id, 'dossier.appointmentUpdated', { id: current.id, ...change }) : null, null);
      return;
    }
    if (kind !== 'RS-EDA' && kind !== 'RS-EDA-MAJ') {
      await record('KEPT', sender, envelope.distributionId, kind, null);
      answer('RECU');
      return;
    }
    const caseId = (parsed.payload as { caseId: string }).caseId;
    const known = kept.cases.get(caseId) ?? (await inbox.dossierOfCase(tx, caseId));
    if (envelope.distributionKind === 'Cancel') {
      // A Cancel never creates anything: it withdraws what this partner shared, and drops its updates still waiting for the case.
      const dropped = await inbox.dropPending(tx, caseId, sender, `withdrawn by ${sender} (Cancel ${envelope.distributionId})`);
      // A case received earlier in this batch (state not folded yet) is open, and this sender's only if it came from them.
      const shared = known !== null && (known.state ? sharedBy(known.state, sender) : kept.caseSenders.get(caseId) === sender);
      const closed = known?.state && shared ? closedToPartners(known.state) : null;
      if (closed) await refuse(HUB_ERROR.INVALID_MESSAGE, closed, caseId);
      else if (known && shared) await apply(withdrawalEvent(ctx, envelope, known.id), caseId);
      else if (dropped > 0 || (await inbox.seenBefore(tx, sender, envelope.distributionId))) await apply(null, caseId);
      else await refuse(HUB_ERROR.INVALID_MESSAGE, nothingToWithdraw(caseId, sender), caseId);
      return;
    }
    if (known?.state) {
      const closed = closedToPartners(known.state);
      if (closed) {
        await refuse(HUB_ERROR.INVALID_MESSAGE, closed, caseId);
        return;
      }
    }
    if (kind === 'RS-EDA') {
      const caseEventOf = await caseEvent(tx, ctx, envelope, parsed.payload as CreateCaseHealth, known?.id ?? null);
      await apply(caseEventOf, caseId);
      if (!known && caseEventOf.dossierId) {
        kept.cases.set(caseId, { id: caseEventOf.dossierId, state: null });
        kept.caseSenders.set(caseId, sender);
        await this.replayWaiting(tx, ctx, caseId, caseEventOf.dossierId, kept);
      }
      return;
    }
    if (!known) {
      // Overtook its case on the way: kept, answered RECU (not INTEGRE) until the case arrives.
      await record('PENDING', sender, envelope.distributionId, kind, `case ${caseId} not in the room yet: kept until it arrives`, caseId);
      answer('RECU');
      return;
    }
    await apply(updateEvent(ctx, envelope, known.id, parsed.payload as CreateCaseHealthUpdate), caseId);
  }

  private answerContext() {
    return { clientId: this.options.clientId, timeZone: this.options.timeZone, now: Date.now() };
  }

  /**
   * The case arrived: its updates that came first are written after it, in the order their
   * senders sent them, each now answered INTEGRE (each was answered RECU on arrival).
   */
  private async replayWaiting(tx: FenceTransaction, ctx: CaseContext, caseId: string, dossierId: string, kept: Kept): Promise<void> {
    const waiting = (await inbox.updatesOfCase(tx, caseId)).map((w) => ({ w, parsed: parseInbound(w.body, officialSchemaValidator()) }));
    const ordered = replayOrder(waiting.map((x) => ({ ...x, sentAtMs: x.parsed.ok ? x.parsed.envelope.sentAtMs : null, arrival: x.w.id })));
    const applied: number[] = [];
    for (const { w, parsed } of ordered) {
      if (!parsed.ok || parsed.kind !== 'RS-EDA-MAJ') continue;
      kept.events.push(updateEvent(ctx, { senderId: w.senderId, distributionId: w.distributionId }, dossierId, parsed.payload as CreateCaseHealthUpdate));
      kept.answers.push(receiptAnswer(this.answerContext(), { senderId: w.senderId, distributionId: w.distributionId }, 'INTEGRE'));
      applied.push(w.id);
    }
    await inbox.settleInbox(tx, applied, 'APPLIED', null);
  }
}
