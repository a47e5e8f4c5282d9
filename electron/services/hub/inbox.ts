import { v7 as uuidv7 } from 'uuid';
import { isDistributionIdOf, isHubClientId } from '../../../shared/domain/hub/hubIds';
import { isAnswerable, kindProblem } from '../../../shared/domain/hub/kindRules';
import { formatLocalNumber, localDayKey } from '../../../shared/domain/localNumber';
import { localDay } from '../../../shared/domain/siteTime';
import { checkAction } from '../../../shared/domain/lifecycle';
import { appointmentConflict, closedToPartners, nothingToWithdraw, replayOrder, sharedBy, withdrawalUpdate } from '../../../shared/domain/hub/partnerInbox';
import type { CommandContext, Journal } from '../journal/journal';
import type { InboxState } from '../journal/queries/hubInbox';
import { errorAnswer, headOf, receiptAnswer, sha256, type AnswerContext } from './inboxAnswer';
import { officialSchemaValidator, parseInbound, type Appointment, type CreateCaseHealth, type CreateCaseHealthUpdate, type InboundEnvelope, type ParsedInbound } from './inboundMessage';
import { HUB_ERROR, HUB_SENDER_ID, PAYLOAD_KEY, type HubMessageKind } from './messageKinds';
import type { AfterAck, HubQueue } from './amqpTransport';
import type { OutboxDrain, SettleRefusal } from './outboxDrain';
import { receivedCaseOf, remoteUpdateOf } from './receivedCase';
import { appointmentChangeOf, dossierAppointmentOf } from './sasAppointment';
import type { SchemaValidator } from './schemaValidator';

/**
 * What arrives from the Hub, trusting nothing (issue 18). For every delivery, in this order:
 * read it (bounded, UTF-8, the official schemas, our own rules), keep it — the exact bytes, the
 * outcome, the answer we owe, and the journal event it causes, in one transaction — let the
 * transport acknowledge the broker, then answer: RC-REF INTEGRE for what we applied, RC-REF RECU
 * for what we keep without applying yet, RS-ERROR for what we refused.
 *
 * Duplicates: only a proven message (valid, from a sender entitled to send it) is a duplicate by
 * (sender, distributionID), so a stranger or a malformed message cannot take a partner's id. A
 * message sent again byte for byte after a refusal is found by its digest. Either way it is
 * counted, never applied twice, and gets the very answer it got the first time (its sender
 * evidently missed it). Nothing here throws for a bad message: it is kept, refused with a
 * reason, answered, and shown to a supervisor; the next message goes on.
 */
export interface InboxOptions {
  journal: Journal;
  clientId: string;
  siteCode: string;
  timeZone: string;
  /** Senders whose cases we accept (partners and configured others). */
  acceptCasesFrom: ReadonlySet<string>;
  sasPlatformId: string;
  drain: OutboxDrain;
  send: (body: Buffer) => Promise<void>;
  /** The official schemas (default); null only for the benchmark's baseline. */
  validator?: SchemaValidator | null;
  hubSenderId?: string;
  now?: () => number;
  onDossierChanged?: (dossierId: string, seq: number) => void;
  onChange?: () => void;
}

/** Whether a delivery is safely kept (so the broker may forget it), and what to answer after. */
export interface Kept {
  kept: boolean;
  after: AfterAck;
}
interface Outcome {
  state: InboxState;
  kind: HubMessageKind | null;
  problem?: string;
  errorCode?: number | null;
  dossierId?: string;
  caseId?: string;
  /** Further answers owed by this message's effect (pending updates it made applicable). */
  alsoSend?: Buffer[];
}

export interface RejectedMessage {
  id: number;
  receivedAt: string;
  queue: string;
  senderId: string | null;
  distributionId: string | null;
  kind: string | null;
  problem: string;
  errorCode: number | null;
  excerpt: string;
}

export interface AppointmentToAttach {
  appointmentId: string;
  status: string;
  start: string;
  end: string | null;
  practitioner: string | null;
  bookedAt: string;
  updatedAt: string;
}

type Changed = Array<{ dossierId: string; seq: number }>;
interface Claimed {
  senderId: string | null;
  distributionId: string | null;
  distributionKind: string | null;
}

const SETTLE_PROBLEM: Record<SettleRefusal, string> = {
  unknown: 'which we never sent',
  unsent: 'which has not been sent yet (still waiting in our outbox)',
  stranger: 'which was not sent to this sender',
};

export class HubInbox {
  private readonly now: () => number;
  private readonly validator: SchemaValidator | null;
  private readonly hubSenderId: string;

  constructor(private readonly options: InboxOptions) {
    this.now = options.now ?? Date.now;
    this.validator = options.validator === undefined ? officialSchemaValidator() : options.validator;
    this.hubSenderId = options.hubSenderId ?? HUB_SENDER_ID;
  }

  private iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  private answerContext(): AnswerContext {
    return { clientId: this.options.clientId, timeZone: this.options.timeZone, now: this.now() };
  }

  /** Compiles the schemas of the payloads we read (the service calls it once the link is up). */
  warmUp(): void {
    this.validator?.warmUp(Object.values(PAYLOAD_KEY));
  }

  /**
   * Deliveries that arrived together, kept in one journal transaction (one disk sync for the
   * batch, not one per message). If anything in the batch fails, the batch is kept again one
   * message per transaction, and a message that still cannot be applied is kept alone as
   * REJECTED (its neighbours applied), acknowledged and answered: it never blocks the ones
   * behind it.
   */
  async receiveMany(deliveries: Array<{ queue: HubQueue; body: Buffer }>): Promise<Kept[]> {
    const changed: Changed = [];
    let kept: Kept[];
    try {
      kept = this.options.journal.command((ctx) => deliveries.map((d) => ({ kept: true, after: this.sender(this.keep(d.queue, d.body, ctx, changed)) })));
    } catch {
      changed.length = 0;
      kept = deliveries.map((d) => this.keepAlone(d.queue, d.body, changed));
    }
    for (const c of changed) this.options.onDossierChanged?.(c.dossierId, c.seq);
    this.options.onChange?.();
    return kept;
  }

  private sender(answers: Buffer[]): AfterAck {
    if (answers.length === 0) return undefined;
    return async () => {
      for (const answer of answers) await this.options.send(answer);
    };
  }

  private keepAlone(queue: HubQueue, body: Buffer, changed: Changed): Kept {
    const mine: Changed = [];
    try {
      const answers = this.options.journal.command((ctx) => this.keep(queue, body, ctx, mine));
      changed.push(...mine);
      return { kept: true, after: this.sender(answers) };
    } catch (error) {
      try {
        const answers = this.options.journal.command((ctx) => this.keepPoison(queue, body, (error as Error).message, ctx));
        return { kept: true, after: this.sender(answers) };
      } catch (again) {
        console.error('[hub] could not keep a received message:', (again as Error).message);
        return { kept: false, after: undefined };
      }
    }
  }

  /**
   * A message that failed while being applied: kept alone as REJECTED with the ids it claims,
   * never proven (it cannot block a later genuine message), answered once per delivery — a
   * redelivery of the same bytes is a duplicate of this row and gets the same RS-ERROR.
   */
  private keepPoison(queue: HubQueue, body: Buffer, failure: string, ctx: CommandContext): Buffer[] {
    const digest = sha256(body);
    const again = ctx.hubInbox.refusedDelivery(digest);
    if (again) {
      ctx.hubInbox.countDuplicate(again.id);
      return again.answer ? [again.answer] : [];
    }
    const parsed = parseInbound(body, this.validator);
    const claimed = claimedOf(parsed);
    const problem = `could not be applied: ${failure}`.slice(0, 2000);
    const answer = this.refusalAnswer(queue, claimed, HUB_ERROR.INVALID_MESSAGE, problem, body);
    ctx.hubInbox.insert({ ...claimed, proven: 0, queue, kind: parsed.ok ? parsed.kind : null, receivedAt: this.iso(), body, digest, state: 'REJECTED', problem, errorCode: HUB_ERROR.INVALID_MESSAGE, dossierId: null, caseId: null, answer });
    return answer ? [answer] : [];
  }

  /** One delivery from one of our three queues. Never throws for the message's sake. */
  async receive(queue: HubQueue, body: Buffer): Promise<AfterAck> {
    return (await this.receiveMany([{ queue, body }]))[0]?.after;
  }

  /** Keeps one delivery (inside the caller's transaction); returns the answers owed, in order. */
  private keep(queue: HubQueue, body: Buffer, ctx: CommandContext, changed: Changed): Buffer[] {
    const receivedAt = this.iso();
    const parsed = parseInbound(body, this.validator);
    const claimed = claimedOf(parsed);
    const digest = sha256(body);
    const refusal = parsed.ok ? this.authenticate(parsed.envelope, parsed.kind) : undefined;
    const proven = parsed.ok && refusal === undefined;

    // The sender retried: it did not get our answer. The same answer again; nothing applied twice.
    const known = proven ? ctx.hubInbox.provenDelivery(parsed.envelope.senderId, parsed.envelope.distributionId) : ctx.hubInbox.refusedDelivery(digest);
    if (known) {
      ctx.hubInbox.countDuplicate(known.id);
      return known.answer ? [known.answer] : [];
    }

    let outcome: Outcome;
    if (!parsed.ok) outcome = { state: 'REJECTED', kind: null, problem: parsed.problem, errorCode: parsed.stage === 'bounds' || parsed.stage === 'encoding' || parsed.stage === 'json' ? HUB_ERROR.UNRECOGNIZED_MESSAGE_FORMAT : HUB_ERROR.INVALID_MESSAGE };
    else outcome = refusal ?? this.check(queue, parsed.envelope, parsed.kind) ?? this.apply(parsed.envelope, parsed.kind, parsed.payload, receivedAt, ctx, changed);

    const caseId = parsed.ok && (parsed.kind === 'RS-EDA' || parsed.kind === 'RS-EDA-MAJ') ? (parsed.payload as { caseId: string }).caseId : null;
    const answer =
      outcome.state === 'REJECTED'
        ? this.refusalAnswer(queue, claimed, outcome.errorCode ?? HUB_ERROR.INVALID_MESSAGE, outcome.problem ?? 'refused', body)
        : parsed.ok && isAnswerable(queue)
          ? receiptAnswer(this.answerContext(), parsed.envelope, outcome.state === 'APPLIED' ? 'INTEGRE' : 'RECU')
          : null;
    const errorCode = outcome.errorCode === undefined || outcome.errorCode === null || !Number.isSafeInteger(outcome.errorCode) ? null : outcome.errorCode;
    ctx.hubInbox.insert({
      ...claimed,
      proven: proven ? 1 : 0,
      queue,
      kind: outcome.kind,
      receivedAt,
      body,
      digest,
      state: outcome.state,
      problem: outcome.problem?.slice(0, 2000) ?? null,
      errorCode,
      dossierId: outcome.dossierId ?? null,
      caseId: outcome.caseId ?? caseId,
      answer,
    });
    return [...(answer ? [answer] : []), ...(outcome.alsoSend ?? [])];
  }

  /**
   * An RS-ERROR owed for a refusal: only for what came as a message (an error about an ack or an
   * error could loop), and only to a sender id that is one (never to NUL or bidi characters).
   */
  private refusalAnswer(queue: HubQueue, claimed: Claimed, code: number, problem: string, body: Buffer): Buffer | null {
    if (!isAnswerable(queue) || !claimed.senderId || !isHubClientId(claimed.senderId)) return null;
    return errorAnswer(this.answerContext(), { senderId: claimed.senderId, distributionId: claimed.distributionId }, code, problem, body);
  }

  /**
   * Whether the sender is who it must be for this payload; undefined when it is (the message is
   * then proven: it counts for duplicates). A stranger's message is refused and kept, never proven.
   */
  private authenticate(envelope: InboundEnvelope, kind: HubMessageKind): Outcome | undefined {
    const refuse = (problem: string): Outcome => ({ state: 'REJECTED', kind, errorCode: HUB_ERROR.SENDER_INCONSISTENCY, problem });
    const { senderId, distributionId } = envelope;
    if (!isHubClientId(senderId)) return refuse(`senderID ${JSON.stringify(senderId.slice(0, 100))} is not a Hub Santé client id`);
    if (!isDistributionIdOf(senderId, distributionId)) return refuse(`distributionID ${JSON.stringify(distributionId.slice(0, 300))} is not one of ${senderId} ({senderID}_{id})`);
    if (kind === 'RS-SAS-RDV' && senderId !== this.options.sasPlatformId) return refuse(`RS-SAS-RDV from ${senderId}: only ${this.options.sasPlatformId} sends appointments`);
    if ((kind === 'RS-EDA' || kind === 'RS-EDA-MAJ') && !this.options.acceptCasesFrom.has(senderId)) return refuse(`cases from ${senderId} are not expected here`);
    if ((kind === 'RC-REF' || kind === 'RS-ERROR') && !this.options.acceptCasesFrom.has(senderId) && senderId !== this.options.sasPlatformId && senderId !== this.hubSenderId) return refuse(`${kind} from ${senderId}, who is not one of our partners`);
    return undefined;
  }

  /** Why a proven message is unexpected here, or undefined when it is welcome. */
  private check(queue: HubQueue, envelope: InboundEnvelope, kind: HubMessageKind): Outcome | undefined {
    const refuse = (errorCode: number, problem: string): Outcome => ({ state: 'REJECTED', kind, errorCode, problem });
    if (envelope.recipientId !== this.options.clientId) return refuse(HUB_ERROR.INVALID_MESSAGE, `addressed to ${envelope.recipientId.slice(0, 100)}, not to ${this.options.clientId}`);
    const mismatch = kindProblem(envelope.distributionKind, PAYLOAD_KEY[kind], queue);
    if (mismatch) return refuse(HUB_ERROR.INVALID_MESSAGE, mismatch);
    if (envelope.expiresAtMs <= this.now()) return refuse(HUB_ERROR.EXPIRED_MESSAGE_BEFORE_ROUTING, `expired on arrival (dateTimeExpires ${new Date(envelope.expiresAtMs).toISOString()})`);
    return undefined;
  }

  private apply(envelope: InboundEnvelope, kind: HubMessageKind, payload: unknown, receivedAt: string, ctx: CommandContext, changed: Changed): Outcome {
    const actor = { id: `hub:${envelope.senderId}`.slice(0, 120), role: 'HUB' };
    switch (kind) {
      case 'RC-REF': {
        const ref = payload as { distributionID: string; refused?: boolean; errorDistributionID?: string };
        const settled = ref.refused
          ? this.options.drain.refuse(ref.distributionID, envelope.senderId, HUB_ERROR.INVALID_MESSAGE, `refused by ${envelope.senderId}${ref.errorDistributionID ? ` (error ${ref.errorDistributionID.slice(0, 300)})` : ''}`)
          : this.options.drain.acknowledge(ref.distributionID, envelope.senderId);
        return settled === 'settled' ? { state: 'APPLIED', kind } : { state: 'REJECTED', kind, errorCode: HUB_ERROR.INVALID_MESSAGE, problem: `receipt from ${envelope.senderId} for ${ref.distributionID.slice(0, 300)}, ${SETTLE_PROBLEM[settled]}` };
      }
      case 'RS-ERROR': {
        const error = payload as { errorCode: { statusCode: number; statusString: string }; errorCause: string; referencedDistributionID: string };
        const raw = error.errorCode.statusCode;
        // Any JSON number passes the schema (300.5, 1e300): only an integer is a code we can keep.
        const code = Number.isSafeInteger(raw) ? raw : null;
        const text = `${code === null ? `[code ${String(raw).slice(0, 40)}] ` : ''}${error.errorCode.statusString}: ${error.errorCause}`;
        const settled = this.options.drain.refuse(error.referencedDistributionID, envelope.senderId, code, text);
        // An error about something we did not send (or sent to someone else) is kept and shown.
        return settled === 'settled' ? { state: 'APPLIED', kind, errorCode: code } : { state: 'REJECTED', kind, errorCode: code, problem: `error from ${envelope.senderId} about ${error.referencedDistributionID.slice(0, 300)}, ${SETTLE_PROBLEM[settled]}: ${text}`.slice(0, 2000) };
      }
      case 'RS-EDA':
      case 'RS-EDA-MAJ':
        if (envelope.distributionKind === 'Cancel') return this.withdraw(envelope, kind, (payload as { caseId: string }).caseId, actor, ctx, changed);
        return kind === 'RS-EDA' ? this.applyCase(envelope, payload as CreateCaseHealth, receivedAt, actor, ctx, changed) : this.applyUpdate(envelope, payload as CreateCaseHealthUpdate, receivedAt, actor, ctx, changed);
      case 'RS-SAS-RDV': {
        const a = payload as Appointment;
        // SAS guide: a creation for an id we hold is a conflict (409), what we hold stays; an
        // update for an id we do not know is a creation with what it carries.
        const conflict = appointmentConflict(a.method, a.appointmentId, ctx.hubInbox.appointmentPayload(a.appointmentId) !== undefined);
        if (conflict) return { state: 'REJECTED', kind, errorCode: HUB_ERROR.CONFLICT, problem: conflict };
        ctx.hubInbox.upsertAppointment({
          appointmentId: a.appointmentId,
          status: a.status,
          start: new Date(a.start).toISOString(),
          end: a.end ? new Date(a.end).toISOString() : null,
          created: new Date(a.created).toISOString(),
          payload: JSON.stringify(a),
          updatedAt: receivedAt,
          distributionId: envelope.distributionId,
        });
        // Already attached to a dossier: the update (fulfilled, no-show, cancelled…) is journaled
        // on it, in this same transaction (DOMAIN §6: applied by appointmentId).
        const attached = this.options.journal.dossiers.appointmentByPlatformId(a.appointmentId);
        if (attached) {
          const current = this.options.journal.dossiers.get(attached.dossierId)?.appointments.find((x) => x.id === attached.id);
          const closed = this.closedProblem(attached.dossierId);
          // The appointment table keeps the platform's word; a closed dossier is never written again.
          if (closed) return { state: 'APPLIED', kind, dossierId: attached.dossierId };
          const change = current ? appointmentChangeOf(current, a) : null;
          if (change) {
            const appended = ctx.append({ dossierId: attached.dossierId, actor, body: { type: 'dossier.appointmentUpdated', payload: { id: attached.id, ...change } } });
            changed.push({ dossierId: attached.dossierId, seq: appended.seq });
          }
          return { state: 'APPLIED', kind, dossierId: attached.dossierId };
        }
        return { state: 'APPLIED', kind };
      }
    }
  }

  private applyCase(envelope: InboundEnvelope, c: CreateCaseHealth, receivedAt: string, actor: { id: string; role: string }, ctx: CommandContext, changed: Changed): Outcome {
    const kind = 'RS-EDA';
    const existing = ctx.hubInbox.dossierByCase(c.caseId);
    if (existing) {
      const closed = this.closedProblem(existing);
      if (closed) return { state: 'REJECTED', kind, errorCode: HUB_ERROR.INVALID_MESSAGE, caseId: c.caseId, problem: closed };
      // Shared again (a partner re-sending its case): record what it says, do not fork a second dossier.
      const update = remoteUpdateOf({ caseId: c.caseId, patient: c.patient, medicalNote: c.medicalNote, qualification: c.qualification, perimeter: c.perimeter }, envelope.senderId, envelope.distributionId, receivedAt);
      const appended = ctx.append({ dossierId: existing, actor, body: { type: 'dossier.remoteUpdated', payload: update } });
      changed.push({ dossierId: existing, seq: appended.seq });
      return { state: 'APPLIED', kind, dossierId: existing };
    }
    const received = receivedCaseOf(c, envelope.senderId, receivedAt);
    const dossierId = uuidv7();
    const day = localDay(new Date(this.now()), this.options.timeZone);
    const prefix = `DRFR15${this.options.siteCode}${localDayKey(day)}`;
    const localNumber = formatLocalNumber(this.options.siteCode, day, this.options.journal.dossiers.lastCounter(prefix) + 1);
    const appended = ctx.append({
      dossierId,
      actor,
      body: { type: 'dossier.received', payload: { ...received, localNumber, caseId: c.caseId, from: envelope.senderId, distributionId: envelope.distributionId } },
    });
    changed.push({ dossierId, seq: appended.seq });
    const alsoSend = this.replayPending(c.caseId, dossierId, ctx, changed);
    return { state: 'APPLIED', kind, dossierId, alsoSend };
  }

  private applyUpdate(envelope: InboundEnvelope, u: CreateCaseHealthUpdate, receivedAt: string, actor: { id: string; role: string }, ctx: CommandContext, changed: Changed): Outcome {
    const kind = 'RS-EDA-MAJ';
    const dossierId = ctx.hubInbox.dossierByCase(u.caseId);
    // Overtook its RS-EDA on the way: kept (answered RECU, not INTEGRE) until the case arrives.
    if (!dossierId) return { state: 'PENDING', kind, caseId: u.caseId, problem: `case ${u.caseId} not known here yet: kept until it arrives` };
    const closed = this.closedProblem(dossierId);
    if (closed) return { state: 'REJECTED', kind, errorCode: HUB_ERROR.INVALID_MESSAGE, caseId: u.caseId, problem: closed };
    const appended = ctx.append({ dossierId, actor, body: { type: 'dossier.remoteUpdated', payload: remoteUpdateOf(u, envelope.senderId, envelope.distributionId, receivedAt) } });
    changed.push({ dossierId, seq: appended.seq });
    return { state: 'APPLIED', kind, dossierId };
  }

  /**
   * A Cancel never creates anything: it withdraws what this partner shared — journaled on the
   * dossier (its status as the partner now gives it, and a note saying who withdrew it), and
   * its updates still waiting for the case are dropped. Refused where nothing it shared matches.
   */
  private withdraw(envelope: InboundEnvelope, kind: HubMessageKind, caseId: string, actor: { id: string; role: string }, ctx: CommandContext, changed: Changed): Outcome {
    const sender = envelope.senderId;
    const waiting = ctx.hubInbox.pendingOfCase(caseId).filter((row) => row.sender_id === sender);
    for (const row of waiting) ctx.hubInbox.settle(row.id, 'REJECTED', null, `withdrawn by ${sender} (Cancel ${envelope.distributionId})`);
    const dossierId = ctx.hubInbox.dossierByCase(caseId);
    const dossier = dossierId ? this.options.journal.dossiers.get(dossierId) : undefined;
    const shared = dossier !== undefined && sharedBy(dossier, sender);
    const closed = dossierId && shared ? this.closedProblem(dossierId) : null;
    if (closed) return { state: 'REJECTED', kind, errorCode: HUB_ERROR.INVALID_MESSAGE, caseId, problem: closed };
    if (dossierId && shared) {
      const appended = ctx.append({ dossierId, actor, body: { type: 'dossier.remoteUpdated', payload: withdrawalUpdate(sender, envelope.distributionId, this.iso(), uuidv7()) } });
      changed.push({ dossierId, seq: appended.seq });
      return { state: 'APPLIED', kind, dossierId, caseId };
    }
    if (waiting.length) return { state: 'APPLIED', kind, caseId };
    return { state: 'REJECTED', kind, errorCode: HUB_ERROR.INVALID_MESSAGE, caseId, problem: nothingToWithdraw(caseId, sender) };
  }

  /**
   * Updates that arrived before their case, applied now in the order their sender sent them
   * (dateTimeSent; arrival order between equal times) — the way they were meant to be read.
   * Each was answered RECU on arrival; now it is answered INTEGRE, and a retry gets that too.
   */
  private replayPending(caseId: string, dossierId: string, ctx: CommandContext, changed: Changed): Buffer[] {
    const pending = replayOrder(
      ctx.hubInbox
        .pendingOfCase(caseId)
        .map((row) => ({ row, parsed: parseInbound(row.body, this.validator) }))
        .map((p) => ({ ...p, sentAtMs: p.parsed.ok ? p.parsed.envelope.sentAtMs : null, arrival: p.row.id })),
    );
    const answers: Buffer[] = [];
    for (const { row, parsed } of pending) {
      if (!parsed.ok || parsed.kind !== 'RS-EDA-MAJ') continue;
      const update = remoteUpdateOf(parsed.payload as CreateCaseHealthUpdate, row.sender_id, row.distribution_id, this.iso());
      const appended = ctx.append({ dossierId, actor: { id: `hub:${row.sender_id}`.slice(0, 120), role: 'HUB' }, body: { type: 'dossier.remoteUpdated', payload: update } });
      changed.push({ dossierId, seq: appended.seq });
      const answer = receiptAnswer(this.answerContext(), { senderId: row.sender_id, distributionId: row.distribution_id }, 'INTEGRE');
      ctx.hubInbox.settle(row.id, 'APPLIED', dossierId, null, null, answer);
      answers.push(answer);
    }
    return answers;
  }

  /**
   * Why a partner's or the platform's message may not be written into the dossier (the same
   * life-cycle rules as the screens): a CLOTURE, CLASSE or ARCHIVE dossier is never reopened.
   */
  private closedProblem(dossierId: string): string | null {
    const dossier = this.options.journal.dossiers.get(dossierId);
    return dossier ? closedToPartners(dossier) : null;
  }

  rejected(limit = 100): { total: number; messages: RejectedMessage[] } {
    return {
      total: this.options.journal.hubInbox.rejectedCount(),
      // The stored bytes stay exact; the excerpt is their lossy reading (shown with every invisible
      // character made visible by the screen).
      messages: this.options.journal.hubInbox.rejected(limit).map((r) => ({ id: r.id, receivedAt: r.received_at, queue: r.queue, senderId: r.sender_id, distributionId: r.distribution_id, kind: r.kind, problem: r.problem, errorCode: r.error_code, excerpt: headOf(Buffer.from(r.excerpt).toString('utf8'), 2000) })),
    };
  }

  appointmentsToAttach(limit = 200): AppointmentToAttach[] {
    return this.options.journal.hubInbox.appointmentsToAttach(limit).map((r) => {
      const a = JSON.parse(r.payload) as Appointment;
      return { appointmentId: r.appointment_id, status: r.status, start: r.start_at, end: r.end_at, practitioner: a.practitioner ? `${a.practitioner.firstName} ${a.practitioner.lastName}` : (a.organization?.name ?? null), bookedAt: new Date(a.created).toISOString(), updatedAt: r.updated_at };
    });
  }

  /**
   * The OSNP attaches a pushed appointment to its dossier: one transaction marks it attached and
   * journals it on the dossier (who attached what, when), where the 48 h clock stops.
   */
  attachAppointment(appointmentId: string, dossierId: string, actor: { id: string; role: string }): boolean {
    const changed: Array<{ dossierId: string; seq: number }> = [];
    const attached = this.options.journal.command((ctx) => {
      const dossier = ctx.dossiers.get(dossierId);
      if (!dossier || !checkAction(dossier, 'appointment', actor.role).ok) return false;
      const payload = ctx.hubInbox.appointmentPayload(appointmentId);
      if (payload === undefined || !ctx.hubInbox.attachAppointment(appointmentId, dossierId, this.iso())) return false;
      const appointment = dossierAppointmentOf(uuidv7(), JSON.parse(payload) as Appointment);
      const appended = ctx.append({ dossierId, actor, body: { type: 'dossier.appointmentRecorded', payload: { appointment } } });
      changed.push({ dossierId, seq: appended.seq });
      return true;
    });
    for (const c of changed) this.options.onDossierChanged?.(c.dossierId, c.seq);
    if (attached) this.options.onChange?.();
    return attached;
  }
}

function claimedOf(parsed: ParsedInbound): Claimed {
  if (parsed.ok) return { senderId: parsed.envelope.senderId, distributionId: parsed.envelope.distributionId, distributionKind: parsed.envelope.distributionKind };
  return { senderId: parsed.envelope?.senderId ?? parsed.senderId ?? null, distributionId: parsed.envelope?.distributionId ?? parsed.distributionId ?? null, distributionKind: parsed.envelope?.distributionKind ?? parsed.distributionKind ?? null };
}
