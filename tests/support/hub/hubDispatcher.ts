import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import { v4 as uuidv4 } from 'uuid';
import { buildEnvelope, errorPayload } from '../../../electron/services/hub/edxlEnvelope';
import { HUB_ERROR } from '../../../electron/services/hub/messageKinds';
import { schemaErrors } from '../hubHandout';
import { DEAD_LETTER_QUEUE, DISPATCH_QUEUE, type RabbitBroker } from './rabbitBroker';

/**
 * The Hub's dispatcher, as the tests need it: it takes what clients publish to `hubsante`
 * (routing key = sender) and applies Hub Santé's rules before routing to the recipient's queue:
 * persistent delivery, JSON content type, official schema (whole EDXL-DE message), senderID =
 * routing key, distributionID prefix = sender, not expired, a known recipient. A message that
 * breaks a rule is not routed; its sender gets an RS-ERROR on its `.info` queue. Routing by
 * `explicitAddressValue` and `distributionKind`: Report/Update/Cancel → `.message`, Ack → `.ack`,
 * Error → `.info` (Hub Santé "Format des messages"). The forwarded copy carries an AMQP expiration
 * = time left until dateTimeExpires; what expires unread in a queue is dead-lettered and reported
 * to its sender (DEAD_LETTER_QUEUED).
 *
 * Fault injection, for the reliability tests: duplicate, hold-and-reorder, delay or drop what
 * matches a predicate.
 */
export const HUB_ID = 'fr.health.hub';

type Obj = Record<string, unknown>;
export interface Routed {
  sender: string;
  recipient: string;
  queue: string;
  distributionId: string;
  kind: string;
  body: Buffer;
  expiresAtMs: number;
}

/** The last routed messages are kept for the tests' assertions; older ones are forgotten. */
const ROUTED_KEPT = 10_000;

export interface Fault {
  match: (routed: Routed) => boolean;
  action: 'duplicate' | 'drop' | 'hold' | 'delay';
  /** For 'hold': how many matching messages to collect before releasing them in reverse order. */
  count?: number;
  delayMs?: number;
  /** Remaining uses (default 1 for drop/duplicate/delay, once for hold). */
  times?: number;
}

export class HubDispatcher {
  private connection: ChannelModel | null = null;
  /** One message at a time, in queue order, as the Hub keeps each sender's order. */
  private chain: Promise<void> = Promise.resolve();
  /** Forwards are confirmed before the original is acknowledged: a broker crash loses nothing. */
  private out: ConfirmChannel | null = null;
  readonly routed: Routed[] = [];
  readonly refused: Array<{ sender: string; code: number; cause: string }> = [];
  private faults: Fault[] = [];
  private held: Routed[] = [];
  private stopped = false;

  /**
   * 1 = every message is checked against the official schemas (the tests). The benchmark checks
   * one in N: Ajv in this single Node process would otherwise be what is measured, not Plateau.
   */
  validateEvery = 1;
  private seen = 0;

  constructor(
    private readonly broker: RabbitBroker,
    private readonly timeZone = 'Europe/Paris',
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const connection = await amqp.connect(this.broker.amqpUrl);
    connection.on('error', () => undefined);
    // The broker may be killed by a test: come back by ourselves.
    connection.on('close', () => {
      this.out = null;
      if (!this.stopped) setTimeout(() => void this.reconnect(), 300);
    });
    this.connection = connection;
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    await channel.prefetch(100);
    const out = await connection.createConfirmChannel();
    out.on('error', () => undefined);
    this.out = out;
    const serial = (work: () => Promise<void>) => {
      this.chain = this.chain.then(work, work);
    };
    await channel.consume(DISPATCH_QUEUE, (msg) => msg && serial(() => this.dispatch(channel, msg)));
    await channel.consume(DEAD_LETTER_QUEUE, (msg) => msg && serial(() => this.deadLettered(channel, msg)));
  }

  private async reconnect(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.start();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  inject(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Puts raw bytes straight into a client's queue, as a faulty Hub would (inbound bad-input tests). */
  async injectRaw(queue: string, body: Buffer | string): Promise<void> {
    await this.send(queue, Buffer.isBuffer(body) ? body : Buffer.from(body), {});
  }

  private send(queue: string, body: Buffer, extra: { expiration?: string; headers?: Record<string, string> }): Promise<void> {
    const out = this.out;
    if (!out) return Promise.reject(new Error('dispatcher not connected'));
    return new Promise((resolve, reject) => out.sendToQueue(queue, body, { persistent: true, contentType: 'application/json', ...extra }, (error) => (error ? reject(error) : resolve())));
  }

  private async error(sender: string, code: number, name: string, cause: string, referenced: string, source?: unknown): Promise<void> {
    this.refused.push({ sender, code, cause });
    if (!this.broker.clientIds.includes(sender)) return;
    const envelope = buildEnvelope({
      kind: 'RS-ERROR',
      distributionId: `${HUB_ID}_${uuidv4()}`,
      senderId: HUB_ID,
      recipientId: sender,
      sentAtMs: Date.now(),
      timeZone: this.timeZone,
      payload: errorPayload(code, name, cause, referenced, source),
    });
    await this.send(`${sender}.info`, Buffer.from(JSON.stringify(envelope)), {}).catch(() => undefined);
  }

  private async dispatch(channel: Channel, msg: ConsumeMessage): Promise<void> {
    const sender = msg.fields.routingKey;
    const ack = () => {
      try {
        channel.ack(msg);
      } catch {
        // channel gone with the broker: the message comes back
      }
    };
    let routed: Routed | null;
    try {
      routed = await this.check(sender, msg);
    } catch {
      return; // not confirmed (broker going down): leave it unacknowledged, it comes back
    }
    if (!routed) return ack();
    // The forward is issued now (in order); the original is acknowledged once it is confirmed,
    // without holding the next message back.
    void this.route(routed).then(ack, () => undefined);
  }

  private async check(sender: string, msg: ConsumeMessage): Promise<Routed | null> {
    if (msg.properties.contentType !== 'application/json') {
      await this.error(sender, HUB_ERROR.NOT_ALLOWED_CONTENT_TYPE, 'NOT_ALLOWED_CONTENT_TYPE', `content type ${String(msg.properties.contentType)}`, 'unknown');
      return null;
    }
    let envelope: Obj;
    try {
      envelope = JSON.parse(msg.content.toString('utf8')) as Obj;
    } catch {
      await this.error(sender, HUB_ERROR.UNRECOGNIZED_MESSAGE_FORMAT, 'UNRECOGNIZED_MESSAGE_FORMAT', 'not JSON', 'unknown');
      return null;
    }
    const distributionId = String(envelope.distributionID ?? 'unknown');
    if (msg.properties.deliveryMode !== 2) {
      // The Hub reports it and still routes the message.
      await this.error(sender, HUB_ERROR.DELIVERY_MODE_INCONSISTENCY, 'DELIVERY_MODE_INCONSISTENCY', `message ${distributionId} has been received with non-persistent delivery mode`, distributionId);
    }
    const invalid = this.seen++ % this.validateEvery === 0 ? schemaErrors(envelope) : null;
    if (invalid) {
      await this.error(sender, HUB_ERROR.INVALID_MESSAGE, 'INVALID_MESSAGE', invalid.slice(0, 2000), distributionId, envelope);
      return null;
    }
    if (envelope.senderID !== sender || !distributionId.startsWith(`${sender}_`)) {
      await this.error(sender, HUB_ERROR.SENDER_INCONSISTENCY, 'SENDER_INCONSISTENCY', `senderID ${String(envelope.senderID)} / distributionID ${distributionId} published with routing key ${sender}`, distributionId);
      return null;
    }
    const expires = Date.parse(String(envelope.dateTimeExpires));
    if (!(expires > Date.now())) {
      await this.error(sender, HUB_ERROR.EXPIRED_MESSAGE_BEFORE_ROUTING, 'EXPIRED_MESSAGE_BEFORE_ROUTING', `message ${distributionId} expired before routing`, distributionId);
      return null;
    }
    const recipient = String((envelope.descriptor as { explicitAddress: { explicitAddressValue: string } }).explicitAddress.explicitAddressValue);
    const kind = String(envelope.distributionKind);
    const suffix = kind === 'Ack' ? 'ack' : kind === 'Error' ? 'info' : 'message';
    if (!this.broker.clientIds.includes(recipient)) {
      await this.error(sender, HUB_ERROR.UNROUTABLE_MESSAGE, 'UNROUTABLE_MESSAGE', `unknown recipient ${recipient}`, distributionId);
      return null;
    }
    return { sender, recipient, queue: `${recipient}.${suffix}`, distributionId, kind, body: msg.content, expiresAtMs: expires };
  }

  private async route(routed: Routed): Promise<void> {
    const fault = this.faults.find((f) => (f.times ?? 1) > 0 && f.match(routed));
    if (fault) {
      if (fault.action === 'drop') {
        fault.times = (fault.times ?? 1) - 1;
        return;
      }
      if (fault.action === 'delay') {
        fault.times = (fault.times ?? 1) - 1;
        await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
        // Expiry is checked again after the wait, as the Hub does before routing.
        if (!(routed.expiresAtMs > Date.now())) {
          await this.error(routed.sender, HUB_ERROR.EXPIRED_MESSAGE_BEFORE_ROUTING, 'EXPIRED_MESSAGE_BEFORE_ROUTING', `message ${routed.distributionId} expired before routing`, routed.distributionId);
          return;
        }
      }
      if (fault.action === 'duplicate') {
        fault.times = (fault.times ?? 1) - 1;
        await this.forward(routed);
      }
      if (fault.action === 'hold') {
        this.held.push(routed);
        if (this.held.length < (fault.count ?? 2)) return;
        fault.times = 0;
        for (const r of this.held.splice(0).reverse()) await this.forward(r);
        return;
      }
    }
    await this.forward(routed);
  }

  private async forward(routed: Routed): Promise<void> {
    const left = Math.max(1, routed.expiresAtMs - Date.now());
    await this.send(routed.queue, routed.body, { expiration: String(left), headers: { 'x-hub-sender': routed.sender, 'x-hub-distribution-id': routed.distributionId } });
    this.routed.push(routed);
    if (this.routed.length > ROUTED_KEPT * 1.5) this.routed.splice(0, this.routed.length - ROUTED_KEPT);
  }

  private async deadLettered(channel: Channel, msg: ConsumeMessage): Promise<void> {
    const sender = String(msg.properties.headers?.['x-hub-sender'] ?? '');
    const distributionId = String(msg.properties.headers?.['x-hub-distribution-id'] ?? 'unknown');
    if (sender) await this.error(sender, HUB_ERROR.DEAD_LETTER_QUEUED, 'DEAD_LETTER_QUEUED', `message ${distributionId} expired before its recipient read it`, distributionId);
    try {
      channel.ack(msg);
    } catch {
      // broker gone
    }
  }

  /** Messages ready and consumers of each queue, as the broker counts them (a test's evidence when something waits). */
  async queueDepths(names: readonly string[]): Promise<Record<string, { messages: number; consumers: number } | string>> {
    const out: Record<string, { messages: number; consumers: number } | string> = {};
    const connection = this.connection;
    if (!connection) return out;
    for (const name of names) {
      // A passive declare of a missing queue closes its channel: one channel per queue.
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      try {
        const q = await channel.checkQueue(name);
        out[name] = { messages: q.messageCount, consumers: q.consumerCount };
      } catch (error) {
        out[name] = (error as Error).message.slice(0, 100);
      } finally {
        await channel.close().catch(() => undefined);
      }
    }
    return out;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const connection = this.connection;
    this.connection = null;
    await connection?.close().catch(() => undefined);
  }
}
