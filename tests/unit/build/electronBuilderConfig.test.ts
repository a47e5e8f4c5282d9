import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// electron-builder's own schema check (the one `npm run dist` runs first); no binary involved.
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';

/** What packaging must keep (QUALITY.md, Electron security): checked so that nobody drops it by accident. */
describe('electron-builder.yml', () => {
  const text = readFileSync('electron-builder.yml', 'utf8');
  const config = parse(text) as Record<string, unknown>;

  it('is a configuration electron-builder accepts', async () => {
    await expect(validateConfiguration(config as never, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app for IT', () => {
    expect(config).toMatchObject({ appId: 'fr.sante.plateau', productName: 'Plateau', directories: { output: 'dist', buildResources: 'build' } });
  });

  it('sets the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('never rebuilds native modules, and unpacks only better-sqlite3 prebuilds from the asar', () => {
    expect(config.npmRebuild).toBe(false);
    // An asar, without electron-builder's smart unpack (which would unpack better-sqlite3's JavaScript too).
    expect(config.asar).toEqual({ smartUnpack: false });
    // Unpacked files escape the ASAR integrity check: native binaries only.
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/prebuilds/**']);
  });

  it('ships the built app, not the sources', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']));
    expect((config.files as string[]).some((pattern) => /^(electron|renderer|shared|tests)\b/.test(pattern))).toBe(false);
  });

  it('targets deb, AppImage, a per-machine NSIS installer and a per-machine MSI (GPO) with a fixed upgrade code', () => {
    expect((config.linux as { target: string[] }).target).toEqual(['deb', 'AppImage']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({ perMachine: true });
    expect(config.msi).toMatchObject({ perMachine: true, upgradeCode: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) });
  });

  it('writes the update feed files (latest.yml) without publishing anywhere, and lists what it ships', () => {
    expect(config.publish).toMatchObject({ provider: 'generic' });
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toMatch(/npm run licenses && electron-builder .*--publish never/);
    expect(config.extraResources).toEqual(expect.arrayContaining([{ from: 'out/third-party', to: 'third-party' }]));
  });

  it('holds no signing secret: those come from the environment', () => {
    expect(text).not.toMatch(/password\s*:|cscLink|cscKeyPassword|certificatePassword|certificateFile/i);
  });

  it('points main at the bundled main process', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.cjs');
  });
});
