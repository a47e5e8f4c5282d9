import { describe, expect, it } from 'vitest';
import type { WebContents } from 'electron';
import { APP_ENTRY } from '../../../../electron/main/appOrigin';
import { isAllowedExternal, lockNavigation } from '../../../../electron/main/navigation';
import { createMainWindow } from '../../../../electron/main/window';
import { BrowserWindow, FakeWebContents } from '../../../support/fakeElectron';

describe('main window', () => {
  it('is sandboxed, context-isolated, without Node, with our preload, showing app://plateau', () => {
    createMainWindow('/app/out/preload/index.cjs');
    const window = BrowserWindow.created.at(-1)!;
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(window.loaded).toBe(APP_ENTRY);
    expect(APP_ENTRY).toBe('app://plateau/index.html');
  });

  it('locks navigation of the window it creates', () => {
    const window = createMainWindow('/p.cjs') as unknown as BrowserWindow;
    expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('navigation lock', () => {
  const contents = new FakeWebContents();
  lockNavigation(contents as unknown as WebContents);
  const prevented = (event: string, ...args: unknown[]) => {
    let wasPrevented = false;
    contents.emit(event, { preventDefault: () => (wasPrevented = true) }, ...args);
    return wasPrevented;
  };

  it.each(['https://evil.example/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'data:text/html,x', 'not a url'])(
    'prevents navigating or redirecting to %s',
    (url) => {
      expect(prevented('will-navigate', url)).toBe(true);
      expect(prevented('will-redirect', url)).toBe(true);
    },
  );

  it('lets our own pages navigate within app://plateau', () => {
    expect(prevented('will-navigate', 'app://plateau/index.html#/queue')).toBe(false);
  });

  it('denies every window.open and every webview', () => {
    for (const url of ['https://evil.example/', 'app://plateau/index.html', 'about:blank']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(prevented('will-attach-webview', {}, { src: 'https://evil.example/' })).toBe(true);
  });
});

describe('the SAS platform search (INT_L01) opens in the system browser, nothing else', () => {
  const base = 'https://sas.sante.fr';
  it.each([
    ['https://sas.sante.fr/sas/recherche?origin=SAMU69&city=Lyon', true],
    ['https://sas.sante.fr:443/sas/recherche', true],
    ['http://sas.sante.fr/sas/recherche', false],
    ['https://sas.sante.fr.evil.example/sas/recherche', false],
    ['https://evil.example/?https://sas.sante.fr', false],
    ['https://user:pw@sas.sante.fr/sas/recherche', false],
    ['https://sas.sante.fr:8443/sas/recherche', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternal(url, base)).toBe(allowed);
  });

  it('hands the allowed URL to the system browser and still denies the window; nothing without configuration', () => {
    const opened: string[] = [];
    const contents = new FakeWebContents();
    lockNavigation(contents as unknown as WebContents, { sasBaseUrl: base, open: (url) => opened.push(url) });
    expect(contents.windowOpenHandler!({ url: 'https://sas.sante.fr/sas/recherche?origin=SAMU69' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://sas.sante.fr/sas/recherche?origin=SAMU69']);
    expect(isAllowedExternal('https://sas.sante.fr/sas/recherche', null)).toBe(false);
  });
});

describe('the Pro Santé Connect sign-in opens in the system browser: exactly the URL the services built', () => {
  it('hands over the pending authorization URL only, and still denies the window', () => {
    const opened: string[] = [];
    const pending = 'https://wallet.esw.esante.gouv.fr/auth?client_id=plateau&state=abc&code_challenge=xyz';
    const contents = new FakeWebContents();
    lockNavigation(contents as unknown as WebContents, { sasBaseUrl: null, isPscAuthorization: (url) => url === pending, open: (url) => opened.push(url) });
    expect(contents.windowOpenHandler!({ url: pending })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: `${pending}&prompt=none` })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://wallet.esw.esante.gouv.fr/auth' })).toEqual({ action: 'deny' });
    expect(opened).toEqual([pending]);
  });

  it('opens in the system browser an agenda\'s booking page the services offered, exactly, and nothing else', () => {
    const opened: string[] = [];
    const offered = 'https://agenda-a.example/rdv/foret-1';
    const contents = new FakeWebContents();
    lockNavigation(contents as unknown as WebContents, { sasBaseUrl: null, isBookingUrl: (url) => url === offered, open: (url) => opened.push(url) });
    expect(contents.windowOpenHandler!({ url: offered })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://agenda-a.example/rdv/other' })).toEqual({ action: 'deny' });
    expect(opened).toEqual([offered]);
  });
});
