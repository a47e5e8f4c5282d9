import { readFileSync } from 'node:fs';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { RabbitBroker } from './rabbitBroker';

/**
 * A Hub client written for the tests, independent of Plateau's transport: the partner bots use
 * it. Plain amqplib over TLS with the client's certificate and SASL EXTERNAL.
 */
export interface Received {
  queue: 'message' | 'ack' | 'info';
  body: string;
  json: Record<string, unknown> | null;
  at: number;
}

export class HubTestClient {
  readonly received: Received[] = [];
  private connection: ChannelModel | null = null;
  private publisher: ConfirmChannel | null = null;
  private consumer: Channel | null = null;
  private waiters: Array<() => void> = [];
  onMessage: ((message: Received) => Promise<void> | void) | null = null;

  constructor(
    readonly clientId: string,
    private readonly broker: RabbitBroker,
  ) {}

  async connect(): Promise<void> {
    const cert = this.broker.certificates.clients[this.clientId]!;
    this.connection = await amqp.connect(this.broker.amqpsUrl, {
      credentials: amqp.credentials.external(),
      cert: readFileSync(cert.certFile),
      key: readFileSync(cert.keyFile),
      ca: [readFileSync(this.broker.certificates.caFile)],
      servername: 'localhost',
    });
    this.connection.on('error', () => undefined);
    this.publisher = await this.connection.createConfirmChannel();
    this.consumer = await this.connection.createChannel();
    // A broker killed by the test closes them: that is expected, not an error of the test.
    this.publisher.on('error', () => undefined);
    this.consumer.on('error', () => undefined);
    await this.consumer.prefetch(20);
    for (const queue of ['message', 'ack', 'info'] as const) {
      await this.consumer.consume(`${this.clientId}.${queue}`, (msg) => {
        if (!msg) return;
        const body = msg.content.toString('utf8');
        let json: Record<string, unknown> | null = null;
        try {
          json = JSON.parse(body) as Record<string, unknown>;
        } catch {
          json = null;
        }
        const received: Received = { queue, body, json, at: Date.now() };
        this.received.push(received);
        // An answer that cannot be published (broker killed by the test) is simply lost: the
        // message stays unacknowledged and comes back after a reconnect.
        void Promise.resolve(this.onMessage?.(received)).catch(() => undefined).finally(() => {
          try {
            this.consumer?.ack(msg);
          } catch {
            // closed meanwhile: the broker redelivers it
          }
          for (const wake of this.waiters.splice(0)) wake();
        });
      });
    }
  }

  /** Publishes as the Hub expects (persistent JSON, routing key = own id) unless told otherwise. */
  async publish(message: unknown, options: { routingKey?: string; persistent?: boolean; contentType?: string } = {}): Promise<void> {
    const body = Buffer.isBuffer(message) ? message : Buffer.from(JSON.stringify(message));
    await new Promise<void>((resolve, reject) =>
      this.publisher!.publish('hubsante', options.routingKey ?? this.clientId, body, { persistent: options.persistent ?? true, contentType: options.contentType ?? 'application/json' }, (error) => (error ? reject(error) : resolve())),
    );
  }

  async waitFor(predicate: (all: Received[]) => boolean, timeoutMs = 20_000, what = 'messages'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline) throw new Error(`${this.clientId}: timed out waiting for ${what} (got ${this.received.length})`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    await connection?.close().catch(() => undefined);
  }
}

type Obj = Record<string, unknown>;
/** The RC-DE message inside an EDXL-DE envelope. */
export function messageOf(envelope: Obj | null): Obj {
  return ((envelope?.content as Array<{ jsonContent: { embeddedJsonContent: { message: Obj } } }> | undefined)?.[0]?.jsonContent.embeddedJsonContent.message ?? {}) as Obj;
}
