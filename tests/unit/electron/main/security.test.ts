import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { APP_ENTRY, CONTENT_SECURITY_POLICY, resolveAppFile } from '../../../../electron/main/appOrigin';
import { lockNavigation } from '../../../../electron/main/navigation';
import { installPermissionHandlers, isPermissionAllowed } from '../../../../electron/main/permissions';
import { serveAppRequest } from '../../../../electron/main/protocol';
import { createMainWindow, secureWebPreferences } from '../../../../electron/main/window';
import { BrowserWindow, FakeSession, FakeWebContents } from '../../../support/fakeElectron';
import { makeTempDir } from '../../../support/tempDir';

describe('window security', () => {
  it('creates the window sandboxed, context-isolated, without Node, on app://', () => {
    createMainWindow('/p/preload.cjs');
    const window = BrowserWindow.created.at(-1)!;
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(window.loaded).toBe(APP_ENTRY);
    expect(secureWebPreferences('/x').preload).toBe('/x');
  });

  it('denies navigation away, window.open and webviews', () => {
    const contents = new FakeWebContents();
    lockNavigation(contents as unknown as WebContents);
    const navigate = (url: string) => {
      let prevented = false;
      contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://plateau/index.html')).toBe(false);
    expect(contents.windowOpenHandler!({ url: 'https://x' })).toEqual({ action: 'deny' });
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('permissions', () => {
  it.each([
    ['media', 'app://plateau/index.html', ['audio'], true],
    ['media', 'app://plateau/index.html', ['audio', 'video'], false],
    ['media', 'app://plateau/index.html', ['video'], false],
    ['media', 'https://evil.example/', ['audio'], false],
    ['media', 'app://other/index.html', ['audio'], false],
    ['geolocation', 'app://plateau/index.html', [], false],
    ['notifications', 'app://plateau/index.html', [], false],
    ['clipboard-read', 'app://plateau/index.html', [], false],
  ] as const)('%s from %s %j → %s', (permission, origin, media, allowed) => {
    expect(isPermissionAllowed(permission, origin, media)).toBe(allowed);
  });

  it('installs both handlers on the session', () => {
    const session = new FakeSession();
    installPermissionHandlers(session as unknown as Session);
    let answer: boolean | undefined;
    session.requestHandler!(new FakeWebContents(), 'media', (a) => (answer = a), { requestingUrl: 'app://plateau/index.html', mediaTypes: ['audio'] });
    expect(answer).toBe(true);
    session.requestHandler!(new FakeWebContents(), 'media', (a) => (answer = a), { requestingUrl: 'app://plateau/index.html', mediaTypes: ['video'] });
    expect(answer).toBe(false);
    expect(session.checkHandler!(null, 'media', 'https://evil.example', { mediaType: 'audio' })).toBe(false);
  });
});

describe('app:// protocol', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    dir = makeTempDir();
    mkdirSync(join(dir.path, 'renderer'));
    writeFileSync(join(dir.path, 'renderer', 'index.html'), '<html></html>');
    writeFileSync(join(dir.path, 'secret.txt'), 'secret');
  });
  afterAll(() => dir.cleanup());

  it('serves the renderer with the strict CSP', async () => {
    const response = await serveAppRequest(join(dir.path, 'renderer'), 'app://plateau/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });

  it('refuses to leave the renderer folder', async () => {
    const root = join(dir.path, 'renderer');
    // Either refused, or normalised back inside the folder by the URL parser: never outside.
    for (const url of ['app://plateau/%2e%2e/secret.txt', 'app://plateau/../secret.txt', 'app://plateau/..%2Fsecret.txt', 'app://plateau/a/..%2F..%2Fsecret.txt']) {
      const file = resolveAppFile(root, url);
      expect(file === null || file.startsWith(`${root}/`), url).toBe(true);
    }
    expect(resolveAppFile(root, 'app://plateau/..%2Fsecret.txt')).toBeNull();
    expect(resolveAppFile(root, 'app://evil/index.html')).toBeNull();
    expect((await serveAppRequest(root, 'app://plateau/..%2Fsecret.txt')).status).toBe(403);
    expect((await serveAppRequest(root, 'app://plateau/missing.js')).status).toBe(404);
  });
});
