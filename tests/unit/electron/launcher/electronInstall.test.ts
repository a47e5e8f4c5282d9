import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronMirrorReachable, ensureElectronBinary } from '../../../../electron/launcher/electronInstall';
import { makeTempDir } from '../../../support/tempDir';

describe('npm start fetches the Electron binary on demand', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let installs: string[];
  const pkg = () => join(dir.path, 'node_modules', 'electron');
  /** What electron's install.js leaves behind: path.txt and dist/<executable>. */
  const fakeInstall = (script: string) => {
    installs.push(script);
    mkdirSync(join(pkg(), 'dist'), { recursive: true });
    writeFileSync(join(pkg(), 'path.txt'), 'electron');
    writeFileSync(join(pkg(), 'dist', 'electron'), '');
    chmodSync(join(pkg(), 'dist', 'electron'), 0o755);
    return 0;
  };
  beforeEach(() => {
    dir = makeTempDir();
    installs = [];
    mkdirSync(pkg(), { recursive: true });
    writeFileSync(join(pkg(), 'package.json'), '{}');
    writeFileSync(join(pkg(), 'install.js'), '');
  });
  afterEach(() => dir.cleanup());

  it('runs electron/install.js once when the download server answers, then finds the binary', async () => {
    const binary = await ensureElectronBinary(dir.path, { env: {}, reachable: async () => true, install: fakeInstall });
    expect(binary).toEqual({ present: true, path: join(pkg(), 'dist', 'electron') });
    expect(installs).toEqual([join(pkg(), 'install.js')]);
    await ensureElectronBinary(dir.path, { env: {}, reachable: async () => true, install: fakeInstall });
    expect(installs).toHaveLength(1);
  });

  it('never downloads under CI, with ELECTRON_SKIP_BINARY_DOWNLOAD, or when the server does not answer', async () => {
    expect(await ensureElectronBinary(dir.path, { env: { CI: 'true' }, reachable: async () => true, install: fakeInstall })).toMatchObject({ present: false, reason: expect.stringContaining('CI never downloads it') });
    expect(await ensureElectronBinary(dir.path, { env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, reachable: async () => true, install: fakeInstall })).toMatchObject({ present: false });
    expect(await ensureElectronBinary(dir.path, { env: {}, reachable: async () => false, install: fakeInstall })).toMatchObject({ present: false, reason: expect.stringContaining('does not answer') });
    expect(installs).toEqual([]);
  });

  it('says so when install.js fails', async () => {
    expect(await ensureElectronBinary(dir.path, { env: {}, reachable: async () => true, install: () => 1 })).toMatchObject({ present: false, reason: expect.stringContaining('install.js failed (exit 1)') });
  });

  it('probes the mirror the developer set, and takes an unreachable one as no network', async () => {
    const seen: string[] = [];
    const server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      response.writeHead(302, { location: 'https://elsewhere.example/' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      expect(await electronMirrorReachable({ ELECTRON_MIRROR: `http://127.0.0.1:${port}/electron/` })).toBe(true);
      expect(seen).toEqual(['HEAD /electron/']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await electronMirrorReachable({ ELECTRON_MIRROR: 'http://127.0.0.1:9/' }, fetch, 1000)).toBe(false);
  });
});
