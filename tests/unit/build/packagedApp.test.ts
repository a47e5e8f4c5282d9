import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuilder } from 'vite';
import { parse } from 'yaml';
import { licensesReport, productionDependencies } from '../../support/thirdPartyLicenses';
import { makeTempDir } from '../../support/tempDir';

/**
 * The package as electron-builder makes it (`--dir`, the unpacked app), built here against a
 * stand-in Electron distribution: the real binary cannot be downloaded on these machines, but
 * electron-builder only copies it and flips its fuses, so a file carrying Electron's fuse wire
 * (sentinel + Electron's default states) lets it do everything it does for a real build. What
 * ships is then read back: the asar, what is unpacked, the fuses in the binary.
 */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar
// integrity off, load only from asar off, browser V8 snapshot off, file:// privileges on.
const ELECTRON_DEFAULT_WIRE = '10110001';
/** @electron/fuses' FuseState (its constants module is not exported): the wire holds '0' or '1'. */
const FuseState = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) } as const;
const ASAR_BUDGET_BYTES = 8 * 1024 * 1024;

describe('the packaged app (electron-builder --dir against a stand-in Electron)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let appDir: string;
  let asar: string[];
  const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

  beforeAll(async () => {
    dir = makeTempDir();
    // The renderer is built by `npm test` before vitest; built here when a developer runs this file alone.
    if (!existsSync('out/renderer/index.html')) {
      const renderer = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'error'], { encoding: 'utf8' });
      if (renderer.status !== 0) throw new Error(`renderer build failed: ${renderer.stderr}`);
    }
    await (await createBuilder({ configFile: 'vite.main.config.ts', logLevel: 'silent' })).buildApp();
    mkdirSync('out/third-party', { recursive: true });
    writeFileSync('out/third-party/NOTICES.txt', licensesReport(productionDependencies(process.cwd())));

    const dist = join(dir.path, 'electron-dist');
    mkdirSync(join(dist, 'resources'), { recursive: true });
    writeFileSync(join(dist, 'electron'), Buffer.concat([Buffer.from(`#!/bin/sh\n# stand-in Electron ${SENTINEL}`), Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]), Buffer.from(ELECTRON_DEFAULT_WIRE), Buffer.from('\n')]), { mode: 0o755 });
    writeFileSync(join(dist, 'LICENSE'), 'stand-in');
    writeFileSync(join(dist, 'version'), 'v45.4.1');
    const output = join(dir.path, 'dist');
    // electron-builder's own command line, in its own process, as `npm run dist` runs it.
    const buildConfig = join(dir.path, 'electron-builder.json');
    writeFileSync(buildConfig, JSON.stringify({ ...config, electronDist: dist, directories: { ...(config.directories as object), output } }));
    const packaged = spawnSync(process.execPath, ['node_modules/electron-builder/cli.js', '--linux', 'dir', '--x64', '--config', buildConfig, '--publish', 'never'], { encoding: 'utf8', timeout: 240_000 });
    if (packaged.status !== 0) throw new Error(`electron-builder failed:\n${packaged.stdout}\n${packaged.stderr}`);
    appDir = join(output, 'linux-unpacked');
    asar = listPackage(join(appDir, 'resources', 'app.asar'), { isPack: false });
  }, 300_000);
  afterAll(() => dir?.cleanup());

  it('ships the built app and better-sqlite3, nothing else from node_modules', () => {
    expect(asar).toEqual(expect.arrayContaining(['/package.json', '/out/main/index.cjs', '/out/preload/index.cjs', '/out/renderer/index.html', '/node_modules/better-sqlite3/lib/index.js']));
    const modules = new Set(asar.map((f) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean));
    expect([...modules]).toEqual(['better-sqlite3']);
  });

  it('ships no source, test, harness or source map', () => {
    const forbidden = asar.filter((f) => /^\/(tests|electron|renderer|shared|build|\.ci)\//.test(f) || /\/harness\//.test(f) || /\.(map|ts|tsx)$/.test(f) || /(^|\/)(vitest|playwright)\b/.test(f));
    expect(forbidden).toEqual([]);
  });

  it(`keeps the asar small (under ${ASAR_BUDGET_BYTES / 1024 / 1024} MB)`, () => {
    const size = statSync(join(appDir, 'resources', 'app.asar')).size;
    console.log(`[package] app.asar: ${(size / 1024 / 1024).toFixed(2)} MB, ${asar.length} entries`);
    expect(size).toBeLessThan(ASAR_BUDGET_BYTES);
  });

  it('unpacks only the native prebuilds (unpacked files escape the asar integrity check)', () => {
    const unpackedRoot = join(appDir, 'resources', 'app.asar.unpacked');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(d, entry.name));
        else files.push(relative(unpackedRoot, join(d, entry.name)));
      }
    };
    walk(unpackedRoot);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !/^node_modules\/better-sqlite3\/prebuilds\/[a-z0-9-]+\.node$/.test(f))).toEqual([]);
    expect(files).toContain('node_modules/better-sqlite3/prebuilds/linux-x64.node');
  });

  it('flips the security fuses in the binary it ships', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'plateau'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });

  it('ships the third-party licences and the runtime resources beside the asar', () => {
    const licences = readFileSync(join(appDir, 'resources', 'third-party', 'NOTICES.txt'), 'utf8');
    expect(licences).toMatch(/^better-sqlite3@\S+ {2}MIT/m);
    expect(licences).toMatch(/^electron-updater@\S+ {2}MIT/m);
    expect(licences).not.toMatch(/^vitest@/m);
    expect(existsSync(join(appDir, 'resources', 'resources'))).toBe(true);
  });
});
