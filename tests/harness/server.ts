import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve, sep } from 'node:path';
import ts from 'typescript';
import { WebSocketServer, type WebSocket } from 'ws';
import { LISTENERS, METHODS } from '../../shared/api/contract';
import { CONTENT_SECURITY_POLICY, contentTypeOf } from '../../electron/main/appOrigin';
import { dispatch } from '../../electron/services/api';
import { createServices, type ServiceOptions, type Services } from '../../electron/services/composition';
import type { WorkstationConfig } from '../../electron/services/config/workstationConfig';

export interface HarnessOptions {
  config: WorkstationConfig;
  rendererDir?: string;
  port?: number;
  serviceOptions?: ServiceOptions;
  /**
   * Test clock: the services' time is the wall clock plus an offset that a test moves forward
   * through POST /__harness/clock?advanceMinutes=N (token required), which then runs the tick.
   */
  testClock?: boolean;
  /** Test-only: the services' clock starts at this instant (then runs, and may be moved as above). */
  clockAt?: string;
  /** The services' clock stands still at this instant (ISO; the test clock still moves it): screenshots with the same times. */
  frozenClock?: string;
  /** Test-only: the page exposes its WebRTC peer connections as `window.__plateauMedia` (see mediaBridge.ts). */
  exposeMedia?: boolean;
}

export interface Harness {
  /** Open this in the browser: it carries the per-run token. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  services(): Services;
  stop(): Promise<void>;
}


// From the working directory, like the renderer: the harness may run bundled (tests/e2e/harnessBundle.ts), away from its sources.
const CLIENT_SOURCE = resolve('tests/harness/browserClient.ts');

/**
 * The test harness: the same composition root as Electron's main process, the same handler
 * table, carried over a WebSocket on 127.0.0.1 instead of IPC. Never listens beyond loopback;
 * every request needs the per-run token, and the WebSocket only accepts our own page's origin.
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const rendererDir = resolve(options.rendererDir ?? 'out/renderer');
  const token = randomBytes(24).toString('hex');
  let clockOffsetMs = options.clockAt ? Date.parse(options.clockAt) - Date.now() : 0;
  const frozen = options.frozenClock ? Date.parse(options.frozenClock) : null;
  const serviceOptions: ServiceOptions =
    frozen !== null
      ? { ...options.serviceOptions, now: () => frozen + clockOffsetMs }
      : options.testClock || options.clockAt
        ? { ...options.serviceOptions, now: () => Date.now() + clockOffsetMs }
        : { ...options.serviceOptions };
  const services = createServices(options.config, serviceOptions);
  const clientJs = ts.transpileModule(await readFile(CLIENT_SOURCE, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;

  const http = createServer((req, res) => {
    void serve(req, res).catch((error) => {
      console.error('[harness] http error', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  await new Promise<void>((done) => http.listen(options.port ?? 0, '127.0.0.1', done));
  const port = (http.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const tokenOk = (candidate: string | null) => {
    if (!candidate || candidate.length !== token.length) return false;
    return timingSafeEqual(Buffer.from(candidate), Buffer.from(token));
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    // The app's own policy, plus the one socket the harness needs.
    const csp = CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ws://127.0.0.1:${port}`);
    const headers = { 'content-security-policy': csp, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!tokenOk(url.searchParams.get('token'))) return void res.writeHead(403, headers).end('token required');
      const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
      // The client must define window.plateau before the renderer's module runs: first in <head>.
      const tag = `<script type="module" src="/__harness/client.js?token=${token}"></script>`;
      res.writeHead(200, { ...headers, 'content-type': contentTypeOf('index.html') }).end(html.replace('<head>', `<head>\n    ${tag}`));
      return;
    }
    if (url.pathname === '/__harness/clock' && (options.testClock || frozen !== null)) {
      if (req.method !== 'POST' || !tokenOk(url.searchParams.get('token'))) return void res.writeHead(403, headers).end();
      const minutes = Number(url.searchParams.get('advanceMinutes'));
      if (!Number.isFinite(minutes) || minutes < 0 || minutes > 60 * 24 * 400) return void res.writeHead(400, headers).end();
      clockOffsetMs += minutes * 60_000;
      services.tick();
      res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify({ now: new Date(Date.now() + clockOffsetMs).toISOString() }));
      return;
    }
    if (url.pathname === '/__harness/client.js') {
      if (!tokenOk(url.searchParams.get('token'))) return void res.writeHead(403, headers).end();
      const config = { wsUrl: `ws://127.0.0.1:${port}/__harness/api?token=${token}`, methods: METHODS, listeners: LISTENERS, exposeMedia: options.exposeMedia === true };
      res.writeHead(200, { ...headers, 'content-type': contentTypeOf('client.js') }).end(`${clientJs}\ninstallPlateauClient(${JSON.stringify(config)});\n`);
      return;
    }
    const file = normalize(join(rendererDir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(rendererDir + sep)) return void res.writeHead(403, headers).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': contentTypeOf(file) }).end(body);
    } catch {
      res.writeHead(404, headers).end();
    }
  }

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/__harness/api' || !tokenOk(url.searchParams.get('token')) || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (raw) => {
      let message: { id?: unknown; channel?: unknown; payload?: unknown };
      try {
        message = JSON.parse(String(raw));
      } catch {
        return; // Not our client: nothing to answer to.
      }
      if (typeof message.id !== 'number') return;
      void dispatch(services.api, message.channel, message.payload).then((response) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, response }));
      });
    });
  });
  const unsubscribe = services.events.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    services: () => services,
    async stop() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      // The browser keeps its HTTP connections alive: close them, or close() waits for ever.
      const closed = new Promise<void>((done) => http.close(() => done()));
      http.closeAllConnections();
      await closed;
      await services.close();
    },
  };
}
