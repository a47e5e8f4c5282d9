import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The provider's answer as it reached the listener, and the way to tell the browser how it ended. */
export interface LoopbackAnswer {
  /** The redirect URI this listener was opened for, with the answer's query: never built from the request's Host. */
  url: URL;
  /** Ends the browser's page with a short message (the outcome is known only after the token exchange). */
  respond(status: number, title: string, text: string): void;
}

/** A request that reached the listener somewhere else than the exact redirect path (or with another Host). */
export type StrayRequest = { path: string; reason: 'path' | 'host' | 'method' };

/**
 * The one-shot loopback redirect of a native app (RFC 8252 §7.3): an HTTP listener on 127.0.0.1
 * only, on a random (or configured) port, answering on one exact path. The first request there
 * is the answer; the listener then stops listening, so a replayed redirect finds nobody.
 * Requests elsewhere are answered 404 and reported (they are journaled as refusals).
 */
export class LoopbackListener {
  private answer: Promise<LoopbackAnswer>;
  private settle!: { resolve: (answer: LoopbackAnswer) => void; reject: (error: Error) => void };
  private taken = false;

  private constructor(
    private readonly server: Server,
    readonly redirectUri: string,
    private readonly path: string,
    private readonly onStray: (stray: StrayRequest) => void,
  ) {
    this.answer = new Promise<LoopbackAnswer>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // Nobody may be waiting yet when the listener is closed early.
    this.answer.catch(() => undefined);
    server.on('request', (request, response) => this.onRequest(request, response));
  }

  static open(port: number, path: string, onStray: (stray: StrayRequest) => void): Promise<LoopbackListener> {
    const server = createServer();
    // Keep-alive would hold a closed listener's socket open for the browser's next request.
    server.keepAliveTimeout = 0;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
        server.off('error', reject);
        const bound = (server.address() as AddressInfo).port;
        resolve(new LoopbackListener(server, `http://127.0.0.1:${bound}${path}`, path, onStray));
      });
    });
  }

  get port(): number {
    return Number(new URL(this.redirectUri).port);
  }

  /** The first answer on the exact path. */
  next(): Promise<LoopbackAnswer> {
    return this.answer;
  }

  close(): void {
    this.settle.reject(new Error('listener closed'));
    this.server.close();
    this.server.closeAllConnections();
  }

  private onRequest(request: IncomingMessage, response: ServerResponse): void {
    const target = new URL(request.url ?? '/', 'http://invalid');
    const expectedHost = new URL(this.redirectUri).host;
    const stray: StrayRequest['reason'] | null =
      target.pathname !== this.path ? 'path' : request.headers.host !== expectedHost ? 'host' : request.method !== 'GET' ? 'method' : null;
    if (stray || this.taken) {
      // A browser's own favicon request is not an attempt at anything.
      if (stray && target.pathname !== '/favicon.ico') this.onStray({ path: target.pathname.slice(0, 200), reason: stray });
      page(response, 404, 'Plateau', 'Adresse inattendue : cette page ne termine aucune connexion Pro Santé Connect.');
      return;
    }
    this.taken = true;
    const url = new URL(this.redirectUri);
    url.search = target.search;
    let answered = false;
    this.settle.resolve({
      url,
      respond: (status, title, text) => {
        if (answered) return;
        answered = true;
        page(response, status, title, text);
        this.server.close();
      },
    });
  }
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(response: ServerResponse, status: number, title: string, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'",
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  response.end(`<!doctype html><html lang="fr"><meta charset="utf-8"><title>${escape(title)}</title><h1>${escape(title)}</h1><p id="psc-outcome">${escape(text)}</p></html>`);
}
