import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createElectronUpdateAgent, packageKind, type Updater } from '../../../../electron/main/updater';
import { stagingId } from '../../../../electron/services/update/updateDecision';
import { makeTempDir } from '../../../support/tempDir';

/** electron-updater's autoUpdater as the glue drives it: what it was set to, and asked. */
function fakeUpdater(found: string | null, files: string[]) {
  const calls: string[] = [];
  const updater = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowDowngrade: true,
    updateConfigPath: null as string | null,
    isUserWithinRollout: (() => false) as Updater['isUserWithinRollout'],
    checkForUpdates: async () => {
      calls.push('check');
      return found === null ? null : ({ updateInfo: { version: found } } as never);
    },
    downloadUpdate: async () => {
      calls.push('download');
      return files;
    },
    quitAndInstall: (silent?: boolean, forceRun?: boolean) => void calls.push(`quitAndInstall(${silent},${forceRun})`),
  };
  return { updater: updater as unknown as Updater & typeof updater, calls };
}

describe('electron-updater glue', () => {
  let dir: ReturnType<typeof makeTempDir>;
  const updates = { feedUrl: 'https://maj.samu69.example/plateau/', checkEveryMinutes: 60, pinVersion: null, hold: false, firstWave: false, publisherName: ['CN=Plateau SAS'] };
  const offer = { version: '1.2.0', feedUrl: updates.feedUrl, file: { url: 'Plateau-Setup-1.2.0.exe', sha512: 'x', size: 1 } };
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.cleanup());

  it("points electron-updater at IT's feed and publisher, with the services' staging id, deciding nothing itself", async () => {
    const { updater } = fakeUpdater('1.2.0', []);
    createElectronUpdateAgent(updater, { userData: dir.path, updates, workstationId: 'arm-03' });
    expect(updater.updateConfigPath).toBe(join(dir.path, 'updates', 'app-update.yml'));
    expect(JSON.parse(readFileSync(updater.updateConfigPath!, 'utf8'))).toEqual({ provider: 'generic', url: updates.feedUrl, publisherName: ['CN=Plateau SAS'], updaterCacheDirName: 'plateau-updater' });
    expect(readFileSync(join(dir.path, '.updaterId'), 'utf8')).toBe(stagingId('arm-03'));
    expect(updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: false });
    expect(await updater.isUserWithinRollout({ version: '1.2.0' } as never)).toBe(true);
  });

  it('downloads only the version the services decided, installs on quit or on request', async () => {
    const { updater, calls } = fakeUpdater('1.2.0', ['/cache/other.blockmap', '/cache/Plateau-Setup-1.2.0.exe']);
    const agent = createElectronUpdateAgent(updater, { userData: dir.path, updates, workstationId: 'arm-03' });
    expect(agent.canInstall).toBe(true);
    await expect(agent.download(offer)).resolves.toBe('/cache/Plateau-Setup-1.2.0.exe');
    agent.installOnQuit('/cache/Plateau-Setup-1.2.0.exe');
    expect(updater.autoInstallOnAppQuit).toBe(true);
    agent.install('/cache/Plateau-Setup-1.2.0.exe');
    expect(calls).toEqual(['check', 'download', 'quitAndInstall(true,true)']);

    const other = fakeUpdater('1.3.0', ['/cache/Plateau-Setup-1.3.0.exe']);
    await expect(createElectronUpdateAgent(other.updater, { userData: dir.path, updates, workstationId: 'arm-03' }).download(offer)).rejects.toThrow(/found 1\.3\.0 where 1\.2\.0 was decided/);
    expect(other.calls).toEqual(['check']);
  });

  it('knows how the copy was installed', () => {
    expect(packageKind('win32', {})).toBe('nsis');
    expect(packageKind('linux', { APPIMAGE: '/opt/Plateau.AppImage' })).toBe('AppImage');
    expect(packageKind('linux', {})).toBe('deb');
  });
});
