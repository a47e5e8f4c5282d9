import { randomUUID } from 'node:crypto';
import type { MediaPort } from './mediaPort';

export type MediaOperation = 'getDescription' | 'setDescription' | 'rollback' | 'close';

export interface MediaRequest {
  requestId: string;
  callId: string;
  op: MediaOperation;
  sdp: string | null;
  hold: boolean;
}

export interface MediaResponse {
  requestId: string;
  sdp?: string | undefined;
  error?: string | undefined;
}

export class MediaTimeoutError extends Error {
  readonly code = 'E_MEDIA' as const;
}

/**
 * The media bridge to the renderer: each request becomes a pushed `media:request` event, and the
 * renderer answers through the `media:respond` channel. A renderer that never answers (crashed,
 * reloading, stuck on a permission prompt) fails the request after `timeoutMs`, so sip.js fails
 * that offer/answer and the call ends cleanly instead of hanging.
 */
export class RendererMediaPort implements MediaPort {
  private readonly pending = new Map<string, { resolve: (sdp: string | undefined) => void; reject: (e: Error) => void; timer: NodeJS.Timeout; callId: string }>();

  constructor(
    private readonly push: (request: MediaRequest) => void,
    private readonly timeoutMs: number,
  ) {}

  private ask(callId: string, op: MediaOperation, sdp: string | null, hold: boolean): Promise<string | undefined> {
    const requestId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new MediaTimeoutError(`media ${op} for call ${callId}: no answer from the renderer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(requestId, { resolve, reject, timer, callId });
      try {
        this.push({ requestId, callId, op, sdp, hold });
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(requestId);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** From the `media:respond` channel. False when the request is unknown (late, or never asked). */
  respond(response: MediaResponse): boolean {
    const waiting = this.pending.get(response.requestId);
    if (!waiting) return false;
    clearTimeout(waiting.timer);
    this.pending.delete(response.requestId);
    if (response.error !== undefined) waiting.reject(new Error(`media refused by the renderer: ${response.error}`));
    else waiting.resolve(response.sdp);
    return true;
  }

  async getDescription(callId: string, options: { hold: boolean }): Promise<string> {
    const sdp = await this.ask(callId, 'getDescription', null, options.hold);
    if (!sdp) throw new Error('media: the renderer answered without an SDP');
    return sdp;
  }

  async setDescription(callId: string, sdp: string): Promise<void> {
    await this.ask(callId, 'setDescription', sdp, false);
  }

  async rollback(callId: string): Promise<void> {
    await this.ask(callId, 'rollback', null, false);
  }

  close(callId: string): void {
    // Fire and forget: the renderer releases the peer connection; nobody waits for it.
    this.ask(callId, 'close', null, false).catch(() => {});
  }

  get waiting(): number {
    return this.pending.size;
  }
}
