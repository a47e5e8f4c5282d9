import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, resolveAppFile } from '../../../../electron/main/appOrigin';
import { handleAppProtocol, registerAppScheme } from '../../../../electron/main/protocol';
import { protocol } from '../../../support/fakeElectron';
import { makeTempDir } from '../../../support/tempDir';

describe('app:// protocol', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let root: string;
  /** What Chromium gets back for a request to our scheme. */
  const fetchApp = (url: string, method = 'GET') => protocol.handlers.get('app')!(new Request(url, { method }));

  beforeAll(() => {
    dir = makeTempDir();
    root = join(dir.path, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Plateau</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(dir.path, 'secret.txt'), 'secret');
    mkdirSync(join(dir.path, 'renderer-other'));
    writeFileSync(join(dir.path, 'renderer-other', 'x.js'), 'sibling');
    handleAppProtocol(root);
  });
  afterAll(() => dir.cleanup());

  it('registers app as a standard, secure scheme', () => {
    registerAppScheme();
    expect(protocol.privileged).toContainEqual({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) });
    expect(protocol.privileged[0]!.privileges).not.toHaveProperty('bypassCSP');
  });

  it('serves the built renderer with the strict CSP and a content type', async () => {
    const page = await fetchApp('app://plateau/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Plateau</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const script = await fetchApp('app://plateau/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('uses exactly the policy of the security rules', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'font-src': "'self'",
      'connect-src': "'self'",
      'media-src': "'self' blob:",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
  });

  it.each([
    'app://plateau/..%2Fsecret.txt',
    'app://plateau/%2e%2e%2fsecret.txt',
    'app://plateau/assets/..%2F..%2Fsecret.txt',
    'app://plateau/..%5Csecret.txt',
    'app://plateau/..%2Frenderer-other%2Fx.js',
    'app://plateau/%E0%A4%A',
    'app://plateau/index.html%00.js',
    'app://evil/index.html',
  ])('refuses %s with 403 and still sends the CSP', async (url) => {
    const response = await fetchApp(url);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('secret');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never resolves a path outside the renderer folder, whatever the URL parser does with dots', () => {
    for (const url of ['app://plateau/../secret.txt', 'app://plateau/./../../secret.txt', 'app://plateau/%2e%2e/secret.txt', 'app://plateau/a/b/../../../secret.txt']) {
      const file = resolveAppFile(root, url);
      expect(file === null || file.startsWith(root + sep), `${url} → ${file}`).toBe(true);
    }
    expect(resolveAppFile(root, 'app://plateau/')).toBe(join(root, 'index.html'));
  });

  it('answers 404 for a missing file and 405 for a write', async () => {
    expect((await fetchApp('app://plateau/missing.js')).status).toBe(404);
    expect((await fetchApp('app://plateau/assets/')).status).toBe(404);
    expect((await fetchApp('app://plateau/index.html', 'POST')).status).toBe(405);
  });
});
