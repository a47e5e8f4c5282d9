import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, session } from 'electron';
import { ConfigError, configCandidates, loadWorkstationConfig, type WorkstationConfig } from '../services/config/workstationConfig';
import { createServices, type Services } from '../services/composition';
import { JournalError } from '../services/journal/journalError';
import { bindIpc } from './ipc';
import { installPermissionHandlers } from './permissions';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { createMainWindow } from './window';

/** Electron glue only: everything that can run without Electron lives in electron/services. */
function loadConfig(): WorkstationConfig {
  const candidates = configCandidates(process.env, process.platform, app.getPath('userData'));
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) throw new ConfigError(candidates.join(' | '), ['no workstation configuration file found (see README: "Where things live")']);
  return loadWorkstationConfig(file);
}

function fatal(title: string, error: unknown): never {
  dialog.showErrorBox(title, error instanceof Error ? error.message : String(error));
  app.exit(1);
  throw error;
}

if (!app.requestSingleInstanceLock()) {
  // One Plateau per workstation: a second one would fight over the journal.
  app.quit();
} else {
  registerAppScheme();
  let services: Services | null = null;
  let window: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  void app.whenReady().then(() => {
    try {
      services = createServices(loadConfig());
    } catch (error) {
      if (error instanceof ConfigError) fatal('Plateau — configuration du poste invalide', error);
      if (error instanceof JournalError) fatal('Plateau — journal inutilisable', error);
      fatal('Plateau — erreur au démarrage', error);
    }
    const appDir = app.getAppPath();
    handleAppProtocol(join(appDir, 'out', 'renderer'));
    installPermissionHandlers(session.defaultSession);
    window = createMainWindow(join(appDir, 'out', 'preload', 'index.cjs'));
    const unbind = bindIpc(ipcMain, services.api, services.events, () => (window && !window.isDestroyed() ? window.webContents : null));
    window.on('closed', () => {
      unbind();
      window = null;
    });
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    services?.close();
    services = null;
  });
}
