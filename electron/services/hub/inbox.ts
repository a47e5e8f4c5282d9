import { v7 as uuidv7 } from 'uuid';
import { formatLocalNumber, localDayKey } from '../../../shared/domain/localNumber';
import { localDay } from '../../../shared/domain/siteTime';
import type { CommandContext, Journal } from '../journal/journal';
import type { InboxState } from '../journal/queries/hubInbox';
import { buildEnvelope, errorPayload, referencePayload } from './edxlEnvelope';
import { parseInbound, type Appointment, type CreateCaseHealth, type CreateCaseHealthUpdate, type InboundEnvelope } from './inboundMessage';
import { HUB_ERROR, type HubMessageKind } from './messageKinds';
import type { AfterAck, HubQueue } from './amqpTransport';
import type { OutboxDrain } from './outboxDrain';
import { receivedCaseOf, remoteUpdateOf } from './receivedCase';
import { appointmentStatusOf, dossierAppointmentOf } from './sasAppointment';

/**
 * What arrives from the Hub. For every delivery, in this order: keep it (the inbox row, and the
 * journal event it causes, in one transaction), let the transport acknowledge the broker, then
 * answer — RC-REF for what we integrated, RS-ERROR for what we refused. Deduplicated on
 * distributionID: a duplicate is counted and answered again (its sender evidently missed our
 * receipt) but never applied twice. Nothing here throws for a bad message: it is kept as
 * received, refused with a reason, and shown to a supervisor; the next message goes on.
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
  errorCode?: number;
  dossierId?: string;
  caseId?: string;
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

const EXPECTED_QUEUE: Record<HubMessageKind, HubQueue> = { 'RS-EDA': 'message', 'RS-EDA-MAJ': 'message', 'RS-SAS-RDV': 'message', 'RC-REF': 'ack', 'RS-ERROR': 'info' };
const ERROR_NAME: Record<number, string> = Object.fromEntries(Object.entries(HUB_ERROR).map(([name, n]) => [n, name]));

export class HubInbox {
  private readonly now: () => number;

  constructor(private readonly options: InboxOptions) {
    this.now = options.now ?? Date.now;
  }

  private iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  /**
   * Deliveries that arrived together, kept in one journal transaction (one disk sync for the
   * batch, not one per message). If anything in the batch fails, the batch is kept again one
   * message per transaction, and a message that still cannot be applied is kept as REJECTED, so
   * that it is acknowledged and never blocks the ones behind it.
   */
  async receiveMany(deliveries: Array<{ queue: HubQueue; body: Buffer }>): Promise<Kept[]> {
    const changed: Array<{ dossierId: string; seq: number }> = [];
    let kept: Kept[];
    try {
      kept = this.options.journal.command((ctx) => deliveries.map((d) => ({ kept: true, after: this.keep(d.queue, d.body, ctx, changed) })));
    } catch {
      changed.length = 0;
      kept = deliveries.map((d) => this.keepAlone(d.queue, d.body, changed));
    }
    for (const c of changed) this.options.onDossierChanged?.(c.dossierId, c.seq);
    this.options.onChange?.();
    return kept;
  }

  private keepAlone(queue: HubQueue, body: Buffer, changed: Array<{ dossierId: string; seq: number }>): Kept {
    const mine: Array<{ dossierId: string; seq: number }> = [];
    try {
      const after = this.options.journal.command((ctx) => this.keep(queue, body, ctx, mine));
      changed.push(...mine);
      return { kept: true, after };
    } catch (error) {
      try {
        const parsed = parseInbound(body);
        this.options.journal.command((ctx) =>
          ctx.hubInbox.insert({
            distributionId: null,
            senderId: parsed.ok ? parsed.envelope.senderId : null,
            queue,
            kind: parsed.ok ? parsed.kind : null,
            receivedAt: this.iso(),
            body: body.toString('utf8'),
            state: 'REJECTED',
            problem: `could not be applied: ${(error as Error).message}`.slice(0, 2000),
            errorCode: HUB_ERROR.INVALID_MESSAGE,
            dossierId: null,
            caseId: null,
          }),
        );
        return { kept: true, after: undefined };
      } catch (again) {
        console.error('[hub] could not keep a received message:', (again as Error).message);
        return { kept: false, after: undefined };
      }
    }
  }

  /** One delivery from one of our three queues. Never throws for the message's sake. */
  async receive(queue: HubQueue, body: Buffer): Promise<AfterAck> {
    return (await this.receiveMany([{ queue, body }]))[0]?.after;
  }

  private keep(queue: HubQueue, body: Buffer, ctx: CommandContext, changed: Array<{ dossierId: string; seq: number }>): AfterAck {
    const receivedAt = this.iso();
    const text = body.toString('utf8');
    const parsed = parseInbound(body);

    const distributionId = parsed.ok ? parsed.envelope.distributionId : (parsed.envelope?.distributionId ?? parsed.distributionId ?? null);
    const senderId = parsed.ok ? parsed.envelope.senderId : (parsed.envelope?.senderId ?? parsed.senderId ?? null);

    const result = ((): { duplicate: { id: number; state: InboxState } } | { outcome: Outcome } => {
      if (distributionId) {
        const known = ctx.hubInbox.byDistribution(distributionId);
        if (known) {
          ctx.hubInbox.countDuplicate(known.id);
          return { duplicate: known };
        }
      }
      const outcome: Outcome = parsed.ok ? this.check(queue, parsed.envelope, parsed.kind) ?? { state: 'APPLIED', kind: parsed.kind } : { state: 'REJECTED', kind: null, problem: parsed.problem, errorCode: parsed.stage === 'json' ? HUB_ERROR.UNRECOGNIZED_MESSAGE_FORMAT : HUB_ERROR.INVALID_MESSAGE };
      const caseId = parsed.ok && (parsed.kind === 'RS-EDA' || parsed.kind === 'RS-EDA-MAJ') ? (parsed.payload as { caseId: string }).caseId : null;
      // Applied first, then kept with its outcome: one row write per message (rows carry the body).
      const final = parsed.ok && outcome.state === 'APPLIED' ? this.apply(parsed.envelope, parsed.kind, parsed.payload, receivedAt, ctx, changed) : outcome;
      ctx.hubInbox.insert({ distributionId, senderId, queue, kind: final.kind, receivedAt, body: text, state: final.state, problem: final.problem ?? null, errorCode: final.errorCode ?? null, dossierId: final.dossierId ?? null, caseId });
      return { outcome: final };
    })();

    if ('duplicate' in result && result.duplicate) {
      const known = result.duplicate;
      // The sender retried: it did not get our receipt. Answer again; apply nothing.
      if (parsed.ok && known.state !== 'REJECTED' && EXPECTED_QUEUE[parsed.kind] === 'message') return () => this.answer(parsed.envelope, null);
      return;
    }
    const outcome = (result as { outcome: Outcome }).outcome;
    if (!parsed.ok || outcome.state === 'REJECTED') {
      // Answer errors only to what came as a message: an error about an ack or an error could loop.
      if (!senderId || queue !== 'message') return;
      const code = outcome.errorCode ?? HUB_ERROR.INVALID_MESSAGE;
      return () => this.answer({ senderId, distributionId: distributionId ?? 'unknown' }, { code, cause: outcome.problem ?? 'refused', source: parsed.raw });
    }
    if (EXPECTED_QUEUE[parsed.kind] === 'message') return () => this.answer(parsed.envelope, null);
  }

  /** Why a well-formed message is unexpected here, or undefined when it is welcome. */
  private check(queue: HubQueue, envelope: InboundEnvelope, kind: HubMessageKind): Outcome | undefined {
    const refuse = (errorCode: number, problem: string): Outcome => ({ state: 'REJECTED', kind, errorCode, problem });
    if (!envelope.distributionId.startsWith(`${envelope.senderId}_`)) return refuse(HUB_ERROR.SENDER_INCONSISTENCY, `distributionID ${envelope.distributionId} does not start with the sender ${envelope.senderId}`);
    if (envelope.recipientId !== this.options.clientId) return refuse(HUB_ERROR.INVALID_MESSAGE, `addressed to ${envelope.recipientId}, not to ${this.options.clientId}`);
    if (EXPECTED_QUEUE[kind] !== queue) return refuse(HUB_ERROR.INVALID_MESSAGE, `${kind} arrived on .${queue}, expected .${EXPECTED_QUEUE[kind]}`);
    if (kind === 'RS-SAS-RDV' && envelope.senderId !== this.options.sasPlatformId) return refuse(HUB_ERROR.SENDER_INCONSISTENCY, `RS-SAS-RDV from ${envelope.senderId}: only ${this.options.sasPlatformId} sends appointments`);
    if ((kind === 'RS-EDA' || kind === 'RS-EDA-MAJ') && !this.options.acceptCasesFrom.has(envelope.senderId)) return refuse(HUB_ERROR.SENDER_INCONSISTENCY, `cases from ${envelope.senderId} are not expected here`);
    if (envelope.expiresAtMs <= this.now()) return refuse(HUB_ERROR.EXPIRED_MESSAGE_BEFORE_ROUTING, `expired on arrival (dateTimeExpires ${new Date(envelope.expiresAtMs).toISOString()})`);
    return undefined;
  }

  private apply(
    envelope: InboundEnvelope,
    kind: HubMessageKind,
    payload: unknown,
    receivedAt: string,
    ctx: CommandContext,
    changed: Array<{ dossierId: string; seq: number }>,
  ): Outcome {
    const actor = { id: `hub:${envelope.senderId}`.slice(0, 120), role: 'HUB' };
    switch (kind) {
      case 'RC-REF': {
        const ref = payload as { distributionID: string; refused?: boolean; errorDistributionID?: string };
        const ours = ref.refused ? this.options.drain.refuse(ref.distributionID, HUB_ERROR.INVALID_MESSAGE, `refused by ${envelope.senderId}${ref.errorDistributionID ? ` (error ${ref.errorDistributionID})` : ''}`) : this.options.drain.acknowledge(ref.distributionID);
        return ours ? { state: 'APPLIED', kind } : { state: 'REJECTED', kind, errorCode: HUB_ERROR.INVALID_MESSAGE, problem: `receipt for ${ref.distributionID}, which we never sent` };
      }
      case 'RS-ERROR': {
        const error = payload as { errorCode: { statusCode: number; statusString: string }; errorCause: string; referencedDistributionID: string };
        const ours = this.options.drain.refuse(error.referencedDistributionID, error.errorCode.statusCode, `${error.errorCode.statusString}: ${error.errorCause}`);
        // An error about something we did not send is still kept and shown.
        return ours ? { state: 'APPLIED', kind } : { state: 'REJECTED', kind, errorCode: error.errorCode.statusCode, problem: `error from ${envelope.senderId} about ${error.referencedDistributionID}: ${error.errorCode.statusString} ${error.errorCause}`.slice(0, 2000) };
      }
      case 'RS-EDA': {
        const c = payload as CreateCaseHealth;
        const existing = ctx.hubInbox.dossierByCase(c.caseId);
        if (existing) {
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
        this.replayPending(c.caseId, dossierId, ctx, changed);
        return { state: 'APPLIED', kind, dossierId };
      }
      case 'RS-EDA-MAJ': {
        const u = payload as CreateCaseHealthUpdate;
        const dossierId = ctx.hubInbox.dossierByCase(u.caseId);
        // Overtook its RS-EDA on the way: keep it until the case arrives.
        if (!dossierId) return { state: 'PENDING', kind, caseId: u.caseId };
        const appended = ctx.append({ dossierId, actor, body: { type: 'dossier.remoteUpdated', payload: remoteUpdateOf(u, envelope.senderId, envelope.distributionId, receivedAt) } });
        changed.push({ dossierId, seq: appended.seq });
        return { state: 'APPLIED', kind, dossierId };
      }
      case 'RS-SAS-RDV': {
        const a = payload as Appointment;
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
          const status = appointmentStatusOf(a.status);
          const current = this.options.journal.dossiers.get(attached.dossierId)?.appointments.find((x) => x.id === attached.id);
          if (current && current.status !== status) {
            const appended = ctx.append({ dossierId: attached.dossierId, actor, body: { type: 'dossier.appointmentUpdated', payload: { id: attached.id, status } } });
            changed.push({ dossierId: attached.dossierId, seq: appended.seq });
          }
          return { state: 'APPLIED', kind, dossierId: attached.dossierId };
        }
        return { state: 'APPLIED', kind };
      }
    }
  }

  /**
   * Updates that arrived before their case, applied now in the order their sender sent them
   * (dateTimeSent; arrival order between equal times) — the way they were meant to be read.
   */
  private replayPending(caseId: string, dossierId: string, ctx: CommandContext, changed: Array<{ dossierId: string; seq: number }>): void {
    const pending = ctx.hubInbox
      .pendingOfCase(caseId)
      .map((row) => ({ row, parsed: parseInbound(Buffer.from(row.body)) }))
      .sort((a, b) => (a.parsed.ok && b.parsed.ok ? a.parsed.envelope.sentAtMs - b.parsed.envelope.sentAtMs : 0) || a.row.id - b.row.id);
    for (const { row, parsed } of pending) {
      if (!parsed.ok || parsed.kind !== 'RS-EDA-MAJ') continue;
      const update = remoteUpdateOf(parsed.payload as CreateCaseHealthUpdate, row.sender_id, row.distribution_id, this.iso());
      const appended = ctx.append({ dossierId, actor: { id: `hub:${row.sender_id}`.slice(0, 120), role: 'HUB' }, body: { type: 'dossier.remoteUpdated', payload: update } });
      changed.push({ dossierId, seq: appended.seq });
      ctx.hubInbox.settle(row.id, 'APPLIED', dossierId);
    }
  }

  private async answer(to: { senderId: string; distributionId: string }, error: { code: number; cause: string; source: unknown } | null): Promise<void> {
    const kind: HubMessageKind = error ? 'RS-ERROR' : 'RC-REF';
    const payload = error ? errorPayload(error.code, ERROR_NAME[error.code] ?? 'INVALID_MESSAGE', error.cause, to.distributionId, error.source) : referencePayload(to.distributionId);
    const envelope = buildEnvelope({ kind, distributionId: `${this.options.clientId}_${uuidv7()}`, senderId: this.options.clientId, recipientId: to.senderId, sentAtMs: this.now(), timeZone: this.options.timeZone, payload });
    // Not through the outbox: a lost answer is answered again when the sender retries.
    await this.options.send(Buffer.from(JSON.stringify(envelope)));
  }

  rejected(limit = 100): { total: number; messages: RejectedMessage[] } {
    return {
      total: this.options.journal.hubInbox.rejectedCount(),
      messages: this.options.journal.hubInbox.rejected(limit).map((r) => ({ id: r.id, receivedAt: r.received_at, queue: r.queue, senderId: r.sender_id, distributionId: r.distribution_id, kind: r.kind, problem: r.problem, errorCode: r.error_code, excerpt: r.excerpt })),
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
