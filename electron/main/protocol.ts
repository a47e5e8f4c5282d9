import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, contentTypeOf, resolveAppFile } from './appOrigin';

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export async function serveAppRequest(rendererDir: string, url: string): Promise<Response> {
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  const file = resolveAppFile(rendererDir, url);
  if (!file) return new Response('forbidden', { status: 403, headers });
  try {
    return new Response(await readFile(file), { status: 200, headers: { ...headers, 'content-type': contentTypeOf(file) } });
  } catch {
    return new Response('not found', { status: 404, headers });
  }
}

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));
}
