import { BrowserWindow } from 'electron';
import { APP_ENTRY } from './appOrigin';
import { lockNavigation, type ExternalLinks } from './navigation';

export function createMainWindow(preload: string, external: ExternalLinks | null = null): BrowserWindow {
  const window = new BrowserWindow({
    width: 1600,
    height: 1000,
    show: false,
    backgroundColor: '#121417',
    title: 'Plateau',
    // Written out at the call, not built by a helper, so static analysis (electronegativity) sees them.
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  lockNavigation(window.webContents, external);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY);
  return window;
}
