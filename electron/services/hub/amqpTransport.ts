import { once } from 'node:events';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage, type RecoveringChannelModel } from 'amqplib';

/**
 * The Hub Santé link: AMQP 0-9-1 over TLS 1.2 with the client certificate (SASL EXTERNAL, the
 * certificate's CN is the client id). Publishes persistent JSON to the `hubsante` exchange with
 * routing key = own client id on a confirm channel; consumes `{id}.message`, `{id}.ack` and
 * `{id}.info` with manual acks and a prefetch; the queues belong to the Hub, so they are only
 * checked (passive declare), never created. amqplib's recovery reconnects with capped, jittered
 * back-off; channels and consumers are rebuilt in its `setup` on every connection.
 */
export const HUB_EXCHANGE = 'hubsante';
export type HubQueue = 'message' | 'ack' | 'info';
export const HUB_QUEUES: readonly HubQueue[] = ['message', 'ack', 'info'];

export interface TlsMaterial {
  ca: Buffer;
  cert?: Buffer;
  key?: Buffer;
  pfx?: Buffer;
  passphrase?: string;
  servername?: string;
}

/** What a consumer returns: run after the broker has been acknowledged (e.g. send the RC-REF). */
export type AfterAck = (() => Promise<void>) | void;

export interface TransportOptions {
  brokerUrl: string;
  vhost: string;
  clientId: string;
  tls: TlsMaterial;
  prefetch: number;
  /** Keeps a batch of deliveries (in their arrival order); one answer per delivery. */
  onDeliveries: (deliveries: Array<{ queue: HubQueue; body: Buffer }>) => Promise<Array<{ kept: boolean; after: AfterAck }>>;
  onConnected?: () => void;
  onDisconnected?: (reason: string) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
  heartbeatSeconds?: number;
}

export class TransportError extends Error {
  readonly code = 'E_TRANSPORT' as const;
}

export class AmqpTransport {
  private connection: RecoveringChannelModel | null = null;
  private publisher: ConfirmChannel | null = null;
  private closing = false;
  private connectedSince: number | null = null;
  /** Set while the socket buffer is full: publishes wait for its 'drain'. */
  private drained: Promise<unknown> | null = null;
  /** Deliveries are handled in arrival order, across the three queues, one batch at a time. */
  private chain: Promise<void> = Promise.resolve();
  private buffered: Array<{ channel: Channel; queue: HubQueue; message: ConsumeMessage }> = [];

  constructor(private readonly options: TransportOptions) {}

  get connected(): boolean {
    return this.publisher !== null;
  }

  get since(): number | null {
    return this.connectedSince;
  }

  private url(): string {
    const url = new URL(this.options.brokerUrl);
    url.pathname = `/${encodeURIComponent(this.options.vhost)}`;
    url.searchParams.set('heartbeat', String(this.options.heartbeatSeconds ?? 15));
    return url.toString();
  }

  /** Resolves at once; the connection comes up (and comes back) in the background. */
  async start(): Promise<void> {
    const { tls } = this.options;
    const connection = await amqp.connect(this.url(), {
      credentials: amqp.credentials.external(),
      ca: [tls.ca],
      ...(tls.pfx ? { pfx: tls.pfx, passphrase: tls.passphrase } : { cert: tls.cert, key: tls.key }),
      ...(tls.servername ? { servername: tls.servername } : {}),
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      recovery: {
        initialDelay: this.options.initialDelayMs ?? 500,
        maxDelay: this.options.maxDelayMs ?? 30_000,
        waitForConnect: false,
        setup: (model: ChannelModel) => this.setup(model),
      },
    });
    this.connection = connection;
    connection.on('disconnect', (error: Error) => this.lost(error?.message ?? 'disconnected'));
    connection.on('connect-failed', (error: Error) => this.options.onDisconnected?.(`connect failed: ${error?.message ?? error}`));
    // Errors are reported by disconnect/connect-failed; an unhandled 'error' would crash the app.
    connection.on('error', () => undefined);
  }

  private async setup(model: ChannelModel): Promise<void> {
    const publisher = await model.createConfirmChannel();
    const consumer = await model.createChannel();
    for (const channel of [publisher, consumer]) channel.on('error', () => undefined);
    await consumer.prefetch(this.options.prefetch);
    for (const queue of HUB_QUEUES) {
      const name = `${this.options.clientId}.${queue}`;
      await consumer.checkQueue(name);
      await consumer.consume(name, (message) => this.deliver(consumer, queue, message), { noAck: false });
    }
    this.publisher = publisher;
    publisher.once('close', () => {
      if (this.publisher === publisher) this.lost('channel closed');
    });
    this.connectedSince = Date.now();
    this.options.onConnected?.();
  }

  private lost(reason: string): void {
    const wasUp = this.publisher !== null;
    this.publisher = null;
    this.connectedSince = null;
    if (wasUp && !this.closing) this.options.onDisconnected?.(reason);
  }

  private deliver(channel: Channel, queue: HubQueue, message: ConsumeMessage | null): void {
    if (!message) return; // the broker cancelled the consumer; recovery will re-subscribe
    this.buffered.push({ channel, queue, message });
    // Group commit: the batch is taken once this turn of the event loop has read every socket
    // chunk waiting (setImmediate, not a microtask), so deliveries read while the previous
    // commit's disk sync blocked the loop share one sync instead of one per chunk — the disk
    // sync per inbound batch was most of a catch-up's time (profile of the hub bench).
    if (this.buffered.length === 1) this.chain = this.chain.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => this.handleBuffered());
  }

  /**
   * Deliveries that arrived together are kept in one transaction (one disk sync instead of one
   * per message: thousands of receipts after an outage), then acknowledged, then answered.
   */
  private async handleBuffered(): Promise<void> {
    const batch = this.buffered.splice(0, this.buffered.length);
    if (batch.length === 0) return;
    let kept: Array<{ kept: boolean; after: AfterAck }>;
    try {
      kept = await this.options.onDeliveries(batch.map((d) => ({ queue: d.queue, body: d.message.content })));
    } catch (error) {
      // Not kept: leave them unacknowledged; they come back after a reconnect. Never crash.
      console.error('[hub] could not keep received messages:', (error as Error).message);
      return;
    }
    batch.forEach((d, i) => {
      // Only what is safely on disk is acknowledged; the rest comes back after a reconnect.
      if (!kept[i]?.kept) return;
      try {
        d.channel.ack(d.message);
      } catch {
        // channel gone: the message is redelivered and deduplicated on distributionID
      }
    });
    await Promise.all(kept.map(({ after }) => (after ? after().catch((error: unknown) => console.error('[hub] follow-up failed:', (error as Error).message)) : undefined)));
  }

  /** Publishes one message; resolves when the broker has confirmed it (it is then on disk). */
  async publish(body: Buffer): Promise<void> {
    if (this.drained) await this.drained;
    const channel = this.publisher;
    if (!channel) throw new TransportError('Hub Santé not connected');
    const confirmed = new Promise<void>((resolve, reject) => {
      const flowing = channel.publish(HUB_EXCHANGE, this.options.clientId, body, { persistent: true, contentType: 'application/json', contentEncoding: 'utf-8' }, (error) =>
        error ? reject(new TransportError(`not confirmed: ${String(error?.message ?? error)}`)) : resolve(),
      );
      if (!flowing && !this.drained) {
        this.drained = Promise.race([once(channel, 'drain'), once(channel, 'close')])
          .catch(() => undefined)
          .finally(() => (this.drained = null));
      }
    });
    return confirmed;
  }

  async close(): Promise<void> {
    this.closing = true;
    const connection = this.connection;
    this.connection = null;
    this.lost('closed');
    await this.chain.catch(() => undefined);
    if (connection) await connection.close().catch(() => undefined);
  }
}
