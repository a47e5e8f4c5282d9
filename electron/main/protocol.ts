import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, contentTypeOf, resolveAppFile } from './appOrigin';

/**
 * Must run before `app.whenReady()`. `standard` gives the page a real origin (app://plateau),
 * `secure` makes it a secure context (getUserMedia needs one), `stream` lets <audio> play the
 * ringtones served from it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

const BASE_HEADERS = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };

/** Read-only, from the built renderer folder only; every answer carries the CSP. */
export async function serveAppRequest(rendererDir: string, url: string, method = 'GET'): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return new Response('method not allowed', { status: 405, headers: BASE_HEADERS });
  const file = resolveAppFile(rendererDir, url);
  if (!file) return new Response('forbidden', { status: 403, headers: BASE_HEADERS });
  try {
    const body = await readFile(file);
    return new Response(method === 'HEAD' ? null : body, { status: 200, headers: { ...BASE_HEADERS, 'content-type': contentTypeOf(file) } });
  } catch {
    return new Response('not found', { status: 404, headers: BASE_HEADERS });
  }
}

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url, request.method));
}
