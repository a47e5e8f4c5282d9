import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary, missingBinaryMessage } from '../../../../electron/launcher/electronBinary';
import { makeTempDir } from '../../../support/tempDir';

describe('Electron binary detection', () => {
  let dir: ReturnType<typeof makeTempDir>;
  const pkg = () => join(dir.path, 'node_modules', 'electron');
  const noOverride = {};
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.cleanup());

  function installPackage(): void {
    mkdirSync(pkg(), { recursive: true });
    writeFileSync(join(pkg(), 'package.json'), '{}');
  }
  function placeBinary(folder: string, name = 'electron'): string {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, name), '');
    chmodSync(join(folder, name), 0o755);
    return join(folder, name);
  }

  it('reports a missing package', () => {
    expect(findElectronBinary(dir.path, noOverride)).toMatchObject({ present: false, reason: expect.stringContaining('npm install') });
  });

  it('reports a package whose binary was never fetched, then one whose dist is missing', () => {
    installPackage();
    expect(findElectronBinary(dir.path, noOverride)).toMatchObject({ present: false, reason: expect.stringContaining('path.txt') });
    writeFileSync(join(pkg(), 'path.txt'), 'electron');
    expect(findElectronBinary(dir.path, noOverride)).toMatchObject({ present: false, reason: expect.stringContaining(join('dist', 'electron')) });
  });

  it('finds a downloaded binary under dist, named by path.txt', () => {
    installPackage();
    writeFileSync(join(pkg(), 'path.txt'), 'electron.exe\n');
    const binary = placeBinary(join(pkg(), 'dist'), 'electron.exe');
    expect(findElectronBinary(dir.path, noOverride)).toEqual({ present: true, path: binary });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as electron itself does', () => {
    installPackage();
    const elsewhere = join(dir.path, 'it-build');
    expect(findElectronBinary(dir.path, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toMatchObject({ present: false, reason: expect.stringContaining(elsewhere) });
    const binary = placeBinary(elsewhere);
    expect(findElectronBinary(dir.path, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toEqual({ present: true, path: binary });
  });

  it('tells the user, in French and English, how to get it and points to dev:web', () => {
    const message = missingBinaryMessage('why');
    expect(message).toContain('(why)');
    expect(message).toContain('n’est pas installé');
    expect(message).toContain('is not installed on this machine');
    expect(message).toContain('node node_modules/electron/install.js');
    expect(message).toMatch(/signée[\s\S]*signed build/);
    expect(message.match(/npm run dev:web/g)).toHaveLength(2);
  });

  it('`npm start` on a machine without the binary exits 1 with that message and downloads nothing', () => {
    if (findElectronBinary(process.cwd()).present) return; // a developer workstation with Electron: nothing to check here
    const fetched = () => [existsSync(join('node_modules', 'electron', 'path.txt')), existsSync(join('node_modules', 'electron', 'dist'))];
    const before = fetched();
    // As in CI: the launcher never downloads there (a developer's networked machine would, by design).
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/launcher/start.ts'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, CI: 'true' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run dev:web');
    expect(fetched()).toEqual(before);
  });
});
