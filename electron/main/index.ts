import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { isLive } from '../../shared/domain/callState';
import { installAppMenu, refuseDevTools } from './appMenu';
import { guardClosing } from './quitGuard';
import { adminCommandIn, consoleIo, runAdminCommand } from '../services/admin/adminCommands';
import { configLocations, resolveWorkstationConfig, type ResolvedConfig } from '../services/config/configSources';
import { configProvenance } from '../services/config/provenance';
import { ConfigError } from '../services/config/workstationConfig';
import { createServices, type Services } from '../services/composition';
import { JournalError } from '../services/journal/journalError';
import { bindIpc } from './ipc';
import { installPermissionHandlers } from './permissions';
import { createPdfPrinter } from './reportPdf';
import { SafeStorageSecretStore } from './safeStorageSecretStore';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { createElectronUpdateAgent, packageKind } from './updater';
import { createMainWindow } from './window';

/** Electron glue only: everything that can run without Electron lives in electron/services. */

/** PLATEAU_CONFIG is a developer's tool; on a packaged post only IT's machine-wide file can allow it. */
function resolveConfig(): ResolvedConfig {
  return resolveWorkstationConfig(configLocations(process.env, process.platform, app.getPath('userData')), { developmentBuild: !app.isPackaged });
}

function startupTitle(error: unknown): string {
  if (error instanceof ConfigError) return 'Plateau — configuration du poste invalide';
  if (error instanceof JournalError) return 'Plateau — journal inutilisable';
  return 'Plateau — erreur au démarrage';
}

/** A regulation post that cannot start says why, in a dialog IT can read, and exits non-zero. */
async function openServices(window: () => BrowserWindow | null): Promise<Services | null> {
  try {
    const userData = app.getPath('userData');
    const resolved = resolveConfig();
    const { config } = resolved;
    const secrets = new SafeStorageSecretStore(join(userData, 'secrets'));
    // electron-updater is loaded only where IT configured updates.
    const updateAgent = config.updates ? createElectronUpdateAgent((await import('electron-updater')).autoUpdater, { userData, updates: config.updates, workstationId: config.workstationId }) : undefined;
    return createServices(config, {
      secrets,
      reportPrinter: createPdfPrinter({ BrowserWindow, dialog, parent: window }),
      provenance: configProvenance(resolved),
      app: { version: app.getVersion(), packageKind: packageKind(process.platform, process.env) },
      ...(updateAgent ? { updateAgent } : {}),
      // What exists on this workstation: the installed program itself, or a checkout's npm script.
      ...(app.isPackaged ? { firstAdminCommand: `"${process.execPath}" --add-operator --login <login> --name "<nom>" --role ADMIN` } : {}),
    });
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

  void app.whenReady().then(async () => {
    services = await openServices(() => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null));
    if (!services) return;
    installAppMenu(Menu, app.isPackaged);
    // Hub Santé connects in the background; the regulation post works offline meanwhile.
    void services.startHub();
    services.updates.start();
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
      // GP slots: only a booking page (https) of a slot the services just offered.
      isBookingUrl: (url) => services?.slots.isOfferedBookingUrl(url) ?? false,
      open: (url) => void shell.openExternal(url),
    });
    refuseDevTools(created.webContents, app.isPackaged);
    const running = services;
    guardClosing(created, { dialog, liveCalls: () => running.telephony?.list().filter(isLive).length ?? 0, language: () => running.language() });
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

// IT's tools answer before any window opens (and without the single-instance lock: verifying a
// journal while the post runs is allowed). `electron .` in development has the app path first.
const args = process.argv.slice(app.isPackaged ? 1 : 2);
if (adminCommandIn(args)) {
  void runAdminCommand(args, { door: 'app', io: consoleIo(), resolveConfig }).then(
    (code) => app.exit(code),
    (error: unknown) => {
      console.error(error);
      app.exit(2);
    },
  );
}
// One Plateau per workstation: a second one would fight over the journal.
else if (app.requestSingleInstanceLock()) start();
else app.quit();
