import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackListener, type StrayRequest } from '../../../../../../electron/services/auth/psc/loopbackListener';

/** A raw GET with a chosen Host header (fetch would not let us forge it). */
function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the loopback redirect listener (RFC 8252)', () => {
  let listener: LoopbackListener | null = null;
  afterEach(() => listener?.close());

  it('listens on 127.0.0.1 only, answers the exact path once, and reports everything else', async () => {
    const strays: StrayRequest[] = [];
    listener = await LoopbackListener.open(0, '/psc/callback', (s) => strays.push(s));
    expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/psc\/callback$/);
    const port = listener.port;
    expect(await get(port, '/psc/other?code=x')).toBe(404);
    expect(await get(port, '/psc/callback?code=x', `evil.example:${port}`)).toBe(404);
    expect(strays).toEqual([{ path: '/psc/other', reason: 'path' }, { path: '/psc/callback', reason: 'host' }]);
    const answered = get(port, '/psc/callback?code=abc&state=s1');
    const answer = await listener.next();
    // The answer is rebuilt on the listener's own redirect URI, never on the request's Host.
    expect(answer.url.href).toBe(`${listener.redirectUri}?code=abc&state=s1`);
    answer.respond(200, 'ok', 'ok');
    expect(await answered).toBe(200);
    // One shot: the listener has stopped listening.
    await expect(get(port, '/psc/callback?code=abc&state=s1')).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
  });

  it('takes the configured fixed port, and says so when it is taken', async () => {
    listener = await LoopbackListener.open(0, '/psc/callback', () => undefined);
    await expect(LoopbackListener.open(listener.port, '/psc/callback', () => undefined)).rejects.toThrow(/EADDRINUSE/);
  });
});
