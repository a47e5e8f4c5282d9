import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary, missingBinaryMessage } from '../../../../electron/launcher/electronBinary';
import { makeTempDir } from '../../../support/tempDir';

describe('Electron binary detection', () => {
  let dir: ReturnType<typeof makeTempDir>;
  const pkg = () => join(dir.path, 'node_modules', 'electron');
  beforeEach(() => {
    dir = makeTempDir();
    mkdirSync(pkg(), { recursive: true });
    writeFileSync(join(pkg(), 'package.json'), '{}');
  });
  afterEach(() => dir.cleanup());

  it('reports a package without its binary', () => {
    expect(findElectronBinary(dir.path)).toMatchObject({ present: false, reason: expect.stringContaining('path.txt') });
    writeFileSync(join(pkg(), 'path.txt'), 'electron');
    expect(findElectronBinary(dir.path)).toMatchObject({ present: false, reason: expect.stringContaining('dist') });
  });

  it('finds a downloaded binary', () => {
    writeFileSync(join(pkg(), 'path.txt'), 'electron');
    mkdirSync(join(pkg(), 'dist'));
    writeFileSync(join(pkg(), 'dist', 'electron'), '');
    chmodSync(join(pkg(), 'dist', 'electron'), 0o755);
    expect(findElectronBinary(dir.path)).toEqual({ present: true, path: join(pkg(), 'dist', 'electron') });
  });

  it('tells the user how to get it and points to dev:web', () => {
    const message = missingBinaryMessage('x');
    expect(message).toContain('npm run dev:web');
    expect(message).toContain('install.js');
  });

  it('`npm start` on this machine exits 1 with that message and downloads nothing', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/launcher/start.ts'], { encoding: 'utf8', timeout: 30_000 });
    if (findElectronBinary(process.cwd()).present) return; // A developer workstation with Electron: nothing to check here.
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run dev:web');
    expect(findElectronBinary(process.cwd()).present).toBe(false);
  });
});
