import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../../shared/api/contract';
import { JOURNAL_FILE_NAME } from '../../../../electron/services/config/workstationConfig';
import type * as FakeElectron from '../../../support/fakeElectron';
import { makeTempDir } from '../../../support/tempDir';
import { createServices } from '../../../../electron/services/composition';
import { signIn, TEST_PASSWORD, TEST_SCRYPT } from '../../../support/operators';
import { testConfig } from '../../../support/testConfig';

type Fake = typeof FakeElectron;

/** electron-updater's autoUpdater as main drives it (electron-updater itself needs the real Electron). */
const fakeAutoUpdater = vi.hoisted(() => ({
  autoDownload: true,
  autoInstallOnAppQuit: true,
  allowDowngrade: true,
  updateConfigPath: null as string | null,
  isUserWithinRollout: null as unknown,
  checkForUpdates: async () => null,
  downloadUpdate: async () => [] as string[],
  quitAndInstall: () => undefined,
}));
vi.mock('electron-updater', () => ({ autoUpdater: fakeAutoUpdater }));

/**
 * electron/main/index.ts runs on import, as in Electron. Each test gets a fresh fake `electron`
 * and a fresh main (vi.resetModules), sets the fake up, imports main, then fires `ready`.
 */
describe('main process start-up', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let savedConfigEnv: string | undefined;

  async function startMain(setup: (fake: Fake) => void): Promise<Fake> {
    vi.resetModules();
    const fake = await import('../../../support/fakeElectron');
    fake.app.userData = join(dir.path, 'userData');
    fake.app.appPath = join(dir.path, 'app');
    setup(fake);
    await import('../../../../electron/main/index');
    return fake;
  }

  function writeConfig(file: string, content: unknown): void {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  }
  const goodConfig = { siteCode: '690', siteName: 'SAMU 69', departement: '69', workstationId: 'poste-3', dataDir: 'data', geo: { banBaseUrl: null } };

  beforeEach(() => {
    dir = makeTempDir();
    savedConfigEnv = process.env.PLATEAU_CONFIG;
    delete process.env.PLATEAU_CONFIG;
  });
  afterEach(() => {
    if (savedConfigEnv === undefined) delete process.env.PLATEAU_CONFIG;
    else process.env.PLATEAU_CONFIG = savedConfigEnv;
    dir.cleanup();
  });

  it('a second instance quits at once and touches nothing', async () => {
    const fake = await startMain((f) => (f.app.gotLock = false));
    await fake.app.makeReady();
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.protocol.privileged).toEqual([]);
    expect(fake.BrowserWindow.created).toEqual([]);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('an invalid configuration is shown in a dialog naming the file, and the app exits 1', async () => {
    const file = join(dir.path, 'bad.json');
    writeConfig(file, { ...goodConfig, departement: '99' });
    process.env.PLATEAU_CONFIG = file;
    const fake = await startMain(() => undefined);
    await fake.app.makeReady();
    expect(fake.dialog.errors).toHaveLength(1);
    expect(fake.dialog.errors[0]!.title).toContain('configuration');
    expect(fake.dialog.errors[0]!.content).toContain(file);
    expect(fake.dialog.errors[0]!.content).toContain('departement');
    expect(fake.app.exitCode).toBe(1);
    expect(fake.BrowserWindow.created).toEqual([]);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it.skipIf(existsSync('/etc/plateau/workstation.json'))('a missing configuration names every place it was looked for', async () => {
    process.env.PLATEAU_CONFIG = join(dir.path, 'nowhere.json');
    const fake = await startMain(() => undefined);
    await fake.app.makeReady();
    expect(fake.dialog.errors[0]!.content).toContain(join(dir.path, 'nowhere.json'));
    expect(fake.dialog.errors[0]!.content).toContain(join(dir.path, 'userData', 'workstation.json'));
    expect(fake.app.exitCode).toBe(1);
  });

  it('with a valid configuration in userData: serves app://, guards permissions, binds IPC, opens the window, closes on quit', async () => {
    writeConfig(join(dir.path, 'userData', 'workstation.json'), goodConfig);
    mkdirSync(join(dir.path, 'userData', 'data'));
    // The first account, as `npm run operator:add` would have created it before the first start.
    const seed = createServices(testConfig(join(dir.path, 'userData', 'data')), { scryptParams: TEST_SCRYPT });
    await signIn(seed, 'ARM');
    seed.close();
    const fake = await startMain(() => undefined);
    // The scheme must be privileged before `ready`, or Chromium ignores it.
    expect(fake.protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    expect(fake.BrowserWindow.created).toEqual([]);

    await fake.app.makeReady();
    expect(fake.dialog.errors).toEqual([]);
    expect(fake.protocol.handlers.has('app')).toBe(true);
    expect(fake.session.defaultSession.requestHandler).not.toBeNull();
    expect(fake.session.defaultSession.checkHandler).not.toBeNull();
    expect(fake.BrowserWindow.created).toHaveLength(1);
    const window = fake.BrowserWindow.created[0]!;
    expect(window.options.webPreferences?.preload).toBe(join(dir.path, 'app', 'out', 'preload', 'index.cjs'));
    expect(window.loaded).toBe('app://plateau/index.html');
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());

    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await expect(fake.ipcMain.invoke('workstation:info', fromWindow, {})).resolves.toMatchObject({ ok: true, value: { siteCode: '690', workstationId: 'poste-3' } });
    // Nobody signed in yet: refused; signed in: saved, and the window told.
    await expect(fake.ipcMain.invoke('dossier:create', fromWindow, { callerPhone: '', motive: 'chute' })).resolves.toMatchObject({ ok: false, error: { code: 'E_UNAUTHENTICATED' } });
    await expect(fake.ipcMain.invoke('auth:login', fromWindow, { login: 'arm', password: TEST_PASSWORD })).resolves.toMatchObject({ ok: true, value: { session: { operator: { role: 'ARM' } } } });
    await expect(fake.ipcMain.invoke('dossier:create', fromWindow, { callerPhone: '', motive: 'chute' })).resolves.toMatchObject({ ok: true });
    expect(window.webContents.sent.map(([channel]) => channel)).toEqual(['dossier:changed']);
    const journal = join(dir.path, 'userData', 'data', JOURNAL_FILE_NAME);
    expect(existsSync(journal)).toBe(true);

    // A development build keeps Electron's default menu (for developers); nothing at stake: closing asks nothing.
    expect(fake.Menu.application).toBeUndefined();
    const closing = fake.cancellableEvent();
    window.emit('close', closing);
    expect(closing.defaultPrevented).toBe(false);
    expect(fake.dialog.messageBoxes).toEqual([]);

    fake.app.emit('window-all-closed');
    expect(fake.app.quitCalls).toBe(1);
    fake.app.emit('will-quit');
    expect(fake.ipcMain.handlers.size).toBe(0);
    // A cleanly closed WAL database leaves no -wal file behind: the journal was closed.
    expect(existsSync(`${journal}-wal`)).toBe(false);
  });

  it.skipIf(existsSync('/etc/plateau/workstation.json'))('packaged: no application menu, the developer tools refused, the screens’ language kept from the last choice for the quit question', async () => {
    writeConfig(join(dir.path, 'userData', 'workstation.json'), { ...goodConfig, language: 'fr' });
    mkdirSync(join(dir.path, 'userData', 'data'));
    writeFileSync(join(dir.path, 'userData', 'data', 'language.json'), JSON.stringify({ language: 'en' }));
    const savedArgv = process.argv;
    try {
      process.argv = [savedArgv[0]!];
      const fake = await startMain((f) => (f.app.isPackaged = true));
      await fake.app.makeReady();
      await vi.waitFor(() => expect(fake.BrowserWindow.created).toHaveLength(1));
      expect(fake.dialog.errors).toEqual([]);
      expect(fake.Menu.application).toBeNull();
      const window = fake.BrowserWindow.created[0]!;
      window.webContents.emit('devtools-opened');
      expect(window.webContents.devToolsClosed).toBe(1);
      const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
      await expect(fake.ipcMain.invoke('workstation:info', fromWindow, {})).resolves.toMatchObject({ ok: true, value: { language: 'en', configuredLanguage: 'fr' } });
      // The page refuses to unload (unsaved work): the question is asked in the chosen language; staying keeps it.
      const unload = fake.cancellableEvent();
      window.webContents.emit('will-prevent-unload', unload);
      expect(unload.defaultPrevented).toBe(false);
      expect(fake.dialog.messageBoxes[0]!.options).toMatchObject({ message: 'A dossier is not saved: quitting loses it.' });
      fake.app.emit('will-quit');
    } finally {
      process.argv = savedArgv;
    }
  });

  it.skipIf(existsSync('/etc/plateau/workstation.json'))('answers an IT tool (--check-config, --verify-journal) before any window, without the single-instance lock', async () => {
    writeConfig(join(dir.path, 'userData', 'workstation.json'), goodConfig);
    const savedArgv = process.argv;
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      process.argv = [savedArgv[0]!, '.', '--check-config'];
      const fake = await startMain((f) => (f.app.gotLock = false));
      await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
      expect(lines.join('\n')).toMatch(/siteCode\s+user\s+"690"/);
      expect(lines.join('\n')).toContain(join(dir.path, 'userData', 'workstation.json'));
      expect(fake.app.quitCalls).toBe(0);

      // Packaged: argv has no app path; the journal named by the configuration does not exist yet.
      lines.length = 0;
      process.argv = [savedArgv[0]!, '--verify-journal'];
      const packaged = await startMain((f) => (f.app.isPackaged = true));
      await vi.waitFor(() => expect(packaged.app.exitCode).toBe(2));
      await packaged.app.makeReady();
      expect(packaged.BrowserWindow.created).toEqual([]);
      expect(packaged.ipcMain.handlers.size).toBe(0);
    } finally {
      process.argv = savedArgv;
      log.mockRestore();
    }
  });

  it.skipIf(existsSync('/etc/plateau/workstation.json'))("with IT's updates section: electron-updater pointed at IT's feed, the status on IPC behind a session, the npm advice in a development build", async () => {
    const updates = { feedUrl: 'https://maj.samu69.example/plateau/', publisherName: ['CN=Editeur Plateau'] };
    writeConfig(join(dir.path, 'userData', 'workstation.json'), goodConfig);
    // Updates are IT's: the user's file cannot set them (the machine-wide file can; PLATEAU_CONFIG in a development build).
    const file = join(dir.path, 'it.json');
    writeConfig(file, { ...goodConfig, dataDir: join(dir.path, 'userData', 'data'), updates });
    process.env.PLATEAU_CONFIG = file;
    mkdirSync(join(dir.path, 'userData', 'data'), { recursive: true });
    const seed = createServices(testConfig(join(dir.path, 'userData', 'data')), { scryptParams: TEST_SCRYPT });
    await signIn(seed, 'ARM');
    seed.close();
    const fake = await startMain((f) => (f.app.version = '1.4.0'));
    await fake.app.makeReady();
    await vi.waitFor(() => expect(fake.BrowserWindow.created).toHaveLength(1));
    expect(fake.dialog.errors).toEqual([]);
    expect(fakeAutoUpdater.updateConfigPath).toBe(join(dir.path, 'userData', 'updates', 'app-update.yml'));
    expect(fakeAutoUpdater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: false });
    const window = fake.BrowserWindow.created[0]!;
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    // Nobody signed in: the status is for a session; the login screen's advice is public.
    await expect(fake.ipcMain.invoke('update:status', fromWindow, {})).resolves.toMatchObject({ ok: false, error: { code: 'E_UNAUTHENTICATED' } });
    await expect(fake.ipcMain.invoke('workstation:info', fromWindow, {})).resolves.toMatchObject({ ok: true, value: { firstAdminCommand: expect.stringContaining('npm run operator:add') } });
    await fake.ipcMain.invoke('auth:login', fromWindow, { login: 'arm', password: TEST_PASSWORD });
    await expect(fake.ipcMain.invoke('update:status', fromWindow, {})).resolves.toMatchObject({ ok: true, value: { state: 'idle', current: '1.4.0', canInstall: true, available: null } });
    fake.app.emit('will-quit');
  });
});
