import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES, siteMessageSchema, type PulledEvent, type SiteHubState, type SiteMessage } from '../../../shared/api/siteProtocol';

export interface SiteLinkOptions {
  url: string;
  workstation: string;
  tls: { caFile: string; certFile: string; keyFile: string } | null;
  /** Backoff between reconnections: doubles from the first to the last. */
  backoff?: { initialMs: number; maxMs: number };
  /** A request without an answer within this time fails (the link is then dropped and redialled). */
  requestTimeoutMs?: number;
}

type Pending = { resolve: (m: SiteMessage) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
type Answer<K extends SiteMessage['kind']> = Extract<SiteMessage, { kind: K }>;

export class SiteUnavailable extends Error {}

/**
 * One WebSocket to the site, redialled with backoff for as long as the desk runs. Requests are
 * answered by id; the site's "new head" notices and the link going up or down are callbacks.
 * Nothing here blocks a command: the sync loop above calls it in the background.
 */
export class SiteLink {
  private socket: WebSocket | null = null;
  private readonly pending = new Map<string, Pending>();
  private delay: number;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private welcomed = false;
  onUp: (head: number) => void = () => undefined;
  onDown: (why: string) => void = () => undefined;
  /** A new head; with the events just appended when the site sent them along. */
  onHead: (head: number, events?: PulledEvent[]) => void = () => undefined;
  /** The room's Hub state as the site told it (null on welcome: the site has no Hub). */
  onHub: (hub: SiteHubState | null) => void = () => undefined;

  constructor(private readonly options: SiteLinkOptions) {
    this.delay = options.backoff?.initialMs ?? 250;
  }

  get up(): boolean {
    return this.welcomed;
  }

  start(): void {
    this.stopped = false;
    this.dial();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.terminate();
    this.socket = null;
    this.fail(new SiteUnavailable('link stopped'));
  }

  push(batchId: string, events: readonly unknown[]): Promise<Answer<'pushed'>> {
    return this.request('pushed', { kind: 'push', batchId, events: [...events] });
  }

  pull(after: number, limit: number): Promise<Answer<'pulled'>> {
    return this.request('pulled', { kind: 'pull', after, limit });
  }

  /** The room's Hub messages about one dossier, from the site's outbox. */
  transmissions(dossierId: string): Promise<Answer<'transmissions'>> {
    return this.request('transmissions', { kind: 'transmissions', dossierId });
  }

  /** The room's SAS appointments no dossier holds yet. */
  appointments(): Promise<Answer<'appointments'>> {
    return this.request('appointments', { kind: 'appointments' });
  }

  /** What the first stage of a join holds after `after` (ROOM.md §4). */
  joinPlan(after: number): Promise<Answer<'joinPlan'>> {
    return this.request('joinPlan', { kind: 'joinPlan', after });
  }

  /** One page of a join's first stage: the accounts' and the open dossiers' events, up to `upTo`. */
  pullOpen(after: number, upTo: number, limit: number): Promise<Answer<'pulled'>> {
    return this.request('pulled', { kind: 'pullOpen', after, upTo, limit });
  }

  private async request<K extends 'pushed' | 'pulled' | 'joinPlan' | 'transmissions' | 'appointments'>(
    _answer: K,
    message:
      | { kind: 'push'; batchId: string; events: unknown[] }
      | { kind: 'pull'; after: number; limit: number }
      | { kind: 'joinPlan'; after: number }
      | { kind: 'pullOpen'; after: number; upTo: number; limit: number }
      | { kind: 'transmissions'; dossierId: string }
      | { kind: 'appointments' },
  ): Promise<Answer<K>> {
    const socket = this.socket;
    if (!socket || !this.welcomed) throw new SiteUnavailable('site unreachable');
    const requestId = randomUUID();
    const answer = await new Promise<SiteMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new SiteUnavailable('no answer from the site'));
        socket.terminate();
      }, this.options.requestTimeoutMs ?? 15_000);
      this.pending.set(requestId, { resolve, reject, timer });
      socket.send(JSON.stringify({ ...message, requestId }), (error) => {
        if (error) {
          clearTimeout(timer);
          this.pending.delete(requestId);
          reject(new SiteUnavailable(error.message));
        }
      });
    });
    if (answer.kind === 'error') throw new SiteUnavailable(`${answer.code}: ${answer.message}`);
    return answer as Answer<K>;
  }

  private dial(): void {
    if (this.stopped) return;
    const { url, tls } = this.options;
    const socket = new WebSocket(url, {
      maxPayload: MAX_MESSAGE_BYTES * 4,
      handshakeTimeout: 5000,
      ...(tls ? { ca: readFileSync(tls.caFile), cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile), minVersion: 'TLSv1.2' as const } : {}),
    });
    this.socket = socket;
    socket.on('open', () => {
      // Over TLS the certificate names this desk; on loopback ws:// it says who it is.
      if (!tls) socket.send(JSON.stringify({ kind: 'hello', workstation: this.options.workstation }));
      // A link that opens but never welcomes (the site stuck on its database) is dropped and redialled.
      const welcomeTimer = setTimeout(() => {
        if (!this.welcomed && this.socket === socket) socket.terminate();
      }, this.options.requestTimeoutMs ?? 15_000);
      welcomeTimer.unref?.();
    });
    socket.on('message', (data) => {
      let message: SiteMessage;
      try {
        message = siteMessageSchema.parse(JSON.parse(data.toString()));
      } catch {
        return;
      }
      if (message.kind === 'welcome') {
        this.welcomed = true;
        this.delay = this.options.backoff?.initialMs ?? 250;
        this.onHub(message.hub);
        this.onUp(message.head);
      } else if (message.kind === 'head') this.onHead(message.head, message.events);
      else if (message.kind === 'hub') this.onHub(message.hub);
      else {
        const requestId = message.requestId;
        const pending = requestId ? this.pending.get(requestId) : undefined;
        if (pending && requestId) {
          clearTimeout(pending.timer);
          this.pending.delete(requestId);
          pending.resolve(message);
        }
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', (_code, reason) => {
      if (this.socket === socket) this.socket = null;
      const wasUp = this.welcomed;
      this.welcomed = false;
      this.fail(new SiteUnavailable('site link closed'));
      if (wasUp) this.onDown(reason.toString() || 'closed');
      else this.onDown('unreachable');
      if (!this.stopped) {
        this.timer = setTimeout(() => this.dial(), this.delay);
        this.timer.unref?.();
        this.delay = Math.min(this.delay * 2, this.options.backoff?.maxMs ?? 10_000);
      }
    });
  }

  private fail(error: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(error);
      this.pending.delete(id);
    }
  }
}
