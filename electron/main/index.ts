import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { ConfigError, configCandidates, loadWorkstationConfig, type WorkstationConfig } from '../services/config/workstationConfig';
import { createServices, type Services } from '../services/composition';
import { JournalError } from '../services/journal/journalError';
import { bindIpc } from './ipc';
import { installPermissionHandlers } from './permissions';
import { createPdfPrinter } from './reportPdf';
import { SafeStorageSecretStore } from './safeStorageSecretStore';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { createMainWindow } from './window';

/** Electron glue only: everything that can run without Electron lives in electron/services. */

function loadConfig(): WorkstationConfig {
  const candidates = configCandidates(process.env, process.platform, app.getPath('userData'));
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) throw new ConfigError(candidates.join(' | '), ['no workstation configuration file found (see README: "Where things live")']);
  return loadWorkstationConfig(file);
}

function startupTitle(error: unknown): string {
  if (error instanceof ConfigError) return 'Plateau — configuration du poste invalide';
  if (error instanceof JournalError) return 'Plateau — journal inutilisable';
  return 'Plateau — erreur au démarrage';
}

/** A regulation post that cannot start says why, in a dialog IT can read, and exits non-zero. */
function openServices(window: () => BrowserWindow | null): Services | null {
  try {
    const secrets = new SafeStorageSecretStore(join(app.getPath('userData'), 'secrets'));
    return createServices(loadConfig(), { secrets, reportPrinter: createPdfPrinter({ BrowserWindow, dialog, parent: window }) });
  } catch (error) {
    dialog.showErrorBox(startupTitle(error), error instanceof Error ? error.message : String(error));
    app.exit(1);
    return null;
  }
}

function start(): void {
  registerAppScheme();
  let services: Services | null = null;
  let mainWindow: BrowserWindow | null = null;
  let unbind: (() => void) | null = null;

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  void app.whenReady().then(() => {
    services = openServices(() => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null));
    if (!services) return;
    // Hub Santé connects in the background; the regulation post works offline meanwhile.
    void services.startHub();
    const appDir = app.getAppPath();
    handleAppProtocol(join(appDir, 'out', 'renderer'));
    installPermissionHandlers(session.defaultSession);
    // Bound before the page loads, so its first call finds a handler.
    unbind = bindIpc(ipcMain, services.api, { events: services.events, contents: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null) });
    // INT_L01: the SAS platform's search opens in the system browser, and only that origin.
    const psc = services.psc;
    const created = createMainWindow(join(appDir, 'out', 'preload', 'index.cjs'), {
      sasBaseUrl: services.config.sas?.baseUrl ?? null,
      // Pro Santé Connect (RFC 8252): only the authorization URL the services just built.
      isPscAuthorization: (url) => psc?.isPendingAuthorizationUrl(url) ?? false,
      open: (url) => void shell.openExternal(url),
    });
    // The page carried the calls' audio: if it dies, nobody hears them any more. End them.
    created.webContents.on('render-process-gone', () => void services?.telephony?.endAll('renderer gone'));
    created.on('closed', () => {
      mainWindow = null;
    });
    mainWindow = created;
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    unbind?.();
    unbind = null;
    void services?.close();
    services = null;
  });
}

// One Plateau per workstation: a second one would fight over the journal.
if (app.requestSingleInstanceLock()) start();
else app.quit();
