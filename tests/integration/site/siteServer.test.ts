import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { siteConfigSchema } from '../../../electron/services/site/siteConfig';
import { startSite, type RunningSite } from '../../../electron/services/site/siteServer';
import { makeTestCertificates, type TestCertificates } from '../../support/hub/certificates';
import { freshDatabase, postgresProblem, startPostgres, type TestPostgres } from '../../support/postgres';
import { siteConfigFor } from '../../support/room';
import { makeTempDir } from '../../support/tempDir';
import { DeskEvents, operator } from '../../support/siteEvents';

const problem = postgresProblem();

type Message = Record<string, unknown>;
function open(url: string, options: ConstructorParameters<typeof WebSocket>[2] = {}): Promise<{ ws: WebSocket; next: () => Promise<Message>; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    const queue: Message[] = [];
    const waiting: ((m: Message) => void)[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as Message;
      const w = waiting.shift();
      if (w) w(m);
      else queue.push(m);
    });
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('error', reject);
    ws.on('open', () => resolve({ ws, closed, next: () => new Promise((r) => (queue.length ? r(queue.shift()!) : waiting.push(r))) }));
  });
}

describe.skipIf(problem !== null)('the site endpoint: TLS client certificates, loopback ws://, bad messages', () => {
  let server: TestPostgres;
  let dir: ReturnType<typeof makeTempDir>;
  let certs: TestCertificates;
  let tlsSite: RunningSite;
  let plainSite: RunningSite;

  beforeAll(async () => {
    dir = makeTempDir('plateau-site-tls-');
    server = await startPostgres();
    const settings = await freshDatabase(server, 'server_test');
    certs = makeTestCertificates(join(dir.path, 'certs'), ['mru-04']);
    tlsSite = await startSite(siteConfigSchema.parse({ ...siteConfigFor(settings), tls: { caFile: certs.caFile, certFile: certs.serverCertFile, keyFile: certs.serverKeyFile } }));
    plainSite = await startSite(siteConfigSchema.parse(siteConfigFor(settings)));
  }, 90_000);
  afterAll(async () => {
    await tlsSite?.close();
    await plainSite?.close();
    await server?.stop();
    dir?.cleanup();
  });

  it('refuses a plain link anywhere but 127.0.0.1, in the configuration itself', () => {
    const parsed = siteConfigSchema.safeParse({ ...siteConfigFor({ host: '127.0.0.1', port: 5432, user: 'u', database: 'd' }), listen: { host: '0.0.0.0', port: 8443 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(/127\.0\.0\.1 only/);
  });

  it('names the desk by its client certificate; a certificate of another CA never gets a link', async () => {
    const { ca } = { ca: readFileSync(certs.caFile) };
    const desk = await open(`wss://127.0.0.1:${tlsSite.port}`, { ca, cert: readFileSync(certs.clients['mru-04']!.certFile), key: readFileSync(certs.clients['mru-04']!.keyFile) });
    expect(await desk.next()).toMatchObject({ kind: 'welcome', site: '690', workstation: 'mru-04' });
    // A hello cannot rename a certified desk.
    desk.ws.send(JSON.stringify({ kind: 'hello', workstation: 'arm-01' }));
    desk.ws.send(JSON.stringify({ kind: 'pull', requestId: 'r1', after: 0, limit: 10 }));
    expect(await desk.next()).toMatchObject({ kind: 'pulled', requestId: 'r1' });
    expect(tlsSite.connected()).toEqual(['mru-04']);
    desk.ws.close();
    await expect(open(`wss://127.0.0.1:${tlsSite.port}`, { ca, cert: readFileSync(certs.stranger.certFile), key: readFileSync(certs.stranger.keyFile) })).rejects.toThrow();
    await expect(open(`wss://127.0.0.1:${tlsSite.port}`, { ca })).rejects.toThrow();
  });

  it('answers a malformed message with its reason and records it; a 10 MB message closes the link and is recorded', async () => {
    const desk = await open(`ws://127.0.0.1:${plainSite.port}`);
    desk.ws.send(JSON.stringify({ kind: 'hello', workstation: 'arm-09' }));
    expect(await desk.next()).toMatchObject({ kind: 'welcome', workstation: 'arm-09' });
    desk.ws.send(JSON.stringify({ kind: 'push', requestId: 'r2', batchId: 'not-a-uuid', events: [{}] }));
    expect(await desk.next()).toMatchObject({ kind: 'error', requestId: 'r2', code: 'E_BAD_MESSAGE', message: expect.stringMatching(/batchId/) });
    const head = await plainSite.store.head();
    desk.ws.send('x'.repeat(10 * 1024 * 1024));
    expect(await desk.closed).toBe(1009);
    await new Promise((r) => setTimeout(r, 200));
    const refusals = await plainSite.store.refusals();
    expect(refusals.filter((r) => r.workstation === 'arm-09').map((r) => r.code)).toEqual(['E_BAD_MESSAGE', 'E_TOO_LARGE']);
    expect(await plainSite.store.head()).toBe(head);
  });

  it('tells every desk of a new head at once, with the events when few; a desk on the other site instance hears it through PostgreSQL', async () => {
    const hello = async (workstation: string) => {
      const desk = await open(`ws://127.0.0.1:${plainSite.port}`);
      desk.ws.send(JSON.stringify({ kind: 'hello', workstation }));
      expect(await desk.next()).toMatchObject({ kind: 'welcome', workstation });
      return desk;
    };
    const writer = await hello('arm-05');
    const follower = await hello('mru-05');
    const other = await open(`wss://127.0.0.1:${tlsSite.port}`, { ca: readFileSync(certs.caFile), cert: readFileSync(certs.clients['mru-04']!.certFile), key: readFileSync(certs.clients['mru-04']!.keyFile) });
    expect(await other.next()).toMatchObject({ kind: 'welcome' });
    const before = await plainSite.store.head();
    const ev = new DeskEvents('arm-05');
    const op = operator('arm.five', 'ARM');
    const events = [ev.operatorCreated(op), ev.login(op), ev.dossierCreated(op)];
    writer.ws.send(JSON.stringify({ kind: 'push', requestId: 'p1', batchId: randomUUID(), events }));
    const head = await follower.next();
    expect(head).toMatchObject({ kind: 'head', head: before + 3 });
    expect((head.events as { id: string; pos: number }[]).map((e) => [e.id, e.pos])).toEqual(events.map((e, i) => [e.id, before + 1 + i]));
    // The writer hears it too (its own events come back with their positions), and its answer.
    const toWriter = [await writer.next(), await writer.next()];
    expect(toWriter.map((m) => m.kind).sort()).toEqual(['head', 'pushed']);
    // The other instance learns the head from the NOTIFY, once, without the events: its desks pull.
    let notice = await other.next();
    while (notice.kind === 'head' && (notice.head as number) < before + 3) notice = await other.next();
    expect(notice).toEqual({ kind: 'head', head: before + 3 });
    for (const d of [writer, follower, other]) d.ws.close();
  });
});
