import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AppUpdater } from 'electron-updater';
import type { PackageKind } from '../services/update/updateFeed';
import { stagingId } from '../services/update/updateDecision';
import type { UpdateAgent } from '../services/update/updateService';
import type { UpdatesConfig } from '../services/update/updatesConfig';

/** What the glue uses of electron-updater's autoUpdater (a fake in the tests). */
export type Updater = Pick<AppUpdater, 'autoDownload' | 'autoInstallOnAppQuit' | 'allowDowngrade' | 'updateConfigPath' | 'isUserWithinRollout' | 'checkForUpdates' | 'downloadUpdate' | 'quitAndInstall'>;

/** How this copy was installed, which decides the artefact that updates it. */
export function packageKind(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): PackageKind {
  if (platform === 'win32') return 'nsis';
  return env.APPIMAGE ? 'AppImage' : 'deb';
}

/**
 * electron-updater as the services' update agent: it downloads (checking the Windows publisher)
 * and installs; the decision and the sha512 check against the feed stay in the services. The
 * feed and the publisher come from IT's configuration, written where electron-updater reads
 * them, and the staging id from the workstation id, so both sides place the post alike.
 */
export function createElectronUpdateAgent(updater: Updater, options: { userData: string; updates: UpdatesConfig; workstationId: string }): UpdateAgent {
  const dir = join(options.userData, 'updates');
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, 'app-update.yml');
  // JSON is YAML: electron-updater reads it with its YAML loader.
  writeFileSync(configFile, JSON.stringify({ provider: 'generic', url: options.updates.feedUrl, publisherName: options.updates.publisherName, updaterCacheDirName: 'plateau-updater' }));
  writeFileSync(join(options.userData, '.updaterId'), stagingId(options.workstationId));
  updater.updateConfigPath = configFile;
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  // Hold, pin and rollout were decided by the services: electron-updater must not decide again.
  updater.isUserWithinRollout = () => true;
  return {
    canInstall: true,
    async download(offer) {
      const found = (await updater.checkForUpdates())?.updateInfo.version ?? null;
      if (found !== offer.version) throw new Error(`electron-updater found ${found ?? 'nothing'} where ${offer.version} was decided`);
      const files = await updater.downloadUpdate();
      const file = files.find((f) => basename(f) === basename(offer.file.url)) ?? files[0];
      if (!file) throw new Error('electron-updater downloaded nothing');
      return file;
    },
    // Silent, then Plateau starts again on the new version.
    install: () => updater.quitAndInstall(true, true),
    installOnQuit: () => {
      updater.autoInstallOnAppQuit = true;
    },
  };
}
