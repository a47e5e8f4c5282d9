import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';
import { deskMessageSchema, MAX_ANNOUNCED_EVENTS, MAX_LISTED_APPOINTMENTS, MAX_MESSAGE_BYTES, type PulledEvent, type SiteHubState, type SiteMessage } from '../../../shared/api/siteProtocol';
import type { SiteConfig } from './siteConfig';
import { hubClientId } from '../../../shared/domain/localNumber';
import { SiteHubClient } from './hub/siteHubClient';
import { dossierTransmissions, readHubState } from './hub/siteHubState';
import { unattachedAppointments } from './hub/siteHubInbox';
import { SITE_NOTIFY_CHANNEL, SiteStore } from './store/siteStore';

export interface RunningSite {
  readonly port: number;
  readonly store: SiteStore;
  /** The room's Hub client (null without a hub section): only the lease holder is connected. */
  readonly hub: SiteHubClient | null;
  /** Desks connected now, by workstation id. */
  connected(): string[];
  close(): Promise<void>;
}

/** How long a notice of this instance's own append waits for the append's answer to tell the desks first. */
const OWN_NOTICE_DELAY_MS = 200;

/** A notice bigger than this goes without its events (the desks pull them). */
const MAX_ANNOUNCED_BYTES = 1024 * 1024;

interface Desk {
  socket: WebSocket;
  workstation: string | null;
  /** Requests of one desk are answered in the order they came. */
  queue: Promise<void>;
}

/** The workstation id is the CN of the desk's client certificate (verified against the SAMU CA by TLS). */
function certificateWorkstation(req: IncomingMessage): string | null {
  const socket = req.socket as TLSSocket;
  if (typeof socket.getPeerCertificate !== 'function' || !socket.authorized) return null;
  const cn = socket.getPeerCertificate().subject?.CN;
  return typeof cn === 'string' ? cn : Array.isArray(cn) ? (cn[0] ?? null) : null;
}

/**
 * The site service: the sync endpoint over one WebSocket per desk (push, pull, "new head"
 * notices from PostgreSQL's LISTEN/NOTIFY). It listens on the configured address only.
 */
export async function startSite(config: SiteConfig, log: (line: string) => void = () => undefined): Promise<RunningSite> {
  const store = await SiteStore.open(config.postgres, config.siteCode);
  const desks = new Set<Desk>();
  const send = (desk: Desk, message: SiteMessage) => {
    if (desk.socket.readyState === desk.socket.OPEN) desk.socket.send(JSON.stringify(message));
  };
  const hubClient = config.hub ? (config.hub.clientId ?? hubClientId(config.siteCode)) : null;
  let hubWatch: HubWatch | null = null;
  const hub = config.hub
    ? new SiteHubClient({
        pool: store.pool,
        connection: config.postgres,
        hub: config.hub,
        clientId: config.hub.clientId ?? hubClientId(config.siteCode),
        timeZone: config.timeZone,
        siteCode: config.siteCode,
        // Partners' cases enter the room's log as the site's own events.
        appendToLog: async (events) => (await store.append('site', randomUUID(), events)).results,
        log,
        onLinkChange: () => hubWatch?.poll(),
      })
    : null;
  await hub?.start();
  // The room's Hub state, told to every desk when it changes (ROOM.md §5: the desks show the site's link).
  hubWatch = hubClient
    ? watchHubState(
        () => readHubState(store.pool, hubClient),
        (state) => {
          for (const desk of desks) if (desk.workstation) send(desk, { kind: 'hub', hub: state });
        },
        log,
      )
    : null;
  // Told once per new head: by this instance's own appends at once (with the events, when few), by
  // the NOTIFY for another instance's (and again, late, for our own: then already told).
  let announced = 0;
  const broadcast = (head: number, events?: PulledEvent[]) => {
    if (head <= announced) return;
    announced = head;
    const withEvents = events && events.length > 0 && events.length <= MAX_ANNOUNCED_EVENTS ? JSON.stringify({ kind: 'head', head, events }) : null;
    const text = withEvents && withEvents.length <= MAX_ANNOUNCED_BYTES ? withEvents : JSON.stringify({ kind: 'head', head });
    // The other desks first: the one that wrote them has them already.
    const authors = new Set(events?.map((e) => e.workstation));
    const order = [...desks].sort((a, b) => Number(authors.has(a.workstation ?? '')) - Number(authors.has(b.workstation ?? '')));
    for (const desk of order) if (desk.workstation && desk.socket.readyState === desk.socket.OPEN) desk.socket.send(text);
    // What a desk pushed may be for the partners: the holder builds and drains at once.
    hub?.kick();
    hubWatch?.poll();
  };
  store.onAppended = broadcast;

  // Our own appends' notices come as their commits are answered (a quarter of the time before):
  // told at the answer, with the events; the notice only stands in if the answer never came.
  const listener = await startHeadListener(
    config,
    (head, from) => {
      if (from === store.instance) setTimeout(() => broadcast(head), OWN_NOTICE_DELAY_MS).unref();
      else broadcast(head);
    },
    log,
    () => store.head(),
  );

  const http: Server = config.tls
    ? createHttpsServer({
        ca: readFileSync(config.tls.caFile),
        cert: readFileSync(config.tls.certFile),
        key: readFileSync(config.tls.keyFile),
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
      })
    : createHttpServer();
  http.on('request', (_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('plateau-site: WebSocket only\n');
  });
  const wss = new WebSocketServer({ server: http, maxPayload: MAX_MESSAGE_BYTES });

  const welcome = async (desk: Desk, workstation: string) => {
    if (config.workstations.length > 0 && !config.workstations.includes(workstation)) {
      await store.recordRefusal(workstation, null, null, { code: 'E_BAD_MESSAGE', reason: `workstation ${workstation} is not one of this room's` }, null);
      desk.socket.close(4403, 'unknown workstation');
      return;
    }
    const hubState = hubClient ? await readHubState(store.pool, hubClient) : null;
    const head = await store.head();
    // Named only now: no notice (head, hub) reaches a desk before its welcome.
    desk.workstation = workstation;
    send(desk, { kind: 'welcome', site: config.siteCode, workstation, head, schemaVersion: store.schemaVersion, hub: hubState });
  };

  const handle = async (desk: Desk, text: string) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = deskMessageSchema.safeParse(json);
    if (!parsed.success) {
      const requestId = typeof (json as { requestId?: unknown } | undefined)?.requestId === 'string' ? (json as { requestId: string }).requestId : null;
      const issue = parsed.error.issues[0]!;
      const reason = `${issue.path.join('.') || '(message)'}: ${issue.message}`;
      await store.recordRefusal(desk.workstation ?? 'inconnu', null, null, { code: 'E_BAD_MESSAGE', reason }, text.slice(0, 500));
      send(desk, { kind: 'error', requestId, code: 'E_BAD_MESSAGE', message: reason });
      return;
    }
    const message = parsed.data;
    if (message.kind === 'hello') {
      // Over TLS the certificate names the desk; a hello cannot rename it.
      if (config.tls) return;
      await welcome(desk, message.workstation).catch(() => desk.socket.close(4503, 'site database unavailable'));
      return;
    }
    if (!desk.workstation) {
      send(desk, { kind: 'error', requestId: message.requestId, code: 'E_NOT_IDENTIFIED', message: 'say hello first' });
      return;
    }
    try {
      if (message.kind === 'push') {
        const { results, head } = await store.append(desk.workstation, message.batchId, message.events);
        send(desk, { kind: 'pushed', requestId: message.requestId, results, head });
      } else if (message.kind === 'pull') {
        const { events, head } = await store.pull(message.after, message.limit);
        send(desk, { kind: 'pulled', requestId: message.requestId, events, head });
      } else if (message.kind === 'joinPlan') {
        send(desk, { kind: 'joinPlan', requestId: message.requestId, ...(await store.joinPlan(message.after)) });
      } else if (message.kind === 'pullOpen') {
        const { events, head } = await store.pullOpen(message.after, message.upTo, message.limit);
        send(desk, { kind: 'pulled', requestId: message.requestId, events, head });
      } else if (message.kind === 'appointments') {
        send(desk, { kind: 'appointments', requestId: message.requestId, appointments: await unattachedAppointments(store.pool, MAX_LISTED_APPOINTMENTS) });
      } else {
        // Without a Hub on this site, nothing about the dossier ever left the room.
        const transmissions = hubClient ? await dossierTransmissions(store.pool, message.dossierId) : [];
        send(desk, { kind: 'transmissions', requestId: message.requestId, dossierId: message.dossierId, transmissions });
      }
    } catch (error) {
      log(`site store error: ${(error as Error).message}`);
      send(desk, { kind: 'error', requestId: message.requestId, code: 'E_SITE_STORE', message: 'the site database is unavailable; retry later' });
    }
  };

  wss.on('connection', (socket, req) => {
    const desk: Desk = { socket, workstation: null, queue: Promise.resolve() };
    desks.add(desk);
    socket.on('close', () => desks.delete(desk));
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        void store
          .recordRefusal(desk.workstation ?? 'inconnu', null, null, { code: 'E_TOO_LARGE', reason: `a message over ${MAX_MESSAGE_BYTES} bytes; the link was closed` }, null)
          .catch(() => undefined);
      }
    });
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      desk.queue = desk.queue.then(() => handle(desk, text)).catch((error: Error) => log(`desk message: ${error.message}`));
    });
    if (config.tls) {
      const workstation = certificateWorkstation(req);
      if (!workstation) socket.close(4401, 'client certificate required');
      // The database away: no welcome; the desk redials (with its backoff) rather than wait on a silent link.
      else desk.queue = desk.queue.then(() => welcome(desk, workstation)).catch(() => socket.close(4503, 'site database unavailable'));
    }
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.listen.port, config.listen.host, () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.listen.port;
  log(`plateau-site ${config.siteCode} listening on ${config.tls ? 'wss' : 'ws'}://${config.listen.host}:${port} (schema ${store.schemaVersion})`);

  return {
    port,
    store,
    hub,
    connected: () => [...desks].map((d) => d.workstation).filter((w): w is string => w !== null),
    close: async () => {
      for (const desk of desks) desk.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await listener.close();
      hubWatch?.stop();
      await hub?.stop();
      await store.close();
    },
  };
}

/**
 * A dedicated connection for LISTEN (a pooled one would lose it when the pool closes an idle
 * client). NOTIFY is only a wake-up: after a reconnect the current head is broadcast, since the
 * notices sent meanwhile are lost; desks read the log by pos anyway.
 */
async function startHeadListener(config: SiteConfig, onHead: (head: number, from: string | null) => void, log: (line: string) => void, currentHead: () => Promise<number>) {
  let client: pg.Client | null = null;
  let closed = false;
  let delay = 100;
  let timer: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    if (closed) return;
    const c = new pg.Client(config.postgres);
    c.on('error', () => undefined);
    c.on('end', () => {
      if (client === c) client = null;
      if (!closed) timer = setTimeout(() => void connect(), delay);
    });
    c.on('notification', (n) => {
      const [pos, from] = (n.payload ?? '').split(' ');
      const head = Number(pos);
      if (Number.isInteger(head)) onHead(head, from ?? null);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${SITE_NOTIFY_CHANNEL}`);
      client = c;
      delay = 100;
      onHead(await currentHead(), null);
    } catch (error) {
      log(`LISTEN connection: ${(error as Error).message}`);
      delay = Math.min(delay * 2, 5000);
      await c.end().catch(() => undefined);
    }
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}

interface HubWatch {
  /** Read now (coalesced with a read in flight) and tell the desks if anything changed. */
  poll(): void;
  stop(): void;
}

/** Also re-told every REFRESH_MS unchanged: a desk that stops hearing it knows its picture is old. */
export const HUB_STATE_REFRESH_MS = 10_000;
const HUB_STATE_POLL_MS = 1_000;

function watchHubState(read: () => Promise<SiteHubState>, tell: (state: SiteHubState) => void, log: (line: string) => void): HubWatch {
  let last = '';
  let lastToldAt = 0;
  let reading = false;
  let again = false;
  let failing = false;
  const poll = (): void => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    read()
      .then((state) => {
        failing = false;
        const { at: _at, ...meaning } = state;
        const key = JSON.stringify(meaning);
        if (key !== last || Date.now() - lastToldAt >= HUB_STATE_REFRESH_MS) {
          last = key;
          lastToldAt = Date.now();
          tell(state);
        }
      })
      .catch((error: unknown) => {
        // Said once per outage: the desks then stop hearing the state and show it as stale.
        if (!failing) log(`hub state unreadable: ${(error as Error).message}`);
        failing = true;
      })
      .finally(() => {
        reading = false;
        if (again) {
          again = false;
          poll();
        }
      });
  };
  const timer = setInterval(poll, HUB_STATE_POLL_MS);
  timer.unref();
  return { poll, stop: () => clearInterval(timer) };
}
