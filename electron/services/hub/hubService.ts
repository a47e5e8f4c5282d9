import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { HUB_FAULTS } from '../../../shared/api/schemas';
import type { SecretStore } from '../telephony/secretStore';
import type { WorkstationConfig } from '../config/workstationConfig';
import type { EventBus } from '../eventBus';
import type { Journal } from '../journal/journal';
import { AmqpTransport, TransportError, type TlsMaterial } from './amqpTransport';
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
  /** Why the link cannot even be tried (key material); the rest of the post works meanwhile. */
  fault: HubFault | null;
  /** The room's view (the site's Hub, as a desk in a room hears it); null for a desk's own client. */
  room: RoomHubView | null;
}

export interface RoomHubView {
  stale: boolean;
  unknownSince: string | null;
  lastConnected: boolean;
  heardAt: string | null;
  holder: string | null;
  toSite: number;
  atSite: number;
  /** The link to the site now. */
  siteLink: 'connecting' | 'online' | 'offline';
  /** Whether the site has a Hub section, as it last said; null: not heard since start. */
  siteHasHub: boolean | null;
}

export interface HubFault {
  reason: (typeof HUB_FAULTS)[number];
  /** The path and OpenSSL's words, never the key material nor the pass phrase. */
  detail: string;
}

/** The PKCS#12 pass phrase's name in the OS secret store (safeStorage in the app). */
export const HUB_PASSPHRASE_KEY = 'hub.pfxPassphrase';

export const UNCONFIGURED_STATUS: SyncStatus = { configured: false, clientId: null, connected: false, since: null, lastError: null, waiting: 0, oldestWaitingAt: null, notRouted: 0, failed: 0, expired: 0, rejectedInbound: 0, fault: null, room: null };

export interface HubServiceDeps {
  journal: Journal;
  events: EventBus;
  clientId: string;
  siteCode: string;
  timeZone: string;
  /** Where the PKCS#12 pass phrase is kept (safeStorage in the app); read at each connection. Never logged. */
  secrets?: SecretStore;
  /** A pass phrase given directly (tests), used when the secret store holds none. */
  passphrase?: string;
  now?: () => number;
  /** Housekeeping period: expiry, re-sends of unacknowledged messages. */
  sweepMs?: number;
  batch?: number;
  /** Backlog messages allowed unacknowledged at once (see OutboxDrain). */
  window?: number;
  reconnect?: { initialDelayMs: number; maxDelayMs: number };
}

class KeyMaterialFault extends Error {
  constructor(readonly fault: HubFault) {
    super(fault.detail);
  }
}

export function readKeyMaterial(config: HubConfig, passphrase: string | undefined): TlsMaterial {
  const read = (label: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      // The path, never the content, goes into the message.
      throw new KeyMaterialFault({ reason: 'certificateUnreadable', detail: `Hub Santé ${label} unreadable at ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}` });
    }
  };
  const { tls } = config;
  const material: TlsMaterial = {
    ca: read('CA certificate', tls.caFile),
    ...(tls.pfxFile ? { pfx: read('PKCS#12 file', tls.pfxFile), ...(passphrase !== undefined ? { passphrase } : {}) } : { cert: read('client certificate', tls.certFile!), key: read('client key', tls.keyFile!) }),
    ...(tls.serverName ? { servername: tls.serverName } : {}),
  };
  // Opened now rather than at the first TLS handshake, so a bad file or pass phrase is named as such.
  try {
    createSecureContext(material.pfx ? { pfx: material.pfx, ...(material.passphrase !== undefined ? { passphrase: material.passphrase } : {}) } : { cert: material.cert, key: material.key });
  } catch (error) {
    const words = (error as Error).message;
    const file = tls.pfxFile ?? `${tls.certFile} / ${tls.keyFile}`;
    // OpenSSL checks the PKCS#12 MAC with the pass phrase: a wrong or missing one fails there.
    const reason = /mac verify|bad decrypt|passphrase|password/i.test(words) ? 'passphrase' : 'certificateInvalid';
    throw new KeyMaterialFault({ reason, detail: `Hub Santé ${tls.pfxFile ? 'PKCS#12 file' : 'client certificate'} ${file} cannot be opened: ${words}`.slice(0, 500) });
  }
  return material;
}

/** The national exchange, wired: transport, outbox drain, inbox, status. */
export class HubService {
  readonly drain: OutboxDrain;
  readonly inbox: HubInbox;
  /** Null until the key material has been read, or while it is at fault. */
  private transport: AmqpTransport | null = null;
  private fault: HubFault | null = null;
  private started = false;
  private since: number | null = null;
  /** null until the first connection since start. */
  private up: boolean | null = null;
  private lastError: string | null = null;
  private sweep: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(
    private readonly config: HubConfig,
    private readonly deps: HubServiceDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.drain = new OutboxDrain({
      outbox: deps.journal.outbox,
      dossiers: deps.journal.dossiers,
      clientId: deps.clientId,
      timeZone: deps.timeZone,
      partners: config.partners,
      publish: (body) => this.publish(body),
      isConnected: () => this.transport?.connected ?? false,
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
      send: (body) => this.publish(body),
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
    this.started = true;
    await this.connect();
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

  /**
   * Reads the key material and opens the link. A missing, unreadable or corrupt certificate, or a
   * wrong pass phrase, puts the link in fault with the reason: the post works on without it.
   */
  private async connect(): Promise<void> {
    let tls: TlsMaterial;
    try {
      const stored = this.deps.secrets ? await this.deps.secrets.get(HUB_PASSPHRASE_KEY) : null;
      tls = readKeyMaterial(this.config, stored ?? this.deps.passphrase);
    } catch (error) {
      if (!(error instanceof KeyMaterialFault)) throw error;
      this.fault = error.fault;
      this.up = false;
      this.lastError = error.fault.detail;
      console.error('[hub]', error.fault.detail);
      this.statusChanged();
      return;
    }
    if (this.fault) this.lastError = null;
    this.fault = null;
    const transport = new AmqpTransport({
      brokerUrl: this.config.brokerUrl,
      vhost: this.config.vhost,
      clientId: this.deps.clientId,
      tls,
      prefetch: this.config.prefetch,
      ...(this.deps.reconnect ? { initialDelayMs: this.deps.reconnect.initialDelayMs, maxDelayMs: this.deps.reconnect.maxDelayMs } : {}),
      onDeliveries: (deliveries) => this.inbox.receiveMany(deliveries),
      onConnected: () => {
        this.up = true;
        this.since = this.now();
        this.lastError = null;
        this.drain.connected();
        this.statusChanged();
      },
      onDisconnected: (reason) => {
        if (transport.connected) return;
        // "Disconnected since" is the moment the link was lost, not the last failed retry.
        if (this.up) this.since = this.now();
        this.up = false;
        this.lastError = reason.slice(0, 500);
        this.statusChanged();
      },
    });
    this.transport = transport;
    await transport.start();
  }

  /** Whether the link to the broker is up now. */
  get connected(): boolean {
    return this.transport?.connected ?? false;
  }

  private async publish(body: Buffer): Promise<void> {
    if (!this.transport) throw new TransportError(this.fault ? `Hub Santé link at fault: ${this.fault.detail}` : 'Hub Santé not connected');
    return this.transport.publish(body);
  }

  /** Keeps the PKCS#12 pass phrase in the OS secret store, then reconnects with it. */
  async setPassphrase(passphrase: string): Promise<Envelope<SyncStatus>> {
    if (!this.deps.secrets) return fail('E_UNAVAILABLE', 'no secret store on this workstation');
    try {
      await this.deps.secrets.set(HUB_PASSPHRASE_KEY, passphrase);
    } catch (error) {
      return fail('E_FORBIDDEN', (error as Error).message);
    }
    const previous = this.transport;
    this.transport = null;
    await previous?.close();
    if (this.started) await this.connect();
    return ok(this.status());
  }

  status(): SyncStatus {
    const drain = this.drain.status();
    return {
      configured: true,
      clientId: this.deps.clientId,
      connected: this.transport?.connected ?? false,
      since: this.since === null ? null : new Date(this.since).toISOString(),
      lastError: this.lastError,
      ...drain,
      rejectedInbound: this.inbox.rejected(0).total,
      fault: this.fault,
      room: null,
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
    this.started = false;
    await this.drain.idle();
    await this.transport?.close();
  }
}
