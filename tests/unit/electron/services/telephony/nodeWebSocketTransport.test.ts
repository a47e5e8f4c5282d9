import type { AddressInfo } from 'node:net';
import { TransportState } from 'sip.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { NodeWebSocketTransport } from '../../../../../electron/services/telephony/nodeWebSocketTransport';

const logger = { error: () => {}, warn: () => {}, log: () => {}, debug: () => {} } as never;

/** A real WebSocket server on 127.0.0.1 (`ws`), standing in for the proxy's WS side. */
async function server(options: { autoPong?: boolean } = {}) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: options.autoPong ?? true, handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false) });
  await new Promise((resolve) => wss.once('listening', resolve));
  const sockets: WebSocket[] = [];
  wss.on('connection', (ws) => sockets.push(ws));
  return { wss, sockets, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}` };
}

describe('SIP over WebSocket transport (ws)', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('speaks the "sip" subprotocol, delivers SIP messages, ignores CRLF keep-alives, and says why it dropped', async () => {
    const s = await server();
    close = () => new Promise((r) => s.wss.close(() => r()));
    const t = new NodeWebSocketTransport(logger, { server: s.url, heartbeatMs: 0, connectionTimeoutMs: 1000 });
    const received: string[] = [];
    const connected = new Promise<void>((r) => (t.onConnect = r));
    t.onMessage = (m) => received.push(m);
    await t.connect();
    await connected;
    expect(t.state).toBe(TransportState.Connected);
    expect(s.sockets[0]!.protocol).toBe('sip');
    const got = new Promise<string>((r) => s.sockets[0]!.once('message', (d) => r(String(d))));
    await t.send('OPTIONS sip:x SIP/2.0\r\n\r\n');
    expect(await got).toMatch(/^OPTIONS/);
    s.sockets[0]!.send('\r\n\r\n');
    s.sockets[0]!.send('SIP/2.0 200 OK\r\n\r\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toEqual(['SIP/2.0 200 OK\r\n\r\n']);
    const dropped = new Promise<Error | undefined>((r) => (t.onDisconnect = r));
    s.sockets[0]!.terminate();
    expect((await dropped)?.message).toMatch(/closed unexpectedly/);
    await expect(t.send('x')).rejects.toThrow(/Not connected/);
  });

  it('a server that stops answering pings is declared dead after one missed pong', async () => {
    const s = await server({ autoPong: false });
    close = () => new Promise((r) => s.wss.close(() => r()));
    const t = new NodeWebSocketTransport(logger, { server: s.url, heartbeatMs: 100, connectionTimeoutMs: 1000 });
    await t.connect();
    const t0 = performance.now();
    const dropped = new Promise<Error | undefined>((r) => (t.onDisconnect = r));
    expect(await dropped).toBeInstanceOf(Error);
    const ms = performance.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(150);
    expect(ms).toBeLessThan(1000);
    expect(t.state).toBe(TransportState.Disconnected);
  });

  it('a clean disconnect is not reported as an error, and a refused connection rejects connect()', async () => {
    const s = await server();
    close = () => new Promise((r) => s.wss.close(() => r()));
    const t = new NodeWebSocketTransport(logger, { server: s.url, heartbeatMs: 0, connectionTimeoutMs: 1000 });
    await t.connect();
    const dropped = new Promise<Error | undefined>((r) => (t.onDisconnect = r));
    await t.disconnect();
    expect(await dropped).toBeUndefined();
    await close();
    close = null;
    await expect(new NodeWebSocketTransport(logger, { server: s.url, heartbeatMs: 0, connectionTimeoutMs: 500 }).connect()).rejects.toThrow(/failed/);
  });
});
