import { EmitterImpl, TransportState, type Emitter, type Transport } from 'sip.js';
import type { Logger } from 'sip.js/lib/core/log/logger.js';
import { WebSocket } from 'ws';

export interface NodeWebSocketTransportOptions {
  server: string;
  /** Ping every this many ms; no pong (nor any other frame) before the next ping = dead. 0 = off. */
  heartbeatMs: number;
  /** Opening handshake limit: a frozen server accepts the TCP connection (kernel backlog) and never answers. */
  connectionTimeoutMs: number;
  /** Called with every SIP message in and out (the SIP trace), never with credentials in clear: digest only. */
  trace?: (direction: 'in' | 'out', message: string) => void;
}

/**
 * sip.js' bundled transport calls `new WebSocket(...)` on the global, which Node 20 lacks and
 * which we would rather not install process-wide. This is the same contract (RFC 7118, subprotocol
 * "sip") over the `ws` package, plus what sip.js does not have: a ping/pong heartbeat that turns a
 * server gone silent (frozen process, dropped NAT, host down without FIN) into an ordinary
 * disconnect, which the reconnect loop then handles. sip.js' own CRLF keep-alive never declares a
 * connection dead.
 */
export class NodeWebSocketTransport implements Transport {
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;

  private _state = TransportState.Disconnected;
  private readonly emitter = new EmitterImpl<TransportState>();
  private socket: WebSocket | undefined;
  private connecting: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly options: NodeWebSocketTransportOptions;
  readonly protocol: string;

  constructor(
    private readonly logger: Logger,
    options: NodeWebSocketTransportOptions,
  ) {
    this.options = options;
    this.protocol = options.server.startsWith('wss:') ? 'WSS' : 'WS';
  }

  get state(): TransportState {
    return this._state;
  }

  get stateChange(): Emitter<TransportState> {
    return this.emitter;
  }

  isConnected(): boolean {
    return this._state === TransportState.Connected;
  }

  connect(): Promise<void> {
    if (this._state === TransportState.Connected) return Promise.resolve();
    if (this.connecting) return this.connecting;
    this.setState(TransportState.Connecting);
    this.connecting = new Promise<void>((resolve, reject) => {
      let socket: WebSocket;
      try {
        socket = new WebSocket(this.options.server, 'sip', { handshakeTimeout: this.options.connectionTimeoutMs, perMessageDeflate: false });
      } catch (error) {
        this.connecting = undefined;
        this.setState(TransportState.Disconnected);
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.socket = socket;
      let opened = false;
      socket.on('open', () => {
        opened = true;
        this.connecting = undefined;
        this.startHeartbeat(socket);
        this.setState(TransportState.Connected);
        resolve();
        this.onConnect?.();
      });
      socket.on('message', (data, isBinary) => {
        if (socket !== this.socket) return;
        this.alive = true;
        const text = isBinary || typeof data !== 'string' ? Buffer.from(data as Buffer).toString('utf8') : data;
        // RFC 7118 keep-alive answers (CRLF) carry no SIP.
        if (/^(\r\n)+$/.test(text) || text.length === 0) return;
        this.options.trace?.('in', text);
        try {
          this.onMessage?.(text);
        } catch (error) {
          // A message sip.js cannot handle must not take the connection down with it.
          this.logger.error(`inbound message handling failed: ${String(error)}`);
        }
      });
      socket.on('pong', () => {
        this.alive = true;
      });
      socket.on('error', (error) => {
        this.logger.warn(`WebSocket error: ${error.message}`);
      });
      socket.on('close', (code) => {
        if (socket !== this.socket) return;
        this.stopHeartbeat();
        this.socket = undefined;
        const expected = this._state === TransportState.Disconnecting;
        this.setState(TransportState.Disconnected);
        if (!opened) {
          this.connecting = undefined;
          reject(new Error(`WebSocket connection to ${this.options.server} failed (code ${code})`));
          return;
        }
        if (expected) this.onDisconnect?.();
        else this.onDisconnect?.(new Error(`WebSocket closed unexpectedly (code ${code})`));
      });
    });
    return this.connecting;
  }

  disconnect(): Promise<void> {
    const socket = this.socket;
    if (!socket || this._state === TransportState.Disconnected) return Promise.resolve();
    this.setState(TransportState.Disconnecting);
    return new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      try {
        socket.close(1000);
      } catch {
        socket.terminate();
      }
      // A server that never answers the closing handshake: drop it after a moment.
      setTimeout(() => socket.terminate(), 1000).unref();
    });
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  send(message: string): Promise<void> {
    const socket = this.socket;
    if (!socket || this._state !== TransportState.Connected) return Promise.reject(new Error('Not connected.'));
    this.options.trace?.('out', message);
    return new Promise<void>((resolve, reject) => socket.send(message, (error) => (error ? reject(error) : resolve())));
  }

  private alive = true;

  private startHeartbeat(socket: WebSocket): void {
    if (this.options.heartbeatMs <= 0) return;
    this.alive = true;
    this.heartbeat = setInterval(() => {
      if (!this.alive) {
        this.logger.warn(`no pong within ${this.options.heartbeatMs} ms: server considered dead`);
        // terminate() → 'close' (1006) → onDisconnect(error) → the reconnect loop.
        socket.terminate();
        return;
      }
      this.alive = false;
      try {
        socket.ping();
      } catch {
        /* already closing: the close event follows */
      }
    }, this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private setState(state: TransportState): void {
    if (state === this._state) return;
    this._state = state;
    this.emitter.emit(state);
  }
}
