import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../../harness/server';
import { signIn, TEST_SCRYPT } from '../../support/operators';
import { makeTempDir } from '../../support/tempDir';
import { testConfig } from '../../support/testConfig';

/** The harness carries the real handler table; these check its transport and its guards. */
describe('test harness server', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let harness: Harness;
  let wsUrl: string;

  beforeAll(async () => {
    dir = makeTempDir();
    const rendererDir = join(dir.path, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
    harness = await startHarness({ config: testConfig(join(dir.path, 'data')), rendererDir, serviceOptions: { scryptParams: TEST_SCRYPT } });
    await signIn(harness.services());
    wsUrl = `${harness.origin.replace('http', 'ws')}/__harness/api?token=${harness.token}`;
  });
  afterAll(async () => {
    await harness.stop();
    dir.cleanup();
  });

  it('listens on loopback only', () => {
    expect(new URL(harness.origin).hostname).toBe('127.0.0.1');
  });

  it('serves the page only with the token, injecting the client first in <head>, under a strict CSP', async () => {
    expect((await fetch(harness.origin + '/')).status).toBe(403);
    const response = await fetch(harness.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toMatch(/<head>\s*<script type="module" src="\/__harness\/client\.js\?token=/);
    expect((await fetch(`${harness.origin}/__harness/client.js`)).status).toBe(403);
    expect((await fetch(`${harness.origin}/../../etc/passwd`)).status).not.toBe(200);
  });

  const connect = (url: string, origin: string) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, { origin });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });

  it('refuses a WebSocket without the token or from another origin', async () => {
    await expect(connect(wsUrl.replace(/token=\w+/, 'token=nope'), harness.origin)).rejects.toThrow(/403/);
    await expect(connect(wsUrl, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('dispatches requests to the handler table and pushes events', async () => {
    const ws = await connect(wsUrl, harness.origin);
    const messages: Array<Record<string, unknown>> = [];
    ws.on('message', (raw) => messages.push(JSON.parse(String(raw))));
    const waitFor = async (predicate: (m: Record<string, unknown>) => boolean) => {
      for (let i = 0; i < 100 && !messages.some(predicate); i++) await new Promise((r) => setTimeout(r, 20));
      return messages.find(predicate);
    };
    ws.send(JSON.stringify({ id: 1, channel: 'dossier:create', payload: { callerPhone: '0472112233', motive: 'chute' } }));
    const reply = (await waitFor((m) => m.id === 1)) as { response: { ok: boolean; value: { id: string } } };
    expect(reply.response.ok).toBe(true);
    const event = await waitFor((m) => m.event === 'dossier:changed');
    expect(event).toMatchObject({ payload: { dossierId: reply.response.value.id } });

    ws.send(JSON.stringify({ id: 2, channel: 'dossier:create', payload: { motive: 5 } }));
    expect(await waitFor((m) => m.id === 2)).toMatchObject({ response: { ok: false, error: { code: 'E_BAD_REQUEST' } } });
    ws.send('not json at all');
    ws.send(JSON.stringify({ id: 3, channel: 'queue:list', payload: {} }));
    expect(await waitFor((m) => m.id === 3)).toMatchObject({ response: { ok: true } });
    ws.close();
  });
});
