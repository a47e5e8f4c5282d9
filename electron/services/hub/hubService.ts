import { readFileSync } from 'node:fs';
import type { WorkstationConfig } from '../config/workstationConfig';
import type { EventBus } from '../eventBus';
import type { Journal } from '../journal/journal';
import { AmqpTransport, type TlsMaterial } from './amqpTransport';
import { HubInbox } from './inbox';
import { OutboxDrain } from './outboxDrain';

export type HubConfig = NonNullable<WorkstationConfig['hub']>;

/** What the sync banner shows (ARCHITECTURE §4: "transmis" only after the partner's receipt). */
export interface SyncStatus {
  configured: boolean;
  clientId: string | null;
  connected: boolean;
  /** Since when connected, or since when disconnected. */
  since: string | null;
  lastError: string | null;
  waiting: number;
  oldestWaitingAt: string | null;
  notRouted: number;
  failed: number;
  expired: number;
  rejectedInbound: number;
}

export const UNCONFIGURED_STATUS: SyncStatus = { configured: false, clientId: null, connected: false, since: null, lastError: null, waiting: 0, oldestWaitingAt: null, notRouted: 0, failed: 0, expired: 0, rejectedInbound: 0 };

export interface HubServiceDeps {
  journal: Journal;
  events: EventBus;
  clientId: string;
  siteCode: string;
  timeZone: string;
  /** PKCS#12 pass phrase, from safeStorage in the app. Never logged. */
  passphrase?: string;
  now?: () => number;
  /** Housekeeping period: expiry, re-sends of unacknowledged messages. */
  sweepMs?: number;
  batch?: number;
  /** Backlog messages allowed unacknowledged at once (see OutboxDrain). */
  window?: number;
  reconnect?: { initialDelayMs: number; maxDelayMs: number };
}

export function readKeyMaterial(config: HubConfig, passphrase: string | undefined): TlsMaterial {
  const read = (label: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      // The path, never the content, goes into the message.
      throw new Error(`Hub Santé ${label} unreadable at ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  };
  const { tls } = config;
  return {
    ca: read('CA certificate', tls.caFile),
    ...(tls.pfxFile ? { pfx: read('PKCS#12 file', tls.pfxFile), ...(passphrase !== undefined ? { passphrase } : {}) } : { cert: read('client certificate', tls.certFile!), key: read('client key', tls.keyFile!) }),
    ...(tls.serverName ? { servername: tls.serverName } : {}),
  };
}

/** The national exchange, wired: transport, outbox drain, inbox, status. */
export class HubService {
  readonly drain: OutboxDrain;
  readonly inbox: HubInbox;
  readonly transport: AmqpTransport;
  private since: number | null = null;
  /** null until the first connection since start. */
  private up: boolean | null = null;
  private lastError: string | null = null;
  private sweep: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(
    config: HubConfig,
    private readonly deps: HubServiceDeps,
  ) {
    this.now = deps.now ?? Date.now;
    const tls = readKeyMaterial(config, deps.passphrase);
    this.transport = new AmqpTransport({
      brokerUrl: config.brokerUrl,
      vhost: config.vhost,
      clientId: deps.clientId,
      tls,
      prefetch: config.prefetch,
      ...(deps.reconnect ? { initialDelayMs: deps.reconnect.initialDelayMs, maxDelayMs: deps.reconnect.maxDelayMs } : {}),
      onDeliveries: (deliveries) => this.inbox.receiveMany(deliveries),
      onConnected: () => {
        this.up = true;
        this.since = this.now();
        this.lastError = null;
        this.drain.connected();
        this.statusChanged();
      },
      onDisconnected: (reason) => {
        if (this.transport.connected) return;
        // "Disconnected since" is the moment the link was lost, not the last failed retry.
        if (this.up) this.since = this.now();
        this.up = false;
        this.lastError = reason.slice(0, 500);
        this.statusChanged();
      },
    });
    this.drain = new OutboxDrain({
      outbox: deps.journal.outbox,
      dossiers: deps.journal.dossiers,
      clientId: deps.clientId,
      timeZone: deps.timeZone,
      partners: config.partners,
      publish: (body) => this.transport.publish(body),
      isConnected: () => this.transport.connected,
      resendAfterMs: config.resendAfterSeconds * 1000,
      ...(deps.batch ? { batch: deps.batch } : {}),
      ...(deps.window ? { window: deps.window } : {}),
      ...(deps.now ? { now: deps.now } : {}),
      onChange: () => this.statusChanged(),
    });
    this.inbox = new HubInbox({
      journal: deps.journal,
      clientId: deps.clientId,
      siteCode: deps.siteCode,
      timeZone: deps.timeZone,
      acceptCasesFrom: new Set([...config.partners.map((p) => p.clientId), ...config.acceptFrom]),
      sasPlatformId: config.sasPlatformId,
      drain: this.drain,
      send: (body) => this.transport.publish(body),
      ...(deps.now ? { now: deps.now } : {}),
      onDossierChanged: (dossierId, seq) => deps.events.emit('dossier:changed', { dossierId, seq }),
      onChange: () => this.statusChanged(),
    });
  }

  async start(): Promise<void> {
    this.since = this.now();
    // Every committed change may have enqueued a message: wake the drain (it coalesces).
    this.unsubscribe = this.deps.events.subscribe((channel, payload) => {
      if (channel === 'dossier:changed') this.drain.kick((payload as { dossierId: string }).dossierId);
    });
    this.sweep = setInterval(() => {
      this.drain.expireDue();
      void this.drain.resendUnacknowledged();
      this.drain.kick();
    }, this.deps.sweepMs ?? 5_000);
    this.sweep.unref();
    await this.transport.start();
    // The schemas compile after the start (about a second on a workstation), before the first
    // message needs them; a message arriving earlier compiles its own kind on the spot.
    const warm = setTimeout(() => {
      try {
        this.inbox.warmUp();
      } catch (error) {
        console.error('[hub] schema warm-up failed:', (error as Error).message);
      }
    }, 0);
    warm.unref();
  }

  status(): SyncStatus {
    const drain = this.drain.status();
    return {
      configured: true,
      clientId: this.deps.clientId,
      connected: this.transport.connected,
      since: this.since === null ? null : new Date(this.since).toISOString(),
      lastError: this.lastError,
      ...drain,
      rejectedInbound: this.inbox.rejected(0).total,
    };
  }

  /** Pushed to the screens at most four times a second. */
  private statusChanged(): void {
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      try {
        this.deps.events.emit('hub:status', this.status());
      } catch (error) {
        console.error('[hub] status event failed:', (error as Error).message);
      }
    }, 250);
    this.statusTimer.unref();
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    if (this.sweep) clearInterval(this.sweep);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.drain.stop();
    await this.drain.idle();
    await this.transport.close();
  }
}
